/* test-pki.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the parts of test-pki share: the clock of every certificate test,
 * the scratch directory, and the judges (OpenSSL, BearSSL).
 * What a function does is said at its definition. */

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hl-der-writer.h"
#include "hl-key.h"
#include "hl-pki.h"
#include "hl-scenario.h"
#include "hl-test-util.h"

/* 2026-03-01T12:00:00Z, the clock of every certificate test */
#define CLOCK        G_GINT64_CONSTANT (1772366400)
#define DAY          G_GINT64_CONSTANT (86400)
/* BearSSL counts days from 1 January of year 0 */
#define BR_UNIX_EPOCH_DAY 719528

#define LEAF_NOT_BEFORE (CLOCK - 30 * DAY)
#define LEAF_NOT_AFTER  (CLOCK + 365 * DAY)
#define CA_NOT_BEFORE   (CLOCK - 365 * DAY)
#define CA_NOT_AFTER    (CLOCK + 3650 * DAY)

#define SERVER_NAME "www.handshake-lab.test"

extern const char *scratch;

extern gboolean have_ec_keys;

extern GResource *ec_resource;

char *strip_spaces (const char *s);

gboolean der_contains (GBytes     *der,
                       const char *hex_needle);

gboolean have_openssl (void);

GBytes *demo_pem (const char *name);

int bearssl_validate_min_rsa (const br_x509_trust_anchor *anchors,
                              gsize                       n_anchors,
                              const br_x509_certificate  *chain,
                              gsize                       n_certs,
                              const char                 *server_name,
                              gint64                      when,
                              int                         min_rsa_bytes);

extern const char * const server_dns[];

HlPki *build_demo_pki (void);

char *export_cert (HlPki      *pki,
                   const char *name);

char *openssl_text (const char *pem_path);

void assert_contains (const char *haystack,
                      const char *needle);

gboolean make_ec_keys (void);

/* Each area's cases, registered in the order they run. */
void hl_test_pki_add_der_tests (void);
void hl_test_pki_add_key_tests (void);
void hl_test_pki_add_chains_tests (void);
void hl_test_pki_add_features_tests (void);
