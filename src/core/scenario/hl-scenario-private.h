/* hl-scenario-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the files of HlScenario share.
 *
 *   hl-scenario.c               the object, its getters, the built-in lessons
 *   hl-scenario-reader.c        HlLoader: each value read, checked and quoted
 *   hl-scenario-load.c          the groups of a scenario file, and their references
 *   hl-scenario-certificates.c  [Certificate …] groups as PKI recipes, and the
 *                               PKI built from them once per scenario
 *   hl-scenario-expect.c        [Expect]: how the run must end
 *
 * A scenario file is a GKeyFile read strictly (hl_loader_scan_lines()
 * refuses what GKeyFile would merge or skip), and every mistake is one
 * HL_SCENARIO_ERROR naming the file, the group and the key, quoting at
 * most an excerpt of the value (hl_loader_fail(), hl_loader_quote()).
 */

#include "hl-scenario.h"

G_BEGIN_DECLS

#define CERT_GROUP_PREFIX "Certificate "

/* What a scenario may hold, beyond what the file size (HL_FILE_MAX_SIZE)
 * bounds already.  Each limit is in data/scenarios/README.md. */
#define MAX_ID_CHARS           64    /* a file name, in exports' default names */
#define MAX_TITLE_CHARS        100   /* one line in a header bar */
#define MAX_SUMMARY_CHARS      1000
#define MAX_LESSON_CHARS       5000
#define MAX_DESCRIPTION_CHARS  500
#define MAX_NAME_CHARS         64    /* RFC 5280's upper bound for a CN, an O and an OU */
#define MAX_HOST_NAME_CHARS    253   /* RFC 1035: 255 bytes on the wire, two of them lengths */
#define MAX_LABEL_CHARS        63
#define MAX_CERTIFICATES       64    /* each one is signed, at every load */
#define MAX_VERSIONS           3     /* TLS 1.0, 1.1 and 1.2, each once */
#define MAX_SAN_ENTRIES        100   /* dns-names, and ip-addresses, of one certificate */
#define MAX_DNS_NAMES_BYTES    4096  /* a subjectAltName larger than that teaches nothing */

typedef struct
{
  guint    min_version;
  guint    max_version;
  GArray  *suites;          /* guint16 */
  GStrv    chain;           /* the certificates it sends, leaf first (may be NULL for the client) */
  GStrv    trust;           /* the certificates it trusts as roots (may be NULL for the server) */
} HlScenarioSide;

typedef struct
{
  HlCertRecipe  recipe;     /* strings point into the members below */
  char         *name;
  char         *issuer;
  char         *key;
  char         *subject_cn;
  char         *subject_o;
  char         *subject_ou;
  char         *subject_c;
  char         *signed_by_key;
  GStrv         dns_names;
  GBytes       *file_der;  /* certificate-file: the certificate as given */
  HlKey        *file_key;  /* key-file: its private key */
  GStrv         ip_addresses;
} HlScenarioCertificate;

struct _HlScenario
{
  GObject         parent_instance;

  char           *origin;
  char           *base_dir;          /* where the file's certificate files are; NULL from memory */
  GBytes         *source;            /* the text it was read from */
  gboolean        variant;           /* read from a lesson's text as changed (an experiment) */
  char           *id;
  char           *group;
  char           *title;
  char           *summary;
  char           *lesson;
  guint64         seed;
  gint64          clock;
  char           *server_name;
  char           *request_path;
  HlScenarioSide  sides[2];
  GPtrArray      *certificates;      /* HlScenarioCertificate */

  HlClientAuth    client_auth;
  gboolean        server_preference; /* the server's order of suites decides, not the client's */

  gboolean        tamper;
  gboolean        eavesdropper;
  gboolean        resume;

  HlPki          *pki;               /* built on first use, then kept */
  char           *server_key;        /* a demo key the server uses instead of its certificate's */
  HlActor         tamper_sender;
  guint           tamper_record;
  guint           tamper_offset;
  guint8          tamper_xor;
  char           *fault_description;

  HlOutcome       expected_outcome;
  HlActor         expected_failed_side;
  int             expected_error;    /* -1: any */
  int             expected_alert;    /* -1: none, -2: any */
  guint           expected_story;    /* 0: any */

  HlOtherStacks   others;            /* [Other stacks]; members NULL when not given */
};

/* One scenario file being read. */
typedef struct
{
  const char *origin;
  GKeyFile   *keyfile;
  const char *base_dir;   /* where a scenario file's relative paths start; NULL: no files */
  GPtrArray  *quotes;     /* the excerpts hl_loader_quote() made, freed with the loader */
  gsize       file_der_bytes;  /* the certificates read from files so far */
} HlLoader;

