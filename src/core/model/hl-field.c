/* hl-field.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-field"

#include "config.h"

#include "hl-field.h"
#include "hl-field-private.h"
#include "hl-text.h"

/*
 * A run builds close to a thousand fields, most of which no one ever
 * expands, so a field is one small object: its children sit in a plain
 * array (none until the first), the field itself is the GListModel of its
 * children, and the hex text of a bytes field is written when first read.
 */

struct _HlField
{
  GObject       parent_instance;
  char         *name;
  char         *value;     /* NULL for a bytes field until read: the hex of @data */
  gsize         offset;
  gsize         length;
  GBytes       *data;
  HlFieldFlags  flags;
  GPtrArray    *children;  /* HlField, NULL while there are none */
  gboolean      listed;    /* handed out as a list model: tell it of changes */
};

static GType
hl_field_get_item_type (GListModel *model)
{
  return HL_TYPE_FIELD;
}

static guint
hl_field_get_n_items (GListModel *model)
{
  HlField *self = (HlField *)model;

  return self->children ? self->children->len : 0;
}

static gpointer
hl_field_get_item (GListModel *model,
                   guint       position)
{
  HlField *self = (HlField *)model;

  if (self->children == NULL || position >= self->children->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->children, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hl_field_get_item_type;
  iface->get_n_items = hl_field_get_n_items;
  iface->get_item = hl_field_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (HlField, hl_field, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
hl_field_finalize (GObject *object)
{
  HlField *self = (HlField *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->children, g_ptr_array_unref);

  G_OBJECT_CLASS (hl_field_parent_class)->finalize (object);
}

static void
hl_field_class_init (HlFieldClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hl_field_finalize;
}

static void
hl_field_init (HlField *self)
{
  self->offset = HL_FIELD_NO_OFFSET;
}

static HlField *
field_new_take (const char *name,
                char       *value,
                gsize       offset,
                gsize       length)
{
  HlField *self = g_object_new (HL_TYPE_FIELD, NULL);

  self->name = g_strdup (name);
  self->value = value;
  self->offset = offset;
  self->length = offset == HL_FIELD_NO_OFFSET ? 0 : length;

  return self;
}

/* Appends @child, whose reference the parent takes over. */
static HlField *
append_take (HlField *parent,
             HlField *child)
{
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (parent->children, child);

  if (parent->listed)
    g_list_model_items_changed (G_LIST_MODEL (parent), parent->children->len - 1, 0, 1);

  return child;
}

/**
 * hl_field_new:
 * @name: what the field is, for a student
 * @value: (nullable): its readable value
 * @offset: where its bytes start in the step's bytes, or %HL_FIELD_NO_OFFSET
 * @length: how many bytes it covers
 *
 * Returns: (transfer full): a new field without children
 */
HlField *
hl_field_new (const char *name,
              const char *value,
              gsize       offset,
              gsize       length)
{
  g_return_val_if_fail (name != NULL, NULL);

  return field_new_take (name, g_strdup (value ? value : ""), offset, length);
}

/**
 * hl_field_new_bytes:
 * @name: what the value is
 * @data: the value
 * @flags: how to show it (secret, recomputed…)
 *
 * A field whose value is bytes of its own rather than bytes of the step;
 * its readable value is their lowercase hex.
 *
 * Returns: (transfer full): a new field
 */
HlField *
hl_field_new_bytes (const char   *name,
                    GBytes       *data,
                    HlFieldFlags  flags)
{
  HlField *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (HL_TYPE_FIELD, NULL);
  self->name = g_strdup (name);
  self->data = g_bytes_ref (data);
  self->flags = flags;

  return self;
}

/**
 * hl_field_append:
 * @parent: a field
 * @child: (transfer none): the field to add under @parent
 */
void
hl_field_append (HlField *parent,
                 HlField *child)
{
  g_return_if_fail (HL_IS_FIELD (parent));
  g_return_if_fail (HL_IS_FIELD (child));

  append_take (parent, g_object_ref (child));
}

/* Builders: a field made before its parts were read (decoding reads a
 * list before it can sum it up) gets its name, value and place here. */
void
hl_field_set_contents (HlField    *self,
                       const char *name,
                       const char *value,
                       gsize       offset,
                       gsize       length)
{
  g_return_if_fail (HL_IS_FIELD (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
  g_free (self->value);
  self->value = g_strdup (value ? value : "");
  self->offset = offset;
  self->length = offset == HL_FIELD_NO_OFFSET ? 0 : length;
}

/* Builders: moves @self and everything under it @delta bytes on, for a
 * tree decoded from bytes that end up behind others in the step (a
 * message behind its record header).  Fields without an offset stay so. */
void
hl_field_move (HlField *self,
               gsize    delta)
{
  g_return_if_fail (HL_IS_FIELD (self));

  if (self->offset != HL_FIELD_NO_OFFSET)
    self->offset += delta;
  for (guint i = 0; self->children != NULL && i < self->children->len; i++)
    hl_field_move (g_ptr_array_index (self->children, i), delta);
}

/* Builders: puts @child before the other children of @parent. */
void
hl_field_prepend (HlField *parent,
                  HlField *child)
{
  g_return_if_fail (HL_IS_FIELD (parent));
  g_return_if_fail (HL_IS_FIELD (child));

  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_insert (parent->children, 0, g_object_ref (child));

  if (parent->listed)
    g_list_model_items_changed (G_LIST_MODEL (parent), 0, 0, 1);
}

/**
 * hl_field_add:
 *
 * Creates a field like hl_field_new() and appends it to @parent.
 *
 * Returns: (transfer none): the new child, owned by @parent
 */
HlField *
hl_field_add (HlField    *parent,
              const char *name,
              const char *value,
              gsize       offset,
              gsize       length)
{
  g_return_val_if_fail (HL_IS_FIELD (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return append_take (parent, field_new_take (name, g_strdup (value ? value : ""), offset, length));
}

/**
 * hl_field_add_printf:
 *
 * Like hl_field_add(), with the value formatted from @format.
 *
 * Returns: (transfer none): the new child, owned by @parent
 */
HlField *
hl_field_add_printf (HlField    *parent,
                     gsize       offset,
                     gsize       length,
                     const char *name,
                     const char *format,
                     ...)
{
  char *value;
  va_list args;

  g_return_val_if_fail (HL_IS_FIELD (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);

  return append_take (parent, field_new_take (name, value, offset, length));
}

/**
 * hl_field_add_bytes:
 *
 * Creates a field like hl_field_new_bytes() and appends it to @parent.
 *
 * Returns: (transfer none): the new child, owned by @parent
 */
HlField *
hl_field_add_bytes (HlField      *parent,
                    const char   *name,
                    GBytes       *data,
                    HlFieldFlags  flags)
{
  g_return_val_if_fail (HL_IS_FIELD (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  return append_take (parent, hl_field_new_bytes (name, data, flags));
}

const char *
hl_field_get_name (HlField *self)
{
  g_return_val_if_fail (HL_IS_FIELD (self), NULL);
  return self->name;
}

const char *
hl_field_get_value (HlField *self)
{
  char *hex;

  g_return_val_if_fail (HL_IS_FIELD (self), NULL);

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
  g_return_val_if_fail (HL_IS_FIELD (self), HL_FIELD_NO_OFFSET);
  return self->offset;
}

gsize
hl_field_get_length (HlField *self)
{
  g_return_val_if_fail (HL_IS_FIELD (self), 0);
  return self->length;
}

/**
 * hl_field_get_data:
 *
 * Returns: (transfer none) (nullable): the field's own bytes, for fields
 *   made with hl_field_new_bytes()
 */
GBytes *
hl_field_get_data (HlField *self)
{
  g_return_val_if_fail (HL_IS_FIELD (self), NULL);
  return self->data;
}

HlFieldFlags
hl_field_get_flags (HlField *self)
{
  g_return_val_if_fail (HL_IS_FIELD (self), 0);
  return self->flags;
}

void
hl_field_set_flags (HlField      *self,
                    HlFieldFlags  flags)
{
  g_return_if_fail (HL_IS_FIELD (self));
  self->flags = flags;
}

/**
 * hl_field_get_children:
 *
 * Returns: (transfer none): a #GListModel of #HlField, possibly empty:
 *   the field itself
 */
GListModel *
hl_field_get_children (HlField *self)
{
  g_return_val_if_fail (HL_IS_FIELD (self), NULL);

  self->listed = TRUE;

  return G_LIST_MODEL (self);
}

guint
hl_field_get_n_children (HlField *self)
{
  g_return_val_if_fail (HL_IS_FIELD (self), 0);
  return self->children ? self->children->len : 0;
}

/**
 * hl_field_get_child:
 *
 * Returns: (transfer none) (nullable): the child at @position
 */
HlField *
hl_field_get_child (HlField *self,
                    guint    position)
{
  g_return_val_if_fail (HL_IS_FIELD (self), NULL);

  if (self->children == NULL || position >= self->children->len)
    return NULL;

  return g_ptr_array_index (self->children, position);
}

/**
 * hl_field_find:
 * @self: a field
 * @name: a child's name
 *
 * Returns: (transfer none) (nullable): the first direct child named @name
 */
HlField *
hl_field_find (HlField    *self,
               const char *name)
{
  g_return_val_if_fail (HL_IS_FIELD (self), NULL);

  for (guint i = 0; self->children != NULL && i < self->children->len; i++)
    {
      HlField *child = g_ptr_array_index (self->children, i);

      if (g_strcmp0 (child->name, name) == 0)
        return child;
    }

  return NULL;
}
