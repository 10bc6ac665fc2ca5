/* hl-engine-attacks.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-engine-private.h"
#include "hl-keys.h"
#include "hl-names.h"
#include "hl-prf.h"

/*
 * The lessons' attackers: the network that flips a byte of one record,
 * and the eavesdropper who kept every byte and, years later, steals the
 * server's private key.
 */

void
hl_engine_tamper (HlSide    *side,
                  HlPending *pending)
{
  HlEngine *self = side->engine;
  HlActor sender;
  guint record, offset;
  guint8 mask;
  const char *description;
  g_autoptr(GByteArray) changed = NULL;
  g_autoptr(HlField) fields = NULL;
  g_autofree char *explanation = NULL;
  gsize len;
  guint8 before;
  HlStep *step;

  if (!hl_scenario_get_tamper (self->scenario, &sender, &record, &offset, &mask, &description) ||
      sender != side->actor || record != pending->number)
    return;

  len = g_bytes_get_size (pending->bytes);
  if (RECORD_HEADER + offset >= len)
    {
      self->tamper_short = TRUE;
      self->tamper_body = len - RECORD_HEADER;
      return;
    }
  self->tampered = TRUE;

  changed = g_byte_array_sized_new (len);
  g_byte_array_append (changed, g_bytes_get_data (pending->bytes, NULL), len);
  before = changed->data[RECORD_HEADER + offset];
  changed->data[RECORD_HEADER + offset] ^= mask;

  g_bytes_unref (pending->bytes);
  pending->bytes = g_bytes_new (changed->data, changed->len);
  hl_trace_set_record_tampered (self->trace, pending->index, pending->bytes);

  /* The record as the receiver gets it, header and all, like the
   * sender's step shows it as sent. */
  fields = hl_field_new ("fault.record", _("Tampered record"), NULL, 0, len - RECORD_HEADER);
  hl_field_add_printf (fields, "fault.changed_byte", offset, 1, _("changed byte"), _("byte %u of the fragment (%u of the record): %02x → %02x"),
                       offset, RECORD_HEADER + offset, before, before ^ mask);
  hl_decode_prepend_record_header (fields, changed->data);

  explanation = g_strdup_printf (_("%s%sThe network flips bits of byte %u of the fragment of record %u from the %s, "
                                   "after its 5-byte header (%02x → %02x). Nothing in the record itself tells the "
                                   "receiver."),
                                 description ? description : "", description ? " " : "",
                                 offset, pending->number, hl_engine_side_name (side->actor), before, before ^ mask);

  step = hl_step_new (HL_ACTOR_NETWORK, HL_STEP_FAULT,
                      pending->steps->len > 0 ? hl_step_get_story (g_ptr_array_index (pending->steps, 0)) : self->story,
                      _("The network tampers with a record"));
  hl_step_set_explanation (step, explanation);
  hl_step_set_bytes (step, pending->bytes);
  hl_step_set_header_length (step, RECORD_HEADER);
  hl_step_set_fields (step, fields);
  hl_step_set_record (step, pending->index);
  hl_step_set_verdict (step, HL_VERDICT_FAILED);
  hl_engine_append_step (self, step);
  g_object_unref (step);
}

void
hl_engine_note_missed_tamper (HlEngine *self)
{
  HlActor sender;
  guint record, offset;
  guint8 mask;
  const char *description;
  g_autofree char *explanation = NULL;
  HlStep *step;

  if (self->tampered ||
      !hl_scenario_get_tamper (self->scenario, &sender, &record, &offset, &mask, &description))
    return;

  if (self->tamper_short)
    explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the body of that record has only %u byte: nothing was "
                                                "changed.",
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the body of that record has only %u bytes: nothing was "
                                                "changed.",
                                                self->tamper_body),
                                   offset, record, hl_engine_side_name (sender), (guint)self->tamper_body);
  else
    explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the %s sent only %u record: nothing was changed.",
                                                "The network was to flip bits of byte %u of record %u from the "
                                                "%s, but the %s sent only %u records: nothing was changed.",
                                                self->sides[sender].records_sent),
                                   offset, record, hl_engine_side_name (sender), hl_engine_side_name (sender),
                                   self->sides[sender].records_sent);

  step = hl_step_new (HL_ACTOR_NETWORK, HL_STEP_FAULT, self->story, _("The network’s fault never happened"));
  hl_step_set_explanation (step, explanation);
  hl_engine_append_step (self, step);
  g_object_unref (step);
}

