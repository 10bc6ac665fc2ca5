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

G_END_DECLS
