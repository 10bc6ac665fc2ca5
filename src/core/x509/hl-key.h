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

/**
 * hl_key_error_quark:
 *
 * Returns: the quark of %HL_KEY_ERROR
 */
GQuark                    hl_key_error_quark      (void);

/**
 * hl_key_load_demo:
 * @name: the name of a demo key, the file name in data/pki/ without ".pem"
 *   ("server-ec-p256")
 * @error: %HL_KEY_ERROR_NOT_FOUND when there is no such key, or as
 *   hl_key_new_from_data() sets it
 *
 * Reads one of the demo keys compiled into the core's GResource.
 *
 * Returns: (transfer full) (nullable): the key, named @name, or %NULL with
 *   @error set
 */
HlKey                    *hl_key_load_demo        (const char    *name,
                                                   GError       **error);

/**
 * hl_key_new_from_data:
 * @data: PEM text (PKCS#8, PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE
 *   KEY") or raw DER of a private key; may be %NULL when @len is 0
 * @len: its length in bytes
 * @origin: (nullable): the name of the data for messages (a file name), or
 *   %NULL for "key data"; also the key's name
 * @error: an %HL_KEY_ERROR whose message starts with @origin:
 *   %HL_KEY_ERROR_MALFORMED for data that is no key, or
 *   %HL_KEY_ERROR_UNSUPPORTED for a key BearSSL cannot use (a curve other
 *   than P-256, P-384 and P-521, another key type)
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error set
 */
HlKey                    *hl_key_new_from_data    (const guint8  *data,
                                                   gsize          len,
                                                   const char    *origin,
                                                   GError       **error);

/**
 * hl_key_ref:
 * @self: a key
 *
 * Returns: (transfer full): @self, with one more reference
 */
HlKey                    *hl_key_ref              (HlKey         *self);

/**
 * hl_key_unref:
 * @self: (transfer full): a key
 *
 * Drops a reference; the last one frees the key and the BearSSL views its
 * getters returned.
 */
void                      hl_key_unref            (HlKey         *self);

/**
 * hl_key_get_name:
 * @self: a key
 *
 * Returns: its name, for messages: the demo key's name, or the origin
 *   given to hl_key_new_from_data()
 */
const char               *hl_key_get_name         (HlKey         *self);

/**
 * hl_key_get_key_type:
 * @self: a key
 *
 * Returns: whether it is an RSA or an EC key
 */
HlKeyType                 hl_key_get_key_type     (HlKey         *self);

/**
 * hl_key_get_bits:
 * @self: a key
 *
 * Returns: the size of the RSA modulus in bits, or of the EC curve (256,
 *   384 or 521)
 */
guint                     hl_key_get_bits         (HlKey         *self);

/**
 * hl_key_get_curve:
 * @self: a key
 *
 * Returns: BearSSL's curve id (%BR_EC_secp256r1 …) of an EC key, 0 for an
 *   RSA key
 */
int                       hl_key_get_curve        (HlKey         *self);

/**
 * hl_key_get_rsa:
 * @self: a key
 *
 * Returns: (transfer none) (nullable): BearSSL's view of the RSA private
 *   key, valid as long as @self; %NULL for an EC key
 */
const br_rsa_private_key *hl_key_get_rsa          (HlKey         *self);

/**
 * hl_key_get_rsa_public:
 * @self: a key
 *
 * Returns: (transfer none) (nullable): BearSSL's view of the RSA public
 *   key, valid as long as @self; %NULL for an EC key
 */
const br_rsa_public_key  *hl_key_get_rsa_public   (HlKey         *self);

/**
 * hl_key_get_ec:
 * @self: a key
 *
 * Returns: (transfer none) (nullable): BearSSL's view of the EC private
 *   key, valid as long as @self; %NULL for an RSA key
 */
const br_ec_private_key  *hl_key_get_ec           (HlKey         *self);

/**
 * hl_key_get_ec_public:
 * @self: a key
 *
 * Returns: (transfer none) (nullable): BearSSL's view of the EC public key,
 *   valid as long as @self; %NULL for an RSA key
 */
const br_ec_public_key   *hl_key_get_ec_public    (HlKey         *self);

/**
 * hl_key_matches_public:
 * @self: a private key
 * @pkey: a public key, as BearSSL decodes it from a certificate
 *
 * Returns: %TRUE if @pkey is the public half of this private key (same
 *   RSA modulus and exponent, or same EC curve and point)
 */
gboolean                  hl_key_matches_public   (HlKey               *self,
                                                   const br_x509_pkey  *pkey);

/**
 * hl_key_sign_hash:
 * @self: a private key
 * @hash_id: BearSSL's id of the hash function (br_sha256_ID …): SHA-1,
 *   SHA-224, SHA-256, SHA-384 or SHA-512
 * @hash: the hash to sign
 * @hash_len: its length, which must be the hash function's
 * @error: %HL_KEY_ERROR_UNSUPPORTED for another hash function, a wrong
 *   length, or when BearSSL fails to sign
 *
 * Signs @hash with BearSSL's default implementations: PKCS #1 v1.5 with a
 * DigestInfo naming the hash for an RSA key, ECDSA for an EC key.
 *
 * Returns: (transfer full) (nullable): the signature (an ASN.1 DER
 *   signature for ECDSA), or %NULL with @error set
 */
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
