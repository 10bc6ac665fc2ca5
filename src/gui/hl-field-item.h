/* hl-field-item.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlFieldItem: a field as an item of a list model.
 *
 * Fields are no objects (hl-field.h); the tree view of the Message panel
 * wants objects.  An item holds a reference to its field (and so to the
 * field's tree), and is made only when a view asks for it.
 */

#include <glib-object.h>

#include "hl-field.h"

G_BEGIN_DECLS

#define HL_TYPE_FIELD_ITEM (hl_field_item_get_type ())

G_DECLARE_FINAL_TYPE (HlFieldItem, hl_field_item, HL, FIELD_ITEM, GObject)

/**
 * hl_field_item_new:
 * @field: a field
 *
 * Returns: (transfer full): an item that holds @field
 */
HlFieldItem *hl_field_item_new       (HlField     *field);

/**
 * hl_field_item_get_field:
 * @self: an item
 *
 * Returns: (transfer none): its field
 */
HlField     *hl_field_item_get_field (HlFieldItem *self);

G_END_DECLS
