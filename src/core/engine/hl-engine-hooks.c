/* hl-engine-hooks.c
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
#include "hl-certificate.h"
#include "hl-chain.h"
#include "hl-explain.h"
#include "hl-names.h"

/*
 * What BearSSL computes, seen through the hooks it offers: every PRF call
 * (master secret, key block, Finished), the client's RSA encryption and
 * the server's decryption of the pre-master secret, the ECDH key shares
 * and shared points, the signature checks of its X.509 engine, and the
 * verdict on each certificate chain.
 */

static GBytes *
join_seed (size_t                       seed_num,
           const br_tls_prf_seed_chunk *seed)
{
  GByteArray *all = g_byte_array_new ();

  for (size_t i = 0; i < seed_num; i++)
    g_byte_array_append (all, seed[i].data, seed[i].len);

  return g_byte_array_free_to_bytes (all);
}

static void
record_prf (const char                  *label,
            const void                  *secret,
            size_t                       secret_len,
            size_t                       seed_num,
            const br_tls_prf_seed_chunk *seed,
            const void                  *out,
            size_t                       out_len)
{
  HlSide *side = hl_engine_current;
  g_autoptr(GBytes) seed_bytes = NULL;
  const guint8 *s;
  gsize s_len;

  if (side == NULL)
    return;

  seed_bytes = join_seed (seed_num, seed);
  s = g_bytes_get_data (seed_bytes, &s_len);

  if (strcmp (label, "master secret") == 0 && s_len == 64)
    {
      HlStep *step;
      g_autoptr(HlField) fields = hl_field_new ("compute.master_secret", _("Master secret"), NULL, HL_FIELD_NO_OFFSET, 0);

      hl_engine_set_bytes (&side->secrets->pre_master_secret, secret, secret_len);
      hl_engine_set_bytes (&side->secrets->client_random, s, 32);
      hl_engine_set_bytes (&side->secrets->server_random, s + 32, 32);
      hl_engine_set_bytes (&side->secrets->master_secret, out, out_len);

      hl_field_add_bytes (fields, "keys.pre_master_secret", _("pre-master secret"), side->secrets->pre_master_secret, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, "keys.client_random", _("client random"), side->secrets->client_random, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, "keys.server_random", _("server random"), side->secrets->server_random, HL_FIELD_FLAG_NONE);
      /* The seed exactly as BearSSL gave it to the PRF. */
      hl_field_add_bytes (fields, "keys.prf_seed", _("PRF seed: client random ‖ server random"), seed_bytes,
                          HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, "keys.master_secret", _("master secret"), side->secrets->master_secret, HL_FIELD_FLAG_SECRET);

      step = hl_engine_batch_step (side, HL_STEP_COMPUTE, hl_engine_story_of (side->engine, HL_STORY_EVENT_MASTER_SECRET, side->actor),
                                   side->actor == HL_ACTOR_CLIENT ? _("Client computes the master secret")
                                                                  : _("Server computes the master secret"),
                                   NULL);
      hl_step_set_fields (step, fields);
      hl_engine_add_relation (side->engine, step, HL_RELATION_MASTER_SECRET, side->actor, NULL);
    }
  else if (strcmp (label, "key expansion") == 0)
    {
      /* BearSSL expands the key block once per direction; the same inputs
       * give the same block, so one step tells it. */
      /* A resumed connection computes no master secret: its randoms
       * show here first (server random ‖ client random), and its story
       * is the abbreviated handshake's. */
      if (side->secrets->master_secret == NULL)
        side->engine->resumed[side->engine->connection] = TRUE;
      if (side->secrets->client_random == NULL && s_len == 64)
        {
          hl_engine_set_bytes (&side->secrets->server_random, s, 32);
          hl_engine_set_bytes (&side->secrets->client_random, s + 32, 32);
        }

      if (side->key_blocks++ == 0)
        {
          HlStep *step;
          g_autoptr(HlField) fields = hl_field_new ("compute.key_block", _("Key block"), NULL, HL_FIELD_NO_OFFSET, 0);

          hl_engine_set_bytes (&side->secrets->key_block, out, out_len);
          if (s_len == 64)
            hl_field_add_bytes (fields, "keys.prf_seed", _("PRF seed: server random ‖ client random"), seed_bytes,
                                HL_FIELD_FLAG_NONE);
          hl_field_add_bytes (fields, "keys.key_block", _("key block"), side->secrets->key_block, HL_FIELD_FLAG_SECRET);

          step = hl_engine_batch_step (side, HL_STEP_COMPUTE, hl_engine_story_of (side->engine, HL_STORY_EVENT_KEYS, side->actor),
                                       side->actor == HL_ACTOR_CLIENT ? _("Client derives the session keys")
                                                                      : _("Server derives the session keys"),
                                       _("key block = PRF(master secret, \"key expansion\", server random ‖ client random). "
                                         "It is cut into the keys (and IVs) that encrypt and protect each direction."));
          hl_step_set_fields (step, fields);
        }
    }
  else if (strcmp (label, "client finished") == 0 || strcmp (label, "server finished") == 0)
    {
      gboolean client_label = label[0] == 'c';
      gboolean own = client_label == (side->actor == HL_ACTOR_CLIENT);
      HlStep *step;
      g_autoptr(HlField) fields = hl_field_new ("compute.finished", _("Finished"), NULL, HL_FIELD_NO_OFFSET, 0);

      hl_engine_set_bytes (client_label ? &side->secrets->client_verify_data : &side->secrets->server_verify_data,
                           out, out_len);

      hl_field_add (fields, "keys.prf_label", _("PRF label"), label, HL_FIELD_NO_OFFSET, 0);
      hl_field_add_bytes (fields, "keys.handshake_hash", _("handshake hash"), seed_bytes, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, "keys.verify_data", _("verify_data"),
                          client_label ? side->secrets->client_verify_data : side->secrets->server_verify_data,
                          HL_FIELD_FLAG_NONE);

      if (own)
        step = hl_engine_batch_step (side, HL_STEP_COMPUTE, hl_engine_story_of (side->engine, HL_STORY_EVENT_FINISHED, side->actor),
                                     side->actor == HL_ACTOR_CLIENT ? _("Client computes its Finished message")
                                                                    : _("Server computes its Finished message"),
                                     _("verify_data = PRF(master secret, label, hash of every handshake message so far), "
                                       "12 bytes. The peer computes it again from its own master secret and its own hash of "
                                       "the messages, and accepts the Finished only if the two values match."));
      else
        step = hl_engine_batch_step (side, HL_STEP_COMPUTE, hl_engine_story_of (side->engine, HL_STORY_EVENT_FINISHED_CHECK, side->actor),
                                     side->actor == HL_ACTOR_CLIENT ? _("Client computes the Finished it expects from the server")
                                                                    : _("Server computes the Finished it expects from the client"),
                                     _("The receiver computes the verify_data the peer must have sent; the handshake goes on "
                                       "only if the decrypted Finished holds exactly these 12 bytes."));
      hl_step_set_fields (step, fields);
    }
}

