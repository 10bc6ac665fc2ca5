/* hl-engine-costs.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-engine"

#include "config.h"

#include "hl-engine-private.h"

/*
 * The timing of a run with costs (hl-costs.h): the signatures BearSSL's
 * SSL engines make for the handshake (ServerKeyExchange,
 * CertificateVerify), and each record's encryption and decryption.  The
 * other hooks (hl-engine-hooks.c) time their own calls, the checks of
 * those signatures among them.
 *
 * The signature hooks call the very implementation BearSSL would have
 * called, and are installed only in its place.  The record classes are
 * BearSSL's own with the encryption and decryption timed: their init
 * calls BearSSL's init, which points the context at BearSSL's class, and
 * then points it at the timed one.  They are installed only when costs are
 * asked for, so a run without costs runs BearSSL's classes untouched.
 */

gint64
hl_engine_cost_start (void)
{
  HlSide *side = hl_engine_current;

  return side != NULL && side->engine->costs != NULL ? hl_costs_now () : 0;
}

void
hl_engine_cost_end (HlCostKind kind,
                    gint64     start)
{
  HlSide *side = hl_engine_current;

  if (start != 0 && side != NULL && side->engine->costs != NULL)
    hl_costs_add (side->engine->costs, side->actor, kind, hl_costs_now () - start);
}

static uint32_t
hook_rsa_sign (const unsigned char      *hash_oid,
               const unsigned char      *hash,
               size_t                    hash_len,
               const br_rsa_private_key *sk,
               unsigned char            *x)
{
  gint64 start = hl_engine_cost_start ();
  uint32_t ok = br_rsa_pkcs1_sign_get_default () (hash_oid, hash, hash_len, sk, x);

  hl_engine_cost_end (HL_COST_RSA_SIGN, start);

  return ok;
}

static size_t
hook_ecdsa_sign (const br_ec_impl         *impl,
                 const br_hash_class      *hf,
                 const void               *hash_value,
                 const br_ec_private_key  *sk,
                 void                     *sig)
{
  gint64 start = hl_engine_cost_start ();
  size_t len = br_ecdsa_sign_asn1_get_default () (impl, hf, hash_value, sk, sig);

  hl_engine_cost_end (HL_COST_ECDSA_SIGN, start);

  return len;
}

void
hl_engine_time_signatures (HlEngine *self)
{
  br_ssl_server_policy_rsa_context *server_rsa = &self->sc.chain_handler.single_rsa;
  br_ssl_server_policy_ec_context *server_ec = &self->sc.chain_handler.single_ec;
  br_ssl_client_certificate_rsa_context *client_rsa = &self->cc.client_auth.single_rsa;
  br_ssl_client_certificate_ec_context *client_ec = &self->cc.client_auth.single_ec;

  /* The checks of handshake signatures are timed where they are logged
   * (hl_engine_log_handshake_signatures()); the signing is timed here.
   * Each policy is BearSSL's single-key one, or unused. */
  if (self->sc.policy_vtable == &server_rsa->vtable && server_rsa->irsasign == br_rsa_pkcs1_sign_get_default ())
    server_rsa->irsasign = hook_rsa_sign;
  if (self->sc.policy_vtable == &server_ec->vtable && server_ec->iecdsa == br_ecdsa_sign_asn1_get_default ())
    server_ec->iecdsa = hook_ecdsa_sign;
  if (self->cc.client_auth_vtable == &client_rsa->vtable && client_rsa->irsasign == br_rsa_pkcs1_sign_get_default ())
    client_rsa->irsasign = hook_rsa_sign;
  if (self->cc.client_auth_vtable == &client_ec->vtable && client_ec->iecdsa == br_ecdsa_sign_asn1_get_default ())
    client_ec->iecdsa = hook_ecdsa_sign;
}

/* Records: BearSSL's classes, timed. */
static br_sslrec_in_gcm_class timed_in_gcm;
static br_sslrec_out_gcm_class timed_out_gcm;
static br_sslrec_in_chapol_class timed_in_chapol;
static br_sslrec_out_chapol_class timed_out_chapol;
static br_sslrec_in_cbc_class timed_in_cbc;
static br_sslrec_out_cbc_class timed_out_cbc;

#define TIMED_DECRYPT(name, real)                                                              \
  static unsigned char *                                                                       \
  name (const br_sslrec_in_class **ctx, int type, unsigned version, void *payload, size_t *len) \
  {                                                                                            \
    gint64 start = hl_engine_cost_start ();                                                    \
    unsigned char *plain = (real).inner.decrypt (ctx, type, version, payload, len);            \
                                                                                               \
    hl_engine_cost_end (HL_COST_RECORD_DECRYPT, start);                                        \
    return plain;                                                                              \
  }

#define TIMED_ENCRYPT(name, real)                                                                 \
  static unsigned char *                                                                          \
  name (const br_sslrec_out_class **ctx, int type, unsigned version, void *plaintext, size_t *len) \
  {                                                                                               \
    gint64 start = hl_engine_cost_start ();                                                       \
    unsigned char *record = (real).inner.encrypt (ctx, type, version, plaintext, len);            \
                                                                                                  \
    hl_engine_cost_end (HL_COST_RECORD_ENCRYPT, start);                                           \
    return record;                                                                                \
  }

