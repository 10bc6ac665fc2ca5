/* hl-field-item.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-field-item"

#include "config.h"

#include "hl-field-item.h"

struct _HlFieldItem
{
  GObject  parent_instance;
  HlField *field;
};

G_DEFINE_FINAL_TYPE (HlFieldItem, hl_field_item, G_TYPE_OBJECT)

static void
hl_field_item_finalize (GObject *object)
{
  HlFieldItem *self = (HlFieldItem *)object;

  g_clear_pointer (&self->field, hl_field_unref);

  G_OBJECT_CLASS (hl_field_item_parent_class)->finalize (object);
}

static void
hl_field_item_class_init (HlFieldItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hl_field_item_finalize;
}

static void
hl_field_item_init (HlFieldItem *self)
{
}

HlFieldItem *
hl_field_item_new (HlField *field)
{
  HlFieldItem *self;

  g_return_val_if_fail (field != NULL, NULL);

  self = g_object_new (HL_TYPE_FIELD_ITEM, NULL);
  self->field = hl_field_ref (field);

  return self;
}

HlField *
hl_field_item_get_field (HlFieldItem *self)
{
  g_return_val_if_fail (HL_IS_FIELD_ITEM (self), NULL);

  return self->field;
}
