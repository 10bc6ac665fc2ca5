/* hl-field.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-field"

#include "config.h"

#include <string.h>

#include "hl-field.h"
#include "hl-field-private.h"
#include "hl-text.h"

/*
 * A run makes some 800 fields and frees them all at once with its trace,
 * and most are never read.  Making each a GObject (and a string or two of
 * its own) cost as much as the rest of the lab's work on a run, and
 * freeing them as much again.  So the fields of a tree are carved out of
 * a few blocks that the tree owns: a field is a pointer bump, its strings
 * are copied next to it, and the tree's last reference frees a handful of
 * blocks.  The hex text of a bytes field, which only a reader needs, is
 * written when first read.
 */

#define FIRST_BLOCK_SIZE 1024
#define MAX_BLOCK_SIZE   (64 * 1024)
#define FIRST_CHILDREN   4

typedef struct _Block Block;
struct _Block
{
  Block *next;
};

/* A singly linked list, its nodes in the tree's blocks. */
typedef struct _Link Link;
struct _Link
{
  Link     *next;
  gpointer  data;
};

typedef struct
{
  gatomicrefcount  ref;
  guint8          *pos;          /* the free part of the newest block */
  guint8          *end;
  gsize            next_size;
  Block           *blocks;       /* newest first; the tree sits in the last */
  Link            *kept_trees;   /* other trees whose fields were appended here */
  Link            *bytes_fields; /* fields whose data (and hex) to free */
} Tree;

struct _HlField
{
  Tree         *tree;
  const char   *id;
  const char   *name;
  char         *value;       /* NULL in a bytes field until read: the hex of @data */
  gsize         offset;
  gsize         length;
  GBytes       *data;
  HlField     **children;
  guint         n_children;
  guint         n_allocated;
  HlFieldFlags  flags;
};

G_DEFINE_BOXED_TYPE (HlField, hl_field, hl_field_ref, hl_field_unref)

#define ALIGNED(n) (((n) + 7) & ~(gsize)7)

static gpointer
tree_alloc (Tree  *tree,
            gsize  size)
{
  gpointer p;

  size = ALIGNED (size);
  if ((gsize)(tree->end - tree->pos) < size)
    {
      gsize block_size = MAX (tree->next_size, ALIGNED (sizeof (Block)) + size);
      Block *block = g_malloc (block_size);

      block->next = tree->blocks;
      tree->blocks = block;
      tree->pos = (guint8 *)block + ALIGNED (sizeof (Block));
      tree->end = (guint8 *)block + block_size;
      tree->next_size = MIN (tree->next_size * 2, MAX_BLOCK_SIZE);
    }

  p = tree->pos;
  tree->pos += size;

  return p;
}

static const char *
tree_strdup (Tree       *tree,
             const char *text)
{
  gsize len;
  char *copy;

  if (text == NULL || text[0] == '\0')
    return "";

  len = strlen (text) + 1;
  copy = tree_alloc (tree, len);
  memcpy (copy, text, len);

  return copy;
}

static void
tree_keep (Tree     *tree,
           Link    **list,
           gpointer  data)
{
  Link *link = tree_alloc (tree, sizeof (Link));

  link->data = data;
  link->next = *list;
  *list = link;
}

static Tree *
tree_new (void)
{
  Block *first = g_malloc (FIRST_BLOCK_SIZE);
  /* g_malloc() aligns for any type; ALIGNED() keeps the 8 bytes a Tree needs. */
  Tree *tree = (Tree *)(gpointer)((guint8 *)first + ALIGNED (sizeof (Block)));

  first->next = NULL;
  g_atomic_ref_count_init (&tree->ref);
  tree->blocks = first;
  tree->pos = (guint8 *)tree + ALIGNED (sizeof (Tree));
  tree->end = (guint8 *)first + FIRST_BLOCK_SIZE;
  tree->next_size = FIRST_BLOCK_SIZE * 2;
  tree->kept_trees = NULL;
  tree->bytes_fields = NULL;

  return tree;
}

