/* hl-key.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlKey: a private key, RSA or EC, with its public half.
 *
 * The demo keys that the built-in scenarios use are shipped as PKCS#8 PEM
 * files in data/pki/ and compiled into the core GResource; they are public
 * and only fit for teaching.  hl_key_load_demo() reads one of them by name;
 * hl_key_new_from_data() reads any PEM (PKCS#8, PKCS#1 "RSA PRIVATE KEY",
 * SEC1 "EC PRIVATE KEY") or raw DER key a user supplies.
 *
 * The BearSSL views returned by the getters point into the HlKey and live as
 * long as it does.
 */

#include <glib.h>
#include <bearssl.h>

G_BEGIN_DECLS

#define HL_KEY_ERROR (hl_key_error_quark ())

typedef enum
{
  HL_KEY_ERROR_NOT_FOUND,   /* no demo key of that name */
  HL_KEY_ERROR_MALFORMED,   /* not PEM/DER, bad base64, truncated, not a key */
  HL_KEY_ERROR_UNSUPPORTED, /* a key BearSSL cannot use (curve, type) */
} HlKeyError;

typedef enum
{
  HL_KEY_TYPE_RSA,
  HL_KEY_TYPE_EC,
} HlKeyType;

typedef struct _HlKey HlKey;

GQuark                    hl_key_error_quark      (void);
HlKey                    *hl_key_load_demo        (const char    *name,
                                                   GError       **error);
HlKey                    *hl_key_new_from_data    (const guint8  *data,
                                                   gsize          len,
                                                   const char    *origin,
                                                   GError       **error);
HlKey                    *hl_key_ref              (HlKey         *self);
void                      hl_key_unref            (HlKey         *self);
const char               *hl_key_get_name         (HlKey         *self);
HlKeyType                 hl_key_get_key_type     (HlKey         *self);
guint                     hl_key_get_bits         (HlKey         *self);
int                       hl_key_get_curve        (HlKey         *self);
const br_rsa_private_key *hl_key_get_rsa          (HlKey         *self);
const br_rsa_public_key  *hl_key_get_rsa_public   (HlKey         *self);
const br_ec_private_key  *hl_key_get_ec           (HlKey         *self);
const br_ec_public_key   *hl_key_get_ec_public    (HlKey         *self);

/**
 * hl_key_matches_public:
 * @pkey: a public key, as BearSSL decodes it from a certificate
 *
 * Returns: %TRUE if @pkey is the public half of this private key (same
 *   RSA modulus and exponent, or same EC curve and point)
 */
gboolean                  hl_key_matches_public   (HlKey               *self,
                                                   const br_x509_pkey  *pkey);
GBytes                   *hl_key_sign_hash        (HlKey         *self,
                                                   int            hash_id,
                                                   const guint8  *hash,
                                                   gsize          hash_len,
                                                   GError       **error);

/**
 * hl_key_list_demo:
 *
 * The demo keys hl_key_load_demo() knows: "root-ca-rsa2048",
 * "server-ec-p256", …
 *
 * Returns: (transfer full): their names, sorted, %NULL-terminated
 */
char                    **hl_key_list_demo        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlKey, hl_key_unref)

G_END_DECLS