static void
hook_prf10 (void *dst, size_t len, const void *secret, size_t                secret_len,
            const char *label, size_t seed_num, const br_tls_prf_seed_chunk *seed)
{
  gint64 start = hl_engine_cost_start ();

  br_tls10_prf (dst, len, secret, secret_len, label, seed_num, seed);
  hl_engine_cost_end (HL_COST_PRF, start);
  record_prf (label, secret, secret_len, seed_num, seed, dst, len);
}

static void
hook_prf_sha256 (void *dst, size_t len, const void *secret, size_t                secret_len,
                 const char *label, size_t seed_num, const br_tls_prf_seed_chunk *seed)
{
  gint64 start = hl_engine_cost_start ();

  br_tls12_sha256_prf (dst, len, secret, secret_len, label, seed_num, seed);
  hl_engine_cost_end (HL_COST_PRF, start);
  record_prf (label, secret, secret_len, seed_num, seed, dst, len);
}

static void
hook_prf_sha384 (void *dst, size_t len, const void *secret, size_t                secret_len,
                 const char *label, size_t seed_num, const br_tls_prf_seed_chunk *seed)
{
  gint64 start = hl_engine_cost_start ();

  br_tls12_sha384_prf (dst, len, secret, secret_len, label, seed_num, seed);
  hl_engine_cost_end (HL_COST_PRF, start);
  record_prf (label, secret, secret_len, seed_num, seed, dst, len);
}