/* Record now, decrypt later: someone kept every byte of the run and, one
 * day, gets the server's private key.  With RSA key exchange that key
 * opens the ClientKeyExchange, and from there the whole session; with
 * (EC)DHE it opens nothing.  Everything here is computed from the wire
 * bytes and the stolen key alone. */
static HlStep *
find_wire (HlTrace *trace,
           HlActor  sender,
           int      handshake_type)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_actor (step) == sender && hl_step_get_handshake_type (step) == handshake_type &&
          !hl_step_get_encrypted (step))
        return step;
    }

  return NULL;
}

/* What the eavesdropper recorded, and what it makes of it. */
typedef struct
{
  HlEngine     *engine;
  HlKey        *key;            /* the stolen key */
  const char   *suite;
  const char   *description;    /* the lesson's words for the attack, or NULL */
  GBytes       *client_random;  /* as recorded in the hellos */
  GBytes       *server_random;
  const guint8 *exchange;       /* the ClientKeyExchange, its 4-byte header first */
  gsize         exchange_len;
  HlField      *fields;
  HlStep       *step;
} Recording;

/* The master secret from a recovered pre-master secret and the recorded
 * randoms; sets *@same when it is the session's. */
static GBytes *
recompute_master (Recording *rec,
                  GBytes    *pms,
                  gboolean  *same)
{
  HlTrace *trace = rec->engine->trace;
  HlSecrets *truth = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  GBytes *master = hl_prf_bytes (hl_prf_for_suite (hl_trace_get_version (trace), hl_trace_get_cipher_suite (trace)),
                                 pms, "master secret", rec->client_random, rec->server_random, MASTER_SECRET_LEN);

  *same = truth->master_secret != NULL && g_bytes_equal (master, truth->master_secret);

  return master;
}

/* The key block from the recomputed master secret and the recorded
 * randoms, as many bytes as the session's engines expanded, marked as
 * the session's or not. */
static void
add_key_block (Recording *rec,
               GBytes    *master)
{
  HlTrace *trace = rec->engine->trace;
  HlSecrets *truth = hl_trace_get_secrets (trace, HL_ACTOR_CLIENT);
  HlSuiteInfo info;
  g_autoptr(GBytes) block = NULL;
  gboolean same;

  if (!hl_keys_suite_info (hl_trace_get_version (trace), hl_trace_get_cipher_suite (trace), &info))
    return;

  block = hl_prf_bytes (info.prf, master, "key expansion", rec->server_random, rec->client_random,
                        truth->key_block != NULL ? g_bytes_get_size (truth->key_block) : hl_keys_key_block_length (&info));
  same = truth->key_block != NULL && g_bytes_equal (block, truth->key_block);
  hl_field_add_bytes (rec->fields, "eavesdropper.key_block", _("key block = PRF(master secret, \"key expansion\", randoms)"),
                      block, HL_FIELD_FLAG_SECRET | (same ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER));
}

/* The recorded application data, which the session's keys open. */
static void
add_readable_records (Recording *rec)
{
  HlTrace *trace = rec->engine->trace;

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *s = hl_trace_get_step (trace, i);
      GBytes *plain = hl_step_get_plaintext (s);

      if (hl_step_get_kind (s) == HL_STEP_APPLICATION_DATA && plain != NULL)
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));

          hl_field_add (rec->fields, "eavesdropper.recording", hl_step_get_actor (s) == HL_ACTOR_CLIENT ? _("recorded request, now readable")
                                                                               : _("recorded response, now readable"),
                        text, HL_FIELD_NO_OFFSET, 0);
        }
    }
}

/* RSA key exchange: the stolen key decrypts the recorded pre-master
 * secret.  Returns: (transfer full) (nullable): the explanation, or NULL
 * when the recorded message does not fit the key. */
