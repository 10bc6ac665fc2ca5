/* hl-field.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlField: one named part of a step, for a student to read.
 *
 * A field has a stable id ("x509.subject", "chain.check.validity",
 * "keys.master_secret"), a name for a student ("Cipher suite", translated),
 * a readable value ("TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C)") and, when
 * it stands for bytes of its step, their offset and length inside
 * hl_step_get_bytes(), so that a hex view can highlight them.  A field may
 * also carry a value of its own as raw bytes (a key, a random) that is not
 * part of the wire bytes: then the readable value is its hex text.  Fields
 * nest: a handshake message holds its header and body fields, an extension
 * list holds its extensions.
 *
 * Code finds a field by its id (hl_field_get_child_by_id(),
 * hl_field_lookup()), never by its name: names are translated and may be
 * reworded.  Ids are lowercase words joined by dots, the first word naming
 * the module that made the field: "record.", "handshake.", "hello.",
 * "ext.", "certificate.", "ske.", "cke.", "cr.", "cv.", "finished.",
 * "alert.", "ccs.", "app.", "http.", "der.", "decode." and, for the DER
 * of a certificate, "x509." (hl-decode.h); "compute.", "keys.",
 * "decryption.", "fault." and "eavesdropper." (hl-engine.h); "chain." and
 * "x509." (hl-chain.h).  Each module's header
 * lists the ids it makes.  The JSON trace does not carry them (its
 * members are names and values), so an id may be renamed together with
 * the code that looks it up.
 *
 * Fields are built by the core while it records a run and never change
 * once the trace is sealed.  A run makes close to a thousand of them, so
 * a field is no object of its own: the fields of one tree live together in
 * one block of memory, which the tree's last reference frees, and a
 * reference to any field keeps its whole tree.  Appending a field of
 * another tree makes the parent's tree keep that tree too.
 */

#include <glib-object.h>

G_BEGIN_DECLS

#define HL_FIELD_NO_OFFSET G_MAXSIZE

/**
 * HlFieldFlags:
 * @HL_FIELD_FLAG_NONE: nothing special
 * @HL_FIELD_FLAG_SECRET: key material an eavesdropper must not see
 * @HL_FIELD_FLAG_ERROR: a decoding problem, named in the value
 * @HL_FIELD_FLAG_MATCH: recomputed independently: matches
 * @HL_FIELD_FLAG_DIFFER: recomputed independently: differs
 * @HL_FIELD_FLAG_PASS: a check that passed
 * @HL_FIELD_FLAG_FAIL: a check that failed
 * @HL_FIELD_FLAG_NOT_REACHED: a check never made: an earlier one failed
 * @HL_FIELD_FLAG_SKIPPED: a check never made: nothing to check against
 * @HL_FIELD_FLAG_BELOW_GUIDANCE: a check the TLS stack passed, on something
 *   current guidance calls too weak (an RSA key under 2048 bits)
 */
typedef enum
{
  HL_FIELD_FLAG_NONE        = 0,
  HL_FIELD_FLAG_SECRET      = 1 << 0,
  HL_FIELD_FLAG_ERROR       = 1 << 1,
  HL_FIELD_FLAG_MATCH       = 1 << 2,
  HL_FIELD_FLAG_DIFFER      = 1 << 3,
  HL_FIELD_FLAG_PASS        = 1 << 4,
  HL_FIELD_FLAG_FAIL        = 1 << 5,
  HL_FIELD_FLAG_NOT_REACHED = 1 << 6,
  HL_FIELD_FLAG_SKIPPED     = 1 << 7,
  HL_FIELD_FLAG_BELOW_GUIDANCE = 1 << 8,
} HlFieldFlags;

typedef struct _HlField HlField;

#define HL_TYPE_FIELD (hl_field_get_type ())

/**
 * hl_field_get_type:
 *
 * Returns: the #GType of #HlField, a boxed type whose copy takes a
 *   reference (hl_field_ref()) and whose free drops one
 */
GType         hl_field_get_type       (void) G_GNUC_CONST;

/**
 * hl_field_new:
 * @id: (not nullable): the field's id, a string that lives as long as the
 *   program (a literal)
 * @name: what the field is, for a student
 * @value: (nullable): its readable value; %NULL for ""
 * @offset: where its bytes start in the step's bytes, or
 *   %HL_FIELD_NO_OFFSET
 * @length: how many bytes it covers
 *
 * Makes the root of a new tree.
 *
 * Returns: (transfer full): a new field without children
 */
HlField      *hl_field_new            (const char   *id,
                                       const char   *name,
                                       const char   *value,
                                       gsize         offset,
                                       gsize         length);

/**
 * hl_field_new_bytes:
 * @id: the field's id, a literal
 * @name: what the value is
 * @data: the value
 * @flags: how to show it (secret, recomputed…)
 *
 * Makes the root of a new tree whose value is bytes of its own rather
 * than bytes of the step; its readable value is their lowercase hex.
 *
 * Returns: (transfer full): a new field
 */
HlField      *hl_field_new_bytes      (const char   *id,
                                       const char   *name,
                                       GBytes       *data,
                                       HlFieldFlags  flags);

/**
 * hl_field_ref:
 * @self: a field
 *
 * Returns: (transfer full): @self; its whole tree stays alive
 */
HlField      *hl_field_ref            (HlField      *self);