uint32_t
hl_engine_hook_rsa_public (unsigned char           *x,
                           size_t                   xlen,
                           const br_rsa_public_key *pk)
{
  HlSide *side = hl_engine_current;
  g_autoptr(GBytes) block = g_bytes_new (x, xlen);
  gint64 start = hl_engine_cost_start ();
  uint32_t ok = br_rsa_public_get_default () (x, xlen, pk);

  hl_engine_cost_end (HL_COST_RSA_ENCRYPT, start);

  if (side != NULL && xlen > MASTER_SECRET_LEN)
    {
      g_autoptr(HlField) fields = hl_field_new ("compute.pre_master_secret", _("Pre-master secret"), NULL, HL_FIELD_NO_OFFSET, 0);
      g_autoptr(GBytes) pms = g_bytes_new_from_bytes (block, xlen - MASTER_SECRET_LEN, MASTER_SECRET_LEN);
      g_autoptr(GBytes) encrypted = g_bytes_new (x, xlen);
      HlStep *step;

      hl_engine_set_bytes (&side->secrets->rsa_block, g_bytes_get_data (block, NULL), xlen);
      hl_field_add_bytes (fields, "keys.pre_master_secret", _("pre-master secret"), pms, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, "keys.rsa_block", _("padded block 00 02 PS 00 PMS"), block, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, "keys.encrypted_pre_master_secret", _("encrypted with the server's public key"), encrypted, HL_FIELD_FLAG_NONE);

      step = hl_engine_batch_step (side, HL_STEP_COMPUTE, hl_engine_story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                                   _("Client creates the pre-master secret and encrypts it"),
                                   _("48 bytes: the version it offered (2 bytes) and 46 random bytes. Padded as "
                                     "PKCS #1 v1.5 (00 02, non-zero random padding, 00) and encrypted with the RSA "
                                     "public key from the server's certificate: only the server's private key can "
                                     "recover it."));
      hl_step_add_claim (step, HL_CLAIM_RSA_KEY_EXCHANGE, TRUE);
      hl_step_set_fields (step, fields);
    }

  return ok;
}

uint32_t
hl_engine_hook_rsa_private (unsigned char            *x,
                            const br_rsa_private_key *sk)
{
  HlSide *side = hl_engine_current;
  size_t xlen = (sk->n_bitlen + 7) / 8;
  g_autoptr(GBytes) encrypted = g_bytes_new (x, xlen);
  gint64 start = hl_engine_cost_start ();
  uint32_t ok = br_rsa_private_get_default () (x, sk);

  hl_engine_cost_end (HL_COST_RSA_DECRYPT, start);

  if (side != NULL && xlen > MASTER_SECRET_LEN)
    {
      g_autoptr(HlField) fields = hl_field_new ("compute.pre_master_secret", _("Pre-master secret"), NULL, HL_FIELD_NO_OFFSET, 0);
      g_autoptr(GBytes) block = g_bytes_new (x, xlen);
      g_autoptr(GBytes) pms = g_bytes_new (x + xlen - MASTER_SECRET_LEN, MASTER_SECRET_LEN);
      HlStep *step;

      hl_engine_set_bytes (&side->secrets->rsa_block, x, xlen);
      hl_field_add_bytes (fields, "keys.encrypted_pre_master_secret", _("encrypted pre-master secret"), encrypted, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, "keys.rsa_block", _("decrypted block 00 02 PS 00 PMS"), block, HL_FIELD_FLAG_SECRET);
      hl_field_add_bytes (fields, "keys.pre_master_secret", _("pre-master secret"), pms, HL_FIELD_FLAG_SECRET);

      step = hl_engine_batch_step (side, HL_STEP_COMPUTE, hl_engine_story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                                   _("Server decrypts the pre-master secret"), NULL);
      hl_step_set_fields (step, fields);
      hl_engine_add_relation (side->engine, step, HL_RELATION_RSA_DECRYPTION, side->actor, pms);
    }

  return ok;
}