static char *
eavesdrop_rsa (Recording *rec)
{
  const br_rsa_private_key *sk = hl_key_get_rsa (rec->key);
  const guint8 *msg = rec->exchange;
  gsize len = rec->exchange_len;
  gsize modulus = (sk->n_bitlen + 7) / 8;
  g_autofree guint8 *block = g_malloc0 (MAX (modulus, len - 6));
  g_autoptr(GBytes) encrypted = g_bytes_new (msg + 6, len - 6);
  g_autoptr(GBytes) pms = NULL;
  g_autoptr(GBytes) master = NULL;
  gboolean same;

  if (len - 6 != modulus)
    return NULL;

  memcpy (block, msg + 6, modulus);
  br_rsa_private_get_default () (block, sk);
  pms = g_bytes_new (block + modulus - MASTER_SECRET_LEN, MASTER_SECRET_LEN);
  master = recompute_master (rec, pms, &same);

  hl_field_add_bytes (rec->fields, "eavesdropper.encrypted_pre_master_secret", _("recorded ClientKeyExchange: the encrypted pre-master secret"), encrypted,
                      HL_FIELD_FLAG_NONE);
  hl_field_add_bytes (rec->fields, "eavesdropper.pre_master_secret", _("decrypted with the stolen key: the pre-master secret"), pms,
                      HL_FIELD_FLAG_SECRET);
  hl_field_add_bytes (rec->fields, "eavesdropper.master_secret", _("master secret = PRF(pre-master secret, \"master secret\", randoms)"),
                      master, HL_FIELD_FLAG_SECRET | (same ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER));
  add_key_block (rec, master);
  if (same)
    add_readable_records (rec);

  hl_step_add_claim (rec->step, HL_CLAIM_RSA_KEY_EXCHANGE, TRUE);
  hl_step_add_claim (rec->step, HL_CLAIM_RECORDING_DECRYPTS, same);
  hl_step_set_verdict (rec->step, same ? HL_VERDICT_FAILED : HL_VERDICT_OK);

  return g_strdup_printf (same
                          ? _("%s%sThe eavesdropper kept every byte. With the server's private key it "
                              "decrypts the recorded ClientKeyExchange, gets the pre-master secret, "
                              "recomputes the master secret (identical to the session's) and with it "
                              "every key: the whole conversation, years after it happened. No forward "
                              "secrecy.")
                          : _("%s%sThe eavesdropper kept every byte and decrypts the recorded "
                              "ClientKeyExchange with the key it stole, but the master secret it "
                              "recomputes is not the session's: that key is not the one the client "
                              "encrypted to. The recording stays closed."),
                          rec->description ? rec->description : "", rec->description ? " " : "");
}

/* Static ECDH: the server's share is its certificate's key, so the
 * stolen key redoes the server's multiplication.  Returns whether the
 * master secret it gives is the session's. */
static gboolean
eavesdrop_static_ecdh (Recording *rec)
{
  const br_ec_private_key *sk = hl_key_get_ec (rec->key);
  const br_ec_impl *ec = br_ec_get_default ();
  const guint8 *msg = rec->exchange;
  gsize len = rec->exchange_len;
  g_autofree guint8 *point = g_memdup2 (msg + 5, len - 5);
  g_autoptr(GBytes) recorded = g_bytes_new (msg + 5, len - 5);
  g_autoptr(GBytes) pms = NULL;
  g_autoptr(GBytes) master = NULL;
  gboolean same;
  size_t xlen;
  size_t xoff;

  if (!ec->mul (point, len - 5, sk->x, sk->xlen, sk->curve))
    return FALSE;

  xoff = ec->xoff (sk->curve, &xlen);
  pms = g_bytes_new (point + xoff, xlen);
  master = recompute_master (rec, pms, &same);
  hl_field_add_bytes (rec->fields, "eavesdropper.client_point", _("recorded ClientKeyExchange: the client's public point"), recorded,
                      HL_FIELD_FLAG_NONE);
  hl_field_add_bytes (rec->fields, "eavesdropper.pre_master_secret", _("the stolen key × that point, X coordinate: the pre-master secret"), pms,
                      HL_FIELD_FLAG_SECRET);
  hl_field_add_bytes (rec->fields, "eavesdropper.master_secret", _("master secret = PRF(pre-master secret, \"master secret\", randoms)"),
                      master, HL_FIELD_FLAG_SECRET | (same ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER));
  add_key_block (rec, master);

  return same;
}

