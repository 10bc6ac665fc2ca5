/* hl-field-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * For the core's builders only: front ends see fields as they are.
 *
 * A list or a message is best summed up once its parts are read, yet a
 * field's value is given when it is made.  So its parts are read into a
 * draft, a field of the tree it will join but under no parent yet, which
 * then gets its name, value and place (hl_field_set_contents()) and is
 * appended.  A draft needs no reference of its own: its tree holds it.
 */

#include "hl-field.h"

G_BEGIN_DECLS

/**
 * hl_field_new_draft:
 * @owner: a field of the tree the draft will join
 * @id: the draft's id, a literal
 *
 * Returns: (transfer none): a field of @owner's tree, under no parent,
 *   without name or value yet
 */
HlField *hl_field_new_draft    (HlField    *owner,
                                const char *id);

/**
 * hl_field_set_contents:
 * @self: a field
 * @name: what it is
 * @value: (nullable): its readable value
 * @offset: where its bytes start, or %HL_FIELD_NO_OFFSET
 * @length: how many bytes it covers
 *
 * Gives a field (a draft, or a tree's root) its name, value and place.
 */
void     hl_field_set_contents (HlField    *self,
                                const char *name,
                                const char *value,
                                gsize       offset,
                                gsize       length);

/**
 * hl_field_move:
 * @self: a field
 * @delta: how many bytes on
 *
 * Moves @self and everything under it @delta bytes on, for a tree decoded
 * from bytes that end up behind others in the step (a message behind its
 * record header).  Fields without an offset stay so.
 */
void     hl_field_move         (HlField    *self,
                                gsize       delta);

/**
 * hl_field_prepend:
 * @parent: a field
 * @child: a field, as for hl_field_append()
 *
 * Puts @child before the other children of @parent.
 */
void     hl_field_prepend      (HlField    *parent,
                                HlField    *child);

G_END_DECLS
