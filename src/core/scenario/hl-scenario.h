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

/**
 * hl_scenario_error_quark:
 *
 * Returns: the quark of %HL_SCENARIO_ERROR, the domain of every error a
 *   scenario reports
 */
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
 * @error: set with %HL_SCENARIO_ERROR_UNKNOWN_ID for an unknown @id, or as
 *   hl_scenario_new_from_data() sets it
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with
 *   %HL_SCENARIO_ERROR_UNKNOWN_ID
 */
HlScenario         *hl_scenario_load_builtin       (const char    *id,
                                                    GError       **error);

/**
 * hl_scenario_new_from_file:
 * @path: a .scenario file
 * @error: the file's read error (as hl_file_read() reports it) or a
 *   %HL_SCENARIO_ERROR naming the file, the group and the key at fault
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
 * @error: a %HL_SCENARIO_ERROR naming @origin, the group and the key at
 *   fault
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
 * @error: where the loader's error goes
 *
 * Reads @data as if it were the file @self was read from: errors name that
 * file, and certificate files are found next to it.  An experiment
 * (hl-experiment.h) reads its edits this way.  The variant does not carry
 * @self's notes on other stacks (hl_scenario_get_other_stacks()): they
 * describe the lesson, not a lesson changed.
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with @error
 *   naming the group and the key at fault
 */
HlScenario         *hl_scenario_new_variant        (HlScenario    *self,
                                                    const char    *data,
                                                    gsize          len,
                                                    GError       **error);

/**
 * hl_scenario_get_origin:
 * @self: a scenario
 *
 * Returns: the name its errors give the file it was read from
 *   ("scenarios/rsa-basic.scenario" for a built-in one)
 */
const char         *hl_scenario_get_origin         (HlScenario    *self);

/**
 * hl_scenario_is_variant:
 * @self: a scenario
 *
 * Returns: whether @self was read by hl_scenario_new_variant(): a lesson
 *   changed, whose texts (summary, lesson, the outcome it expects) were
 *   written for the lesson as it was
 */
gboolean            hl_scenario_is_variant         (HlScenario    *self);

/**
 * hl_scenario_get_source:
 * @self: a scenario
 *
 * Returns: (transfer none): the text @self was read from, as it was
 */
GBytes             *hl_scenario_get_source         (HlScenario    *self);

/**
 * hl_scenario_get_id:
 * @self: a scenario
 *
 * Returns: the id of the scenario ([Scenario] id, "rsa-basic"): untranslated,
 *   stable, unique among the built-in ones
 */
const char         *hl_scenario_get_id             (HlScenario    *self);

/**
 * hl_scenario_get_title:
 * @self: a scenario
 *
 * Returns: the translated title
 */
const char         *hl_scenario_get_title          (HlScenario    *self);

/**
 * hl_scenario_get_group:
 * @self: a scenario
 *
 * Returns: the untranslated name of the group of lessons the scenario
 *   belongs to ([Scenario] group), by which the scenario menu sorts and
 *   groups lessons
 */
const char         *hl_scenario_get_group          (HlScenario    *self);

/**
 * hl_scenario_get_summary:
 * @self: a scenario
 *
 * Returns: the translated summary
 */
const char         *hl_scenario_get_summary        (HlScenario    *self);

/**
 * hl_scenario_get_lesson:
 * @self: a scenario
 *
 * Returns: (nullable): the translated lesson: what to take away, what a
 *   browser or OpenSSL would do
 */
const char         *hl_scenario_get_lesson         (HlScenario    *self);

/**
 * hl_scenario_get_seed:
 * @self: a scenario
 *
 * Returns: the seed both engines' random generators are fed, so that a run
 *   is the same run every time
 */
guint64             hl_scenario_get_seed           (HlScenario    *self);

/**
 * hl_scenario_set_seed:
 * @self: a scenario
 * @seed: the new seed
 *
 * Replaces the scenario's seed, for a run that differs only in its
 * randomness.
 */
