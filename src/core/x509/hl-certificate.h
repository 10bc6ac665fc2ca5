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
 * @error: set with the reason and the place when @der is not a
 *   certificate the reader understands
 *
 * Returns: (transfer full) (nullable): the certificate, or %NULL with
 *   @error when it does not parse
 */
HlCertificate *hl_certificate_new              (GBytes         *der,
                                                GError        **error);

/**
 * hl_certificate_free:
 * @self: (nullable) (transfer full): a certificate, or %NULL
 *
 * Frees a certificate and everything its getters returned.
 */
void           hl_certificate_free             (HlCertificate  *self);

/**
 * hl_certificate_get_der:
 * @self: a certificate
 *
 * Returns: (transfer none): the whole certificate, DER, as given to
 *   hl_certificate_new()
 */
GBytes        *hl_certificate_get_der          (HlCertificate  *self);

/**
 * hl_certificate_get_subject_der:
 * @self: a certificate
 *
 * Returns: (transfer none): the subject Name, DER, tag and length included:
 *   what an issuer's subject must equal byte for byte
 */
GBytes        *hl_certificate_get_subject_der  (HlCertificate  *self);

/**
 * hl_certificate_get_issuer_der:
 * @self: a certificate
 *
 * Returns: (transfer none): the issuer Name, DER, tag and length included
 */
GBytes        *hl_certificate_get_issuer_der   (HlCertificate  *self);

/**
 * hl_certificate_get_subject:
 * @self: a certificate
 *
 * Returns: the subject Name as text, "CN=www.example, O=Example", in the
 *   certificate's order; attributes without a short name show as their OID
 */
const char    *hl_certificate_get_subject      (HlCertificate  *self);

/**
 * hl_certificate_get_issuer:
 * @self: a certificate
 *
 * Returns: the issuer Name as text, as hl_certificate_get_subject() shows a
 *   subject
 */
const char    *hl_certificate_get_issuer       (HlCertificate  *self);

/**
 * hl_certificate_get_common_name:
 * @self: a certificate
 *
 * Returns: (nullable): the subject's CN
 */
const char    *hl_certificate_get_common_name  (HlCertificate  *self);

/**
 * hl_certificate_get_serial:
 * @self: a certificate
 *
 * Returns: the serial number's bytes as written (sign octet included), in
 *   hexadecimal pairs separated by ":"
 */
const char    *hl_certificate_get_serial       (HlCertificate  *self);

/**
 * hl_certificate_get_not_before:
 * @self: a certificate
 *
 * Returns: the start of the validity period, in Unix seconds
 */
gint64         hl_certificate_get_not_before   (HlCertificate  *self);

/**
 * hl_certificate_get_not_after:
 * @self: a certificate
 *
 * Returns: the end of the validity period, in Unix seconds
 */
gint64         hl_certificate_get_not_after    (HlCertificate  *self);

/**
 * hl_certificate_get_key_description:
 * @self: a certificate
 *
 * Returns: the public key in words: "RSA 2048 bits" (translated),
 *   "EC P-256", or "unknown key type" and its OID (translated)
 */
const char    *hl_certificate_get_key_description (HlCertificate *self);

/**
 * hl_certificate_get_key_bits:
 * @self: a certificate
 *
 * Returns: the size of the public key: the RSA modulus's bits (leading
 *   zero bits not counted) or the curve's size (256, 384, 521); 0 for an
 *   unknown key type
 */
guint          hl_certificate_get_key_bits     (HlCertificate  *self);

/**
 * hl_certificate_is_rsa:
 * @self: a certificate
 *
 * Returns: whether its key is an RSA key
 */
gboolean       hl_certificate_is_rsa           (HlCertificate  *self);

/**
 * hl_certificate_is_ec:
 * @self: a certificate
 *
 * Returns: whether its key is an EC key on a curve BearSSL knows (P-256,
 *   P-384, P-521); hl_certificate_get_key_bits() gives the curve's size
 */
