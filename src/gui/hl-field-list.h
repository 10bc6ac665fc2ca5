/* hl-field-list.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlFieldList: fields as a GListModel of HlFieldItem.
 *
 * The fields of a sealed trace never change, so the list never does; its
 * items are made the first time a view asks for them, and kept.
 */

#include <gio/gio.h>

#include "hl-field-item.h"

G_BEGIN_DECLS

#define HL_TYPE_FIELD_LIST (hl_field_list_get_type ())

G_DECLARE_FINAL_TYPE (HlFieldList, hl_field_list, HL, FIELD_LIST, GObject)

/**
 * hl_field_list_new_children:
 * @parent: a field
 *
 * Returns: (transfer full): the children of @parent
 */
HlFieldList *hl_field_list_new_children (HlField *parent);

/**
 * hl_field_list_new_single:
 * @field: a field
 *
 * Returns: (transfer full): a list of @field alone
 */
HlFieldList *hl_field_list_new_single   (HlField *field);

G_END_DECLS