void                hl_scenario_set_seed           (HlScenario    *self,
                                                    guint64        seed);

/**
 * hl_scenario_get_clock:
 * @self: a scenario
 *
 * Returns: the scenario's "now", in Unix seconds: the only time the run's
 *   certificate checks see
 */
gint64              hl_scenario_get_clock          (HlScenario    *self);

/**
 * hl_scenario_get_server_name:
 * @self: a scenario
 *
 * Returns: the host name the client asks for in SNI and checks the server's
 *   certificate against; "" when it sends and checks none
 */
const char         *hl_scenario_get_server_name    (HlScenario    *self);

/**
 * hl_scenario_get_versions:
 * @self: a scenario
 * @side: %HL_ACTOR_CLIENT or %HL_ACTOR_SERVER
 * @min: (out): the lowest protocol version @side accepts (0x0301 for TLS
 *   1.0 … 0x0303 for TLS 1.2)
 * @max: (out): the highest one; @side accepts every version between
 *
 * Gives the protocol versions @side's engine is configured with.
 */
void                hl_scenario_get_versions       (HlScenario    *self,
                                                    HlActor        side,
                                                    guint         *min,
                                                    guint         *max);

/**
 * hl_scenario_get_suites:
 * @self: a scenario
 * @side: %HL_ACTOR_CLIENT or %HL_ACTOR_SERVER
 * @n_suites: (out): how many suites the returned array holds
 *
 * Returns: (array length=n_suites) (transfer none): the suites @side
 *   accepts, in its order of preference; none for a client that offers
 *   BearSSL's default list
 */
const guint16      *hl_scenario_get_suites         (HlScenario    *self,
                                                    HlActor        side,
                                                    gsize         *n_suites);

/**
 * hl_scenario_get_n_certificates:
 * @self: a scenario
 *
 * Returns: how many certificates the scenario makes or reads (its
 *   [Certificate …] groups); indexes for hl_scenario_get_certificate()
 */
guint               hl_scenario_get_n_certificates (HlScenario    *self);

/**
 * hl_scenario_get_pki:
 * @self: a scenario
 * @error: set when a certificate cannot be built
 *
 * Builds the scenario's certificates on the first call and keeps them:
 * they depend on nothing a run changes (signatures are deterministic), and
 * signing costs more than a handshake.
 *
 * Returns: (transfer none) (nullable): the scenario's PKI
 */
HlPki              *hl_scenario_get_pki            (HlScenario    *self,
                                                    GError       **error);

/**
 * hl_scenario_get_certificate_file:
 * @self: a scenario
 * @index: less than hl_scenario_get_n_certificates()
 * @der: (out) (transfer none): the certificate read from certificate-file
 * @key: (out) (transfer none) (nullable): its key, from key-file
 *
 * Returns: whether the certificate at @index came from a file rather than
 *   a recipe
 */
gboolean            hl_scenario_get_certificate_file (HlScenario  *self,
                                                    guint          index,
                                                    GBytes       **der,
                                                    HlKey        **key);

/**
 * hl_scenario_get_certificate:
 * @self: a scenario
 * @index: less than hl_scenario_get_n_certificates()
 *
 * Certificates come issuers first, ready for hl_pki_add().
 *
 * Returns: (transfer none): the recipe at @index, with absolute times
 */
const HlCertRecipe *hl_scenario_get_certificate    (HlScenario    *self,
                                                    guint          index);

/**
 * hl_scenario_get_server_chain:
 * @self: a scenario
 *
 * Returns: (transfer none): the names of the certificates the server
 *   sends, leaf first
 */
const char * const *hl_scenario_get_server_chain   (HlScenario    *self);

/**
 * hl_scenario_get_client_trust:
 * @self: a scenario
 *
 * Returns: (transfer none): the names of the certificates the client
 *   trusts as roots
 */
const char * const *hl_scenario_get_client_trust   (HlScenario    *self);

