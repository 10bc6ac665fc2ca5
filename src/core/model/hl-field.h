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
 * A field has a name ("Cipher suite"), a readable value
 * ("TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C)") and, when it stands for bytes
 * of its step, their offset and length inside hl_step_get_bytes(), so that a
 * hex view can highlight them.  A field may also carry a value of its own as
 * raw bytes (a key, a random) that is not part of the wire bytes: then the
 * readable value is its hex text.  Fields nest: a handshake message holds its
 * header and body fields, an extension list holds its extensions.
 *
 * Fields are built by the core while it records a run and are never changed
 * afterwards.  A field is the GListModel of its children
 * (hl_field_get_children() returns the field itself), so that a tree view
 * can expand it without a model of its own per field.
 */

#include <glib-object.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define HL_FIELD_NO_OFFSET G_MAXSIZE

typedef enum
{
  HL_FIELD_FLAG_NONE   = 0,
  HL_FIELD_FLAG_SECRET = 1 << 0, /* key material an eavesdropper must not see */
  HL_FIELD_FLAG_ERROR  = 1 << 1, /* a decoding problem, named in the value */
  HL_FIELD_FLAG_MATCH  = 1 << 2, /* recomputed independently: matches */
  HL_FIELD_FLAG_DIFFER = 1 << 3, /* recomputed independently: differs */
  HL_FIELD_FLAG_PASS   = 1 << 4, /* a check that passed */
  HL_FIELD_FLAG_FAIL   = 1 << 5, /* a check that failed */
  HL_FIELD_FLAG_NOT_REACHED = 1 << 6, /* a check never made: an earlier one failed */
  HL_FIELD_FLAG_SKIPPED = 1 << 7,     /* a check never made: nothing to check against */
} HlFieldFlags;

#define HL_TYPE_FIELD (hl_field_get_type ())

G_DECLARE_FINAL_TYPE (HlField, hl_field, HL, FIELD, GObject)

HlField      *hl_field_new            (const char   *name,
                                       const char   *value,
                                       gsize         offset,
                                       gsize         length);
HlField      *hl_field_new_bytes      (const char   *name,
                                       GBytes       *data,
                                       HlFieldFlags  flags);
HlField      *hl_field_add            (HlField      *parent,
                                       const char   *name,
                                       const char   *value,
                                       gsize         offset,
                                       gsize         length);
HlField      *hl_field_add_printf     (HlField      *parent,
                                       gsize         offset,
                                       gsize         length,
                                       const char   *name,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (5, 6);
HlField      *hl_field_add_bytes      (HlField      *parent,
                                       const char   *name,
                                       GBytes       *data,
                                       HlFieldFlags  flags);
void          hl_field_append         (HlField      *parent,
                                       HlField      *child);
const char   *hl_field_get_name       (HlField      *self);
const char   *hl_field_get_value      (HlField      *self);
gsize         hl_field_get_offset     (HlField      *self);
gsize         hl_field_get_length     (HlField      *self);
GBytes       *hl_field_get_data       (HlField      *self);
HlFieldFlags  hl_field_get_flags      (HlField      *self);
void          hl_field_set_flags      (HlField      *self,
                                       HlFieldFlags  flags);
GListModel   *hl_field_get_children   (HlField      *self);
guint         hl_field_get_n_children (HlField      *self);
HlField      *hl_field_get_child      (HlField      *self,
                                       guint         position);
HlField      *hl_field_find           (HlField      *self,
                                       const char   *name);

G_END_DECLS
