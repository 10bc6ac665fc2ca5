/* hl-recompute.c
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
#include "hl-engine-private.h"
#include "hl-keys.h"
#include "hl-names.h"
#include "hl-record-cipher.h"
#include "hl-recompute.h"
#include "hl-text.h"
#include "hl-transcript.h"

#define MASTER_SECRET_LEN 48
#define VERIFY_DATA_LEN   12
#define RECORD_HEADER     5
#define HANDSHAKE_HEADER  4

/* One direction's keys, cut from a recomputed key block. */
typedef struct
{
  GBytes *mac_key;
  GBytes *key;
  GBytes *iv;
} DirectionKeys;

typedef struct
{
  HlTrace      *trace;
  guint         connection;       /* which connection of the run */
  GBytes       *resumed[2];       /* the previous connection's recomputed master secrets */
  HlSuiteInfo   info;
  guint         version;
  HlKeysReport  report;
  GBytes       *master[2];        /* recomputed, per side */
  DirectionKeys keys[2];          /* recomputed write keys of each side, from that side's secrets */
  HlRecordKeys  record_keys[2];   /* … as the record ciphers take them */
  guint64       seq[2];
  HlTranscript *transcript;       /* the handshake hash each side computed */
  GByteArray   *given[2];         /* application data each sender's engine was given */
  gsize         app_offset[2];    /* how much of it the decrypted records covered */
  GArray       *prf_calls;        /* PrfCall: what the PRF gave in this connection */
} Recompute;

typedef struct
{
  GBytes     *secret;
  const char *label;
  GBytes     *seed_a;
  GBytes     *seed_b;
  GBytes     *out;
} PrfCall;

static void
prf_call_clear (gpointer data)
{
  PrfCall *call = data;

  g_bytes_unref (call->secret);
  g_bytes_unref (call->seed_a);
  g_clear_pointer (&call->seed_b, g_bytes_unref);
  g_bytes_unref (call->out);
}

static gboolean
same_bytes (GBytes *a,
            GBytes *b)
{
  return a == b || (a != NULL && b != NULL && g_bytes_equal (a, b));
}

/* hl_prf_bytes() with the connection's PRF.  Both sides usually hold the
 * same secrets and saw the same randoms and messages: the PRF runs once
 * on the same inputs, and each side's value is compared with its result. */
static GBytes *
prf (Recompute  *rc,
     GBytes     *secret,
     const char *label,
     GBytes     *seed_a,
     GBytes     *seed_b,
     gsize       out_len)
{
  PrfCall call;

  for (guint i = 0; i < rc->prf_calls->len; i++)
    {
      PrfCall *done = &g_array_index (rc->prf_calls, PrfCall, i);

      if (strcmp (done->label, label) == 0 && g_bytes_get_size (done->out) == out_len &&
          same_bytes (done->secret, secret) && same_bytes (done->seed_a, seed_a) && same_bytes (done->seed_b, seed_b))
        return g_bytes_ref (done->out);
    }

  call.secret = g_bytes_ref (secret);
  call.label = label;
  call.seed_a = g_bytes_ref (seed_a);
  call.seed_b = seed_b ? g_bytes_ref (seed_b) : NULL;
  call.out = hl_prf_bytes (rc->info.prf, secret, label, seed_a, seed_b, out_len);
  g_array_append_val (rc->prf_calls, call);

  return g_bytes_ref (call.out);
}

static void
direction_keys_clear (DirectionKeys *k)
{
  g_clear_pointer (&k->mac_key, g_bytes_unref);
  g_clear_pointer (&k->key, g_bytes_unref);
  g_clear_pointer (&k->iv, g_bytes_unref);
}

/* Marks, in every step of @side, the fields that show @captured (the very
 * bytes the engine hook stored) as matching @recomputed or not, and adds
 * the recomputed value under them. */