/* What the certificates a scenario reads from files may hold together.
 * Every byte of a certificate becomes fields of the trace, lines of the
 * JSON and rows of the window, in every step that shows it: a 540 KB
 * certificate (20,000 names) cost 1.6 s and 224 MB, twelve of them 23 s
 * and 2.8 GB.  Real chains hold a few kilobytes. */
#define HL_SCENARIO_MAX_FILE_CERTIFICATE_BYTES (256 * 1024)

/* Reading values (hl-scenario-reader.c) */

/**
 * hl_loader_quote:
 * @loader: the loader reading the file
 * @text: (nullable): a value of the file, as it stands there; %NULL reads
 *   as ""
 *
 * A value of the file as a message may quote it: short and on one line
 * (hl_file_excerpt()).
 *
 * Returns: (transfer none): the excerpt; the loader keeps it until it is
 *   freed
 */
const char *hl_loader_quote             (HlLoader            *loader,
                                         const char          *text);

/**
 * hl_loader_fail:
 * @loader: the loader reading the file
 * @error: (nullable): the error to set
 * @code: a #HlScenarioError code
 * @group: (nullable): the group at fault, or %NULL for the file as a whole
 * @format: a translated printf() format of the message, without the file
 *   and group; values from the file should go through hl_loader_quote()
 * @...: its arguments
 *
 * Sets @error to "origin: [group] message", made valid UTF-8 whatever
 * bytes the file's names and values hold.
 *
 * Returns: %FALSE, always, so that a check can end with
 *   `return hl_loader_fail (…)`
 */
