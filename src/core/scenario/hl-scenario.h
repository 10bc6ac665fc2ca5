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

/**
 * hl_scenario_list_builtin:
 *
 * The ids in the catalog's teaching order (hl-catalog.h); a built-in
 * scenario the catalog does not list comes after them, sorted by id.
 *
 * Returns: (transfer full): the ids of the built-in scenarios
 */
char              **hl_scenario_list_builtin       (void);

/**
 * hl_scenario_load_builtin:
 * @id: a scenario id, "rsa-basic"
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with
 *   %HL_SCENARIO_ERROR_UNKNOWN_ID
 */
HlScenario         *hl_scenario_load_builtin       (const char    *id,
                                                    GError       **error);

/**
 * hl_scenario_new_from_file:
 * @path: a .scenario file
 *
 * Reads @path with hl_file_read(), so only a regular file of at most
 * %HL_FILE_MAX_SIZE bytes; the certificate and key files it names too.
 * Messages name the file as hl_file_display_name() shows it.
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with @error
 */
HlScenario         *hl_scenario_new_from_file      (const char    *path,
                                                    GError       **error);

/**
 * hl_scenario_new_from_data:
 * @data: the text of a .scenario file
 * @len: its length, or -1 when NUL-terminated
 * @origin: the name of the file, for error messages
 *
 * A scenario from memory cannot name certificate files.
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with @error
 *   naming @origin, the group and the key at fault
 */
HlScenario         *hl_scenario_new_from_data      (const char    *data,
                                                    gsize          len,
                                                    const char    *origin,
                                                    GError       **error);

/**
 * hl_scenario_new_variant:
 * @self: the scenario the text was made from
 * @data: the text of a scenario file, changed
 * @len: its length, or -1 when NUL-terminated
 *
 * Reads @data as if it were the file @self was read from: errors name that
 * file, and certificate files are found next to it.  An experiment
 * (hl-experiment.h) reads its edits this way.
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with @error
 *   naming the group and the key at fault
 */
HlScenario         *hl_scenario_new_variant        (HlScenario    *self,
                                                    const char    *data,
                                                    gsize          len,
                                                    GError       **error);

/**
 * hl_scenario_get_source:
 * @self: a scenario
 *
 * Returns: (transfer none): the text @self was read from, as it was
 */
GBytes             *hl_scenario_get_source         (HlScenario    *self);

const char         *hl_scenario_get_id             (HlScenario    *self);

/**
 * hl_scenario_get_title:
 *
 * Returns: the translated title
 */
const char         *hl_scenario_get_title          (HlScenario    *self);
const char         *hl_scenario_get_group          (HlScenario    *self);

/**
 * hl_scenario_get_summary:
 *
 * Returns: the translated summary
 */
const char         *hl_scenario_get_summary        (HlScenario    *self);

/**
 * hl_scenario_get_lesson:
 *
 * Returns: (nullable): the translated lesson: what to take away, what a
 *   browser or OpenSSL would do
 */
const char         *hl_scenario_get_lesson         (HlScenario    *self);
guint64             hl_scenario_get_seed           (HlScenario    *self);

/**
 * hl_scenario_set_seed:
 *
 * Replaces the scenario's seed, for a run that differs only in its
 * randomness.
 */
void                hl_scenario_set_seed           (HlScenario    *self,
                                                    guint64        seed);

/**
 * hl_scenario_get_clock:
 *
 * Returns: the scenario's "now", in Unix seconds: the only time the run's
 *   certificate checks see
 */
gint64              hl_scenario_get_clock          (HlScenario    *self);
const char         *hl_scenario_get_server_name    (HlScenario    *self);
void                hl_scenario_get_versions       (HlScenario    *self,
                                                    HlActor        side,
                                                    guint         *min,
                                                    guint         *max);

/**
 * hl_scenario_get_suites:
 *
 * Returns: (array length=n_suites) (transfer none): the suites @side
 *   accepts, in its order of preference; none for a client that offers
 *   BearSSL's default list
 */
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