static void
mark_value (Recompute  *rc,
            HlActor     side,
            GBytes     *captured,
            GBytes     *recomputed,
            const char *id,
            const char *how)
{
  gboolean match;

  if (captured == NULL || recomputed == NULL)
    return;

  match = g_bytes_equal (captured, recomputed);
  rc->report.values_checked++;
  if (!match)
    rc->report.values_differ++;

  for (guint i = 0; i < hl_trace_get_n_steps (rc->trace); i++)
    {
      HlStep *step = hl_trace_get_step (rc->trace, i);
      HlField *fields = hl_step_get_fields (step);

      if (hl_step_get_actor (step) != side || fields == NULL || hl_step_is_message (step))
        continue;

      for (guint j = 0; j < hl_field_get_n_children (fields); j++)
        {
          HlField *field = hl_field_get_child (fields, j);
          HlFieldFlags verdict = match ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER;

          if (hl_field_get_data (field) != captured)
            continue;

          hl_field_set_flags (field, hl_field_get_flags (field) | verdict);
          hl_field_add_bytes (field, id, how, recomputed,
                              (hl_field_get_flags (field) & HL_FIELD_FLAG_SECRET) | verdict);
        }
    }
}

static void
add_key_parts (Recompute *rc,
               HlActor    side,
               GBytes    *key_block)
{
  static const char * const names[] = {
    "client_write_MAC_key", "server_write_MAC_key",
    "client_write_key", "server_write_key",
    "client_write_IV", "server_write_IV",
  };
  static const char * const ids[G_N_ELEMENTS (names)] = {
    "keys.client_write_mac_key", "keys.server_write_mac_key",
    "keys.client_write_key", "keys.server_write_key",
    "keys.client_write_iv", "keys.server_write_iv",
  };
  gsize sizes[6];
  gsize offset = 0;
  GBytes *parts[6];

  sizes[0] = sizes[1] = rc->info.mac_len;
  sizes[2] = sizes[3] = rc->info.key_len;
  sizes[4] = sizes[5] = rc->info.fixed_iv_len;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      parts[i] = g_bytes_new_from_bytes (key_block, offset, sizes[i]);
      offset += sizes[i];
    }

  /* Each side writes with its own keys: the client's are read by the
   * server and the other way round. */
  rc->keys[side].mac_key = g_bytes_ref (parts[side == HL_ACTOR_CLIENT ? 0 : 1]);
  rc->keys[side].key = g_bytes_ref (parts[side == HL_ACTOR_CLIENT ? 2 : 3]);
  rc->keys[side].iv = g_bytes_ref (parts[side == HL_ACTOR_CLIENT ? 4 : 5]);

  /* Show the split under the key block field of the side's steps. */
  for (guint i = 0; i < hl_trace_get_n_steps (rc->trace); i++)
    {
      HlStep *step = hl_trace_get_step (rc->trace, i);
      HlField *fields = hl_step_get_fields (step);
      HlSecrets *secrets = hl_trace_get_connection_secrets (rc->trace, rc->connection, side);

      if (hl_step_get_actor (step) != side || fields == NULL || hl_step_is_message (step))
        continue;

      for (guint j = 0; j < hl_field_get_n_children (fields); j++)
        {
          HlField *field = hl_field_get_child (fields, j);

          if (hl_field_get_data (field) != secrets->key_block)
            continue;

          for (guint k = 0; k < G_N_ELEMENTS (names); k++)
            if (sizes[k] > 0)
              {
                g_autofree char *label = g_strdup_printf ("%s (%" G_GSIZE_FORMAT ")", names[k], sizes[k]);

                hl_field_add_bytes (field, ids[k], label, parts[k], HL_FIELD_FLAG_SECRET);
              }
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_bytes_unref (parts[i]);
}

static void
recompute_side (Recompute *rc,
                HlActor    side)
{
  HlSecrets *s = hl_trace_get_connection_secrets (rc->trace, rc->connection, side);
  g_autoptr(GBytes) key_block = NULL;
  gsize block_len = hl_keys_key_block_length (&rc->info);

  if (s->client_random == NULL || s->server_random == NULL)
    return;

  if (s->pre_master_secret != NULL && (rc->connection == 0 || rc->resumed[side] == NULL))
    {
      rc->master[side] = prf (rc, s->pre_master_secret, "master secret",
                              s->client_random, s->server_random, MASTER_SECRET_LEN);
      mark_value (rc, side, s->master_secret, rc->master[side], "keys.recomputed",
                  _("recomputed: PRF(pre-master secret, …)"));
    }
  else if (rc->resumed[side] != NULL)
    {
      /* An abbreviated handshake derives no master secret: it resumes
       * the one recomputed for the session's first connection. */
      rc->master[side] = g_bytes_ref (rc->resumed[side]);
      mark_value (rc, side, s->master_secret, rc->master[side], "keys.recomputed",
                  _("the first connection's master secret, as recomputed there"));
    }
  else
    return;

  /* The PRF is a stream: compare as many bytes as the engine expanded,
   * use as many as the suite consumes. */
  key_block = prf (rc, rc->master[side], "key expansion", s->server_random, s->client_random,
                   MAX (block_len, s->key_block ? g_bytes_get_size (s->key_block) : 0));
  mark_value (rc, side, s->key_block, key_block, "keys.recomputed",
              _("recomputed: PRF(master secret, \"key expansion\", …)"));

  add_key_parts (rc, side, key_block);
}

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

/* Decrypts one record body with the recomputed keys of @sender.  Returns
 * the plaintext, or NULL when the tag, MAC or padding does not verify;
 * @wire gets the fields of the protected record, @notes what went into
 * the decryption. */
static GBytes *
decrypt (Recompute    *rc,
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

static HlStep *
step_of_record (HlTrace *trace,
                guint    index)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_record (step) == (int)index && hl_step_is_message (step))
        return step;
    }

  return NULL;
}