gboolean    hl_loader_fail              (HlLoader            *loader,
                                         GError             **error,
                                         int                  code,
                                         const char          *group,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (5, 6);

/**
 * hl_loader_check_keys:
 * @loader: the loader reading the file
 * @group: a group of the file
 * @allowed: the keys @group may have, %NULL-terminated; a localized value
 *   (title[de]) belongs to its key
 * @error: set when @group has a key not in @allowed, a value that is not
 *   UTF-8 or holds a bad escape (\e), or a control character in a value
 *   (line breaks and tabs are allowed only in summary, lesson and
 *   description)
 *
 * Checks every key of @group at once, so that each value read later is
 * known to be valid text.
 *
 * Returns: whether all of @group's keys are allowed and readable
 */
gboolean    hl_loader_check_keys        (HlLoader            *loader,
                                         const char          *group,
                                         const char * const  *allowed,
                                         GError             **error);

/**
 * hl_loader_get_string:
 * @loader: the loader reading the file
 * @group: a group of the file
 * @key: one of its keys
 * @required: whether a missing key is an error
 * @error: set with %HL_SCENARIO_ERROR_MISSING when @key is @required and
 *   missing, or %HL_SCENARIO_ERROR_PARSE when GKeyFile cannot read it
 *
 * Returns: (transfer full) (nullable): the value, without leading and
 *   trailing white space; %NULL when it is missing (with @error only when
 *   @required) or unreadable
 */
char       *hl_loader_get_string        (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gboolean             required,
                                         GError             **error);

/**
 * hl_loader_get_list:
 * @loader: the loader reading the file
 * @group: a group of the file
 * @key: one of its keys
 * @required: whether a missing key is an error
 * @max_items: the most entries the list may hold, named in the error that
 *   enforces it: a list in a file of 1 MiB may otherwise hold half a million
 *   entries
 * @error: set when @key is @required and missing, cannot be read, names
 *   nothing, or holds more than @max_items entries
 *
 * Reads a ";"-separated list; entries are stripped of white space, and
 * empty entries are dropped.
 *
 * Returns: (transfer full) (nullable): the entries, %NULL-terminated; %NULL
 *   when the key is missing (with @error only when @required) or on error
 */
GStrv       hl_loader_get_list          (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gboolean             required,
                                         guint                max_items,
                                         GError             **error);

/**
 * hl_loader_check_distinct:
 * @loader: the loader reading the file
 * @group: the group of the list
 * @key: the key of the list, for the message
 * @items: the list, %NULL-terminated
 * @error: set with %HL_SCENARIO_ERROR_INVALID naming the entry given twice
 *
 * A list that names a thing twice is a mistake, and with names that are
 * cheap to repeat, a way to make a small file cost much.
 *
 * Returns: whether no entry of @items is given twice
 */
gboolean    hl_loader_check_distinct    (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         char               **items,
                                         GError             **error);

/**
 * hl_loader_host_name_problem:
 * @name: a would-be host name
 * @wildcard: whether a first label "*" is allowed, the only wildcard
 *   BearSSL matches
 *
 * Checks @name against RFC 1123 section 2.1: labels of letters, digits
 * and hyphens, 1 to 63 characters, neither starting nor ending with a
 * hyphen; at most 253 characters in all, no final dot (RFC 6066 sends
 * none), and a last label that is not all digits (no IPv4 address).  An
 * internationalized name is written as its A-labels (RFC 5890: "xn--" and
 * ASCII); a hyphen in the third and fourth place is reserved for them.
 *
 * Returns: (nullable): why @name is no host name, translated, or %NULL
 *   when it is one
 */
const char *hl_loader_host_name_problem (const char          *name,
                                         gboolean             wildcard);

/**
 * hl_loader_check_server_name:
 * @loader: the loader reading the file
 * @name: the [Client] server-name value
 * @error: set with %HL_SCENARIO_ERROR_PARSE when @name is no host name
 *
 * An empty @name is accepted: it is a lesson of its own, in which the
 * client sends no name and checks none.
 *
 * Returns: whether @name is empty or a host name
 */
gboolean    hl_loader_check_server_name (HlLoader            *loader,
                                         const char          *name,
                                         GError             **error);

/**
 * hl_loader_get_boolean:
 * @loader: the loader reading the file
 * @group: a group of the file
 * @key: one of its keys
 * @value: (out): the value; %FALSE when the key is missing
 * @error: set when the value is neither true nor false (in any case)
 *
 * Returns: whether the key is missing or holds true or false
 */
gboolean    hl_loader_get_boolean       (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gboolean            *value,
                                         GError             **error);

/**
 * hl_loader_get_unsigned:
 * @loader: the loader reading the file
 * @group: a group of the file
 * @key: one of its keys
 * @max: the largest value allowed
 * @value: (out): the value; left as it is when the key is missing
 * @error: set when the value is not a decimal number from 0 to @max
 *
 * Returns: whether the key is missing or holds a number from 0 to @max
 */
gboolean    hl_loader_get_unsigned      (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         guint64              max,
                                         guint64             *value,
                                         GError             **error);

/**
 * hl_loader_get_unsigned_range:
 * @loader: the loader reading the file
 * @group: a group of the file
 * @key: one of its keys
 * @min: the smallest value allowed
 * @max: the largest value allowed
 * @value: (out): the value; left as it is when the key is missing
 * @error: set when the value is not a decimal number from @min to @max
 *
 * Returns: whether the key is missing or holds a number from @min to @max
 */
gboolean    hl_loader_get_unsigned_range (HlLoader           *loader,
                                          const char         *group,
                                          const char         *key,
                                          guint64             min,
                                          guint64             max,
                                          guint64            *value,
                                          GError            **error);

/**
 * hl_loader_check_text:
 * @loader: the loader reading the file
 * @group: the group of the value
 * @key: the key of the value, for the message
 * @value: a text the run shows or sends, already checked to be UTF-8 by
 *   hl_loader_check_keys()
 * @max: the most characters it may have
 * @error: set with %HL_SCENARIO_ERROR_INVALID when @value is empty or too
 *   long
 *
 * Returns: whether @value has from 1 to @max characters
 */
gboolean    hl_loader_check_text        (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         const char          *value,
                                         guint                max,
                                         GError             **error);

/**
 * hl_loader_get_time:
 * @loader: the loader reading the file
 * @group: a group of the file
 * @key: one of its keys; it is required
 * @clock: the scenario's clock, in Unix seconds, that relative times count
 *   from
 * @value: (out): the time, in Unix seconds
 * @error: set when the key is missing, is no time hl_loader_parse_time()
 *   reads, is an offset of more than 100 years, or falls outside the years
 *   1 to 9999 (the years a certificate can name)
 *
 * Returns: whether @value was set
 */
gboolean    hl_loader_get_time          (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gint64               clock,
                                         gint64              *value,
                                         GError             **error);

/**
 * hl_loader_scan_lines:
 * @loader: the loader reading the file
 * @data: the text of the file
 * @len: its length in bytes
 * @error: set with %HL_SCENARIO_ERROR_PARSE naming the first line that is
 *   not a key file's, or %HL_SCENARIO_ERROR_INVALID for a group or a key
 *   given twice
 *
 * Does what GKeyFile does not do: says on which line a file stops being a
 * key file, without quoting a file that may be anything (GLib quotes the
 * line), and refuses a group or a key given twice (GLib merges them, and
 * the last value wins without a word).
 *
 * Returns: whether every line is a comment, a [group] or a key=value line,
 *   and no group or key comes twice
 */
gboolean    hl_loader_scan_lines        (HlLoader            *loader,
                                         const char          *data,
                                         gsize                len,
                                         GError             **error);

/**
 * hl_loader_parse_time:
 * @text: an ISO 8601 date and time with a zone ("2026-03-01T12:00:00Z"),
 *   or a time relative to @clock: "+365d", "-30d", "+12h", "-90m", "+0s",
 *   of at most 100 years
 * @clock: the scenario's clock, in Unix seconds
 * @out: (out): the time, in Unix seconds; set only on success
 *
 * Returns: whether @text is a time of either form
 */
gboolean    hl_loader_parse_time        (const char          *text,
                                         gint64               clock,
                                         gint64              *out);

/**
 * hl_loader_check_demo_key:
 * @loader: the loader reading the file
 * @group: the group of the value
 * @key: the key of the value, for the message
 * @value: the name of a demo key, without ".pem"
 * @error: set with %HL_SCENARIO_ERROR_INVALID when there is no such key
 *
 * Returns: whether data/pki (the resources under pki/) has a key named
 *   @value
 */
gboolean    hl_loader_check_demo_key    (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         const char          *value,
                                         GError             **error);

/**
 * hl_loader_is_request_path:
 * @path: a [Application] request-path value
 *
 * It goes into the HTTP request line as it is (RFC 9112 section 3.2).
 *
 * Returns: whether @path starts with "/" and holds only printable ASCII
 *   without spaces
 */
gboolean    hl_loader_is_request_path   (const char          *path);

/**
 * hl_loader_parse_actor:
 * @text: (nullable): "client" or "server"
 * @actor: (out): the side @text names; set only on success
 *
 * Returns: whether @text names a side
 */
gboolean    hl_loader_parse_actor       (const char          *text,
                                         HlActor             *actor);

/* The groups (hl-scenario-load.c, hl-scenario-certificates.c,
 * hl-scenario-expect.c) */

/**
 * hl_scenario_certificate_free:
 * @data: (transfer full): an #HlScenarioCertificate
 *
 * Frees a certificate group as read, with all its strings.
 */
void        hl_scenario_certificate_free (gpointer            data);

/**
 * hl_scenario_load:
 * @self: an empty scenario
 * @loader: the loader of a file that hl_loader_scan_lines() has accepted
 * @error: set by the first check that fails
 *
 * Reads every group of the file into @self: [Scenario], [Client],
 * [Server], [Application], [Fault], [Other stacks], each
 * [Certificate …] (hl_scenario_load_certificate()) and [Expect]
 * (hl_scenario_load_expect()), and checks that they are consistent.
 *
 * Returns: whether the file is a valid scenario; %FALSE with @error set by
 *   hl_loader_fail()
 */
gboolean    hl_scenario_load             (HlScenario         *self,
                                          HlLoader           *loader,
                                          GError            **error);

/**
 * hl_scenario_load_certificate:
 * @loader: the loader reading the file
 * @self: the scenario being read
 * @group: a group named "Certificate NAME"
 * @error: set when the group's name, keys or values are wrong, or the
 *   scenario already holds its most certificates
 *
 * Reads one certificate group (a recipe, or a certificate-file and
 * key-file) and appends it to @self's certificates.
 *
 * Returns: whether the group is valid
 */
gboolean    hl_scenario_load_certificate (HlLoader           *loader,
                                          HlScenario         *self,
                                          const char         *group,
                                          GError            **error);

/**
 * hl_scenario_load_expect:
 * @loader: the loader reading the file
 * @self: the scenario being read
 * @error: set when [Expect] is missing or its values are wrong or
 *   inconsistent (failing-side, error and alert with an outcome other than
 *   failed)
 *
 * Reads the [Expect] group: the outcome, and for a failed run the failing
 * side, the BearSSL error, the alert and the story step; what it leaves out
 * matches anything.
 *
 * Returns: whether the group is valid
 */
gboolean    hl_scenario_load_expect      (HlLoader           *loader,
                                          HlScenario         *self,
                                          GError            **error);

/**
 * hl_scenario_find_certificate:
 * @self: a scenario
 * @name: the name of a certificate group, without "Certificate "
 *
 * Returns: (transfer none) (nullable): the certificate named @name, or
 *   %NULL
 */
HlScenarioCertificate *
            hl_scenario_find_certificate (HlScenario         *self,
                                          const char         *name);

G_END_DECLS
