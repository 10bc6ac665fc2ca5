/* hl-recompute-record.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-recompute"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-decode.h"
#include "hl-recompute-private.h"
#include "hl-text.h"

/* One encrypted record opened with the recomputed keys, with every input
 * of the decryption shown beside the record's bytes. */

/* A field for bytes of the record, showing them as hex. */
static void
add_hex_field (HlField      *parent,
               const char   *id,
               const char   *name,
               const guint8 *body,
               gsize         offset,
               gsize         len)
{
  g_autofree char *hex = hl_text_hex (body + offset, len);

  hl_field_add (parent, id, name, hex, offset, len);
}

static const char *
mode_name (HlCipherMode mode)
{
  switch (mode)
    {
    case HL_CIPHER_GCM:
      return "GCM";
    case HL_CIPHER_CCM:
      return "CCM";
    case HL_CIPHER_CHACHA20_POLY1305:
      return "Poly1305";
    case HL_CIPHER_CBC:
    default:
      return "CBC + HMAC";
    }
}

/* What went into an AEAD record, under @wire (the record's bytes) and
 * @notes (the inputs of the decryption). */
static void
show_aead (Recompute             *rc,
           const HlRecordOpening *o,
           const guint8          *body,
           gsize                  len,
           HlField               *wire,
           HlField               *notes)
{
  const HlSuiteInfo *info = &rc->info;
  g_autoptr(GBytes) nonce_bytes = NULL;
  g_autoptr(GBytes) aad_bytes = NULL;

  if (o->status == HL_RECORD_SHORTER_THAN_NONCE_AND_TAG)
    {
      hl_field_add (notes, "decryption.problem", _("problem"), _("the record is shorter than its nonce and tag"), HL_FIELD_NO_OFFSET, 0);
      return;
    }

  if (info->mode != HL_CIPHER_CHACHA20_POLY1305)
    add_hex_field (wire, "record.explicit_nonce", _("Explicit nonce"), body, 0, o->explicit_len);
  hl_field_add_printf (wire, "record.ciphertext", o->ciphertext_offset, o->ciphertext_len, _("Ciphertext"),
                       g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", o->ciphertext_len),
                       (guint)o->ciphertext_len);
  add_hex_field (wire, "record.tag", _("Authentication tag"), body, len - info->tag_len, info->tag_len);

  nonce_bytes = g_bytes_new (o->nonce, HL_RECORD_NONCE_LEN);
  aad_bytes = g_bytes_new (o->aad, HL_RECORD_AAD_LEN);
  hl_field_add_bytes (notes, "decryption.nonce", info->mode == HL_CIPHER_CHACHA20_POLY1305
                             ? _("nonce = client/server IV ⊕ sequence number")
                             : _("nonce = implicit IV ‖ explicit nonce"),
                      nonce_bytes, HL_FIELD_FLAG_NONE);
  hl_field_add_bytes (notes, "decryption.aad", _("additional data = sequence ‖ type ‖ version ‖ length"),
                      aad_bytes, HL_FIELD_FLAG_NONE);
  hl_field_add (notes, "decryption.tag", _("authentication tag"),
                o->status == HL_RECORD_OPENED ? _("verifies: the record is exactly what the sender encrypted")
                                              : _("does NOT verify: the record was changed, or the keys differ"),
                HL_FIELD_NO_OFFSET, 0);
}

/* What went into a CBC record, as show_aead() does. */
static void
show_cbc (Recompute             *rc,
          const HlRecordOpening *o,
          guint64                seq,
          const guint8          *body,
          HlField               *wire,
          HlField               *notes)
{
  const HlSuiteInfo *info = &rc->info;
  g_autoptr(GBytes) iv_bytes = NULL;

  if (o->status == HL_RECORD_SHORTER_THAN_IV)
    {
      hl_field_add (notes, "decryption.problem", _("problem"), _("the record is shorter than its IV"), HL_FIELD_NO_OFFSET, 0);
      return;
    }

  iv_bytes = g_bytes_new (o->iv, info->block_len);
  if (info->record_iv_len > 0)
    {
      add_hex_field (wire, "record.iv", "IV", body, 0, info->block_len);
      hl_field_add_bytes (notes, "decryption.iv", _("IV (sent in the record)"), iv_bytes, HL_FIELD_FLAG_NONE);
    }
  else
    hl_field_add_bytes (notes, "decryption.iv", seq == 0
                               ? _("IV (from the key block)")
                               : _("IV (the last ciphertext block of the previous record: TLS 1.0's chained IV)"),
                        iv_bytes, HL_FIELD_FLAG_NONE);

  hl_field_add_printf (wire, "record.ciphertext", o->ciphertext_offset, o->ciphertext_len, _("Ciphertext (plaintext ‖ MAC ‖ padding)"),
                       g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", o->ciphertext_len),
                       (guint)o->ciphertext_len);

  if (o->status == HL_RECORD_NOT_WHOLE_BLOCKS)
    {
      hl_field_add (notes, "decryption.problem", _("problem"), _("the ciphertext is not a whole number of blocks"), HL_FIELD_NO_OFFSET, 0);
      return;
    }
  if (o->status == HL_RECORD_BAD_PADDING)
    {
      hl_field_add (notes, "decryption.padding", _("padding"), _("malformed: the record was changed, or the keys differ"),
                    HL_FIELD_NO_OFFSET, 0);
      return;
    }

  hl_field_add_printf (notes, "decryption.padding", HL_FIELD_NO_OFFSET, 0, _("padding"),
                       g_dngettext (GETTEXT_PACKAGE, "%u byte of value %u, plus the length byte",
                                    "%u bytes of value %u, plus the length byte", o->padding),
                       o->padding, o->padding);
  hl_field_add (notes, "decryption.mac", "MAC = HMAC(MAC key, sequence ‖ type ‖ version ‖ length ‖ plaintext)",
                o->status == HL_RECORD_OPENED ? _("verifies: the record is exactly what the sender protected")
                                              : _("does NOT verify: the record was changed, or the keys differ"),
                HL_FIELD_NO_OFFSET, 0);
}