/* The Finished @sender sent, recomputed twice: as the sender made it (its
 * master secret over its hash of the messages) and as the receiver
 * expects it (its own master secret over its own hash), named for what
 * they are; the step says why they agree or differ. */
static void
check_finished (Recompute *rc,
                HlStep    *step,
                HlActor    sender,
                GBytes    *plaintext,
                HlField   *decoded)
{
  const char *label = sender == HL_ACTOR_CLIENT ? "client finished" : "server finished";
  const char *hash_name = hl_transcript_hash_name (rc->transcript);
  HlActor receiver = sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
  g_autoptr(GBytes) sender_hash = hl_transcript_hash (rc->transcript, sender == HL_ACTOR_CLIENT);
  g_autoptr(GBytes) receiver_hash = hl_transcript_hash (rc->transcript, receiver == HL_ACTOR_CLIENT);
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(HlField) hashed = NULL;
  g_autofree char *list = NULL;
  g_autofree char *title = NULL;
  gboolean same_hash = g_bytes_equal (sender_hash, receiver_hash);
  gboolean same_master, verifies;
  gsize hashed_len;
  const char *why;
  g_autofree char *explanation = NULL;

  /* Translators: %s is "client" or "server" */
  title = g_strdup_printf (_("Handshake messages as the %s hashed them"), hl_engine_side_name (sender));
  hashed = hl_field_new ("finished.transcript", title, NULL, HL_FIELD_NO_OFFSET, 0);
  list = hl_transcript_describe (rc->transcript, &hashed_len);
  hl_field_add (hashed, "finished.transcript.messages", _("messages, in wire order"), list, HL_FIELD_NO_OFFSET, 0);
  hl_field_add_printf (hashed, "finished.transcript.length", HL_FIELD_NO_OFFSET, 0, _("bytes hashed"), "%u", (guint)hashed_len);
  hl_field_add_bytes (hashed, "finished.transcript.hash", hash_name, sender_hash, HL_FIELD_FLAG_NONE);
  hl_field_append (decoded, hashed);

  if (!same_hash)
    {
      g_autofree char *name = g_strdup_printf (_("%s of the messages as the %s received them"),
                                               hash_name, hl_engine_side_name (receiver));

      hl_field_add_bytes (decoded, "finished.receiver_hash", name, receiver_hash, HL_FIELD_FLAG_DIFFER);
    }

  if (g_bytes_get_size (plaintext) != HANDSHAKE_HEADER + VERIFY_DATA_LEN)
    return;

  sent = g_bytes_new_from_bytes (plaintext, HANDSHAKE_HEADER, VERIFY_DATA_LEN);

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      HlSecrets *s = hl_trace_get_connection_secrets (rc->trace, rc->connection, side);
      GBytes *engine_value = sender == HL_ACTOR_CLIENT ? s->client_verify_data : s->server_verify_data;
      g_autoptr(GBytes) value = NULL;
      g_autofree char *name = NULL;
      gboolean match;

      if (rc->master[side] == NULL)
        continue;

      /* Each side hashes the messages as it saw them. */
      value = prf (rc, rc->master[side], label, side == sender ? sender_hash : receiver_hash, NULL, VERIFY_DATA_LEN);
      mark_value (rc, side, engine_value, value, "keys.recomputed",
                  _("recomputed: PRF(master secret, label, hash of the messages)"));

      match = g_bytes_equal (value, sent);
      if (side == sender)
        name = g_strdup_printf (_("verify_data the %s computed: PRF(%s's master secret, label, %s's hash)"),
                                hl_engine_side_name (side), hl_engine_side_name (side), hl_engine_side_name (side));
      else
        name = g_strdup_printf (_("verify_data the %s expects: PRF(%s's master secret, label, %s's hash)"),
                                hl_engine_side_name (side), hl_engine_side_name (side), hl_engine_side_name (side));
      hl_field_add_bytes (decoded, side == sender ? "finished.computed" : "finished.expected", name, value,
                          match ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);
      rc->report.values_checked++;
      if (!match)
        rc->report.values_differ++;
      if (side == receiver)
        expected = g_bytes_ref (value);
    }

  if (expected == NULL || rc->master[sender] == NULL)
    return;

  same_master = g_bytes_equal (rc->master[sender], rc->master[receiver]);
  verifies = g_bytes_equal (expected, sent);
  hl_step_add_claim (step, HL_CLAIM_SAME_TRANSCRIPT, same_hash);
  hl_step_add_claim (step, HL_CLAIM_SAME_MASTER_SECRET, same_master);
  hl_step_add_claim (step, HL_CLAIM_FINISHED_VERIFIES, verifies);

  if (verifies && same_hash && same_master)
    why = sender == HL_ACTOR_CLIENT
          ? _("Here the server expects exactly the verify_data that was sent: both sides hashed the same messages "
              "and hold the same master secret.")
          : _("Here the client expects exactly the verify_data that was sent: both sides hashed the same messages "
              "and hold the same master secret.");
  else if (!verifies && same_master && !same_hash)
    why = sender == HL_ACTOR_CLIENT
          ? _("Here the server expects another value: both sides hold the same master secret, but the server hashed "
              "other handshake bytes than the client, because a message was changed on the way. Same keys, "
              "different transcripts.")
          : _("Here the client expects another value: both sides hold the same master secret, but the client hashed "
              "other handshake bytes than the server, because a message was changed on the way. Same keys, "
              "different transcripts.");
  else if (!verifies && !same_master && same_hash)
    why = sender == HL_ACTOR_CLIENT
          ? _("Here the server expects another value: both sides hashed the same messages, but their master secrets "
              "differ.")
          : _("Here the client expects another value: both sides hashed the same messages, but their master secrets "
              "differ.");
  else if (!verifies && !same_master && !same_hash)
    why = _("Here the receiver expects another value: both the master secrets and the hashed messages differ.");
  else
    why = verifies ? _("Here the receiver expects exactly the verify_data that was sent.")
                   : _("Here the receiver expects another value.");

  explanation = g_strdup_printf ("%s %s", hl_step_get_explanation (step), why);
  hl_step_set_explanation (step, explanation);
}

