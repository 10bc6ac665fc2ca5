/* hl-field-list.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-field-list"

#include "config.h"

#include "hl-field-list.h"

struct _HlFieldList
{
  GObject       parent_instance;
  HlField      *parent;   /* the children's parent; NULL for a single field */
  HlField      *single;
  guint         n_items;
  HlFieldItem **items;    /* made when asked for */
};

static GType
hl_field_list_get_item_type (GListModel *model)
{
  return HL_TYPE_FIELD_ITEM;
}

static guint
hl_field_list_get_n_items (GListModel *model)
{
  return HL_FIELD_LIST (model)->n_items;
}

static gpointer
hl_field_list_get_item (GListModel *model,
                        guint       position)
{
  HlFieldList *self = HL_FIELD_LIST (model);

  if (position >= self->n_items)
    return NULL;

  if (self->items[position] == NULL)
    self->items[position] = hl_field_item_new (self->single ? self->single
                                                            : hl_field_get_child (self->parent, position));

  return g_object_ref (self->items[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hl_field_list_get_item_type;
  iface->get_n_items = hl_field_list_get_n_items;
  iface->get_item = hl_field_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (HlFieldList, hl_field_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
hl_field_list_finalize (GObject *object)
{
  HlFieldList *self = (HlFieldList *)object;

  for (guint i = 0; i < self->n_items; i++)
    g_clear_object (&self->items[i]);
  g_free (self->items);
  g_clear_pointer (&self->parent, hl_field_unref);
  g_clear_pointer (&self->single, hl_field_unref);

  G_OBJECT_CLASS (hl_field_list_parent_class)->finalize (object);
}

static void
hl_field_list_class_init (HlFieldListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hl_field_list_finalize;
}

static void
hl_field_list_init (HlFieldList *self)
{
}

HlFieldList *
hl_field_list_new_children (HlField *parent)
{
  HlFieldList *self;

  g_return_val_if_fail (parent != NULL, NULL);

  self = g_object_new (HL_TYPE_FIELD_LIST, NULL);
  self->parent = hl_field_ref (parent);
  self->n_items = hl_field_get_n_children (parent);
  self->items = g_new0 (HlFieldItem *, self->n_items);

  return self;
}

HlFieldList *
hl_field_list_new_single (HlField *field)
{
  HlFieldList *self;

  g_return_val_if_fail (field != NULL, NULL);

  self = g_object_new (HL_TYPE_FIELD_LIST, NULL);
  self->single = hl_field_ref (field);
  self->n_items = 1;
  self->items = g_new0 (HlFieldItem *, 1);

  return self;
}