/**
 * hl_scenario_get_client_chain:
 * @self: a scenario
 *
 * Returns: (transfer none) (nullable): the certificates the client sends
 *   when asked for one, leaf first; %NULL when it has none
 */
const char * const *hl_scenario_get_client_chain   (HlScenario    *self);

/**
 * hl_scenario_get_server_trust:
 * @self: a scenario
 *
 * Returns: (transfer none) (nullable): the roots the server accepts client
 *   certificates from; %NULL without client authentication
 */
const char * const *hl_scenario_get_server_trust   (HlScenario    *self);

/**
 * hl_scenario_get_client_auth:
 * @self: a scenario
 *
 * Returns: whether the server asks the client for a certificate, and
 *   whether it goes on without one
 */
HlClientAuth        hl_scenario_get_client_auth    (HlScenario    *self);

/**
 * hl_scenario_get_server_preference:
 * @self: a scenario
 *
 * Returns: %TRUE when the server picks the first suite of its own list
 *   that the client offered (BearSSL's %BR_OPT_ENFORCE_SERVER_PREFERENCES),
 *   %FALSE when it follows the client's order
 */
gboolean            hl_scenario_get_server_preference (HlScenario *self);

/**
 * hl_scenario_get_request_path:
 * @self: a scenario
 *
 * Returns: the path the client's HTTP request asks for ([Application]
 *   request-path), "/" when the file names none
 */
const char         *hl_scenario_get_request_path   (HlScenario    *self);

/**
 * hl_scenario_get_tamper:
 * @self: a scenario
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
 * @self: a scenario
 *
 * Returns: whether an eavesdropper records the run and later steals the
 *   server's private key
 */
gboolean            hl_scenario_get_eavesdropper   (HlScenario    *self);

/**
 * hl_scenario_get_resume:
 * @self: a scenario
 *
 * Returns: whether the client connects a second time, resuming the
 *   session of the first connection
 */
gboolean            hl_scenario_get_resume         (HlScenario    *self);

/**
 * hl_scenario_get_server_key:
 * @self: a scenario
 *
 * Returns: (nullable): the demo key the server uses instead of the key of
 *   its certificate, or %NULL: its certificate's
 */
const char         *hl_scenario_get_server_key     (HlScenario    *self);

/**
 * hl_scenario_get_fault_description:
 * @self: a scenario
 *
 * Returns: (nullable): what the scenario's attacker is after, translated;
 *   %NULL for a variant (hl_scenario_new_variant())
 */
const char         *hl_scenario_get_fault_description (HlScenario *self);

/**
 * hl_scenario_get_other_stacks:
 * @self: a scenario
 *
 * Returns: (transfer none): what the scenario says OpenSSL and browsers do
 *   in the same place, and how one fixes it; members are %NULL when it
 *   says nothing of them.  Texts are as written: translate @fix with
 *   g_dgettext (GETTEXT_PACKAGE, …).
 */
const HlOtherStacks *hl_scenario_get_other_stacks  (HlScenario    *self);

/**
 * hl_scenario_get_expected_outcome:
 * @self: a scenario
 *
 * Returns: how the scenario's [Expect] group says the run ends
 */
HlOutcome           hl_scenario_get_expected_outcome (HlScenario  *self);

/**
 * hl_scenario_matches_trace:
 * @self: a scenario
 * @trace: a sealed trace of a run of @self
 * @mismatch: (out) (optional) (transfer full): what differs, translated;
 *   %NULL when the trace matches
 *
 * Compares the outcome, and for a failed run the failing side, the
 * BearSSL error, the story step where it broke and the alert sent, with
 * what the [Expect] group says; keys the group leaves out match anything.
 *
 * Returns: whether @trace ended as the scenario's [Expect] group says
 */
gboolean            hl_scenario_matches_trace      (HlScenario    *self,
                                                    HlTrace       *trace,
                                                    char         **mismatch);

G_END_DECLS