gboolean       hl_certificate_is_ec            (HlCertificate  *self);

/**
 * hl_certificate_get_signature_algorithm:
 * @self: a certificate
 *
 * Returns: the name of the signature algorithm the issuer used
 *   ("sha256WithRSAEncryption", "ecdsa-with-SHA256" …), or its OID in
 *   dotted decimal when the project does not know it
 */
const char    *hl_certificate_get_signature_algorithm (HlCertificate *self);

/**
 * hl_certificate_has_basic_constraints:
 * @self: a certificate
 *
 * Returns: whether it has a basicConstraints extension
 */
gboolean       hl_certificate_has_basic_constraints (HlCertificate *self);

/**
 * hl_certificate_is_ca:
 * @self: a certificate
 *
 * Returns: whether its basicConstraints says cA TRUE; %FALSE without
 *   basicConstraints
 */
gboolean       hl_certificate_is_ca            (HlCertificate  *self);

/**
 * hl_certificate_get_path_len:
 * @self: a certificate
 *
 * Returns: the pathLenConstraint of its basicConstraints, or -1 when there
 *   is none (or it does not fit in one byte)
 */
int            hl_certificate_get_path_len     (HlCertificate  *self);

/**
 * hl_certificate_has_key_usage:
 * @self: a certificate
 *
 * Returns: whether it has a keyUsage extension
 */
gboolean       hl_certificate_has_key_usage    (HlCertificate  *self);

/**
 * hl_certificate_get_key_usage:
 * @self: a certificate
 *
 * Returns: the first eight named bits of its keyUsage (RFC 5280
 *   §4.2.1.3): bit n set for named bit n, so 1 for digitalSignature, 1 << 5
 *   for keyCertSign; 0 without keyUsage
 */
guint          hl_certificate_get_key_usage    (HlCertificate  *self);

/**
 * hl_certificate_get_dns_names:
 * @self: a certificate
 *
 * Returns: (transfer none): the subjectAltName dNSName entries, possibly
 *   none
 */
const char * const *hl_certificate_get_dns_names (HlCertificate *self);

/**
 * hl_certificate_get_unknown_critical:
 * @self: a certificate
 *
 * Returns: (nullable): the OID of the first extension marked critical that
 *   BearSSL does not understand (any but basicConstraints, keyUsage,
 *   subjectAltName, subjectKeyIdentifier and authorityKeyIdentifier), or
 *   %NULL: such a certificate BearSSL rejects
 */
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
 * @self: the signed certificate
 * @issuer: the certificate whose key should have signed it
 * @log: (nullable): the signature checks this run's X.509 engine made
 * @detail: (out) (optional): what was computed, for a student
 *
 * Like hl_certificate_verify_signature(), taking the result of the RSA or
 * ECDSA primitive from @log when it holds a call with the same inputs.
 *
 * Returns: whether @self's signature verifies with @issuer's key
 */
gboolean       hl_certificate_verify_signature_logged (HlCertificate  *self,
                                                HlCertificate  *issuer,
                                                HlSignatureLog *log,
                                                char          **detail);

/**
 * hl_certificate_verify_hash_logged:
 * @self: the certificate whose public key should verify
 * @hash: the hash that was signed
 * @hash_len: its length
 * @signature: the signature
 * @signature_len: its length
 * @log: (nullable): the signature checks this run's engines made
 *
 * Like hl_certificate_verify_hash(), taking the result of the RSA or
 * ECDSA primitive from @log when it holds a call with the same inputs.
 *
 * Returns: whether @signature verifies over @hash with @self's key
 */
gboolean       hl_certificate_verify_hash_logged (HlCertificate  *self,
                                                  const guint8   *hash,
                                                  gsize           hash_len,
                                                  const guint8   *signature,
                                                  gsize           signature_len,
                                                  HlSignatureLog *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCertificate, hl_certificate_free)

G_END_DECLS
