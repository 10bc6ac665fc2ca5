/* hl-names.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The names of TLS and BearSSL numbers: protocol versions, cipher suites,
 * record content types, handshake message types, alerts and BearSSL error
 * codes.  Protocol names are the registry names (IANA, RFC 5246) and are
 * never translated; explanations of errors are.
 *
 * Lookups of unknown numbers return NULL; callers show the number.
 */

#include <glib.h>

G_BEGIN_DECLS

/**
 * hl_version_name:
 * @version: a protocol version number (0x0303)
 *
 * Returns: (nullable): "TLS 1.2" and the like
 */
const char     *hl_version_name             (guint        version);

/**
 * hl_version_from_name:
 * @name: "TLS 1.2", "TLS1.2" or "tls12"
 * @version: (out): the version number (0x0303); set only on success
 *
 * Returns: %TRUE and @version set when @name names a version BearSSL has
 */
gboolean        hl_version_from_name        (const char  *name,
                                             guint       *version);

/**
 * hl_cipher_suite_name:
 * @suite: a cipher suite number
 *
 * Returns: (nullable): the IANA name of a suite BearSSL implements
 */
const char     *hl_cipher_suite_name        (guint        suite);

/**
 * hl_cipher_suite_from_name:
 * @name: an IANA suite name, "TLS_RSA_WITH_AES_128_GCM_SHA256"
 * @suite: (out): the suite's number; set only on success
 *
 * Returns: %TRUE and @suite set when BearSSL implements @name
 */
gboolean        hl_cipher_suite_from_name   (const char  *name,
                                             guint16     *suite);

/**
 * hl_cipher_suites_supported:
 * @n_suites: (out): the number of suites
 *
 * Returns: (array length=n_suites) (transfer none): every suite BearSSL
 *   implements, most preferred first
 */
const guint16  *hl_cipher_suites_supported  (gsize       *n_suites);

/**
 * hl_content_type_name:
 * @content_type: a record's content type
 *
 * Returns: (nullable): the RFC 5246 name of a record content type,
 *   "handshake", or %NULL for a type TLS 1.2 does not define
 */
const char     *hl_content_type_name        (guint        content_type);

/**
 * hl_handshake_type_name:
 * @handshake_type: a handshake message type
 *
 * Returns: (nullable): the RFC 5246 name, "ClientHello"
 */
const char     *hl_handshake_type_name      (guint        handshake_type);

/**
 * hl_alert_name:
 * @alert: an alert description number
 *
 * Returns: (nullable): the RFC 5246 name of an alert description
 */
const char     *hl_alert_name               (guint        alert);

/**
 * hl_error_name:
 * @error: a BearSSL error code below 256
 *
 * Returns: (nullable): the BearSSL macro name, "BR_ERR_X509_EXPIRED";
 *   codes from 256 up (alerts) have no single name, use hl_error_describe()
 */
const char     *hl_error_name               (int          error);

/**
 * hl_error_from_name:
 * @name: "BR_ERR_X509_EXPIRED" or "X509_EXPIRED", or a decimal number
 * @error: (out): the error code; set only on success
 *
 * Returns: %TRUE and @error set when @name names a BearSSL error
 */
gboolean        hl_error_from_name          (const char  *name,
                                             int         *error);

/**
 * hl_error_describe:
 * @error: any BearSSL error code, alerts included
 *
 * Returns: (transfer full): a translated sentence with the name and the
 *   meaning of @error
 */
char           *hl_error_describe           (int          error);

/**
 * hl_error_advice:
 * @error: a BearSSL error code
 * @alert: (out): the alert of RFC 5246 §7.2.2 whose description fits
 * @fix: (out) (nullable): how one fixes it in real life, translated; %NULL
 *   when that depends on who checked what (the lesson says)
 *
 * Returns: %FALSE when there is nothing to say about @error
 */
gboolean        hl_error_advice             (int          error,
                                             int         *alert,
                                             const char **fix);

