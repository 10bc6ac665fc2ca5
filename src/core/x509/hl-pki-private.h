/* hl-pki-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by hl-pki.c (the registry of certificates and keys) and
 * hl-pki-encode.c (how a recipe becomes DER); no other module uses it. */

#include <bearssl.h>

#include "hl-key.h"
#include "hl-pki.h"

G_BEGIN_DECLS

/* One signature hash: how to compute it, and the algorithm identifiers
 * that name it with each kind of key. */
typedef struct
{
  int                  id;
  const br_hash_class *vtable;
  const char          *rsa_oid;   /* PKCS#1 v1.5, RFC 4055 / RFC 8017 */
  const char          *ecdsa_oid; /* RFC 5758 (SHA-2), RFC 3279 (SHA-1) */
} SignatureHash;

/**
 * hl_pki_encode_name:
 * @recipe: a checked recipe
 *
 * Writes one RDN per attribute, most general first, as is usual: C, O, OU,
 * CN, leaving out those the recipe does not give.
 *
 * Returns: (transfer full): the DER of the recipe's subject Name
 */
GBytes *hl_pki_encode_name        (const HlCertRecipe  *recipe);

/**
 * hl_pki_public_key_of:
 * @pkey: (out): the public key, pointing into @key
 * @key: a private key
 */
void    hl_pki_public_key_of      (br_x509_pkey        *pkey,
                                   HlKey               *key);

/**
 * hl_pki_compute_key_id:
 * @pkey: a public key
 * @key_id: (out): its key identifier, SHA-1 of the subjectPublicKey bits
 *   (RFC 5280 §4.2.1.2, method 1)
 */
void    hl_pki_compute_key_id     (const br_x509_pkey  *pkey,
                                   guint8               key_id[br_sha1_SIZE]);

/**
 * hl_pki_encode_certificate:
 * @recipe: a checked recipe
 * @pkey: the certificate's public key
 * @subject: its encoded subject Name
 * @key_id: its key identifier
 * @issuer_name: the encoded Name of its issuer
 * @issuer_key_id: the issuer's key identifier
 * @signing_key: the key that signs it
 * @hash: the signature's hash
 * @error: HL_PKI_ERROR_INVALID (a date or curve DER cannot hold) or
 *   HL_PKI_ERROR_SIGN
 *
 * Returns: (transfer full) (nullable): the certificate's DER
 */
GBytes *hl_pki_encode_certificate (const HlCertRecipe  *recipe,
                                   const br_x509_pkey  *pkey,
                                   GBytes              *subject,
                                   const guint8        *key_id,
                                   GBytes              *issuer_name,
                                   const guint8        *issuer_key_id,
                                   HlKey               *signing_key,
                                   const SignatureHash *hash,
                                   GError             **error);

G_END_DECLS