static void
recompute_records (Recompute *rc)
{
  HlDecodeContext ctx = { rc->version, hl_trace_get_cipher_suite (rc->trace) };

  for (guint i = 0; i < hl_trace_get_n_records (rc->trace); i++)
    {
      const HlRecord *record = hl_trace_get_record (rc->trace, i);
      const guint8 *p;
      const guint8 *received;
      gsize len;
      HlStep *step;
      g_autoptr(GBytes) plaintext = NULL;
      g_autoptr(HlField) wire = NULL;
      g_autoptr(HlField) decoded = NULL;
      HlField *notes;

      if (record->connection != rc->connection)
        continue;

      p = g_bytes_get_data (record->bytes, &len);
      /* The receiver's view: what the network delivered. */
      received = record->tampered ? g_bytes_get_data (record->tampered, NULL) : p;

      if (record->given != NULL)
        g_byte_array_append (rc->given[record->sender], g_bytes_get_data (record->given, NULL),
                             g_bytes_get_size (record->given));

      if (!record->encrypted)
        {
          if (record->content_type == 22)
            hl_transcript_add (rc->transcript, record->sender == HL_ACTOR_CLIENT, p + RECORD_HEADER,
                               received + RECORD_HEADER, len - RECORD_HEADER);
          continue;
        }

      step = step_of_record (rc->trace, i);
      if (step == NULL || rc->keys[record->sender].key == NULL)
        continue;

      wire = hl_field_new ("record.protected", _("Protected record"), NULL, 0, len - RECORD_HEADER);
      notes = hl_field_new_draft (wire, "decryption");
      hl_field_set_contents (notes, _("Decryption with the recomputed keys"), NULL, HL_FIELD_NO_OFFSET, 0);
      plaintext = decrypt (rc, record->sender, received, received + RECORD_HEADER, len - RECORD_HEADER, wire, notes);
      hl_field_append (wire, notes);
      rc->seq[record->sender]++;
      if (hl_step_get_header_length (step) > 0)
        hl_decode_prepend_record_header (wire, p);
      hl_step_set_fields (step, wire);

      if (plaintext == NULL)
        {
          rc->report.records_failed++;
          hl_field_set_flags (notes, HL_FIELD_FLAG_DIFFER);
          continue;
        }

      rc->report.records_decrypted++;
      hl_field_set_flags (notes, HL_FIELD_FLAG_MATCH);

      switch (record->content_type)
        {
        case 22:
          decoded = hl_decode_handshake (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext), &ctx);
          check_finished (rc, step, record->sender, plaintext, decoded);
          hl_transcript_add (rc->transcript, record->sender == HL_ACTOR_CLIENT, g_bytes_get_data (plaintext, NULL),
                             g_bytes_get_data (plaintext, NULL),
                             g_bytes_get_size (plaintext));
          break;

        case 21:
          {
            const guint8 *a = g_bytes_get_data (plaintext, NULL);

            decoded = hl_decode_alert (a, g_bytes_get_size (plaintext));
            if (g_bytes_get_size (plaintext) == 2 && hl_alert_name (a[1]) != NULL)
              {
                g_autofree char *title = g_strdup_printf (_("Alert: %s (encrypted)"), hl_alert_name (a[1]));

                hl_step_set_title (step, title);
              }
          }
          break;

        case 23:
          {
            GByteArray *given = rc->given[record->sender];
            gsize n = g_bytes_get_size (plaintext);
            gsize at = rc->app_offset[record->sender];
            gboolean same;
            g_autofree char *what = NULL;

            /* One write to the engine can leave in several records (BearSSL
             * splits 1/n-1 on TLS 1.0 CBC against BEAST): compare with the
             * same stretch of everything the sender was given. */
            same = at + n <= given->len && memcmp (given->data + at, g_bytes_get_data (plaintext, NULL), n) == 0;
            rc->app_offset[record->sender] += n;
            what = g_strdup_printf (_("bytes %u to %u of what the sender's engine was given"),
                                    (guint)at, (guint)(at + n));

            decoded = hl_decode_application_data (g_bytes_get_data (plaintext, NULL), n);
            hl_step_add_claim (step, HL_CLAIM_PLAINTEXT_INTACT, same);
            hl_field_add (decoded, "app.comparison", what, same ? _("identical") : _("different"), HL_FIELD_NO_OFFSET, 0);
            hl_field_set_flags (hl_field_get_child (decoded, hl_field_get_n_children (decoded) - 1),
                                same ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);
            rc->report.values_checked++;
            if (!same)
              rc->report.values_differ++;
          }
          break;

        default:
          decoded = hl_field_new ("plaintext", _("Plaintext"), NULL, 0, g_bytes_get_size (plaintext));
          break;
        }

      hl_step_set_plaintext (step, plaintext, decoded);
    }
}