/**
 * hl_alert_rfc_description:
 * @alert: an alert description number
 *
 * Returns: (nullable): how RFC 5246 §7.2.2 describes @alert, in its own
 *   words (translated)
 */
const char     *hl_alert_rfc_description    (guint        alert);

/*
 * Names a decoder needs to read handshake messages byte by byte.  They come
 * from the IANA TLS registries and the RFCs that define them (RFC 5246 for
 * TLS 1.2 hash and signature algorithms, RFC 8422 for elliptic curves and
 * point formats, RFC 8446 for signature schemes); the X.509 object
 * identifiers are the short names of RFC 5280 and its companions.  Each
 * returns NULL for a number it does not know.
 */

/**
 * hl_cipher_suite_name_any:
 * @suite: a cipher suite number
 *
 * Like hl_cipher_suite_name(), and also knows the signalling values
 * (TLS_EMPTY_RENEGOTIATION_INFO_SCSV), the TLS 1.3 suites and a few common
 * suites BearSSL does not implement, for reading messages of other stacks.
 *
 * Returns: (nullable): the IANA name
 */
const char     *hl_cipher_suite_name_any    (guint        suite);

/**
 * hl_extension_name:
 * @extension: a hello extension type
 *
 * Returns: (nullable): the IANA name, "server_name"
 */
const char     *hl_extension_name           (guint        extension);

/**
 * hl_named_group_name:
 * @group: a named group (elliptic curve or finite field group)
 *
 * Returns: (nullable): the IANA name, "secp256r1"
 */
const char     *hl_named_group_name         (guint        group);

/**
 * hl_ec_point_format_name:
 * @format: an ECPointFormat number
 *
 * Returns: (nullable): the RFC 8422 name, "uncompressed"
 */
const char     *hl_ec_point_format_name     (guint        format);

/**
 * hl_ec_curve_type_name:
 * @curve_type: an ECCurveType number
 *
 * Returns: (nullable): the RFC 8422 name of an ECCurveType, "named_curve"
 */
const char     *hl_ec_curve_type_name       (guint        curve_type);

/**
 * hl_signature_scheme_name:
 * @scheme: two bytes of a signature_algorithms list, as one number
 *
 * Returns: (nullable): the IANA name, "rsa_pkcs1_sha256"
 */
const char     *hl_signature_scheme_name    (guint        scheme);

/**
 * hl_hash_algorithm_name:
 * @hash: a HashAlgorithm number
 *
 * Returns: (nullable): the RFC 5246 name of a HashAlgorithm, "sha256"
 */
const char     *hl_hash_algorithm_name      (guint        hash);

/**
 * hl_signature_algorithm_name:
 * @signature: a SignatureAlgorithm number
 *
 * Returns: (nullable): the RFC 5246 name of a SignatureAlgorithm, "rsa"
 */
const char     *hl_signature_algorithm_name (guint        signature);

/**
 * hl_compression_method_name:
 * @method: a CompressionMethod number
 *
 * Returns: (nullable): the IANA name, "null"
 */
const char     *hl_compression_method_name  (guint        method);

/**
 * hl_client_certificate_type_name:
 * @certificate_type: a ClientCertificateType number
 *
 * Returns: (nullable): the name of a ClientCertificateType, "rsa_sign"
 */
const char     *hl_client_certificate_type_name (guint    certificate_type);

/**
 * hl_oid_name:
 * @oid: an object identifier in dotted form, "2.5.4.3"
 *
 * Returns: (nullable): its usual short name, "commonName"
 */
const char     *hl_oid_name                 (const char  *oid);

/**
 * hl_oid_attribute_label:
 * @oid: the object identifier of a name attribute, "2.5.4.3"
 *
 * Returns: (nullable): the label of the attribute in a one-line
 *   distinguished name, "CN"; %NULL for OIDs that are not name attributes
 */
const char     *hl_oid_attribute_label      (const char  *oid);

G_END_DECLS