GBytes *
hl_recompute_decrypt (Recompute    *rc,
                      HlActor       sender,
                      const guint8 *header,
                      const guint8 *body,
                      gsize         len,
                      HlField      *wire,
                      HlField      *notes)
{
  guint64 seq = rc->seq[sender];
  g_autofree char *label = g_strdup_printf (_("%s_write_key (recomputed)"),
                                            sender == HL_ACTOR_CLIENT ? "client" : "server");
  HlRecordOpening o;

  hl_record_open (&rc->record_keys[sender], seq, header, body, len, &o);

  hl_field_add_printf (notes, "decryption.sequence_number", HL_FIELD_NO_OFFSET, 0, _("sequence number"), "%" G_GUINT64_FORMAT, seq);
  hl_field_add_printf (notes, "decryption.cipher", HL_FIELD_NO_OFFSET, 0, _("cipher"), "%s, %s", rc->info.cipher,
                       mode_name (rc->info.mode));
  hl_field_add_bytes (notes, "decryption.key", label, rc->keys[sender].key, HL_FIELD_FLAG_SECRET);

  if (rc->info.mode == HL_CIPHER_CBC)
    show_cbc (rc, &o, seq, body, wire, notes);
  else
    show_aead (rc, &o, body, len, wire, notes);

  return o.plaintext;
}

/* The network's step that changed record @index, or NULL. */
static HlStep *
fault_step_of_record (HlTrace *trace,
                      guint    index)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_record (step) == (int)index && hl_step_get_actor (step) == HL_ACTOR_NETWORK)
        return step;
    }

  return NULL;
}

/* A record the network changed is decrypted twice, each where its bytes
 * are shown: the sender's step holds the bytes as sent (they decrypt),
 * the network's step the bytes as delivered, where the receiver's check
 * is made (the tag or the MAC fails).  Both use the same sequence number
 * and, for TLS 1.0 CBC, the same chained IV; what follows continues from
 * the delivered record, as the receiver would. */
static void
decrypt_delivered (Recompute      *rc,
                   const HlRecord *record,
                   guint           index,
                   const guint8   *received,
                   gsize           len)
{
  HlStep *fault = fault_step_of_record (rc->trace, index);
  HlField *fields = fault != NULL ? hl_step_get_fields (fault) : NULL;
  g_autoptr(GBytes) plaintext = NULL;
  HlField *notes;

  if (fields == NULL)
    return;

  notes = hl_field_new_draft (fields, "decryption");
  hl_field_set_contents (notes, _("Decryption of the delivered bytes with the recomputed keys"), NULL,
                         HL_FIELD_NO_OFFSET, 0);
  plaintext = hl_recompute_decrypt (rc, record->sender, received, received + RECORD_HEADER, len - RECORD_HEADER, fields, notes);
  hl_field_append (fields, notes);
  hl_field_set_flags (notes, plaintext != NULL ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);
}

gboolean
hl_recompute_show_tampered (Recompute             *rc,
                            const HlRecord        *record,
                            guint                  index,
                            HlStep                *step,
                            const HlDecodeContext *ctx)
{
  HlRecordKeys keys = rc->record_keys[record->sender];
  gsize len;
  const guint8 *p = g_bytes_get_data (record->bytes, &len);
  g_autoptr(HlField) wire = NULL;
  HlField *notes;
  g_autoptr(GBytes) plaintext = NULL;
  g_autoptr(HlField) decoded = NULL;

  if (record->tampered == NULL)
    return FALSE;

  wire = hl_field_new ("record.protected", _("Protected record"), NULL, 0, len - RECORD_HEADER);
  notes = hl_field_new_draft (wire, "decryption");

  hl_field_set_contents (notes, _("Decryption of the bytes as sent, with the recomputed keys"), NULL,
                         HL_FIELD_NO_OFFSET, 0);
  plaintext = hl_recompute_decrypt (rc, record->sender, p, p + RECORD_HEADER, len - RECORD_HEADER, wire, notes);
  hl_field_append (wire, notes);
  hl_field_set_flags (notes, plaintext != NULL ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);
  if (hl_step_get_header_length (step) > 0)
    hl_decode_prepend_record_header (wire, p);
  hl_step_set_fields (step, wire);

  /* What was sent, decoded; the receiver never read it, so nothing is
   * compared with what it expects. */
  if (plaintext != NULL)
    {
      const guint8 *data = g_bytes_get_data (plaintext, NULL);
      gsize n = g_bytes_get_size (plaintext);

      if (record->content_type == 22)
        decoded = hl_decode_handshake (data, n, ctx);
      else if (record->content_type == 23)
        decoded = hl_decode_application_data (data, n);
      else
        decoded = hl_field_new ("plaintext", _("Plaintext"), NULL, 0, n);
      hl_step_set_plaintext (step, plaintext, decoded);
    }

  rc->record_keys[record->sender] = keys;
  decrypt_delivered (rc, record, index, g_bytes_get_data (record->tampered, NULL), len);
  rc->seq[record->sender]++;
  rc->report.records_failed++;

  return TRUE;
}
