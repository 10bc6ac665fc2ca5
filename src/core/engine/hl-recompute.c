/* hl-keys.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-keys"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <bearssl.h>

#include "hl-decode.h"
#include "hl-keys.h"
#include "hl-names.h"

#define MASTER_SECRET_LEN 48
#define VERIFY_DATA_LEN   12
#define RECORD_HEADER     5
#define HANDSHAKE_HEADER  4
#define AAD_LEN           13
#define MAX_BLOCK         16
#define TLS11             0x0302
#define TLS12             0x0303

/**
 * hl_keys_suite_info:
 * @version: the negotiated version
 * @suite: the negotiated suite
 * @info: (out): what the suite's record protection needs
 *
 * Returns: %FALSE for a suite BearSSL does not implement
 */
gboolean
hl_keys_suite_info (guint        version,
                    guint        suite,
                    HlSuiteInfo *info)
{
  const char *name = hl_cipher_suite_name (suite);
  const char *with;

  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (name == NULL || (with = strstr (name, "_WITH_")) == NULL)
    return FALSE;
  with += strlen ("_WITH_");

  if (g_str_has_prefix (with, "AES_128_"))
    info->cipher = "AES-128", info->key_len = 16, info->block_len = 16;
  else if (g_str_has_prefix (with, "AES_256_"))
    info->cipher = "AES-256", info->key_len = 32, info->block_len = 16;
  else if (g_str_has_prefix (with, "3DES_EDE_"))
    info->cipher = "3DES-EDE", info->key_len = 24, info->block_len = 8;
  else if (g_str_has_prefix (with, "CHACHA20_POLY1305"))
    info->cipher = "ChaCha20", info->key_len = 32;
  else
    return FALSE;

  if (strstr (with, "_GCM_") != NULL)
    {
      /* RFC 5288: 4 implicit bytes from the key block, 8 in each record */
      info->mode = HL_CIPHER_GCM;
      info->fixed_iv_len = 4;
      info->record_iv_len = 8;
      info->tag_len = 16;
    }
  else if (g_str_has_suffix (with, "_CCM") || g_str_has_suffix (with, "_CCM_8"))
    {
      /* RFC 6655 */
      info->mode = HL_CIPHER_CCM;
      info->fixed_iv_len = 4;
      info->record_iv_len = 8;
      info->tag_len = g_str_has_suffix (with, "_CCM_8") ? 8 : 16;
    }
  else if (info->key_len == 32 && info->block_len == 0)
    {
      /* RFC 7905: a 12-byte IV XORed with the sequence number */
      info->mode = HL_CIPHER_CHACHA20_POLY1305;
      info->fixed_iv_len = 12;
      info->tag_len = 16;
    }
  else if (strstr (with, "_CBC_") != NULL)
    {
      info->mode = HL_CIPHER_CBC;
      /* TLS 1.0 chains IVs from the key block; TLS 1.1 and later send
       * one in each record (RFC 4346 §6.2.3.2). */
      if (version < TLS11)
        info->fixed_iv_len = info->block_len;
      else
        info->record_iv_len = info->block_len;

      if (g_str_has_suffix (with, "_SHA384"))
        info->mac = G_CHECKSUM_SHA384, info->mac_len = 48;
      else if (g_str_has_suffix (with, "_SHA256"))
        info->mac = G_CHECKSUM_SHA256, info->mac_len = 32;
      else
        info->mac = G_CHECKSUM_SHA1, info->mac_len = 20;
    }
  else
    return FALSE;

  info->prf = hl_prf_for_suite (version, suite);

  return TRUE;
}

/**
 * hl_keys_key_block_length:
 *
 * Returns: how many bytes of key block the suite consumes (RFC 5246 §6.3)
 */