/* Elliptic-curve Diffie-Hellman: BearSSL computes both key shares and the
 * shared point through its br_ec_impl; this one watches mulgen (a public
 * point from a private scalar) and mul (the peer's point times ours).
 *
 * The server makes its ephemeral key pair (mulgen) while it writes its
 * first flight, and multiplies the client's point later.  The client
 * (make_pms_ecdh in BearSSL's ssl_hs_client) draws its private scalar,
 * multiplies the server's point by it (mul), derives the master secret,
 * and only then computes its own public point (mulgen), all in one call:
 * its key pair is shown from the moment the scalar exists, before the
 * shared secret, and the point joins it when BearSSL computes it. */
static const br_ec_impl *real_ec;

static size_t
hook_ec_mulgen (unsigned char       *R,
                const unsigned char *x,
                size_t               xlen,
                int                  curve)
{
  HlSide *side = hl_engine_current;
  gint64 start = hl_engine_cost_start ();
  size_t len = real_ec->mulgen (R, x, xlen, curve);
  HlField *fields;
  HlStep *step;

  hl_engine_cost_end (HL_COST_ECDH_KEY_PAIR, start);

  if (side == NULL || len == 0)
    return len;

  hl_engine_set_bytes (&side->secrets->ecdh_private, x, xlen);
  hl_engine_set_bytes (&side->secrets->ecdh_public, R, len);

  if (side->key_pair_step != NULL)
    {
      hl_field_add_bytes (hl_step_get_fields (side->key_pair_step), "keys.ecdh_public", _("public point = private scalar × G"),
                          side->secrets->ecdh_public, HL_FIELD_FLAG_NONE);
      side->key_pair_step = NULL;
      return len;
    }

  /* BearSSL's server calls mulgen only for an ECDHE key share. */
  fields = hl_field_new ("compute.key_share", _("Key share"), NULL, HL_FIELD_NO_OFFSET, 0);
  hl_field_add_bytes (fields, "keys.ecdh_private", _("private scalar"), side->secrets->ecdh_private, HL_FIELD_FLAG_SECRET);
  hl_field_add_bytes (fields, "keys.ecdh_public", _("public point = private scalar × G"), side->secrets->ecdh_public,
                      HL_FIELD_FLAG_NONE);

  step = hl_engine_batch_step (side, HL_STEP_COMPUTE,
                               hl_engine_story_of (side->engine, side->actor == HL_ACTOR_CLIENT ? HL_STORY_EVENT_KEY_EXCHANGE
                                                                                                : HL_STORY_EVENT_HELLO, side->actor),
                               side->actor == HL_ACTOR_CLIENT ? _("Client creates its ephemeral key pair")
                                                              : _("Server creates its ephemeral key pair"),
                               NULL);
  hl_explain_key_pair (step, side->actor, HL_STORY_ECDHE);
  hl_step_set_fields (step, fields);
  hl_field_unref (fields);

  return len;
}

