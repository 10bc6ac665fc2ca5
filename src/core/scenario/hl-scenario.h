/* hl-scenario.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlScenario: what one run does, read from a .scenario file (GKeyFile).
 *
 * A scenario names the lesson (id, title, group, summary), what each side
 * offers (versions, cipher suites, server name), the certificates to build
 * and which side trusts which, the seed and clock that make the run
 * reproducible, and the outcome the lesson expects.  data/scenarios/README.md
 * documents the format.  Built-in scenarios are compiled into the core
 * GResource; hl_scenario_list_builtin() names them.
 *
 * Loading is strict: an unknown group or key, a value that does not parse,
 * or a reference to something that does not exist is an error naming the
 * file, the group and the key.
 */

#include <gio/gio.h>

#include "hl-pki.h"
#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_SCENARIO_ERROR (hl_scenario_error_quark ())

typedef enum
{
  HL_SCENARIO_ERROR_UNKNOWN_ID,
  HL_SCENARIO_ERROR_PARSE,       /* not a key file, or a value that does not parse */
  HL_SCENARIO_ERROR_UNKNOWN_KEY, /* a group or key the format does not have */
  HL_SCENARIO_ERROR_MISSING,     /* a required key is absent */
  HL_SCENARIO_ERROR_INVALID,     /* parses, but is inconsistent */
} HlScenarioError;

typedef enum
{
  HL_CLIENT_AUTH_NONE,      /* the server asks for no certificate */
  HL_CLIENT_AUTH_REQUIRED,  /* CertificateRequest; no certificate, no connection */
  HL_CLIENT_AUTH_OPTIONAL,  /* CertificateRequest; the client may send none */
} HlClientAuth;

/* [Other stacks]: claims about other TLS stacks in the same place of the
 * same run.  tests/test-openssl-chains.c proves every @openssl claim of the
 * built-in lessons by running OpenSSL on the same certificates. */
typedef struct
{
  char *openssl;         /* X509_V_ERR_…: OpenSSL 3.0 rejects the certificate with this error;
                          * "accepts": it completes the handshake; "alert:NAME": it sends this alert */
  char *chrome;          /* Chromium's error name */
  char *firefox;         /* Firefox's error name */
  char *browser_source;  /* where those names come from */
  char *fix;             /* how one fixes it in real life */
} HlOtherStacks;

#define HL_TYPE_SCENARIO (hl_scenario_get_type ())

G_DECLARE_FINAL_TYPE (HlScenario, hl_scenario, HL, SCENARIO, GObject)

GQuark              hl_scenario_error_quark        (void);
char              **hl_scenario_list_builtin       (void);
HlScenario         *hl_scenario_load_builtin       (const char    *id,
                                                    GError       **error);
HlScenario         *hl_scenario_new_from_file      (const char    *path,
                                                    GError       **error);
HlScenario         *hl_scenario_new_from_data      (const char    *data,
                                                    gsize          len,
                                                    const char    *origin,
                                                    GError       **error);

const char         *hl_scenario_get_id             (HlScenario    *self);
const char         *hl_scenario_get_title          (HlScenario    *self);
const char         *hl_scenario_get_group          (HlScenario    *self);
const char         *hl_scenario_get_summary        (HlScenario    *self);
const char         *hl_scenario_get_lesson         (HlScenario    *self);
guint64             hl_scenario_get_seed           (HlScenario    *self);
void                hl_scenario_set_seed           (HlScenario    *self,
                                                    guint64        seed);
gint64              hl_scenario_get_clock          (HlScenario    *self);
const char         *hl_scenario_get_server_name    (HlScenario    *self);
void                hl_scenario_get_versions       (HlScenario    *self,
                                                    HlActor        side,
                                                    guint         *min,
                                                    guint         *max);
const guint16      *hl_scenario_get_suites         (HlScenario    *self,
                                                    HlActor        side,
                                                    gsize         *n_suites);
guint               hl_scenario_get_n_certificates (HlScenario    *self);
HlPki              *hl_scenario_get_pki            (HlScenario    *self,
                                                    GError       **error);
gboolean            hl_scenario_get_certificate_file (HlScenario  *self,
                                                    guint          index,
                                                    GBytes       **der,
                                                    HlKey        **key);
const HlCertRecipe *hl_scenario_get_certificate    (HlScenario    *self,
                                                    guint          index);
const char * const *hl_scenario_get_server_chain   (HlScenario    *self);
const char * const *hl_scenario_get_client_trust   (HlScenario    *self);
const char * const *hl_scenario_get_client_chain   (HlScenario    *self);
const char * const *hl_scenario_get_server_trust   (HlScenario    *self);
HlClientAuth        hl_scenario_get_client_auth    (HlScenario    *self);
const char         *hl_scenario_get_request_path   (HlScenario    *self);

gboolean            hl_scenario_get_tamper         (HlScenario    *self,
                                                    HlActor       *sender,
                                                    guint         *record,
                                                    guint         *offset,
                                                    guint8        *mask,
                                                    const char   **description);

gboolean            hl_scenario_get_eavesdropper   (HlScenario    *self);
gboolean            hl_scenario_get_resume         (HlScenario    *self);
const char         *hl_scenario_get_server_key     (HlScenario    *self);
const char         *hl_scenario_get_fault_description (HlScenario *self);
const HlOtherStacks *hl_scenario_get_other_stacks  (HlScenario    *self);

HlOutcome           hl_scenario_get_expected_outcome (HlScenario  *self);
gboolean            hl_scenario_matches_trace      (HlScenario    *self,
                                                    HlTrace       *trace,
                                                    char         **mismatch);

G_END_DECLS
