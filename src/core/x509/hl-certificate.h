/* hl-certificate.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlCertificate: one X.509 certificate, read for display and for checking.
 *
 * BearSSL's decoder gives a key and a subject but no dates and no issuer,
 * so the project reads the DER itself: names (raw and readable), serial,
 * validity, public key, signature algorithm and value, and the extensions a
 * chain check looks at.  hl_certificate_verify_signature() checks the
 * signature with an issuer's key: the hash is GLib's, the RSA or ECDSA
 * arithmetic BearSSL's primitives, whose result for the same inputs
 * hl_certificate_verify_signature_logged() can take from the run's
 * HlSignatureLog instead of computing it a second time.
 *
 * Parsing never reads out of bounds; a certificate that does not parse
 * is reported with what went wrong and where.
 */

#include <glib.h>
#include <bearssl.h>

#include "hl-signature-log.h"

G_BEGIN_DECLS

typedef struct _HlCertificate HlCertificate;

/**
 * hl_certificate_new:
 * @der: one certificate, DER
 *
 * Returns: (transfer full) (nullable): the certificate, or %NULL with
 *   @error when it does not parse
 */
HlCertificate *hl_certificate_new              (GBytes         *der,
                                                GError        **error);
void           hl_certificate_free             (HlCertificate  *self);
GBytes        *hl_certificate_get_der          (HlCertificate  *self);
GBytes        *hl_certificate_get_subject_der  (HlCertificate  *self);
GBytes        *hl_certificate_get_issuer_der   (HlCertificate  *self);
const char    *hl_certificate_get_subject      (HlCertificate  *self);
const char    *hl_certificate_get_issuer       (HlCertificate  *self);

/**
 * hl_certificate_get_common_name:
 *
 * Returns: (nullable): the subject's CN
 */
const char    *hl_certificate_get_common_name  (HlCertificate  *self);
const char    *hl_certificate_get_serial       (HlCertificate  *self);
gint64         hl_certificate_get_not_before   (HlCertificate  *self);
gint64         hl_certificate_get_not_after    (HlCertificate  *self);
const char    *hl_certificate_get_key_description (HlCertificate *self);
guint          hl_certificate_get_key_bits     (HlCertificate  *self);
gboolean       hl_certificate_is_rsa           (HlCertificate  *self);

/**
 * hl_certificate_is_ec:
 *
 * Returns: whether its key is an EC key on a curve BearSSL knows (P-256,
 *   P-384, P-521); hl_certificate_get_key_bits() gives the curve's size
 */
gboolean       hl_certificate_is_ec            (HlCertificate  *self);
const char    *hl_certificate_get_signature_algorithm (HlCertificate *self);
gboolean       hl_certificate_has_basic_constraints (HlCertificate *self);
gboolean       hl_certificate_is_ca            (HlCertificate  *self);
int            hl_certificate_get_path_len     (HlCertificate  *self);
gboolean       hl_certificate_has_key_usage    (HlCertificate  *self);
guint          hl_certificate_get_key_usage    (HlCertificate  *self);

/**
 * hl_certificate_get_dns_names:
 *
 * Returns: (transfer none): the subjectAltName dNSName entries, possibly
 *   none
 */
const char * const *hl_certificate_get_dns_names (HlCertificate *self);
const char    *hl_certificate_get_unknown_critical (HlCertificate *self);

/**
 * hl_certificate_verify_signature:
 * @self: the signed certificate
 * @issuer: the certificate whose key should have signed it
 * @detail: (out) (optional): what was computed, for a student
 *
 * Returns: whether @self's signature verifies with @issuer's key
 */
gboolean       hl_certificate_verify_signature (HlCertificate  *self,
                                                HlCertificate  *issuer,
                                                char          **detail);

/**
 * hl_certificate_verify_hash:
 * @self: the certificate whose public key checks the signature
 * @hash: the hash that was signed
 * @hash_len: its length: 20, 32, 48 or 64 bytes (SHA-1, SHA-256, SHA-384,
 *   SHA-512, named in an RSA signature's DigestInfo), or 36 for the
 *   MD5 ‖ SHA-1 of TLS 1.0 and 1.1, which RSA signs without a DigestInfo
 * @signature: a PKCS #1 v1.5 signature for an RSA key, an ASN.1 ECDSA
 *   signature for an EC key
 * @signature_len: its length
 *
 * Checks a signature over a hash computed elsewhere, such as the one of
 * a ServerKeyExchange or a CertificateVerify message.
 *
 * Returns: whether @signature verifies with @self's public key
 */
gboolean       hl_certificate_verify_hash      (HlCertificate  *self,
                                                const guint8   *hash,
                                                gsize           hash_len,
                                                const guint8   *signature,
                                                gsize           signature_len);

/**
 * hl_certificate_verify_signature_logged:
 * @log: (nullable): the signature checks this run's X.509 engine made
 *
 * Like hl_certificate_verify_signature(), taking the result of the RSA or
 * ECDSA primitive from @log when it holds a call with the same inputs.
 */
gboolean       hl_certificate_verify_signature_logged (HlCertificate  *self,
                                                HlCertificate  *issuer,
                                                HlSignatureLog *log,
                                                char          **detail);

/**
 * hl_certificate_verify_hash_logged:
 * @log: (nullable): the signature checks this run's engines made
 *
 * Like hl_certificate_verify_hash(), taking the result of the RSA or
 * ECDSA primitive from @log when it holds a call with the same inputs.
 */
gboolean       hl_certificate_verify_hash_logged (HlCertificate  *self,
                                                  const guint8   *hash,
                                                  gsize           hash_len,
                                                  const guint8   *signature,
                                                  gsize           signature_len,
                                                  HlSignatureLog *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCertificate, hl_certificate_free)

G_END_DECLS