/* ECDHE or static ECDH.  Returns: (transfer full): the explanation */
static char *
eavesdrop_ecdh (Recording *rec)
{
  const guint8 *msg = rec->exchange;
  gsize len = rec->exchange_len;
  gboolean ephemeral = g_str_has_prefix (rec->suite, "TLS_ECDHE_");
  gboolean same = FALSE;

  hl_step_add_claim (rec->step, HL_CLAIM_RSA_KEY_EXCHANGE, FALSE);
  hl_step_add_claim (rec->step, HL_CLAIM_EPHEMERAL_KEY_EXCHANGE, ephemeral);

  if (g_str_has_prefix (rec->suite, "TLS_ECDH_") && hl_key_get_key_type (rec->key) == HL_KEY_TYPE_EC &&
      len > 5 && msg[4] == len - 5)
    same = eavesdrop_static_ecdh (rec);
  else
    hl_field_add (rec->fields, "eavesdropper.key_exchange", _("recorded ClientKeyExchange"), _("an ephemeral public point, not an encrypted secret"),
                  HL_FIELD_NO_OFFSET, 0);

  hl_step_add_claim (rec->step, HL_CLAIM_RECORDING_DECRYPTS, same);
  hl_step_set_verdict (rec->step, same ? HL_VERDICT_FAILED : HL_VERDICT_OK);

  if (ephemeral)
    return g_strdup_printf (_("%s%sThe eavesdropper kept every byte and has the server's private key, "
                              "but the key exchange was ephemeral Diffie-Hellman: the certificate's key "
                              "only signed it. The private numbers are gone, so the recording stays "
                              "secret. That is forward secrecy."),
                            rec->description ? rec->description : "", rec->description ? " " : "");
  return g_strdup_printf (same
                          ? _("%s%sThe eavesdropper kept every byte. The key exchange was static ECDH, "
                              "whose server share is the certificate's key: with the stolen key and "
                              "the recorded client point it redoes the server's multiplication and "
                              "recomputes the master secret (identical to the session's). No forward "
                              "secrecy.")
                          : _("%s%sThe eavesdropper kept every byte and has the server's private key, "
                              "but the master secret it can compute from the recording is not the "
                              "session's. The recording stays closed."),
                          rec->description ? rec->description : "", rec->description ? " " : "");
}

void
hl_engine_eavesdrop (HlEngine *self)
{
  HlStep *hellos[2] = { find_wire (self->trace, HL_ACTOR_CLIENT, 1), find_wire (self->trace, HL_ACTOR_SERVER, 2) };
  HlStep *cke = find_wire (self->trace, HL_ACTOR_CLIENT, 16);
  g_autoptr(HlField) fields = NULL;
  g_autoptr(HlStep) step = NULL;
  g_autoptr(GBytes) client_random = NULL;
  g_autoptr(GBytes) server_random = NULL;
  g_autofree char *explanation = NULL;
  Recording rec = { self };
  gsize len;

  rec.key = hl_pki_get_key (self->pki, hl_scenario_get_server_chain (self->scenario)[0]);
  rec.suite = hl_cipher_suite_name (hl_trace_get_cipher_suite (self->trace));
  rec.description = hl_scenario_get_fault_description (self->scenario);
  if (hellos[0] == NULL || hellos[1] == NULL || cke == NULL || rec.suite == NULL)
    return;

  /* Each random follows its hello's 4-byte header and 2-byte version. */
  client_random = g_bytes_new_from_bytes (hl_step_get_bytes (hellos[0]), hl_step_get_header_length (hellos[0]) + 6, 32);
  server_random = g_bytes_new_from_bytes (hl_step_get_bytes (hellos[1]), hl_step_get_header_length (hellos[1]) + 6, 32);
  rec.client_random = client_random;
  rec.server_random = server_random;
  rec.exchange = g_bytes_get_data (hl_step_get_bytes (cke), &len);
  rec.exchange += hl_step_get_header_length (cke);
  rec.exchange_len = len - hl_step_get_header_length (cke);
  rec.fields = fields = hl_field_new ("eavesdropper", _("What the eavesdropper computes"), NULL, HL_FIELD_NO_OFFSET, 0);
  rec.step = step = hl_step_new (HL_ACTOR_NETWORK, HL_STEP_FAULT, 9, _("Years later: the server's private key is stolen"));
  /* The hellos cross the wire in the clear, whatever the key exchange. */
  hl_field_add_bytes (fields, "eavesdropper.client_random", _("recorded client random"), client_random, HL_FIELD_FLAG_NONE);
  hl_field_add_bytes (fields, "eavesdropper.server_random", _("recorded server random"), server_random, HL_FIELD_FLAG_NONE);

  if (g_str_has_prefix (rec.suite, "TLS_RSA_") && hl_key_get_key_type (rec.key) == HL_KEY_TYPE_RSA &&
      rec.exchange_len > 6)
    {
      if (!(explanation = eavesdrop_rsa (&rec)))
        return;
    }
  else
    explanation = eavesdrop_ecdh (&rec);

  hl_step_set_explanation (step, explanation);
  hl_step_set_fields (step, fields);
  hl_engine_append_step (self, step);
}