gsize
hl_keys_key_block_length (const HlSuiteInfo *info)
{
  return 2 * (info->mac_len + info->key_len + info->fixed_iv_len);
}

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
  guint64       seq[2];
  guint8        cbc_iv[2][MAX_BLOCK];
  /* The hash of every handshake message each side saw, in wire order,
   * kept running: the sides share one while they saw the same bytes. */
  GChecksum    *transcript[2][2]; /* per side: MD5 and SHA-1 (TLS 1.0), or the PRF's hash */
  guint         n_transcript_hashes;
  gboolean      transcripts_differ;
  gsize         transcript_len;
  GByteArray   *given[2];         /* application data each sender's engine was given */
  gsize         app_offset[2];    /* how much of it the decrypted records covered */
  GPtrArray    *transcript_names; /* "ClientHello (129)" … */
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
          hl_field_add_bytes (field, how, recomputed, (hl_field_get_flags (field) & HL_FIELD_FLAG_SECRET) | verdict);
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

                hl_field_add_bytes (field, label, parts[k], HL_FIELD_FLAG_SECRET);
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
      mark_value (rc, side, s->master_secret, rc->master[side], _("recomputed: PRF(pre-master secret, …)"));
    }
  else if (rc->resumed[side] != NULL)
    {
      /* An abbreviated handshake derives no master secret: it resumes
       * the one recomputed for the session's first connection. */
      rc->master[side] = g_bytes_ref (rc->resumed[side]);
      mark_value (rc, side, s->master_secret, rc->master[side],
                  _("the first connection's master secret, as recomputed there"));
    }
  else
    return;

  /* The PRF is a stream: compare as many bytes as the engine expanded,
   * use as many as the suite consumes. */
  key_block = prf (rc, rc->master[side], "key expansion", s->server_random, s->client_random,
                   MAX (block_len, s->key_block ? g_bytes_get_size (s->key_block) : 0));
  mark_value (rc, side, s->key_block, key_block, _("recomputed: PRF(master secret, \"key expansion\", …)"));

  add_key_parts (rc, side, key_block);
}

/* The handshake hash of TLS 1.2 is the PRF's hash; earlier versions use
 * MD5 ‖ SHA-1 (RFC 2246 §7.4.9). */
static void
transcript_begin (Recompute *rc)
{
  GChecksumType types[2];

  if (rc->info.prf == HL_PRF_TLS10)
    types[0] = G_CHECKSUM_MD5, types[1] = G_CHECKSUM_SHA1, rc->n_transcript_hashes = 2;
  else if (rc->info.prf == HL_PRF_SHA384)
    types[0] = G_CHECKSUM_SHA384, rc->n_transcript_hashes = 1;
  else
    types[0] = G_CHECKSUM_SHA256, rc->n_transcript_hashes = 1;

  for (guint i = 0; i < rc->n_transcript_hashes; i++)
    rc->transcript[HL_ACTOR_CLIENT][i] = g_checksum_new (types[i]);
}

static void
transcript_end (Recompute *rc)
{
  for (guint i = 0; i < rc->n_transcript_hashes; i++)
    {
      g_clear_pointer (&rc->transcript[HL_ACTOR_CLIENT][i], g_checksum_free);
      g_clear_pointer (&rc->transcript[HL_ACTOR_SERVER][i], g_checksum_free);
    }
}

/* The hash of what @side saw so far. */
static GBytes *
transcript_hash (Recompute *rc,
                 HlActor    side)
{
  GByteArray *out = g_byte_array_new ();

  if (!rc->transcripts_differ)
    side = HL_ACTOR_CLIENT;

  for (guint i = 0; i < rc->n_transcript_hashes; i++)
    {
      g_autoptr(GChecksum) sum = g_checksum_copy (rc->transcript[side][i]);
      guint8 digest[64];
      gsize len = sizeof digest;

      g_checksum_get_digest (sum, digest, &len);
      g_byte_array_append (out, digest, len);
    }

  return g_byte_array_free_to_bytes (out);
}

/* Appends handshake bytes to what @sender sent and what its peer
 * received (@received: the same, unless the network changed them). */
