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

const char *hl_loader_quote             (HlLoader            *loader,
                                         const char          *text);
gboolean    hl_loader_fail              (HlLoader            *loader,
                                         GError             **error,
                                         int                  code,
                                         const char          *group,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (5, 6);
gboolean    hl_loader_check_keys        (HlLoader            *loader,
                                         const char          *group,
                                         const char * const  *allowed,
                                         GError             **error);
char       *hl_loader_get_string        (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gboolean             required,
                                         GError             **error);
GStrv       hl_loader_get_list          (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gboolean             required,
                                         guint                max_items,
                                         GError             **error);
gboolean    hl_loader_check_distinct    (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         char               **items,
                                         GError             **error);
const char *hl_loader_host_name_problem (const char          *name,
                                         gboolean             wildcard);
gboolean    hl_loader_check_server_name (HlLoader            *loader,
                                         const char          *name,
                                         GError             **error);
gboolean    hl_loader_get_boolean       (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gboolean            *value,
                                         GError             **error);
gboolean    hl_loader_get_unsigned      (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         guint64              max,
                                         guint64             *value,
                                         GError             **error);
gboolean    hl_loader_get_unsigned_range (HlLoader           *loader,
                                          const char         *group,
                                          const char         *key,
                                          guint64             min,
                                          guint64             max,
                                          guint64            *value,
                                          GError            **error);
gboolean    hl_loader_check_text        (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         const char          *value,
                                         guint                max,
                                         GError             **error);
gboolean    hl_loader_get_time          (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         gint64               clock,
                                         gint64              *value,
                                         GError             **error);
gboolean    hl_loader_scan_lines        (HlLoader            *loader,
                                         const char          *data,
                                         gsize                len,
                                         GError             **error);
gboolean    hl_loader_parse_time        (const char          *text,
                                         gint64               clock,
                                         gint64              *out);
gboolean    hl_loader_check_demo_key    (HlLoader            *loader,
                                         const char          *group,
                                         const char          *key,
                                         const char          *value,
                                         GError             **error);
gboolean    hl_loader_is_request_path   (const char          *path);
gboolean    hl_loader_parse_actor       (const char          *text,
                                         HlActor             *actor);

/* The groups (hl-scenario-load.c, hl-scenario-certificates.c,
 * hl-scenario-expect.c) */

void        hl_scenario_certificate_free (gpointer            data);
gboolean    hl_scenario_load             (HlScenario         *self,
                                          HlLoader           *loader,
                                          GError            **error);
gboolean    hl_scenario_load_certificate (HlLoader           *loader,
                                          HlScenario         *self,
                                          const char         *group,
                                          GError            **error);
gboolean    hl_scenario_load_expect      (HlLoader           *loader,
                                          HlScenario         *self,
                                          GError            **error);
HlScenarioCertificate *
            hl_scenario_find_certificate (HlScenario         *self,
                                          const char         *name);

G_END_DECLS