/* One connection: both sides' keys, then its records in wire order. */
static void
recompute_connection (Recompute *rc)
{
  rc->transcript = hl_transcript_new (rc->info.prf);
  rc->prf_calls = g_array_new (FALSE, FALSE, sizeof (PrfCall));
  g_array_set_clear_func (rc->prf_calls, prf_call_clear);
  rc->given[HL_ACTOR_CLIENT] = g_byte_array_new ();
  rc->given[HL_ACTOR_SERVER] = g_byte_array_new ();

  recompute_side (rc, HL_ACTOR_CLIENT);
  recompute_side (rc, HL_ACTOR_SERVER);

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      HlRecordKeys *keys = &rc->record_keys[side];

      if (rc->keys[side].key == NULL)
        continue;
      keys->info = &rc->info;
      keys->key = g_bytes_get_data (rc->keys[side].key, NULL);
      keys->fixed_iv = g_bytes_get_data (rc->keys[side].iv, NULL);
      keys->mac_key = g_bytes_get_data (rc->keys[side].mac_key, NULL);
      if (rc->info.mode == HL_CIPHER_CBC && rc->info.fixed_iv_len > 0)
        memcpy (keys->chained_iv, keys->fixed_iv, rc->info.block_len);
    }

  recompute_records (rc);

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      direction_keys_clear (&rc->keys[side]);
      g_byte_array_unref (rc->given[side]);
    }
  g_array_unref (rc->prf_calls);
  hl_transcript_free (rc->transcript);
}