static void
add_to_transcript (Recompute    *rc,
                   HlActor       sender,
                   const guint8 *data,
                   const guint8 *received,
                   gsize         len)
{
  HlActor peer = sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
  gsize at = 0;

  /* From the first changed byte on, each side hashes its own view. */
  if (!rc->transcripts_differ && memcmp (data, received, len) != 0)
    {
      rc->transcripts_differ = TRUE;
      for (guint i = 0; i < rc->n_transcript_hashes; i++)
        rc->transcript[HL_ACTOR_SERVER][i] = g_checksum_copy (rc->transcript[HL_ACTOR_CLIENT][i]);
    }

  for (guint i = 0; i < rc->n_transcript_hashes; i++)
    {
      if (!rc->transcripts_differ)
        {
          g_checksum_update (rc->transcript[HL_ACTOR_CLIENT][i], data, len);
          continue;
        }
      g_checksum_update (rc->transcript[sender][i], data, len);
      g_checksum_update (rc->transcript[peer][i], received, len);
    }
  rc->transcript_len += len;

  while (at + HANDSHAKE_HEADER <= len)
    {
      gsize body = ((gsize)data[at + 1] << 16) | ((gsize)data[at + 2] << 8) | data[at + 3];
      const char *name = hl_handshake_type_name (data[at]);

      g_ptr_array_add (rc->transcript_names,
                       g_strdup_printf ("%s (%" G_GSIZE_FORMAT ")", name ? name : "?", HANDSHAKE_HEADER + body));
      at += HANDSHAKE_HEADER + body;
    }
}

static void
put_be64 (guint8  *out,
          guint64  v)
{
  for (int i = 7; i >= 0; i--, v >>= 8)
    out[i] = v & 0xff;
}

/* A field for bytes of the record, showing them as hex. */
static void
add_hex_field (HlField      *parent,
               const char   *name,
               const guint8 *body,
               gsize         offset,
               gsize         len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body + offset, len);
  g_autofree char *hex = hl_hex (bytes);

  hl_field_add (parent, name, hex, offset, len);
}

/* The fastest implementation of each primitive this CPU runs (AES-NI,
 * PCLMULQDQ, SSE2 when it has them), as BearSSL's own engine picks them;
 * the portable constant-time code otherwise.  All compute the same.
 * Asking BearSSL means a CPUID instruction, which costs microseconds in a
 * virtual machine: the answer is taken once per process. */
typedef struct
{
  const br_block_ctr_class    *aes_ctr;
  const br_block_ctrcbc_class *aes_ctrcbc;
  const br_block_cbcdec_class *aes_cbcdec;
  br_ghash                     ghash;
  br_chacha20_run              chacha20;
  br_poly1305_run              poly1305;
} Ciphers;

static const Ciphers *
ciphers (void)
{
  static Ciphers c;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      c.aes_ctr = br_aes_x86ni_ctr_get_vtable ();
      if (c.aes_ctr == NULL)
        c.aes_ctr = &br_aes_ct_ctr_vtable;
      c.aes_ctrcbc = br_aes_x86ni_ctrcbc_get_vtable ();
      if (c.aes_ctrcbc == NULL)
        c.aes_ctrcbc = &br_aes_ct_ctrcbc_vtable;
      c.aes_cbcdec = br_aes_x86ni_cbcdec_get_vtable ();
      if (c.aes_cbcdec == NULL)
        c.aes_cbcdec = &br_aes_ct_cbcdec_vtable;
      c.ghash = br_ghash_pclmul_get ();
      if (c.ghash == NULL)
        c.ghash = br_ghash_ctmul;
      c.chacha20 = br_chacha20_sse2_get ();
      if (c.chacha20 == NULL)
        c.chacha20 = br_chacha20_ct_run;
      c.poly1305 = br_poly1305_ctmulq_get ();
      if (c.poly1305 == NULL)
        c.poly1305 = br_poly1305_ctmul_run;
      g_once_init_leave (&once, 1);
    }

  return &c;
}

/* Decrypts one record body in place.  Returns the plaintext, or NULL when
 * the tag, MAC or padding does not verify; @wire gets the fields of the
 * protected record, @notes what went into the decryption. */
