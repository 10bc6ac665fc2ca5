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

const char     *hl_version_name             (guint        version);
gboolean        hl_version_from_name        (const char  *name,
                                             guint       *version);
const char     *hl_cipher_suite_name        (guint        suite);
gboolean        hl_cipher_suite_from_name   (const char  *name,
                                             guint16     *suite);
const guint16  *hl_cipher_suites_supported  (gsize       *n_suites);
const char     *hl_content_type_name        (guint        content_type);
const char     *hl_handshake_type_name      (guint        handshake_type);
const char     *hl_alert_name               (guint        alert);
const char     *hl_error_name               (int          error);
gboolean        hl_error_from_name          (const char  *name,
                                             int         *error);
char           *hl_error_describe           (int          error);
gboolean        hl_error_advice             (int          error,
                                             int         *alert,
                                             const char **fix);
const char     *hl_alert_rfc_description    (guint        alert);

/*
 * Names a decoder needs to read handshake messages byte by byte.  They come
 * from the IANA TLS registries and the RFCs that define them (RFC 5246 for
 * TLS 1.2 hash and signature algorithms, RFC 8422 for elliptic curves and
 * point formats, RFC 8446 for signature schemes); the X.509 object
 * identifiers are the short names of RFC 5280 and its companions.  Each
 * returns NULL for a number it does not know.
 */

const char     *hl_cipher_suite_name_any    (guint        suite);
const char     *hl_extension_name           (guint        extension);
const char     *hl_named_group_name         (guint        group);
const char     *hl_ec_point_format_name     (guint        format);
const char     *hl_ec_curve_type_name       (guint        curve_type);
const char     *hl_signature_scheme_name    (guint        scheme);
const char     *hl_hash_algorithm_name      (guint        hash);
const char     *hl_signature_algorithm_name (guint        signature);
const char     *hl_compression_method_name  (guint        method);
const char     *hl_client_certificate_type_name (guint    certificate_type);
const char     *hl_oid_name                 (const char  *oid);
const char     *hl_oid_attribute_label      (const char  *oid);

G_END_DECLS