static void
tree_unref (Tree *tree)
{
  Block *block;

  if (!g_atomic_ref_count_dec (&tree->ref))
    return;

  for (Link *l = tree->bytes_fields; l != NULL; l = l->next)
    {
      HlField *field = l->data;

      g_bytes_unref (field->data);
      g_free (field->value);
    }
  for (Link *l = tree->kept_trees; l != NULL; l = l->next)
    tree_unref (l->data);

  /* The tree itself is in the oldest block, freed last. */
  block = tree->blocks;
  while (block != NULL)
    {
      Block *next = block->next;

      g_free (block);
      block = next;
    }
}

static HlField *
field_new_in (Tree       *tree,
              const char *id,
              const char *name,
              const char *value,
              gsize       offset,
              gsize       length)
{
  HlField *self = tree_alloc (tree, sizeof (HlField));

  self->tree = tree;
  self->id = id;
  self->name = tree_strdup (tree, name);
  self->value = (char *)tree_strdup (tree, value);
  self->offset = offset;
  self->length = offset == HL_FIELD_NO_OFFSET ? 0 : length;
  self->data = NULL;
  self->children = NULL;
  self->n_children = 0;
  self->n_allocated = 0;
  self->flags = HL_FIELD_FLAG_NONE;

  return self;
}

static HlField *
bytes_field_new_in (Tree         *tree,
                    const char   *id,
                    const char   *name,
                    GBytes       *data,
                    HlFieldFlags  flags)
{
  HlField *self = field_new_in (tree, id, name, NULL, HL_FIELD_NO_OFFSET, 0);

  self->value = NULL;
  self->data = g_bytes_ref (data);
  self->flags = flags;
  tree_keep (tree, &tree->bytes_fields, self);

  return self;
}

/* Makes room for one more child of @parent, at @position. */
static void
insert_child (HlField *parent,
              HlField *child,
              guint    position)
{
  if (parent->n_children == parent->n_allocated)
    {
      guint n = parent->n_allocated ? parent->n_allocated * 2 : FIRST_CHILDREN;
      HlField **children = tree_alloc (parent->tree, n * sizeof (HlField *));

      if (parent->n_children > 0)
        memcpy (children, parent->children, parent->n_children * sizeof (HlField *));
      parent->children = children;
      parent->n_allocated = n;
    }

  memmove (parent->children + position + 1, parent->children + position,
           (parent->n_children - position) * sizeof (HlField *));
  parent->children[position] = child;
  parent->n_children++;

  if (child->tree != parent->tree)
    {
      g_atomic_ref_count_inc (&child->tree->ref);
      tree_keep (parent->tree, &parent->tree->kept_trees, child->tree);
    }
}

HlField *
hl_field_new (const char *id,
              const char *name,
              const char *value,
              gsize       offset,
              gsize       length)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return field_new_in (tree_new (), id, name, value, offset, length);
}

HlField *
hl_field_new_bytes (const char   *id,
                    const char   *name,
                    GBytes       *data,
                    HlFieldFlags  flags)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  return bytes_field_new_in (tree_new (), id, name, data, flags);
}

HlField *
hl_field_ref (HlField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->tree->ref);

  return self;
}

void
hl_field_unref (HlField *self)
{
  g_return_if_fail (self != NULL);

  tree_unref (self->tree);
}

HlField *
hl_field_new_draft (HlField    *owner,
                    const char *id)
{
  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return field_new_in (owner->tree, id, NULL, NULL, HL_FIELD_NO_OFFSET, 0);
}

void
hl_field_append (HlField *parent,
                 HlField *child)
{
  g_return_if_fail (parent != NULL);
  g_return_if_fail (child != NULL);

  insert_child (parent, child, parent->n_children);
}

void
hl_field_prepend (HlField *parent,
                  HlField *child)
{
  g_return_if_fail (parent != NULL);
  g_return_if_fail (child != NULL);

  insert_child (parent, child, 0);
}

void
hl_field_set_contents (HlField    *self,
                       const char *name,
                       const char *value,
                       gsize       offset,
                       gsize       length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (self->data == NULL);

  /* The old strings stay in the tree's blocks until the tree goes: a
   * draft is named once, a root at most twice. */
  self->name = tree_strdup (self->tree, name);
  self->value = (char *)tree_strdup (self->tree, value);
  self->offset = offset;
  self->length = offset == HL_FIELD_NO_OFFSET ? 0 : length;
}