static uint32_t
hook_ec_mul (unsigned char       *G,
             size_t               Glen,
             const unsigned char *x,
             size_t               xlen,
             int                  curve)
{
  HlSide *side = hl_engine_current;
  g_autoptr(GBytes) peer = g_bytes_new (G, Glen);
  gint64 start = hl_engine_cost_start ();
  uint32_t ok = real_ec->mul (G, Glen, x, xlen, curve);

  hl_engine_cost_end (HL_COST_ECDH_SHARED, start);

  if (side != NULL && ok)
    {
      g_autoptr(HlField) fields = hl_field_new ("compute.shared_secret", _("Shared secret"), NULL, HL_FIELD_NO_OFFSET, 0);
      HlStep *step;

      if (side->actor == HL_ACTOR_CLIENT && side->secrets->ecdh_private == NULL)
        {
          g_autoptr(HlField) pair = hl_field_new ("compute.key_share", _("Key share"), NULL, HL_FIELD_NO_OFFSET, 0);

          hl_engine_set_bytes (&side->secrets->ecdh_private, x, xlen);
          hl_field_add_bytes (pair, "keys.ecdh_private", _("private scalar"), side->secrets->ecdh_private, HL_FIELD_FLAG_SECRET);
          side->key_pair_step = hl_engine_batch_step (side, HL_STEP_COMPUTE,
                                                      hl_engine_story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                                                      _("Client creates its ephemeral key pair"), NULL);
          hl_explain_key_pair (side->key_pair_step, side->actor,
                               hl_story_kind_for_suite (side->engine->decode.cipher_suite));
          hl_step_set_fields (side->key_pair_step, pair);
        }

      hl_engine_set_bytes (&side->secrets->ecdh_peer_public, g_bytes_get_data (peer, NULL), Glen);
      hl_engine_set_bytes (&side->secrets->ecdh_shared, G, Glen);
      if (side->secrets->ecdh_private == NULL)
        hl_engine_set_bytes (&side->secrets->ecdh_private, x, xlen);
      hl_field_add_bytes (fields, "keys.ecdh_peer_public", _("peer's public point"), peer, HL_FIELD_FLAG_NONE);
      hl_field_add_bytes (fields, "keys.ecdh_shared", _("shared point = own private scalar × peer's point"),
                          side->secrets->ecdh_shared, HL_FIELD_FLAG_SECRET);

      step = hl_engine_batch_step (side, HL_STEP_COMPUTE, hl_engine_story_of (side->engine, HL_STORY_EVENT_KEY_EXCHANGE, side->actor),
                                   side->actor == HL_ACTOR_CLIENT ? _("Client computes the shared secret")
                                                                  : _("Server computes the shared secret"),
                                   NULL);
      hl_step_set_fields (step, fields);
      hl_engine_add_relation (side->engine, step, HL_RELATION_SHARED_SECRET, side->actor, NULL);
    }

  return ok;
}

static const br_ec_impl *
hooked_ec (void)
{
  static br_ec_impl impl;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      real_ec = br_ec_get_default ();
      impl = *real_ec;
      impl.mulgen = hook_ec_mulgen;
      impl.mul = hook_ec_mul;
      g_once_init_leave (&once, 1);
    }

  return &impl;
}

void
hl_engine_install_hooks (br_ssl_engine_context *eng)
{
  br_ssl_engine_set_ec (eng, hooked_ec ());
  br_ssl_engine_set_prf10 (eng, hook_prf10);
  br_ssl_engine_set_prf_sha256 (eng, hook_prf_sha256);
  br_ssl_engine_set_prf_sha384 (eng, hook_prf_sha384);
}

/* br_x509_minimal checks each certificate signature through these, and
 * the TLS engines each handshake signature; the chain check and the
 * handshake's signatures checked again find the results in the run's log
 * instead of running the same primitive on the same bytes again
 * (hl-signature-log.h). */
static uint32_t
hook_rsa_vrfy (const unsigned char     *sig,
               size_t                   sig_len,
               const unsigned char     *hash_oid,
               size_t                   hash_len,
               const br_rsa_public_key *pk,
               unsigned char           *hash_out)
{
  gint64 start = hl_engine_cost_start ();
  uint32_t ok = br_rsa_pkcs1_vrfy_get_default () (sig, sig_len, hash_oid, hash_len, pk, hash_out);

  hl_engine_cost_end (HL_COST_RSA_VERIFY, start);
  if (hl_engine_current != NULL)
    hl_signature_log_add_rsa (hl_engine_current->engine->signatures, sig, sig_len, hash_oid, hash_len, pk, ok, hash_out);

  return ok;
}