HlKeysReport
hl_recompute_keys (HlTrace *trace)
{
  HlKeysReport report = { 0 };
  GBytes *resumed[2] = { NULL, NULL };
  guint version;

  g_return_val_if_fail (HL_IS_TRACE (trace), report);
  g_return_val_if_fail (!hl_trace_is_sealed (trace), report);

  version = hl_trace_get_version (trace);

  for (guint c = 0; c < hl_trace_get_n_connections (trace); c++)
    {
      Recompute rc = { 0 };

      rc.trace = trace;
      rc.connection = c;
      rc.version = version;
      rc.resumed[HL_ACTOR_CLIENT] = resumed[HL_ACTOR_CLIENT];
      rc.resumed[HL_ACTOR_SERVER] = resumed[HL_ACTOR_SERVER];
      if (version == 0 || !hl_keys_suite_info (version, hl_trace_get_cipher_suite (trace), &rc.info))
        break;

      recompute_connection (&rc);

      report.values_checked += rc.report.values_checked;
      report.values_differ += rc.report.values_differ;
      report.records_decrypted += rc.report.records_decrypted;
      report.records_failed += rc.report.records_failed;

      for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
        {
          g_clear_pointer (&resumed[side], g_bytes_unref);
          resumed[side] = rc.master[side];
        }
    }

  g_clear_pointer (&resumed[HL_ACTOR_CLIENT], g_bytes_unref);
  g_clear_pointer (&resumed[HL_ACTOR_SERVER], g_bytes_unref);

  return report;
}