TIMED_DECRYPT (decrypt_gcm, br_sslrec_in_gcm_vtable)
TIMED_ENCRYPT (encrypt_gcm, br_sslrec_out_gcm_vtable)
TIMED_DECRYPT (decrypt_chapol, br_sslrec_in_chapol_vtable)
TIMED_ENCRYPT (encrypt_chapol, br_sslrec_out_chapol_vtable)
TIMED_DECRYPT (decrypt_cbc, br_sslrec_in_cbc_vtable)
TIMED_ENCRYPT (encrypt_cbc, br_sslrec_out_cbc_vtable)

static void
init_in_gcm (const br_sslrec_in_gcm_class **ctx, const br_block_ctr_class *bc_impl, const void *key, size_t key_len,
             br_ghash gh_impl, const void *iv)
{
  br_sslrec_in_gcm_vtable.init (ctx, bc_impl, key, key_len, gh_impl, iv);
  *ctx = &timed_in_gcm;
}

static void
init_out_gcm (const br_sslrec_out_gcm_class **ctx, const br_block_ctr_class *bc_impl, const void *key, size_t key_len,
              br_ghash gh_impl, const void *iv)
{
  br_sslrec_out_gcm_vtable.init (ctx, bc_impl, key, key_len, gh_impl, iv);
  *ctx = &timed_out_gcm;
}

static void
init_in_chapol (const br_sslrec_in_chapol_class **ctx, br_chacha20_run ichacha, br_poly1305_run ipoly,
                const void *key, const void *iv)
{
  br_sslrec_in_chapol_vtable.init (ctx, ichacha, ipoly, key, iv);
  *ctx = &timed_in_chapol;
}

static void
init_out_chapol (const br_sslrec_out_chapol_class **ctx, br_chacha20_run ichacha, br_poly1305_run ipoly,
                 const void *key, const void *iv)
{
  br_sslrec_out_chapol_vtable.init (ctx, ichacha, ipoly, key, iv);
  *ctx = &timed_out_chapol;
}

static void
init_in_cbc (const br_sslrec_in_cbc_class **ctx, const br_block_cbcdec_class *bc_impl, const void *bc_key,
             size_t bc_key_len, const br_hash_class *dig_impl, const void *mac_key, size_t mac_key_len,
             size_t mac_out_len, const void *iv)
{
  br_sslrec_in_cbc_vtable.init (ctx, bc_impl, bc_key, bc_key_len, dig_impl, mac_key, mac_key_len, mac_out_len, iv);
  *ctx = &timed_in_cbc;
}

static void
init_out_cbc (const br_sslrec_out_cbc_class **ctx, const br_block_cbcenc_class *bc_impl, const void *bc_key,
              size_t bc_key_len, const br_hash_class *dig_impl, const void *mac_key, size_t mac_key_len,
              size_t mac_out_len, const void *iv)
{
  br_sslrec_out_cbc_vtable.init (ctx, bc_impl, bc_key, bc_key_len, dig_impl, mac_key, mac_key_len, mac_out_len, iv);
  *ctx = &timed_out_cbc;
}

void
hl_engine_time_records (br_ssl_engine_context *eng)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      timed_in_gcm = br_sslrec_in_gcm_vtable;
      timed_in_gcm.inner.decrypt = decrypt_gcm;
      timed_in_gcm.init = init_in_gcm;
      timed_out_gcm = br_sslrec_out_gcm_vtable;
      timed_out_gcm.inner.encrypt = encrypt_gcm;
      timed_out_gcm.init = init_out_gcm;
      timed_in_chapol = br_sslrec_in_chapol_vtable;
      timed_in_chapol.inner.decrypt = decrypt_chapol;
      timed_in_chapol.init = init_in_chapol;
      timed_out_chapol = br_sslrec_out_chapol_vtable;
      timed_out_chapol.inner.encrypt = encrypt_chapol;
      timed_out_chapol.init = init_out_chapol;
      timed_in_cbc = br_sslrec_in_cbc_vtable;
      timed_in_cbc.inner.decrypt = decrypt_cbc;
      timed_in_cbc.init = init_in_cbc;
      timed_out_cbc = br_sslrec_out_cbc_vtable;
      timed_out_cbc.inner.encrypt = encrypt_cbc;
      timed_out_cbc.init = init_out_cbc;
      g_once_init_leave (&once, 1);
    }

  if (eng->igcm_in == &br_sslrec_in_gcm_vtable && eng->igcm_out == &br_sslrec_out_gcm_vtable)
    br_ssl_engine_set_gcm (eng, &timed_in_gcm, &timed_out_gcm);
  if (eng->ichapol_in == &br_sslrec_in_chapol_vtable && eng->ichapol_out == &br_sslrec_out_chapol_vtable)
    br_ssl_engine_set_chapol (eng, &timed_in_chapol, &timed_out_chapol);
  if (eng->icbc_in == &br_sslrec_in_cbc_vtable && eng->icbc_out == &br_sslrec_out_cbc_vtable)
    br_ssl_engine_set_cbc (eng, &timed_in_cbc, &timed_out_cbc);
}