/**
 * hl_scenario_get_certificate:
 *
 * Certificates come issuers first, ready for hl_pki_add().
 *
 * Returns: (transfer none): the recipe at @index, with absolute times
 */
const HlCertRecipe *hl_scenario_get_certificate    (HlScenario    *self,
                                                    guint          index);

/**
 * hl_scenario_get_server_chain:
 *
 * Returns: (transfer none): the names of the certificates the server
 *   sends, leaf first
 */
const char * const *hl_scenario_get_server_chain   (HlScenario    *self);

/**
 * hl_scenario_get_client_trust:
 *
 * Returns: (transfer none): the names of the certificates the client
 *   trusts as roots
 */
const char * const *hl_scenario_get_client_trust   (HlScenario    *self);

/**
 * hl_scenario_get_client_chain:
 *
 * Returns: (transfer none) (nullable): the certificates the client sends
 *   when asked for one, leaf first; %NULL when it has none
 */
const char * const *hl_scenario_get_client_chain   (HlScenario    *self);

/**
 * hl_scenario_get_server_trust:
 *
 * Returns: (transfer none) (nullable): the roots the server accepts client
 *   certificates from; %NULL without client authentication
 */
const char * const *hl_scenario_get_server_trust   (HlScenario    *self);
HlClientAuth        hl_scenario_get_client_auth    (HlScenario    *self);

/**
 * hl_scenario_get_server_preference:
 *
 * Returns: %TRUE when the server picks the first suite of its own list
 *   that the client offered (BearSSL's %BR_OPT_ENFORCE_SERVER_PREFERENCES),
 *   %FALSE when it follows the client's order
 */
gboolean            hl_scenario_get_server_preference (HlScenario *self);
const char         *hl_scenario_get_request_path   (HlScenario    *self);

/**
 * hl_scenario_get_tamper:
 * @sender: (out): whose record the network changes
 * @record: (out): which of that side's records, from 1
 * @offset: (out): which byte of its body (after the 5-byte header)
 * @mask: (out): the bits flipped
 * @description: (out) (nullable): what the attacker is after, translated
 *
 * Returns: whether the scenario has the network tamper with a record
 */
gboolean            hl_scenario_get_tamper         (HlScenario    *self,
                                                    HlActor       *sender,
                                                    guint         *record,
                                                    guint         *offset,
                                                    guint8        *mask,
                                                    const char   **description);

/**
 * hl_scenario_get_eavesdropper:
 *
 * Returns: whether an eavesdropper records the run and later steals the
 *   server's private key
 */
gboolean            hl_scenario_get_eavesdropper   (HlScenario    *self);

/**
 * hl_scenario_get_resume:
 *
 * Returns: whether the client connects a second time, resuming the
 *   session of the first connection
 */
gboolean            hl_scenario_get_resume         (HlScenario    *self);

/**
 * hl_scenario_get_server_key:
 *
 * Returns: (nullable): the demo key the server uses instead of the key of
 *   its certificate, or %NULL: its certificate's
 */
const char         *hl_scenario_get_server_key     (HlScenario    *self);

/**
 * hl_scenario_get_fault_description:
 *
 * Returns: (nullable): what the scenario's attacker is after, translated
 */
const char         *hl_scenario_get_fault_description (HlScenario *self);

/**
 * hl_scenario_get_other_stacks:
 *
 * Returns: (transfer none): what the scenario says OpenSSL and browsers do
 *   in the same place, and how one fixes it; members are %NULL when it
 *   says nothing of them.  Texts are as written: translate @fix with
 *   g_dgettext (GETTEXT_PACKAGE, …).
 */
const HlOtherStacks *hl_scenario_get_other_stacks  (HlScenario    *self);

HlOutcome           hl_scenario_get_expected_outcome (HlScenario  *self);
gboolean            hl_scenario_matches_trace      (HlScenario    *self,
                                                    HlTrace       *trace,
                                                    char         **mismatch);

G_END_DECLS