static GBytes *
decrypt (Recompute     *rc,
         HlActor        sender,
         const guint8  *header,
         const guint8  *body,
         gsize          len,
         HlField       *wire,
         HlField       *notes)
{
  const HlSuiteInfo *info = &rc->info;
  const DirectionKeys *k = &rc->keys[sender];
  guint64 seq = rc->seq[sender];
  g_autofree guint8 *buf = NULL;
  guint8 aad[AAD_LEN];
  guint8 nonce[12];
  gsize n;
  const guint8 *key = g_bytes_get_data (k->key, NULL);
  const guint8 *fixed = g_bytes_get_data (k->iv, NULL);

  put_be64 (aad, seq);
  aad[8] = header[0];
  aad[9] = header[1];
  aad[10] = header[2];

  hl_field_add_printf (notes, HL_FIELD_NO_OFFSET, 0, _("sequence number"), "%" G_GUINT64_FORMAT, seq);
  hl_field_add_printf (notes, HL_FIELD_NO_OFFSET, 0, _("cipher"), "%s, %s", info->cipher,
                       info->mode == HL_CIPHER_GCM ? "GCM" :
                       info->mode == HL_CIPHER_CCM ? "CCM" :
                       info->mode == HL_CIPHER_CHACHA20_POLY1305 ? "Poly1305" : "CBC + HMAC");
  {
    g_autofree char *label = g_strdup_printf (_("%s_write_key (recomputed)"),
                                              sender == HL_ACTOR_CLIENT ? "client" : "server");

    hl_field_add_bytes (notes, label, k->key, HL_FIELD_FLAG_SECRET);
  }

  switch (info->mode)
    {
    case HL_CIPHER_GCM:
    case HL_CIPHER_CCM:
    case HL_CIPHER_CHACHA20_POLY1305:
      {
        gsize explicit_len = info->record_iv_len;
        guint8 tag[16];
        gboolean ok;
        g_autoptr(GBytes) nonce_bytes = NULL;
        g_autoptr(GBytes) aad_bytes = NULL;

        if (len < explicit_len + info->tag_len)
          {
            hl_field_add (notes, _("problem"), _("the record is shorter than its nonce and tag"), HL_FIELD_NO_OFFSET, 0);
            return NULL;
          }

        n = len - explicit_len - info->tag_len;
        aad[11] = n >> 8;
        aad[12] = n & 0xff;

        if (info->mode == HL_CIPHER_CHACHA20_POLY1305)
          {
            memcpy (nonce, fixed, 12);
            for (guint i = 0; i < 8; i++)
              nonce[4 + i] ^= (seq >> (8 * (7 - i))) & 0xff;
          }
        else
          {
            memcpy (nonce, fixed, 4);
            memcpy (nonce + 4, body, 8);
            add_hex_field (wire, _("Explicit nonce"), body, 0, explicit_len);
          }

        hl_field_add_printf (wire, explicit_len, n, _("Ciphertext"),
                             g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", n), (guint)n);
        add_hex_field (wire, _("Authentication tag"), body, len - info->tag_len, info->tag_len);

        nonce_bytes = g_bytes_new (nonce, 12);
        aad_bytes = g_bytes_new (aad, AAD_LEN);
        hl_field_add_bytes (notes, info->mode == HL_CIPHER_CHACHA20_POLY1305
                                   ? _("nonce = client/server IV ⊕ sequence number")
                                   : _("nonce = implicit IV ‖ explicit nonce"),
                            nonce_bytes, HL_FIELD_FLAG_NONE);
        hl_field_add_bytes (notes, _("additional data = sequence ‖ type ‖ version ‖ length"),
                            aad_bytes, HL_FIELD_FLAG_NONE);

        buf = g_memdup2 (body + explicit_len, n ? n : 1);

        if (info->mode == HL_CIPHER_GCM)
          {
            br_aes_gen_ctr_keys ctr;
            br_gcm_context gcm;

            ciphers ()->aes_ctr->init (&ctr.vtable, key, info->key_len);
            br_gcm_init (&gcm, &ctr.vtable, ciphers ()->ghash);
            br_gcm_reset (&gcm, nonce, 12);
            br_gcm_aad_inject (&gcm, aad, AAD_LEN);
            br_gcm_flip (&gcm);
            br_gcm_run (&gcm, 0, buf, n);
            ok = br_gcm_check_tag (&gcm, body + len - info->tag_len);
          }
        else if (info->mode == HL_CIPHER_CCM)
          {
            br_aes_gen_ctrcbc_keys ctrcbc;
            br_ccm_context ccm;

            ciphers ()->aes_ctrcbc->init (&ctrcbc.vtable, key, info->key_len);
            br_ccm_init (&ccm, &ctrcbc.vtable);
            ok = br_ccm_reset (&ccm, nonce, 12, AAD_LEN, n, info->tag_len);
            br_ccm_aad_inject (&ccm, aad, AAD_LEN);
            br_ccm_flip (&ccm);
            br_ccm_run (&ccm, 0, buf, n);
            ok = ok && br_ccm_check_tag (&ccm, body + len - info->tag_len);
          }
        else
          {
            ciphers ()->poly1305 (key, nonce, buf, n, aad, AAD_LEN, tag, ciphers ()->chacha20, 0);
            ok = memcmp (tag, body + len - info->tag_len, info->tag_len) == 0;
          }

        hl_field_add (notes, _("authentication tag"),
                      ok ? _("verifies: the record is exactly what the sender encrypted")
                         : _("does NOT verify: the record was changed, or the keys differ"),
                      HL_FIELD_NO_OFFSET, 0);
        if (!ok)
          return NULL;

        return g_bytes_new (buf, n);
      }

    case HL_CIPHER_CBC:
    default:
      {
        gsize block = info->block_len;
        guint8 iv[MAX_BLOCK];
        guint8 next_iv[MAX_BLOCK];
        const guint8 *ct = body;
        gsize ct_len = len;
        gsize pad;
        gboolean ok = TRUE;
        g_autoptr(GBytes) iv_bytes = NULL;
        g_autoptr(GHmac) hmac = NULL;
        guint8 mac[64];
        gsize mac_len = sizeof mac;

        if (info->record_iv_len > 0)
          {
            if (len < block)
              {
                hl_field_add (notes, _("problem"), _("the record is shorter than its IV"), HL_FIELD_NO_OFFSET, 0);
                return NULL;
              }
            memcpy (iv, body, block);
            ct = body + block;
            ct_len = len - block;
            add_hex_field (wire, "IV", body, 0, block);
            iv_bytes = g_bytes_new (iv, block);
            hl_field_add_bytes (notes, _("IV (sent in the record)"), iv_bytes, HL_FIELD_FLAG_NONE);
          }
        else
          {
            memcpy (iv, rc->cbc_iv[sender], block);
            iv_bytes = g_bytes_new (iv, block);
            hl_field_add_bytes (notes, rc->seq[sender] == 0
                                       ? _("IV (from the key block)")
                                       : _("IV (the last ciphertext block of the previous record: TLS 1.0's chained IV)"),
                                iv_bytes, HL_FIELD_FLAG_NONE);
          }

        hl_field_add_printf (wire, ct - body, ct_len, _("Ciphertext (plaintext ‖ MAC ‖ padding)"),
                             g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", ct_len), (guint)ct_len);

        if (ct_len == 0 || ct_len % block != 0 || ct_len < info->mac_len + 1)
          {
            hl_field_add (notes, _("problem"), _("the ciphertext is not a whole number of blocks"),
                          HL_FIELD_NO_OFFSET, 0);
            return NULL;
          }

        memcpy (next_iv, ct + ct_len - block, block);
        buf = g_memdup2 (ct, ct_len);

        if (block == 16)
          {
            const br_block_cbcdec_class *cbcdec = ciphers ()->aes_cbcdec;
            br_aes_gen_cbcdec_keys aes;

            cbcdec->init (&aes.vtable, key, info->key_len);
            cbcdec->run (&aes.vtable, iv, buf, ct_len);
          }
        else
          {
            br_des_ct_cbcdec_keys des;

            br_des_ct_cbcdec_init (&des, key, info->key_len);
            br_des_ct_cbcdec_run (&des, iv, buf, ct_len);
          }

        /* TLS 1.0 chains: the next record starts from this one's end. */
        memcpy (rc->cbc_iv[sender], next_iv, block);

        pad = buf[ct_len - 1];
        if (pad + 1 + info->mac_len > ct_len)
          ok = FALSE;
        for (gsize i = 0; ok && i <= pad; i++)
          ok = buf[ct_len - 1 - i] == pad;

        if (!ok)
          {
            hl_field_add (notes, _("padding"), _("malformed: the record was changed, or the keys differ"),
                          HL_FIELD_NO_OFFSET, 0);
            return NULL;
          }

        n = ct_len - pad - 1 - info->mac_len;
        aad[11] = n >> 8;
        aad[12] = n & 0xff;
        hl_field_add_printf (notes, HL_FIELD_NO_OFFSET, 0, _("padding"),
                             g_dngettext (GETTEXT_PACKAGE, "%u byte of value %u, plus the length byte",
                                          "%u bytes of value %u, plus the length byte", pad),
                             (guint)pad, (guint)pad);

        hmac = g_hmac_new (info->mac, g_bytes_get_data (k->mac_key, NULL), g_bytes_get_size (k->mac_key));
        g_hmac_update (hmac, aad, AAD_LEN);
        g_hmac_update (hmac, buf, n);
        g_hmac_get_digest (hmac, mac, &mac_len);
        ok = mac_len == info->mac_len && memcmp (mac, buf + n, info->mac_len) == 0;

        hl_field_add (notes, "MAC = HMAC(MAC key, sequence ‖ type ‖ version ‖ length ‖ plaintext)",
                      ok ? _("verifies: the record is exactly what the sender protected")
                         : _("does NOT verify: the record was changed, or the keys differ"),
                      HL_FIELD_NO_OFFSET, 0);
        if (!ok)
          return NULL;

        return g_bytes_new (buf, n);
      }
    }
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

static const char *
side_name (HlActor side)
{
  return side == HL_ACTOR_CLIENT ? _("client") : _("server");
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
  const char *hash_name = rc->info.prf == HL_PRF_TLS10 ? "MD5 ‖ SHA-1" : rc->info.prf == HL_PRF_SHA384 ? "SHA-384" : "SHA-256";
  HlActor receiver = sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
  g_autoptr(GBytes) sender_hash = transcript_hash (rc, sender);
  g_autoptr(GBytes) receiver_hash = transcript_hash (rc, receiver);
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(HlField) hashed = NULL;
  g_autofree char *list = NULL;
  g_autofree char *title = NULL;
  gboolean same_hash = g_bytes_equal (sender_hash, receiver_hash);
  gboolean same_master, verifies;
  const char *why;
  g_autofree char *explanation = NULL;

  /* Translators: %s is "client" or "server" */
  title = g_strdup_printf (_("Handshake messages as the %s hashed them"), side_name (sender));
  hashed = hl_field_new (title, NULL, HL_FIELD_NO_OFFSET, 0);
  g_ptr_array_add (rc->transcript_names, NULL);
  list = g_strjoinv (", ", (char **)rc->transcript_names->pdata);
  g_ptr_array_remove_index (rc->transcript_names, rc->transcript_names->len - 1);
  hl_field_add (hashed, _("messages, in wire order"), list, HL_FIELD_NO_OFFSET, 0);
  hl_field_add_printf (hashed, HL_FIELD_NO_OFFSET, 0, _("bytes hashed"), "%u", (guint)rc->transcript_len);
  hl_field_add_bytes (hashed, hash_name, sender_hash, HL_FIELD_FLAG_NONE);
  hl_field_append (decoded, hashed);

  if (!same_hash)
    {
      g_autofree char *name = g_strdup_printf (_("%s of the messages as the %s received them"),
                                               hash_name, side_name (receiver));

      hl_field_add_bytes (decoded, name, receiver_hash, HL_FIELD_FLAG_DIFFER);
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
      mark_value (rc, side, engine_value, value, _("recomputed: PRF(master secret, label, hash of the messages)"));

      match = g_bytes_equal (value, sent);
      if (side == sender)
        name = g_strdup_printf (_("verify_data the %s computed: PRF(%s's master secret, label, %s's hash)"),
                                side_name (side), side_name (side), side_name (side));
      else
        name = g_strdup_printf (_("verify_data the %s expects: PRF(%s's master secret, label, %s's hash)"),
                                side_name (side), side_name (side), side_name (side));
      hl_field_add_bytes (decoded, name, value, match ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);
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
            add_to_transcript (rc, record->sender, p + RECORD_HEADER, received + RECORD_HEADER, len - RECORD_HEADER);
          continue;
        }

      step = step_of_record (rc->trace, i);
      if (step == NULL || rc->keys[record->sender].key == NULL)
        continue;

      wire = hl_field_new (_("Protected record"), NULL, 0, len - RECORD_HEADER);
      notes = hl_field_new (_("Decryption with the recomputed keys"), NULL, HL_FIELD_NO_OFFSET, 0);
      plaintext = decrypt (rc, record->sender, received, received + RECORD_HEADER, len - RECORD_HEADER, wire, notes);
      hl_field_append (wire, notes);
      g_object_unref (notes);
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
          add_to_transcript (rc, record->sender, g_bytes_get_data (plaintext, NULL), g_bytes_get_data (plaintext, NULL),
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
            hl_field_add (decoded, what, same ? _("identical") : _("different"), HL_FIELD_NO_OFFSET, 0);
            hl_field_set_flags (hl_field_get_child (decoded, hl_field_get_n_children (decoded) - 1),
                                same ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);
            rc->report.values_checked++;
            if (!same)
              rc->report.values_differ++;
          }
          break;

        default:
          decoded = hl_field_new (_("Plaintext"), NULL, 0, g_bytes_get_size (plaintext));
          break;
        }

      hl_step_set_plaintext (step, plaintext, decoded);
    }
}

/**
 * hl_keys_recompute:
 * @trace: an unsealed trace, as the engine leaves it
 *
 * Recomputes the key schedule of @trace, decrypts its encrypted records
 * and marks every value it could check in the trace's steps.
 *
 * Returns: what was checked and what differed
 */
static void
recompute_connection (Recompute *rc)
{
  transcript_begin (rc);
  rc->prf_calls = g_array_new (FALSE, FALSE, sizeof (PrfCall));
  g_array_set_clear_func (rc->prf_calls, prf_call_clear);
  rc->transcript_names = g_ptr_array_new_with_free_func (g_free);
  rc->given[HL_ACTOR_CLIENT] = g_byte_array_new ();
  rc->given[HL_ACTOR_SERVER] = g_byte_array_new ();

  recompute_side (rc, HL_ACTOR_CLIENT);
  recompute_side (rc, HL_ACTOR_SERVER);

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    if (rc->keys[side].iv != NULL && rc->info.mode == HL_CIPHER_CBC && rc->info.fixed_iv_len > 0)
      memcpy (rc->cbc_iv[side], g_bytes_get_data (rc->keys[side].iv, NULL), rc->info.block_len);

  recompute_records (rc);

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      direction_keys_clear (&rc->keys[side]);
      g_byte_array_unref (rc->given[side]);
    }
  g_ptr_array_unref (rc->transcript_names);
  g_array_unref (rc->prf_calls);
  transcript_end (rc);
}

/**
 * hl_keys_recompute:
 * @trace: an unsealed trace, as the engine leaves it
 *
 * Recomputes the key schedule of each connection of @trace, decrypts its
 * encrypted records and marks every value it could check in the trace's
 * steps.
 *
 * Returns: what was checked and what differed
 */
HlKeysReport
hl_keys_recompute (HlTrace *trace)
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