void
hl_field_move (HlField *self,
               gsize    delta)
{
  g_return_if_fail (self != NULL);

  if (self->offset != HL_FIELD_NO_OFFSET)
    self->offset += delta;
  for (guint i = 0; i < self->n_children; i++)
    hl_field_move (self->children[i], delta);
}

HlField *
hl_field_add (HlField    *parent,
              const char *id,
              const char *name,
              const char *value,
              gsize       offset,
              gsize       length)
{
  HlField *child;

  g_return_val_if_fail (parent != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  child = field_new_in (parent->tree, id, name, value, offset, length);
  insert_child (parent, child, parent->n_children);

  return child;
}

HlField *
hl_field_add_printf (HlField    *parent,
                     const char *id,
                     gsize       offset,
                     gsize       length,
                     const char *name,
                     const char *format,
                     ...)
{
  g_autofree char *long_value = NULL;
  char value[256];
  va_list args;
  int n;

  g_return_val_if_fail (parent != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  /* Most values are short: formatted on the stack, copied into the tree. */
  va_start (args, format);
  n = g_vsnprintf (value, sizeof value, format, args);
  va_end (args);

  if (n >= (int)sizeof value)
    {
      va_start (args, format);
      long_value = g_strdup_vprintf (format, args);
      va_end (args);
    }

  return hl_field_add (parent, id, name, long_value ? long_value : value, offset, length);
}

HlField *
hl_field_add_bytes (HlField      *parent,
                    const char   *id,
                    const char   *name,
                    GBytes       *data,
                    HlFieldFlags  flags)
{
  HlField *child;

  g_return_val_if_fail (parent != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  child = bytes_field_new_in (parent->tree, id, name, data, flags);
  insert_child (parent, child, parent->n_children);

  return child;
}

const char *
hl_field_get_id (HlField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

gboolean
hl_field_has_id (HlField    *self,
                 const char *id)
{
  return self != NULL && g_str_equal (self->id, id);
}

const char *
hl_field_get_name (HlField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

const char *
hl_field_get_value (HlField *self)
{
  char *hex;

  g_return_val_if_fail (self != NULL, NULL);

  if G_LIKELY (self->value != NULL)
    return self->value;

  /* A bytes field, read for the first time; readers may be on several
   * threads, and the text is the same whoever writes it first. */
  hex = hl_text_hex_bytes (self->data);
  if (!g_atomic_pointer_compare_and_exchange (&self->value, NULL, hex))
    g_free (hex);

  return self->value;
}

gsize
hl_field_get_offset (HlField *self)
{
  g_return_val_if_fail (self != NULL, HL_FIELD_NO_OFFSET);

  return self->offset;
}

gsize
hl_field_get_length (HlField *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

GBytes *
hl_field_get_data (HlField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

HlFieldFlags
hl_field_get_flags (HlField *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->flags;
}

void
hl_field_set_flags (HlField      *self,
                    HlFieldFlags  flags)
{
  g_return_if_fail (self != NULL);

  self->flags = flags;
}

guint
hl_field_get_n_children (HlField *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_children;
}

HlField *
hl_field_get_child (HlField *self,
                    guint    position)
{
  g_return_val_if_fail (self != NULL, NULL);

  return position < self->n_children ? self->children[position] : NULL;
}

HlField *
hl_field_get_child_by_id (HlField    *self,
                          const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->n_children; i++)
    if (g_str_equal (self->children[i]->id, id))
      return self->children[i];

  return NULL;
}

HlField *
hl_field_lookup (HlField    *self,
                 const char *path)
{
  HlField *field = self;
  const char *segment = path;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  while (field != NULL && *segment != '\0')
    {
      const char *slash = strchr (segment, '/');
      gsize len = slash ? (gsize)(slash - segment) : strlen (segment);
      HlField *found = NULL;

      for (guint i = 0; i < field->n_children && found == NULL; i++)
        if (strncmp (field->children[i]->id, segment, len) == 0 && field->children[i]->id[len] == '\0')
          found = field->children[i];

      field = found;
      segment += len + (slash != NULL);
    }

  return field;
}