/**
 * hl_field_unref:
 * @self: (transfer full): a field
 *
 * Drops a reference to @self's tree, freeing it with the last one.
 */
void          hl_field_unref          (HlField      *self);

/**
 * hl_field_add:
 * @parent: a field
 * @id: the new field's id, a literal
 * @name: what it is
 * @value: (nullable): its readable value
 * @offset: where its bytes start, or %HL_FIELD_NO_OFFSET
 * @length: how many bytes it covers
 *
 * Creates a field like hl_field_new() and appends it to @parent, in
 * @parent's tree.
 *
 * Returns: (transfer none): the new child
 */
HlField      *hl_field_add            (HlField      *parent,
                                       const char   *id,
                                       const char   *name,
                                       const char   *value,
                                       gsize         offset,
                                       gsize         length);

/**
 * hl_field_add_printf:
 * @parent: a field
 * @id: the new field's id, a literal
 * @offset: where its bytes start, or %HL_FIELD_NO_OFFSET
 * @length: how many bytes it covers
 * @name: what it is
 * @format: printf() format of its value
 * @...: the format's arguments
 *
 * Like hl_field_add(), with the value formatted from @format.
 *
 * Returns: (transfer none): the new child
 */
HlField      *hl_field_add_printf     (HlField      *parent,
                                       const char   *id,
                                       gsize         offset,
                                       gsize         length,
                                       const char   *name,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (6, 7);

/**
 * hl_field_add_bytes:
 * @parent: a field
 * @id: the new field's id, a literal
 * @name: what the value is
 * @data: the value
 * @flags: how to show it
 *
 * Creates a field like hl_field_new_bytes() and appends it to @parent.
 *
 * Returns: (transfer none): the new child
 */
HlField      *hl_field_add_bytes      (HlField      *parent,
                                       const char   *id,
                                       const char   *name,
                                       GBytes       *data,
                                       HlFieldFlags  flags);

/**
 * hl_field_append:
 * @parent: a field
 * @child: a field of another tree, or of none yet (a draft of @parent's
 *   tree, hl-field-private.h); not an ancestor of @parent
 *
 * Appends @child under @parent.  When @child belongs to another tree,
 * @parent's tree keeps that tree alive.
 */
void          hl_field_append         (HlField      *parent,
                                       HlField      *child);

/**
 * hl_field_get_id:
 * @self: a field
 *
 * Returns: the field's stable id, e.g. "x509.subject"
 */
const char   *hl_field_get_id         (HlField      *self);

/**
 * hl_field_has_id:
 * @self: (nullable): a field
 * @id: an id
 *
 * Returns: whether @self is a field of that id
 */
gboolean      hl_field_has_id         (HlField      *self,
                                       const char   *id);

/**
 * hl_field_get_name:
 * @self: a field
 *
 * Returns: what the field is, in the user's language
 */
const char   *hl_field_get_name       (HlField      *self);

/**
 * hl_field_get_value:
 * @self: a field
 *
 * Returns: its readable value, "" for none; for a bytes field the hex of
 *   its bytes, written when first asked for (from any thread)
 */
const char   *hl_field_get_value      (HlField      *self);

/**
 * hl_field_get_offset:
 * @self: a field
 *
 * Returns: where its bytes start in the step's bytes, or
 *   %HL_FIELD_NO_OFFSET for a field that stands for no bytes of the step
 */
gsize         hl_field_get_offset     (HlField      *self);

/**
 * hl_field_get_length:
 * @self: a field
 *
 * Returns: how many bytes of the step it covers; 0 without an offset
 */
gsize         hl_field_get_length     (HlField      *self);

/**
 * hl_field_get_data:
 * @self: a field
 *
 * Returns: (transfer none) (nullable): the field's own bytes, for fields
 *   made with hl_field_new_bytes() or hl_field_add_bytes()
 */
GBytes       *hl_field_get_data       (HlField      *self);

/**
 * hl_field_get_flags:
 * @self: a field
 *
 * Returns: how to show it
 */
HlFieldFlags  hl_field_get_flags      (HlField      *self);

/**
 * hl_field_set_flags:
 * @self: a field of a trace not yet sealed
 * @flags: how to show it
 */
void          hl_field_set_flags      (HlField      *self,
                                       HlFieldFlags  flags);

/**
 * hl_field_get_n_children:
 * @self: a field
 *
 * Returns: how many fields are under @self
 */
guint         hl_field_get_n_children (HlField      *self);

/**
 * hl_field_get_child:
 * @self: a field
 * @position: from 0
 *
 * Returns: (transfer none) (nullable): the child at @position, or %NULL
 *   past the last
 */
HlField      *hl_field_get_child      (HlField      *self,
                                       guint         position);

/**
 * hl_field_get_child_by_id:
 * @self: a field
 * @id: an id
 *
 * Returns: (transfer none) (nullable): the first direct child of that id
 */
HlField      *hl_field_get_child_by_id (HlField     *self,
                                       const char   *id);

/**
 * hl_field_lookup:
 * @self: a field
 * @path: ids separated by "/": "x509.certificate/chain.checks"
 *
 * Follows @path down from @self, taking at each level the first child of
 * the id.
 *
 * Returns: (transfer none) (nullable): the field at the end of @path
 */
HlField      *hl_field_lookup         (HlField      *self,
                                       const char   *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlField, hl_field_unref)

G_END_DECLS