static uint32_t
hook_ecdsa_vrfy (const br_ec_impl       *impl,
                 const void             *hash,
                 size_t                  hash_len,
                 const br_ec_public_key *pk,
                 const void             *sig,
                 size_t                  sig_len)
{
  gint64 start = hl_engine_cost_start ();
  uint32_t ok = br_ecdsa_vrfy_asn1_get_default () (impl, hash, hash_len, pk, sig, sig_len);

  hl_engine_cost_end (HL_COST_ECDSA_VERIFY, start);
  if (hl_engine_current != NULL)
    hl_signature_log_add_ecdsa (hl_engine_current->engine->signatures, hash, hash_len, pk, sig, sig_len, ok);

  return ok;
}

void
hl_engine_log_signatures (br_x509_minimal_context *xc)
{
  br_x509_minimal_set_rsa (xc, hook_rsa_vrfy);
  br_x509_minimal_set_ecdsa (xc, xc->iec, hook_ecdsa_vrfy);
}

/* For an engine that checks handshake signatures (the client's, and the
 * server's when it asks for a certificate): the same primitives, logged. */
void
hl_engine_log_handshake_signatures (br_ssl_engine_context *eng)
{
  br_ssl_engine_set_rsavrfy (eng, hook_rsa_vrfy);
  br_ssl_engine_set_ecdsa (eng, hook_ecdsa_vrfy);
}

/* The explanation of a chain check that BearSSL's X.509 engine accepted,
 * from the rules' results. */
static char *
explain_accepted_chain (HlStep              *step,
                        gboolean             by_client,
                        const char          *server_name,
                        const HlChainResult *result)
{
  GString *text = g_string_new (NULL);

  if (by_client)
    {
      g_string_append (text, _("The chain leads from the server's certificate through its issuers to a root the "
                               "client trusts; every signature verifies and every certificate is valid at the "
                               "scenario's clock."));
      hl_step_add_claim (step, HL_CLAIM_HOST_NAME_CHECKED, result->host_name_checked);
      if (result->host_name_checked)
        g_string_append_printf (text, _(" A name in the certificate matches %s, the host the client asked for."),
                                server_name);
      else
        g_string_append (text, _(" No host name was given (the client's server-name is empty), so BearSSL checked "
                                 "none: it would accept this chain for any host. That is dangerous: anyone who "
                                 "holds a trusted certificate for a name of their own could stand in for the "
                                 "server, and the client would not notice."));
    }
  else
    g_string_append (text, _("The client's chain leads to a root the server trusts for client certificates, and "
                             "every certificate is valid at the scenario's clock. The client still has to prove "
                             "it holds the key (CertificateVerify)."));

  hl_step_add_claim (step, HL_CLAIM_KEY_USAGE_ALLOWS, result->key_usage_allows);
  if (!result->key_usage_allows)
    g_string_append_printf (text, by_client
                                  ? _(" But the certificate's key may not do what this key exchange asks of it "
                                      "(check %u): the TLS engine refuses it once the chain is accepted.")
                                  : _(" But the certificate's key may not sign, which CertificateVerify asks of it "
                                      "(check %u): the TLS engine refuses it when that message comes."),
                            hl_chain_get_rule_number ("chain.check.key"));

  if (result->key_guidance_bits != 0)
    {
      hl_step_add_claim (step, HL_CLAIM_KEY_MEETS_GUIDANCE, !result->key_below_guidance);
      if (result->key_below_guidance && result->key_rsa)
        g_string_append_printf (text, _(" BearSSL accepts its RSA key of %u bits; NIST SP 800-131A Rev. 2 and the "
                                        "CA/Browser Forum's Baseline Requirements ask for %u bits or more "
                                        "(check %u)."),
                                result->key_bits, result->key_guidance_bits,
                                hl_chain_get_rule_number ("chain.check.key"));
      else if (result->key_below_guidance)
        g_string_append_printf (text, _(" BearSSL accepts its EC key of %u bits; the CA/Browser Forum's Baseline "
                                        "Requirements ask for %u bits or more (check %u)."),
                                result->key_bits, result->key_guidance_bits,
                                hl_chain_get_rule_number ("chain.check.key"));
    }

  return g_string_free (text, FALSE);
}

void
hl_engine_note_chain_check (HlX509Observer *obs,
                            gpointer        user_data)
{
  HlEngine *self = user_data;
  HlSide *side = hl_engine_current;
  g_autoptr(GPtrArray) anchors = g_ptr_array_new ();
  g_autoptr(HlField) fields = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *bearssl = NULL;
  gboolean by_client = obs == &self->observer;
  const char * const *trust = by_client ? hl_scenario_get_client_trust (self->scenario)
                                        : hl_scenario_get_server_trust (self->scenario);
  /* BearSSL's client passes its server name, empty or not; its server
   * passes none. */
  const char *server_name = by_client ? (obs->server_name ? obs->server_name : "") : NULL;
  HlChainContext context = { anchors, hl_scenario_get_clock (self->scenario), server_name,
                             by_client ? self->decode.cipher_suite : 0, self->signatures };
  HlChainResult result;
  gboolean accepted = obs->result == BR_ERR_OK;
  const char *title;
  HlField *verdict;
  HlStep *step;

  if (side == NULL)
    return;

  for (guint i = 0; trust[i] != NULL; i++)
    g_ptr_array_add (anchors, hl_pki_get_der (self->pki, trust[i]));

  fields = hl_chain_check (obs->certs, &context, &result);

  bearssl = accepted ? g_strdup (_("0: accepted")) : hl_error_describe ((int)obs->result);
  verdict = hl_field_add (fields, "chain.verdict", _("BearSSL's verdict (end_chain)"), bearssl, HL_FIELD_NO_OFFSET, 0);
  hl_field_set_flags (verdict, result.verdict == (int)obs->result ? HL_FIELD_FLAG_MATCH : HL_FIELD_FLAG_DIFFER);

  if (!accepted)
    title = by_client ? _("Client checks the server's certificate chain: rejected")
                      : _("Server checks the client's certificate chain: rejected");
  else
    {
      if (!result.key_usage_allows)
        title = by_client ? _("Client checks the server's certificate: chain trusted, key usage refused")
                          : _("Server checks the client's certificate: chain trusted, key usage refused");
      else if (result.key_below_guidance)
        title = !by_client ? _("Server checks the client's certificate chain: trusted by BearSSL, key below guidance")
                : result.host_name_checked
                ? _("Client checks the server's certificate chain: trusted by BearSSL, key below guidance")
                : _("Client checks the server's certificate chain: trusted by BearSSL, no host name checked, key "
                    "below guidance");
      else if (by_client && !result.host_name_checked)
        title = _("Client checks the server's certificate chain: trusted, no host name checked");
      else
        title = by_client ? _("Client checks the server's certificate chain: trusted")
                          : _("Server checks the client's certificate chain: trusted");
    }

  step = hl_engine_batch_step (side, HL_STEP_CHECK, hl_engine_story_of (self, HL_STORY_EVENT_CHAIN_CHECK, side->actor), title, NULL);
  hl_step_add_claim (step, HL_CLAIM_CHAIN_TRUSTED, accepted);
  explanation = accepted ? explain_accepted_chain (step, by_client, server_name, &result)
                         : hl_error_describe ((int)obs->result);
  hl_step_set_explanation (step, explanation);
  hl_step_set_fields (step, fields);
  hl_step_set_verdict (step, !accepted || !result.key_usage_allows ? HL_VERDICT_FAILED
                            : result.key_below_guidance ? HL_VERDICT_WARNING : HL_VERDICT_OK);
  side->chain_step = step;
}
