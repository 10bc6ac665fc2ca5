/* hl-scenario.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <bearssl.h>

#include "hl-cert-loader.h"
#include "hl-file.h"
#include "hl-names.h"
#include "hl-scenario.h"

#define SCENARIO_RESOURCE_DIR RESOURCE_PREFIX "/scenarios/"
#define PKI_RESOURCE_DIR      RESOURCE_PREFIX "/pki/"
#define CERT_GROUP_PREFIX     "Certificate "

typedef struct
{
  guint    min_version;
  guint    max_version;
  GArray  *suites;          /* guint16 */
  GStrv    chain;           /* the certificates it sends, leaf first (may be NULL for the client) */
  GStrv    trust;           /* the certificates it trusts as roots (may be NULL for the server) */
} Side;

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
} Certificate;

struct _HlScenario
{
  GObject    parent_instance;

  char      *origin;
  char      *id;
  char      *group;
  char      *title;
  char      *summary;
  char      *lesson;
  guint64    seed;
  gint64     clock;
  char      *server_name;
  char      *request_path;
  Side       sides[2];
  GPtrArray *certificates;  /* Certificate */

  HlClientAuth client_auth;

  gboolean   tamper;
  gboolean   eavesdropper;
  gboolean   resume;

  HlPki     *pki;            /* built on first use, then kept */
  char      *server_key;     /* a demo key the server uses instead of its certificate's */
  HlActor    tamper_sender;
  guint      tamper_record;
  guint      tamper_offset;
  guint8     tamper_xor;
  char      *fault_description;

  HlOutcome  expected_outcome;
  HlActor    expected_failed_side;
  int        expected_error;          /* -1: any */
  int        expected_alert;          /* -1: none, -2: any */
  guint      expected_story;          /* 0: any */

  HlOtherStacks others;               /* [Other stacks]; members NULL when not given */
};

G_DEFINE_FINAL_TYPE (HlScenario, hl_scenario, G_TYPE_OBJECT)

G_DEFINE_QUARK (hl-scenario-error-quark, hl_scenario_error)

static void
certificate_free (gpointer data)
{
  Certificate *cert = data;

  g_free (cert->name);
  g_free (cert->issuer);
  g_free (cert->key);
  g_free (cert->subject_cn);
  g_free (cert->subject_o);
  g_free (cert->subject_ou);
  g_free (cert->subject_c);
  g_free (cert->signed_by_key);
  g_strfreev (cert->dns_names);
  g_clear_pointer (&cert->file_der, g_bytes_unref);
  g_clear_pointer (&cert->file_key, hl_key_unref);
  g_strfreev (cert->ip_addresses);
  g_free (cert);
}

static void
hl_scenario_finalize (GObject *object)
{
  HlScenario *self = (HlScenario *)object;

  g_free (self->origin);
  g_free (self->id);
  g_free (self->group);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->lesson);
  g_free (self->fault_description);
  g_free (self->server_name);
  g_free (self->request_path);
  for (guint i = 0; i < G_N_ELEMENTS (self->sides); i++)
    {
      g_clear_pointer (&self->sides[i].suites, g_array_unref);
      g_clear_pointer (&self->sides[i].chain, g_strfreev);
      g_clear_pointer (&self->sides[i].trust, g_strfreev);
    }
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->pki, hl_pki_free);
  g_free (self->server_key);
  g_free (self->others.openssl);
  g_free (self->others.chrome);
  g_free (self->others.firefox);
  g_free (self->others.browser_source);
  g_free (self->others.fix);

  G_OBJECT_CLASS (hl_scenario_parent_class)->finalize (object);
}

static void
hl_scenario_class_init (HlScenarioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hl_scenario_finalize;
}

static void
hl_scenario_init (HlScenario *self)
{
  self->certificates = g_ptr_array_new_with_free_func (certificate_free);
  self->expected_error = -1;
  self->expected_alert = -1;
  self->expected_failed_side = HL_ACTOR_NETWORK;
  for (guint i = 0; i < G_N_ELEMENTS (self->sides); i++)
    self->sides[i].suites = g_array_new (FALSE, FALSE, sizeof (guint16));
}

/* Loading ------------------------------------------------------------------ */

typedef struct
{
  const char *origin;
  GKeyFile   *keyfile;
  const char *base_dir;   /* where a scenario file's relative paths start; NULL: no files */
  GPtrArray  *quotes;     /* the excerpts quote() made, freed with the loader */
} Loader;

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

static const char * const scenario_keys[] = { "id", "group", "title", "summary", "lesson", "seed", "clock", NULL };
static const char * const client_keys[] = { "versions", "suites", "server-name", "trust", "chain", NULL };
static const char * const server_keys[] = { "versions", "suites", "chain", "trust", "client-auth", "key", NULL };
static const char * const application_keys[] = { "request-path", "resume", NULL };
static const char * const certificate_keys[] = {
  "subject-cn", "subject-o", "subject-ou", "subject-c", "issuer", "key", "serial",
  "valid-from", "valid-until", "ca", "path-len", "basic-constraints", "key-usage",
  "ext-key-usage", "ext-key-usage-critical", "dns-names", "ip-addresses",
  "subject-key-id", "unknown-critical-extension", "signature-hash", "signed-by-key", "certificate-file", "key-file", NULL
};
static const char * const expect_keys[] = { "outcome", "failing-side", "error", "alert", "story-step", NULL };
static const char * const fault_keys[] = { "tamper-sender", "tamper-record", "tamper-offset", "tamper-xor",
                                           "eavesdropper", "description", NULL };
static const char * const other_stacks_keys[] = { "openssl", "chrome", "firefox", "browser-source", "fix", NULL };

/* A value of the file as a message may quote it: short and on one line.
 * The loader keeps the text until it is done. */
static const char *
quote (Loader     *loader,
       const char *text)
{
  char *excerpt = hl_file_excerpt (text != NULL ? text : "");

  g_ptr_array_add (loader->quotes, excerpt);

  return excerpt;
}

static gboolean G_GNUC_PRINTF (5, 6)
fail (Loader      *loader,
      GError     **error,
      int          code,
      const char  *group,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (group != NULL)
    text = g_strdup_printf ("%s: [%s] %s", loader->origin, quote (loader, group), message);
  else
    text = g_strdup_printf ("%s: %s", loader->origin, message);

  /* A file's names and values are quoted back, as excerpts (quote()):
   * whatever bytes they hold, the message stays UTF-8 for the window and
   * the terminal. */
  valid = g_utf8_make_valid (text, -1);
  g_set_error_literal (error, HL_SCENARIO_ERROR, code, valid);

  return FALSE;
}

/* The texts a person reads, never sent: they may hold line breaks and
 * tabs (\n, \t).  Every other value may end up on the wire (a host
 * name in the SNI extension, the certificate and the HTTP request) and
 * holds no control character at all. */
static gboolean
is_prose_key (const char *key)
{
  return g_str_equal (key, "summary") || g_str_equal (key, "lesson") || g_str_equal (key, "description");
}

static gboolean
check_value (Loader      *loader,
             const char  *group,
             const char  *key,
             const char  *base,
             const char  *value,
             GError     **error)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if ((c < 0x20 || c == 0x7f) && !(is_prose_key (base) && (c == '\n' || c == '\t')))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("%s: “%s” holds a control character (byte 0x%02x), which no value may hold"),
                     quote (loader, key), quote (loader, value), c);
    }

  return TRUE;
}

static gboolean
check_keys (Loader              *loader,
            const char          *group,
            const char * const  *allowed,
            GError             **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (loader->keyfile, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *base = g_strdup (keys[i]);
      g_autofree char *value = NULL;
      g_autoptr(GError) local_error = NULL;
      char *bracket = strchr (base, '[');

      /* Localized values, title[de]=…, belong to their key. */
      if (bracket != NULL)
        *bracket = '\0';

      if (!g_strv_contains (allowed, base))
        return fail (loader, error, HL_SCENARIO_ERROR_UNKNOWN_KEY, group,
                     _("unknown key “%s”"), quote (loader, keys[i]));

      /* GLib returns a value with a bad escape (\e) and an error: refuse
       * it here, once for every key, rather than show it half-read.
       * GLib's own message would quote the whole value. */
      value = g_key_file_get_string (loader->keyfile, group, keys[i], &local_error);
      if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_UNKNOWN_ENCODING))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("%s: the value is not UTF-8 text"), quote (loader, keys[i]));
      if (local_error != NULL)
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("%s: the value holds a “\\” that is none of the escapes \\s, \\n, \\t, \\r, \\\\ "
                       "and \\;"),
                     quote (loader, keys[i]));

      if (!check_value (loader, group, keys[i], base, value, error))
        return FALSE;
    }

  return TRUE;
}

static char *
get_string (Loader      *loader,
            const char  *group,
            const char  *key,
            gboolean     required,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value;

  if (!g_key_file_has_key (loader->keyfile, group, key, NULL))
    {
      if (required)
        fail (loader, error, HL_SCENARIO_ERROR_MISSING, group, _("the key “%s” is missing"), key);
      return NULL;
    }

  value = g_key_file_get_string (loader->keyfile, group, key, &local_error);
  if (value == NULL)
    fail (loader, error, HL_SCENARIO_ERROR_PARSE, group, "%s: %s", key, quote (loader, local_error->message));
  else
    g_strstrip (value);

  return value;
}

static GStrv
get_list (Loader      *loader,
          const char  *group,
          const char  *key,
          gboolean     required,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_auto(GStrv) items = NULL;
  gsize n = 0;

  if (!g_key_file_has_key (loader->keyfile, group, key, NULL))
    {
      if (required)
        fail (loader, error, HL_SCENARIO_ERROR_MISSING, group, _("the key “%s” is missing"), key);
      return NULL;
    }

  items = g_key_file_get_string_list (loader->keyfile, group, key, &n, &local_error);
  if (items == NULL)
    {
      fail (loader, error, HL_SCENARIO_ERROR_PARSE, group, "%s: %s", key, quote (loader, local_error->message));
      return NULL;
    }

  out = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < n; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        g_ptr_array_add (out, g_strdup (items[i]));
    }

  if (out->len == 0)
    {
      fail (loader, error, HL_SCENARIO_ERROR_PARSE, group, _("the key “%s” names nothing"), key);
      return NULL;
    }

  g_ptr_array_add (out, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* A list that names a thing twice is a mistake, and with names that are
 * cheap to repeat, a way to make a small file cost much. */
static gboolean
check_distinct (Loader              *loader,
                const char          *group,
                const char          *key,
                char               **items,
                GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (!g_hash_table_add (seen, items[i]))
        return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                     _("%s: “%s” is listed twice"), key, quote (loader, items[i]));
    }

  return TRUE;
}

/* Why @name is no host name, or NULL when it is one.  RFC 1123 section
 * 2.1: labels of letters, digits and hyphens, 1 to 63 characters, neither
 * starting nor ending with a hyphen; at most 253 characters in all, no
 * final dot (RFC 6066 sends none).  An internationalized name is written
 * as its A-labels (RFC 5890: "xn--" and ASCII); a hyphen in the third and
 * fourth place is reserved for them.  With @wildcard, a first label "*"
 * is allowed, the only wildcard BearSSL matches. */
static const char *
host_name_problem (const char *name,
                   gboolean    wildcard)
{
  const char *label = name;
  gsize len = strlen (name);

  if (len > MAX_HOST_NAME_CHARS)
    return _("a host name has at most 253 characters");

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return _("not ASCII; write an internationalized name as its A-labels (xn--…, RFC 5890), "
               "as “idn2” prints them");

  if (wildcard && g_str_has_prefix (name, "*."))
    label = name + 2;

  for (;;)
    {
      gsize n = strcspn (label, ".");

      if (n == 0)
        return _("it has an empty label (two dots in a row, or a dot at the start or the end)");
      if (n > MAX_LABEL_CHARS)
        return _("a label has at most 63 characters");
      for (gsize i = 0; i < n; i++)
        if (!g_ascii_isalnum (label[i]) && label[i] != '-')
          return _("a label holds only letters, digits and “-” (RFC 1123)");
      if (label[0] == '-' || label[n - 1] == '-')
        return _("a label neither starts nor ends with “-”");
      if (n >= 4 && label[2] == '-' && label[3] == '-' && g_ascii_strncasecmp (label, "xn", 2) != 0)
        return _("“--” in the third and fourth place is kept for A-labels, which start with xn--");

      if (label[n] == '\0')
        return NULL;
      label += n + 1;
    }
}

static gboolean
check_server_name (Loader      *loader,
                   const char  *name,
                   GError     **error)
{
  const char *problem;

  /* An empty name is a lesson of its own: the client sends none and
   * checks none. */
  if (name[0] == '\0' || !(problem = host_name_problem (name, FALSE)))
    return TRUE;

  return fail (loader, error, HL_SCENARIO_ERROR_PARSE, "Client",
               _("server-name: “%s” is not a host name: %s"), quote (loader, name), problem);
}

static gboolean
get_boolean (Loader      *loader,
             const char  *group,
             const char  *key,
             gboolean    *value,
             GError     **error)
{
  g_autofree char *text = get_string (loader, group, key, FALSE, NULL);

  if (text == NULL)
    {
      *value = FALSE;
      return TRUE;
    }

  if (g_ascii_strcasecmp (text, "true") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    *value = FALSE;
  else
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("%s: “%s” is not true or false"), key, quote (loader, text));

  return TRUE;
}

static gboolean
get_unsigned (Loader      *loader,
              const char  *group,
              const char  *key,
              guint64      max,
              guint64     *value,
              GError     **error)
{
  g_autofree char *text = get_string (loader, group, key, FALSE, NULL);
  g_autofree char *max_text = NULL;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL))
    {
      max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
      return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                   _("%s: “%s” is not a whole number from 0 to %s"), key, quote (loader, text), max_text);
    }

  return TRUE;
}

/* An ISO 8601 date and time with a zone ("2026-03-01T12:00:00Z"), or a
 * time relative to the scenario clock: "+365d", "-30d", "+12h", "-90m",
 * "+0s". */
static gboolean
parse_time (const char *text,
            gint64      clock,
            gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if ((text[0] == '+' || text[0] == '-') && text[1] != '\0')
    {
      gsize len = strlen (text);
      g_autofree char *digits = g_strndup (text + 1, len - 2);
      guint64 amount;
      gint64 unit;

      switch (text[len - 1])
        {
        case 'd': unit = 86400; break;
        case 'h': unit = 3600; break;
        case 'm': unit = 60; break;
        case 's': unit = 1; break;
        default: return FALSE;
        }

      if (!g_ascii_string_to_unsigned (digits, 10, 0, G_GINT64_CONSTANT (100) * 365 * 86400 / unit, &amount, NULL))
        return FALSE;

      *out = clock + (text[0] == '-' ? -1 : 1) * (gint64)amount * unit;
      return TRUE;
    }

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* A text the run shows or sends: not empty, and at most @max characters
 * (check_keys() made sure it is UTF-8). */
static gboolean
check_text (Loader      *loader,
            const char  *group,
            const char  *key,
            const char  *value,
            guint        max,
            GError     **error)
{
  glong n = g_utf8_strlen (value, -1);

  if (n == 0)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, _("%s: the value is empty"), key);

  if (n > (glong)max)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("%s: %ld characters; it may have at most %u"), key, n, max);

  return TRUE;
}

static gboolean
get_time (Loader      *loader,
          const char  *group,
          const char  *key,
          gint64       clock,
          gint64      *value,
          GError     **error)
{
  g_autofree char *text = get_string (loader, group, key, TRUE, error);
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;

  if (!parse_time (text, clock, value))
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("%s: “%s” is neither a date like 2026-03-01T12:00:00Z nor an offset like +365d"),
                 key, quote (loader, text));

  /* GDateTime, like X.509's GeneralizedTime, knows the years 1 to 9999. */
  dt = g_date_time_new_from_unix_utc (*value);
  if (dt == NULL)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("%s: “%s” falls outside the years 1 to 9999, the years a certificate can name"),
                 key, quote (loader, text));

  return TRUE;
}

static gboolean
load_client_auth (Loader      *loader,
                  HlScenario  *self,
                  GError     **error)
{
  g_autofree char *mode = get_string (loader, "Server", "client-auth", FALSE, NULL);

  if (mode == NULL || g_strcmp0 (mode, "none") == 0)
    self->client_auth = HL_CLIENT_AUTH_NONE;
  else if (g_strcmp0 (mode, "required") == 0)
    self->client_auth = HL_CLIENT_AUTH_REQUIRED;
  else if (g_strcmp0 (mode, "optional") == 0)
    self->client_auth = HL_CLIENT_AUTH_OPTIONAL;
  else
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, "Server",
                 _("client-auth: “%s” is not none, required or optional"), quote (loader, mode));

  if (self->client_auth != HL_CLIENT_AUTH_NONE)
    {
      if (!(self->sides[HL_ACTOR_SERVER].trust = get_list (loader, "Server", "trust", TRUE, error)) ||
          !check_distinct (loader, "Server", "trust", self->sides[HL_ACTOR_SERVER].trust, error))
        return FALSE;
    }
  else if (g_key_file_has_key (loader->keyfile, "Server", "trust", NULL))
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, "Server",
                 _("trust: the server only checks client certificates with client-auth=required or optional"));

  return TRUE;
}

static gboolean
load_side (Loader      *loader,
           HlScenario  *self,
           HlActor      actor,
           const char  *group,
           GError     **error)
{
  Side *side = &self->sides[actor];
  g_auto(GStrv) versions = NULL;
  g_auto(GStrv) suites = NULL;

  if (!g_key_file_has_group (loader->keyfile, group))
    return fail (loader, error, HL_SCENARIO_ERROR_MISSING, NULL, _("the group [%s] is missing"), group);

  if (!(versions = get_list (loader, group, "versions", TRUE, error)) ||
      !check_distinct (loader, group, "versions", versions, error))
    return FALSE;

  side->min_version = G_MAXUINT;
  side->max_version = 0;
  for (guint i = 0; versions[i] != NULL; i++)
    {
      guint version;

      if (!hl_version_from_name (versions[i], &version))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("versions: “%s” is not TLS 1.0, TLS 1.1 or TLS 1.2"), quote (loader, versions[i]));
      side->min_version = MIN (side->min_version, version);
      side->max_version = MAX (side->max_version, version);
    }

  /* BearSSL takes a lowest and a highest version and accepts every one
   * between: a list with a gap would silently mean more than it says. */
  if (side->max_version - side->min_version + 1 != g_strv_length (versions))
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("versions: BearSSL accepts every version from %s to %s; list them all, with no gap"),
                 hl_version_name (side->min_version), hl_version_name (side->max_version));

  if (!(suites = get_list (loader, group, "suites", TRUE, error)))
    return FALSE;

  /* More, and BearSSL would ignore the list and offer its defaults. */
  if (g_strv_length (suites) > BR_MAX_CIPHER_SUITES)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("suites: %u suites; BearSSL takes at most %u (BR_MAX_CIPHER_SUITES)"),
                 g_strv_length (suites), (guint)BR_MAX_CIPHER_SUITES);
  if (!check_distinct (loader, group, "suites", suites, error))
    return FALSE;

  for (guint i = 0; suites[i] != NULL; i++)
    {
      guint16 suite;

      if (!hl_cipher_suite_from_name (suites[i], &suite))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("suites: “%s” is not a cipher suite BearSSL implements"), quote (loader, suites[i]));
      g_array_append_val (side->suites, suite);
    }

  return TRUE;
}

static const struct { const char *name; HlKeyUsage bit; } key_usages[] = {
  { "digital-signature", HL_KEY_USAGE_DIGITAL_SIGNATURE },
  { "non-repudiation", HL_KEY_USAGE_NON_REPUDIATION },
  { "key-encipherment", HL_KEY_USAGE_KEY_ENCIPHERMENT },
  { "data-encipherment", HL_KEY_USAGE_DATA_ENCIPHERMENT },
  { "key-agreement", HL_KEY_USAGE_KEY_AGREEMENT },
  { "key-cert-sign", HL_KEY_USAGE_KEY_CERT_SIGN },
  { "crl-sign", HL_KEY_USAGE_CRL_SIGN },
};

static const struct { const char *name; HlExtKeyUsage bit; } ext_key_usages[] = {
  { "server-auth", HL_EXT_KEY_USAGE_SERVER_AUTH },
  { "client-auth", HL_EXT_KEY_USAGE_CLIENT_AUTH },
};

static const struct { const char *name; HlBasicConstraints value; } basic_constraints[] = {
  { "critical", HL_BASIC_CONSTRAINTS_CRITICAL },
  { "non-critical", HL_BASIC_CONSTRAINTS_NON_CRITICAL },
  { "absent", HL_BASIC_CONSTRAINTS_ABSENT },
};

static const struct { const char *name; HlSignatureHash value; } signature_hashes[] = {
  { "sha1", HL_SIGNATURE_HASH_SHA1 },
  { "sha256", HL_SIGNATURE_HASH_SHA256 },
  { "sha384", HL_SIGNATURE_HASH_SHA384 },
};

static gboolean
check_demo_key (Loader      *loader,
                const char  *group,
                const char  *key,
                const char  *value,
                GError     **error)
{
  g_autofree char *resource = g_strconcat (PKI_RESOURCE_DIR, value, ".pem", NULL);

  if (!g_resources_get_info (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("%s: there is no demo key “%s” in data/pki"), key, quote (loader, value));

  return TRUE;
}

/* The certificate keys beyond the basic ones: the unusual certificates
 * of the lessons.  Defaults give an ordinary certificate. */
static gboolean
load_certificate_extras (Loader       *loader,
                         const char   *group,
                         Certificate  *cert,
                         GError      **error)
{
  HlCertRecipe *recipe = &cert->recipe;
  g_autofree char *text = NULL;
  g_auto(GStrv) purposes = NULL;
  gboolean subject_key_id = TRUE;
  gsize j;

  cert->subject_ou = get_string (loader, group, "subject-ou", FALSE, NULL);
  if (cert->subject_ou != NULL && !check_text (loader, group, "subject-ou", cert->subject_ou, MAX_NAME_CHARS, error))
    return FALSE;
  cert->subject_c = get_string (loader, group, "subject-c", FALSE, NULL);
  if (cert->subject_c != NULL &&
      (strlen (cert->subject_c) != 2 ||
       !g_ascii_isupper (cert->subject_c[0]) || !g_ascii_isupper (cert->subject_c[1])))
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("subject-c: “%s” is not a country code of two capital letters, like DE"),
                 quote (loader, cert->subject_c));

  if ((text = get_string (loader, group, "basic-constraints", FALSE, NULL)) != NULL)
    {
      for (j = 0; j < G_N_ELEMENTS (basic_constraints); j++)
        if (g_ascii_strcasecmp (text, basic_constraints[j].name) == 0)
          break;
      if (j == G_N_ELEMENTS (basic_constraints))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("basic-constraints: “%s” is not critical, non-critical or absent"), quote (loader, text));
      recipe->basic_constraints = basic_constraints[j].value;
      if (recipe->basic_constraints == HL_BASIC_CONSTRAINTS_ABSENT && recipe->is_ca)
        return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                     _("basic-constraints: a CA certificate (ca=true) cannot leave it out"));
      g_clear_pointer (&text, g_free);
    }

  if (g_key_file_has_key (loader->keyfile, group, "ext-key-usage", NULL))
    {
      if (!(purposes = get_list (loader, group, "ext-key-usage", TRUE, error)) ||
          !check_distinct (loader, group, "ext-key-usage", purposes, error))
        return FALSE;

      for (guint i = 0; purposes[i] != NULL; i++)
        {
          for (j = 0; j < G_N_ELEMENTS (ext_key_usages); j++)
            if (g_ascii_strcasecmp (purposes[i], ext_key_usages[j].name) == 0)
              break;
          if (j == G_N_ELEMENTS (ext_key_usages))
            return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                         _("ext-key-usage: “%s” is not server-auth or client-auth"), quote (loader, purposes[i]));
          recipe->ext_key_usage |= ext_key_usages[j].bit;
        }
    }

  if (!get_boolean (loader, group, "ext-key-usage-critical", &recipe->ext_key_usage_critical, error))
    return FALSE;
  if (recipe->ext_key_usage_critical && recipe->ext_key_usage == 0)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("ext-key-usage-critical: there is no ext-key-usage to mark"));

  if (g_key_file_has_key (loader->keyfile, group, "ip-addresses", NULL))
    {
      if (!(cert->ip_addresses = get_list (loader, group, "ip-addresses", TRUE, error)) ||
          !check_distinct (loader, group, "ip-addresses", cert->ip_addresses, error))
        return FALSE;

      for (guint i = 0; cert->ip_addresses[i] != NULL; i++)
        {
          g_autoptr(GInetAddress) address = g_inet_address_new_from_string (cert->ip_addresses[i]);

          if (address == NULL)
            return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                         _("ip-addresses: “%s” is not an IPv4 or IPv6 address"),
                         quote (loader, cert->ip_addresses[i]));
        }
    }

  if (!get_boolean (loader, group, "unknown-critical-extension",
                    &recipe->unknown_critical_extension, error))
    return FALSE;

  if (g_key_file_has_key (loader->keyfile, group, "subject-key-id", NULL) &&
      !get_boolean (loader, group, "subject-key-id", &subject_key_id, error))
    return FALSE;
  recipe->omit_key_ids = !subject_key_id;

  if ((text = get_string (loader, group, "signature-hash", FALSE, NULL)) != NULL)
    {
      for (j = 0; j < G_N_ELEMENTS (signature_hashes); j++)
        if (g_ascii_strcasecmp (text, signature_hashes[j].name) == 0)
          break;
      if (j == G_N_ELEMENTS (signature_hashes))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("signature-hash: “%s” is not sha1, sha256 or sha384"), quote (loader, text));
      recipe->signature_hash = signature_hashes[j].value;
    }

  cert->signed_by_key = get_string (loader, group, "signed-by-key", FALSE, NULL);
  if (cert->signed_by_key != NULL &&
      !check_demo_key (loader, group, "signed-by-key", cert->signed_by_key, error))
    return FALSE;

  recipe->subject_ou = cert->subject_ou;
  recipe->subject_c = cert->subject_c;
  recipe->ip_addresses = (const char * const *)cert->ip_addresses;
  recipe->signed_by_key = cert->signed_by_key;

  return TRUE;
}

static Certificate *
find_certificate (HlScenario *self,
                  const char *name)
{
  for (guint i = 0; i < self->certificates->len; i++)
    {
      Certificate *cert = g_ptr_array_index (self->certificates, i);

      if (g_strcmp0 (cert->name, name) == 0)
        return cert;
    }

  return NULL;
}

/* A certificate the user brings: one certificate from a PEM or DER file,
 * and, for a certificate that must sign or serve, its private key. */
static gboolean
load_user_certificate (Loader       *loader,
                       Certificate  *cert,
                       const char   *group,
                       GError      **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (loader->keyfile, group, NULL, NULL);
  g_autofree char *file = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    if (strcmp (keys[i], "certificate-file") != 0 && strcmp (keys[i], "key-file") != 0)
      return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                   _("%s: a certificate read from certificate-file takes no other key than key-file"), keys[i]);

  if (loader->base_dir == NULL)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("certificate-file: only a scenario file on disk can name other files"));

  file = get_string (loader, group, "certificate-file", TRUE, error);
  if (file == NULL)
    return FALSE;
  path = g_path_is_absolute (file) ? g_strdup (file) : g_build_filename (loader->base_dir, file, NULL);

  certs = hl_cert_loader_read_file (path, &local_error);
  if (certs == NULL)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, "certificate-file: %s", local_error->message);
  if (certs->len != 1)
    {
      g_autofree char *display = hl_file_display_name (path);

      return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                   _("certificate-file: %s holds %u certificates; name one per [Certificate] group"),
                   display, certs->len);
    }
  cert->file_der = g_bytes_ref (g_ptr_array_index (certs, 0));

  if ((key_file = get_string (loader, group, "key-file", FALSE, NULL)) != NULL)
    {
      g_autofree char *key_path = g_path_is_absolute (key_file) ? g_strdup (key_file)
                                                                : g_build_filename (loader->base_dir, key_file, NULL);

      cert->file_key = hl_cert_loader_read_key_file (key_path, &local_error);
      if (cert->file_key == NULL)
        return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, "key-file: %s", local_error->message);
      if (!hl_cert_loader_check_key (cert->file_der, cert->file_key, key_path, &local_error))
        return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, "key-file: %s", local_error->message);
    }

  /* Its issuer is outside the scenario: no order to keep. */
  cert->issuer = g_strdup (cert->name);
  cert->recipe.issuer = cert->issuer;

  return TRUE;
}

static gboolean
load_certificate (Loader      *loader,
                  HlScenario  *self,
                  const char  *group,
                  GError     **error)
{
  const char *name = group + strlen (CERT_GROUP_PREFIX);
  Certificate *cert;
  g_auto(GStrv) usages = NULL;
  guint64 serial = 0;
  guint64 path_len = G_MAXUINT64;

  if (!check_keys (loader, group, certificate_keys, error))
    return FALSE;

  if (name[0] == '\0' || strchr (name, ';') != NULL)
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("a certificate needs a name without “;”, like [Certificate server]"));

  if (self->certificates->len == MAX_CERTIFICATES)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("a scenario holds at most %u certificates"), MAX_CERTIFICATES);

  cert = g_new0 (Certificate, 1);
  g_ptr_array_add (self->certificates, cert);
  cert->name = g_strdup (name);
  cert->recipe.name = cert->name;

  if (g_key_file_has_key (loader->keyfile, group, "certificate-file", NULL))
    return load_user_certificate (loader, cert, group, error);

  if (!(cert->subject_cn = get_string (loader, group, "subject-cn", TRUE, error)) ||
      !check_text (loader, group, "subject-cn", cert->subject_cn, MAX_NAME_CHARS, error) ||
      !(cert->issuer = get_string (loader, group, "issuer", TRUE, error)) ||
      !(cert->key = get_string (loader, group, "key", TRUE, error)))
    return FALSE;

  cert->subject_o = get_string (loader, group, "subject-o", FALSE, NULL);
  if (cert->subject_o != NULL && !check_text (loader, group, "subject-o", cert->subject_o, MAX_NAME_CHARS, error))
    return FALSE;

  if (!check_demo_key (loader, group, "key", cert->key, error))
    return FALSE;

  if (!get_unsigned (loader, group, "serial", G_MAXINT64, &serial, error) ||
      !get_time (loader, group, "valid-from", self->clock, &cert->recipe.not_before, error) ||
      !get_time (loader, group, "valid-until", self->clock, &cert->recipe.not_after, error) ||
      !get_boolean (loader, group, "ca", &cert->recipe.is_ca, error) ||
      !get_unsigned (loader, group, "path-len", 16, &path_len, error))
    return FALSE;

  if (serial == 0)
    return fail (loader, error, HL_SCENARIO_ERROR_MISSING, group,
                 _("serial: a certificate needs a serial number from 1 up"));

  if (path_len != G_MAXUINT64 && !cert->recipe.is_ca)
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("path-len: only a CA certificate (ca=true) has a path length"));

  if (g_key_file_has_key (loader->keyfile, group, "key-usage", NULL))
    {
      if (!(usages = get_list (loader, group, "key-usage", TRUE, error)) ||
          !check_distinct (loader, group, "key-usage", usages, error))
        return FALSE;

      for (guint i = 0; usages[i] != NULL; i++)
        {
          gsize j;

          for (j = 0; j < G_N_ELEMENTS (key_usages); j++)
            if (g_ascii_strcasecmp (usages[i], key_usages[j].name) == 0)
              break;

          if (j == G_N_ELEMENTS (key_usages))
            return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                         _("key-usage: “%s” is not a key usage (digital-signature, key-encipherment, key-cert-sign, …)"),
                         quote (loader, usages[i]));
          cert->recipe.key_usage |= key_usages[j].bit;
        }
    }

  if (g_key_file_has_key (loader->keyfile, group, "dns-names", NULL))
    {
      if (!(cert->dns_names = get_list (loader, group, "dns-names", TRUE, error)) ||
          !check_distinct (loader, group, "dns-names", cert->dns_names, error))
        return FALSE;

      for (guint i = 0; cert->dns_names[i] != NULL; i++)
        {
          const char *problem = host_name_problem (cert->dns_names[i], TRUE);

          if (problem != NULL)
            return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                         _("dns-names: “%s” is not a host name: %s"), quote (loader, cert->dns_names[i]), problem);
        }
    }

  if (!load_certificate_extras (loader, group, cert, error))
    return FALSE;

  cert->recipe.name = cert->name;
  cert->recipe.issuer = cert->issuer;
  cert->recipe.key = cert->key;
  cert->recipe.subject_cn = cert->subject_cn;
  cert->recipe.subject_o = cert->subject_o;
  cert->recipe.serial = serial;
  cert->recipe.path_len = path_len == G_MAXUINT64 ? -1 : (int)path_len;
  cert->recipe.dns_names = (const char * const *)cert->dns_names;

  return TRUE;
}

static gboolean
check_references (Loader      *loader,
                  HlScenario  *self,
                  GError     **error)
{
  /* Issuers first: hl_pki_add() needs them in that order, so reorder. */
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->certificates->len; i++)
    {
      Certificate *cert = g_ptr_array_index (self->certificates, i);
      g_autofree char *group = g_strconcat (CERT_GROUP_PREFIX, cert->name, NULL);

      if (find_certificate (self, cert->issuer) == NULL)
        return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                     _("issuer: there is no certificate “%s”"), quote (loader, cert->issuer));
    }

  while (ordered->len < self->certificates->len)
    {
      guint before = ordered->len;

      for (guint i = 0; i < self->certificates->len; i++)
        {
          Certificate *cert = g_ptr_array_index (self->certificates, i);

          if (g_hash_table_contains (placed, cert->name))
            continue;

          if (g_strcmp0 (cert->issuer, cert->name) == 0 ||
              g_hash_table_contains (placed, cert->issuer))
            {
              g_ptr_array_add (ordered, cert);
              g_hash_table_add (placed, cert->name);
            }
        }

      if (ordered->len == before)
        return fail (loader, error, HL_SCENARIO_ERROR_INVALID, NULL,
                     _("the certificates’ issuers go round in a circle"));
    }

  for (guint i = 0; i < ordered->len; i++)
    self->certificates->pdata[i] = ordered->pdata[i];

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      GStrv chain = self->sides[side].chain;
      Certificate *leaf = chain ? find_certificate (self, chain[0]) : NULL;

      if (leaf != NULL && leaf->file_der != NULL && leaf->file_key == NULL)
        return fail (loader, error, HL_SCENARIO_ERROR_INVALID, side == HL_ACTOR_CLIENT ? "Client" : "Server",
                     _("chain: “%s” comes from a file without its key; add key-file to [Certificate %s]"),
                     quote (loader, leaf->name), quote (loader, leaf->name));
    }

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    for (guint list = 0; list < 2; list++)
      {
        const char *group = side == HL_ACTOR_CLIENT ? "Client" : "Server";
        const char *key = list == 0 ? "trust" : "chain";
        GStrv names = list == 0 ? self->sides[side].trust : self->sides[side].chain;

        for (guint i = 0; names != NULL && names[i] != NULL; i++)
          if (find_certificate (self, names[i]) == NULL)
            return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                         _("%s: there is no certificate “%s”"), key, quote (loader, names[i]));
      }

  return TRUE;
}

static gboolean
parse_actor (const char *text,
             HlActor    *actor)
{
  if (g_strcmp0 (text, "client") == 0)
    *actor = HL_ACTOR_CLIENT;
  else if (g_strcmp0 (text, "server") == 0)
    *actor = HL_ACTOR_SERVER;
  else
    return FALSE;
  return TRUE;
}

/* [Fault]: the network flips bits of one record on its way. */
static gboolean
load_fault (Loader      *loader,
            HlScenario  *self,
            GError     **error)
{
  const char *group = "Fault";
  g_autofree char *sender = NULL;
  guint64 record = 0, offset = 0, mask = 1;

  if (!g_key_file_has_group (loader->keyfile, group))
    return TRUE;

  if (!check_keys (loader, group, fault_keys, error) ||
      !get_boolean (loader, group, "eavesdropper", &self->eavesdropper, error))
    return FALSE;

  self->fault_description = get_string (loader, group, "description", FALSE, NULL);
  if (self->fault_description != NULL &&
      !check_text (loader, group, "description", self->fault_description, MAX_DESCRIPTION_CHARS, error))
    return FALSE;

  if (self->eavesdropper && !g_key_file_has_key (loader->keyfile, group, "tamper-sender", NULL))
    return TRUE;

  if (!(sender = get_string (loader, group, "tamper-sender", TRUE, error)))
    return FALSE;

  if (!parse_actor (sender, &self->tamper_sender))
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("tamper-sender: “%s” is not client or server"), quote (loader, sender));

  if (!g_key_file_has_key (loader->keyfile, group, "tamper-record", NULL) ||
      !g_key_file_has_key (loader->keyfile, group, "tamper-offset", NULL))
    return fail (loader, error, HL_SCENARIO_ERROR_MISSING, group,
                 _("tamper-record and tamper-offset say which byte to change"));

  if (!get_unsigned (loader, group, "tamper-record", 1000, &record, error) ||
      !get_unsigned (loader, group, "tamper-offset", 16384 + 2048, &offset, error) ||
      !get_unsigned (loader, group, "tamper-xor", 255, &mask, error))
    return FALSE;

  if (record == 0 || mask == 0)
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("tamper-record counts from 1, and tamper-xor must change at least one bit"));

  self->tamper = TRUE;
  self->tamper_record = record;
  self->tamper_offset = offset;
  self->tamper_xor = mask;

  return TRUE;
}

/* [Other stacks]: what OpenSSL and browsers do in the same place, and how
 * one fixes it.  A claim about OpenSSL has a form a test can prove; a
 * browser's error name needs its source. */
static gboolean
load_other_stacks (Loader      *loader,
                   HlScenario  *self,
                   GError     **error)
{
  const char *group = "Other stacks";
  HlOtherStacks *o = &self->others;

  if (!g_key_file_has_group (loader->keyfile, group))
    return TRUE;

  if (!check_keys (loader, group, other_stacks_keys, error))
    return FALSE;

  o->openssl = get_string (loader, group, "openssl", FALSE, NULL);
  o->chrome = get_string (loader, group, "chrome", FALSE, NULL);
  o->firefox = get_string (loader, group, "firefox", FALSE, NULL);
  o->browser_source = get_string (loader, group, "browser-source", FALSE, NULL);
  o->fix = get_string (loader, group, "fix", FALSE, NULL);

  if (o->openssl != NULL)
    {
      gboolean ok = g_strcmp0 (o->openssl, "accepts") == 0;

      if (g_str_has_prefix (o->openssl, "X509_V_ERR_"))
        {
          ok = o->openssl[strlen ("X509_V_ERR_")] != '\0';
          for (const char *p = o->openssl; ok && *p; p++)
            ok = g_ascii_isupper (*p) || g_ascii_isdigit (*p) || *p == '_';
        }
      else if (g_str_has_prefix (o->openssl, "alert:"))
        {
          const char *name = o->openssl + strlen ("alert:");

          for (guint number = 0; number < 256 && !ok; number++)
            ok = g_strcmp0 (hl_alert_name (number), name) == 0;
        }

      if (!ok)
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("openssl: “%s” is not an X509_V_ERR_… name, accepts, or alert: and an alert name"),
                     o->openssl);
    }

  if ((o->chrome != NULL || o->firefox != NULL) && o->browser_source == NULL)
    return fail (loader, error, HL_SCENARIO_ERROR_MISSING, group,
                 _("chrome and firefox need browser-source: where the error names come from"));

  return TRUE;
}

static gboolean
load_expect (Loader      *loader,
             HlScenario  *self,
             GError     **error)
{
  const char *group = "Expect";
  g_autofree char *outcome = NULL;
  g_autofree char *side = NULL;
  g_autofree char *err = NULL;
  g_autofree char *alert = NULL;
  guint64 story = 0;

  if (!g_key_file_has_group (loader->keyfile, group))
    return fail (loader, error, HL_SCENARIO_ERROR_MISSING, NULL, _("the group [%s] is missing"), group);

  if (!check_keys (loader, group, expect_keys, error))
    return FALSE;

  if (!(outcome = get_string (loader, group, "outcome", TRUE, error)))
    return FALSE;

  if (g_strcmp0 (outcome, "success") == 0)
    self->expected_outcome = HL_OUTCOME_SUCCESS;
  else if (g_strcmp0 (outcome, "failed") == 0)
    self->expected_outcome = HL_OUTCOME_FAILED;
  else if (g_strcmp0 (outcome, "stalled") == 0)
    self->expected_outcome = HL_OUTCOME_STALLED;
  else
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("outcome: “%s” is not success, failed or stalled"), quote (loader, outcome));

  side = get_string (loader, group, "failing-side", FALSE, NULL);
  err = get_string (loader, group, "error", FALSE, NULL);
  alert = get_string (loader, group, "alert", FALSE, NULL);

  if (self->expected_outcome != HL_OUTCOME_FAILED && (side || err || alert))
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("failing-side, error and alert only go with outcome=failed"));

  if (self->expected_outcome == HL_OUTCOME_FAILED)
    {
      if (side == NULL)
        return fail (loader, error, HL_SCENARIO_ERROR_MISSING, group, _("the key “%s” is missing"), "failing-side");
      if (!parse_actor (side, &self->expected_failed_side))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("failing-side: “%s” is not client or server"), quote (loader, side));
      if (err != NULL && !hl_error_from_name (err, &self->expected_error))
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                     _("error: “%s” is not a BearSSL error name like BR_ERR_X509_EXPIRED"), quote (loader, err));
      if (alert != NULL)
        {
          guint number;

          if (g_strcmp0 (alert, "none") == 0)
            self->expected_alert = -1;
          else if (g_strcmp0 (alert, "any") == 0)
            self->expected_alert = -2;
          else
            {
              for (number = 0; number < 256; number++)
                if (g_strcmp0 (hl_alert_name (number), alert) == 0)
                  break;
              if (number == 256)
                return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                             _("alert: “%s” is not none, any or an alert name like handshake_failure"),
                             quote (loader, alert));
              self->expected_alert = number;
            }
        }
      else
        self->expected_alert = -2;

      if (!get_unsigned (loader, group, "story-step", 9, &story, error))
        return FALSE;
      self->expected_story = story;
    }
  else if (g_key_file_has_key (loader->keyfile, group, "story-step", NULL))
    return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                 _("story-step only goes with outcome=failed"));

  return TRUE;
}

/* It goes into the request line as it is (RFC 9112 section 3.2). */
static gboolean
is_request_path (const char *path)
{
  if (path[0] != '/')
    return FALSE;

  for (const char *p = path; *p != '\0'; p++)
    if ((guchar)*p <= 0x20 || (guchar)*p >= 0x7f)
      return FALSE;

  return TRUE;
}

static gboolean
load (HlScenario  *self,
      Loader      *loader,
      GError     **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (loader->keyfile, NULL);
  g_autofree char *seed = NULL;
  g_autofree char *clock = NULL;
  const char *group = "Scenario";

  /* First, before quoting any of it: a key file of some other program
   * is not a scenario with mistakes. */
  if (!g_key_file_has_group (loader->keyfile, group))
    return fail (loader, error, HL_SCENARIO_ERROR_MISSING, NULL, _("the group [%s] is missing"), group);

  for (guint i = 0; groups[i] != NULL; i++)
    if (!g_strv_contains ((const char * const[]) { "Scenario", "Client", "Server", "Application", "Fault", "Expect",
                                                   "Other stacks", NULL }, groups[i]) &&
        !g_str_has_prefix (groups[i], CERT_GROUP_PREFIX))
      return fail (loader, error, HL_SCENARIO_ERROR_UNKNOWN_KEY, NULL,
                   _("unknown group [%s]"), quote (loader, groups[i]));

  if (!check_keys (loader, group, scenario_keys, error) ||
      !check_keys (loader, "Client", client_keys, error) ||
      !check_keys (loader, "Server", server_keys, error) ||
      !check_keys (loader, "Application", application_keys, error))
    return FALSE;

  if (!(self->id = get_string (loader, group, "id", TRUE, error)) ||
      !check_text (loader, group, "id", self->id, MAX_ID_CHARS, error) ||
      !(self->group = get_string (loader, group, "group", TRUE, error)) ||
      !check_text (loader, group, "group", self->group, MAX_ID_CHARS, error) ||
      !(self->title = get_string (loader, group, "title", TRUE, error)) ||
      !check_text (loader, group, "title", self->title, MAX_TITLE_CHARS, error) ||
      !(self->summary = get_string (loader, group, "summary", TRUE, error)) ||
      !check_text (loader, group, "summary", self->summary, MAX_SUMMARY_CHARS, error) ||
      !(seed = get_string (loader, group, "seed", TRUE, error)) ||
      !(clock = get_string (loader, group, "clock", TRUE, error)))
    return FALSE;

  self->lesson = get_string (loader, group, "lesson", FALSE, NULL);
  if (self->lesson != NULL && !check_text (loader, group, "lesson", self->lesson, MAX_LESSON_CHARS, error))
    return FALSE;

  for (const char *p = self->id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                   _("id: “%s” may only hold letters, digits and “-”"), quote (loader, self->id));

  if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &self->seed, NULL))
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("seed: “%s” is not a whole number"), quote (loader, seed));

  if (!parse_time (clock, 0, &self->clock) || clock[0] == '+' || clock[0] == '-')
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                 _("clock: “%s” is not a date and time like 2026-03-01T12:00:00Z"), quote (loader, clock));

  if (!load_side (loader, self, HL_ACTOR_CLIENT, "Client", error) ||
      !load_side (loader, self, HL_ACTOR_SERVER, "Server", error))
    return FALSE;

  if (!(self->server_name = get_string (loader, "Client", "server-name", TRUE, error)) ||
      !check_server_name (loader, self->server_name, error) ||
      !(self->sides[HL_ACTOR_CLIENT].trust = get_list (loader, "Client", "trust", TRUE, error)) ||
      !check_distinct (loader, "Client", "trust", self->sides[HL_ACTOR_CLIENT].trust, error) ||
      !(self->sides[HL_ACTOR_SERVER].chain = get_list (loader, "Server", "chain", TRUE, error)) ||
      !check_distinct (loader, "Server", "chain", self->sides[HL_ACTOR_SERVER].chain, error))
    return FALSE;

  if (g_key_file_has_key (loader->keyfile, "Client", "chain", NULL) &&
      (!(self->sides[HL_ACTOR_CLIENT].chain = get_list (loader, "Client", "chain", TRUE, error)) ||
       !check_distinct (loader, "Client", "chain", self->sides[HL_ACTOR_CLIENT].chain, error)))
    return FALSE;

  if (!load_client_auth (loader, self, error))
    return FALSE;

  /* A server whose private key is not its certificate's: a lesson. */
  if ((self->server_key = get_string (loader, "Server", "key", FALSE, NULL)) != NULL &&
      !check_demo_key (loader, "Server", "key", self->server_key, error))
    return FALSE;

  if (!get_boolean (loader, "Application", "resume", &self->resume, error))
    return FALSE;

  self->request_path = get_string (loader, "Application", "request-path", FALSE, NULL);
  if (self->request_path == NULL)
    self->request_path = g_strdup ("/");
  if (!is_request_path (self->request_path))
    return fail (loader, error, HL_SCENARIO_ERROR_PARSE, "Application",
                 _("request-path: “%s” is not a path like /index.html (printable ASCII without spaces; "
                   "percent-encode the rest)"),
                 quote (loader, self->request_path));

  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], CERT_GROUP_PREFIX) &&
        !load_certificate (loader, self, groups[i], error))
      return FALSE;

  if (!check_references (loader, self, error) ||
      !load_fault (loader, self, error) ||
      !load_other_stacks (loader, self, error))
    return FALSE;

  return load_expect (loader, self, error);
}

/* Letters, digits and "-", then perhaps a locale: title[de]. */
static gboolean
is_key_name (const char *key)
{
  const char *p = key;

  while (g_ascii_isalnum (*p) || *p == '-')
    p++;
  if (p == key)
    return FALSE;
  if (*p == '\0')
    return TRUE;
  if (*p++ != '[')
    return FALSE;

  while (g_ascii_isalnum (*p) || *p == '_' || *p == '@' || *p == '.' || *p == '-')
    p++;

  return p[0] == ']' && p[1] == '\0' && p[-1] != '[';
}

/* What GKeyFile does not do: say on which line a file stops being a key
 * file, without quoting a file that may be anything (GLib quotes the
 * line), and refuse a group or a key given twice (GLib merges them, and
 * the last value wins without a word). */
static gboolean
scan_lines (Loader      *loader,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = NULL;
  g_autofree char *group = NULL;
  const char *end = data + len;
  guint line_no = 0;

  for (const char *line = data; line < end; )
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *next = eol != NULL ? eol + 1 : end;
      const char *p = line;
      const char *stop;

      line_no++;
      if (eol == NULL)
        eol = end;
      if (eol > line && eol[-1] == '\r')
        eol--;
      line = next;

      while (p < eol && g_ascii_isspace (*p))
        p++;

      if (p == eol || *p == '#')
        continue;

      if (*p == '[')
        {
          const char *close = memchr (p, ']', eol - p);
          gpointer first;

          if (close == NULL)
            return fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                         _("not a scenario file: line %u starts a [group] that does not end"), line_no);
          for (const char *q = close + 1; q < eol; q++)
            if (*q != ' ' && *q != '\t')
              return fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                           _("not a scenario file: line %u has more after its [group]"), line_no);

          g_free (group);
          group = g_strndup (p + 1, close - p - 1);
          if (g_hash_table_lookup_extended (groups, group, NULL, &first))
            return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                         _("the group is given twice, on lines %u and %u"), GPOINTER_TO_UINT (first), line_no);
          g_hash_table_insert (groups, g_strdup (group), GUINT_TO_POINTER (line_no));
          g_clear_pointer (&keys, g_hash_table_unref);
          keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          continue;
        }

      stop = memchr (p, '=', eol - p);
      if (stop == NULL || stop == p)
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                     _("not a scenario file: line %u is neither a [group], a key=value line nor a comment"),
                     line_no);

      if (group == NULL)
        return fail (loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                     _("not a scenario file: line %u comes before the first [group]"), line_no);

      {
        g_autofree char *key = g_strndup (p, stop - p);
        gpointer first;

        g_strchomp (key);
        if (!is_key_name (key))
          return fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                       _("line %u: “%s” is not a key name (letters, digits and “-”)"), line_no, quote (loader, key));
        if (g_hash_table_lookup_extended (keys, key, NULL, &first))
          return fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                       _("%s: given twice, on lines %u and %u"), quote (loader, key),
                       GPOINTER_TO_UINT (first), line_no);
        g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (line_no));
      }
    }

  return TRUE;
}

static HlScenario *
new_from_data (const char  *data,
               gsize        len,
               const char  *origin,
               const char  *base_dir,
               GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(HlScenario) self = NULL;
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  Loader loader = { origin, keyfile, base_dir, quotes };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  if (len == (gsize)-1)
    len = strlen (data);

  if (len == 0)
    {
      fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("the file is empty"));
      return NULL;
    }

  if (len > HL_FILE_MAX_SIZE)
    {
      g_autofree char *max_text = g_format_size_full (HL_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("too large; a scenario holds at most %s"), max_text);
      return NULL;
    }

  if (memchr (data, '\0', len) != NULL)
    {
      fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("not a scenario file: it holds binary data"));
      return NULL;
    }

  if (!scan_lines (&loader, data, len, error))
    return NULL;

  /* scan_lines() has found what GLib would refuse; GLib's message, should
   * it find more, would quote the file. */
  if (!g_key_file_load_from_data (keyfile, data, len, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    {
      fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("not a scenario file: GLib cannot read it as a key file"));
      return NULL;
    }

  self = g_object_new (HL_TYPE_SCENARIO, NULL);
  self->origin = g_strdup (origin);

  if (!load (self, &loader, error))
    return NULL;

  return g_steal_pointer (&self);
}

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
HlScenario *
hl_scenario_new_from_data (const char  *data,
                           gsize        len,
                           const char  *origin,
                           GError     **error)
{
  return new_from_data (data, len, origin, NULL, error);
}

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
HlScenario *
hl_scenario_new_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(contents = hl_file_read (path, HL_FILE_MAX_SIZE, &local_error)))
    {
      g_set_error_literal (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_PARSE, local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (contents, &len);
  base_dir = g_path_get_dirname (path);
  origin = hl_file_display_name (path);

  return new_from_data (len > 0 ? data : "", len, origin, base_dir, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * hl_scenario_list_builtin:
 *
 * Returns: (transfer full): the ids of the built-in scenarios, sorted
 */
char **
hl_scenario_list_builtin (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SCENARIO_RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".scenario"))
      g_ptr_array_add (ids, g_strndup (names[i], strlen (names[i]) - strlen (".scenario")));

  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/**
 * hl_scenario_load_builtin:
 * @id: a scenario id, "rsa-basic"
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with
 *   %HL_SCENARIO_ERROR_UNKNOWN_ID
 */
HlScenario *
hl_scenario_load_builtin (const char  *id,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HlScenario) self = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  path = g_strconcat (SCENARIO_RESOURCE_DIR, id, ".scenario", NULL);
  if (strchr (id, '/') == NULL)
    bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  if (bytes == NULL)
    {
      g_autofree char *excerpt = hl_file_excerpt (id);

      g_set_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID,
                   _("“%s” is not a scenario; “handshake-lab-cli list” shows them all"), excerpt);
      return NULL;
    }

  origin = g_strconcat ("scenarios/", id, ".scenario", NULL);
  self = hl_scenario_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), origin, error);
  if (self == NULL)
    return NULL;

  if (g_strcmp0 (self->id, id) != 0)
    {
      g_set_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_INVALID,
                   _("%s: [Scenario] id “%s” differs from the file name"), origin, self->id);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* Getters ------------------------------------------------------------------ */

const char *
hl_scenario_get_id (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->id;
}

/**
 * hl_scenario_get_title:
 *
 * Returns: the translated title
 */
const char *
hl_scenario_get_title (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->title);
}

const char *
hl_scenario_get_group (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->group;
}

/**
 * hl_scenario_get_summary:
 *
 * Returns: the translated summary
 */
const char *
hl_scenario_get_summary (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->summary);
}

/**
 * hl_scenario_get_lesson:
 *
 * Returns: (nullable): the translated lesson: what to take away, what a
 *   browser or OpenSSL would do
 */
const char *
hl_scenario_get_lesson (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->lesson ? g_dgettext (GETTEXT_PACKAGE, self->lesson) : NULL;
}

guint64
hl_scenario_get_seed (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), 0);
  return self->seed;
}

/**
 * hl_scenario_set_seed:
 *
 * Replaces the scenario's seed, for a run that differs only in its
 * randomness.
 */
void
hl_scenario_set_seed (HlScenario *self,
                      guint64     seed)
{
  g_return_if_fail (HL_IS_SCENARIO (self));
  self->seed = seed;
}

/**
 * hl_scenario_get_clock:
 *
 * Returns: the scenario's "now", in Unix seconds: the only time the run's
 *   certificate checks see
 */
gint64
hl_scenario_get_clock (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), 0);
  return self->clock;
}

const char *
hl_scenario_get_server_name (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->server_name;
}

void
hl_scenario_get_versions (HlScenario *self,
                          HlActor     side,
                          guint      *min,
                          guint      *max)
{
  g_return_if_fail (HL_IS_SCENARIO (self));
  g_return_if_fail (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER);

  *min = self->sides[side].min_version;
  *max = self->sides[side].max_version;
}

/**
 * hl_scenario_get_suites:
 *
 * Returns: (array length=n_suites) (transfer none): the suites @side
 *   accepts, in its order of preference
 */
const guint16 *
hl_scenario_get_suites (HlScenario *self,
                        HlActor     side,
                        gsize      *n_suites)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (side == HL_ACTOR_CLIENT || side == HL_ACTOR_SERVER, NULL);

  *n_suites = self->sides[side].suites->len;
  return (const guint16 *)(gpointer)self->sides[side].suites->data;
}

guint
hl_scenario_get_n_certificates (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), 0);
  return self->certificates->len;
}

/**
 * hl_scenario_get_certificate:
 *
 * Certificates come issuers first, ready for hl_pki_add().
 *
 * Returns: (transfer none): the recipe at @index, with absolute times
 */
const HlCertRecipe *
hl_scenario_get_certificate (HlScenario *self,
                             guint       index)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->certificates->len, NULL);
  return &((Certificate *)g_ptr_array_index (self->certificates, index))->recipe;
}

/**
 * hl_scenario_get_server_chain:
 *
 * Returns: (transfer none): the names of the certificates the server
 *   sends, leaf first
 */
const char * const *
hl_scenario_get_server_chain (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return (const char * const *)self->sides[HL_ACTOR_SERVER].chain;
}

/**
 * hl_scenario_get_client_trust:
 *
 * Returns: (transfer none): the names of the certificates the client
 *   trusts as roots
 */
const char * const *
hl_scenario_get_client_trust (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return (const char * const *)self->sides[HL_ACTOR_CLIENT].trust;
}

/**
 * hl_scenario_get_client_chain:
 *
 * Returns: (transfer none) (nullable): the certificates the client sends
 *   when asked for one, leaf first; %NULL when it has none
 */
const char * const *
hl_scenario_get_client_chain (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return (const char * const *)self->sides[HL_ACTOR_CLIENT].chain;
}

/**
 * hl_scenario_get_server_trust:
 *
 * Returns: (transfer none) (nullable): the roots the server accepts client
 *   certificates from; %NULL without client authentication
 */
const char * const *
hl_scenario_get_server_trust (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return (const char * const *)self->sides[HL_ACTOR_SERVER].trust;
}

HlClientAuth
hl_scenario_get_client_auth (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), HL_CLIENT_AUTH_NONE);
  return self->client_auth;
}

const char *
hl_scenario_get_request_path (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->request_path;
}

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
gboolean
hl_scenario_get_tamper (HlScenario  *self,
                        HlActor     *sender,
                        guint       *record,
                        guint       *offset,
                        guint8      *mask,
                        const char **description)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);

  if (!self->tamper)
    return FALSE;

  *sender = self->tamper_sender;
  *record = self->tamper_record;
  *offset = self->tamper_offset;
  *mask = self->tamper_xor;
  *description = self->fault_description ? g_dgettext (GETTEXT_PACKAGE, self->fault_description) : NULL;

  return TRUE;
}

/**
 * hl_scenario_get_server_key:
 *
 * Returns: (nullable): the demo key the server uses instead of the key of
 *   its certificate, or %NULL: its certificate's
 */
const char *
hl_scenario_get_server_key (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->server_key;
}

/**
 * hl_scenario_get_resume:
 *
 * Returns: whether the client connects a second time, resuming the
 *   session of the first connection
 */
gboolean
hl_scenario_get_resume (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  return self->resume;
}

/**
 * hl_scenario_get_eavesdropper:
 *
 * Returns: whether an eavesdropper records the run and later steals the
 *   server's private key
 */
gboolean
hl_scenario_get_eavesdropper (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  return self->eavesdropper;
}

/**
 * hl_scenario_get_other_stacks:
 *
 * Returns: (transfer none): what the scenario says OpenSSL and browsers do
 *   in the same place, and how one fixes it; members are %NULL when it
 *   says nothing of them.  Texts are as written: translate @fix with
 *   g_dgettext (GETTEXT_PACKAGE, …).
 */
const HlOtherStacks *
hl_scenario_get_other_stacks (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return &self->others;
}

/**
 * hl_scenario_get_fault_description:
 *
 * Returns: (nullable): what the scenario's attacker is after, translated
 */
const char *
hl_scenario_get_fault_description (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->fault_description ? g_dgettext (GETTEXT_PACKAGE, self->fault_description) : NULL;
}

HlOutcome
hl_scenario_get_expected_outcome (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), HL_OUTCOME_SUCCESS);
  return self->expected_outcome;
}

/**
 * hl_scenario_matches_trace:
 * @mismatch: (out) (optional): what differs, translated
 *
 * Returns: whether @trace ended as the scenario's [Expect] group says
 */
gboolean
hl_scenario_matches_trace (HlScenario  *self,
                           HlTrace     *trace,
                           char       **mismatch)
{
  g_autofree char *reason = NULL;
  HlActor side;
  gboolean ok;

  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (HL_IS_TRACE (trace), FALSE);

  side = hl_trace_get_failed_side (trace);

  if (hl_trace_get_outcome (trace) != self->expected_outcome)
    reason = g_strdup_printf (_("expected outcome %s, the run ended %s"),
                              hl_outcome_to_string (self->expected_outcome),
                              hl_outcome_to_string (hl_trace_get_outcome (trace)));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && side != self->expected_failed_side)
    reason = g_strdup_printf (_("expected the %s to fail, the %s failed"),
                              hl_actor_to_string (self->expected_failed_side),
                              hl_actor_to_string (side));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && self->expected_error >= 0 &&
           hl_trace_get_error (trace, side) != self->expected_error)
    reason = g_strdup_printf (_("expected error %d, the %s ended with error %d"),
                              self->expected_error, hl_actor_to_string (side),
                              hl_trace_get_error (trace, side));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && self->expected_story != 0 &&
           hl_trace_get_failed_story (trace) != self->expected_story)
    reason = g_strdup_printf (_("expected the run to break at step %u of the story, it broke at step %u"),
                              self->expected_story, hl_trace_get_failed_story (trace));
  else if (self->expected_outcome == HL_OUTCOME_FAILED && self->expected_alert != -2 &&
           hl_trace_get_alert_sent (trace, side) != self->expected_alert)
    reason = g_strdup_printf (_("expected alert %d from the %s, it sent %d"),
                              self->expected_alert, hl_actor_to_string (side),
                              hl_trace_get_alert_sent (trace, side));

  ok = reason == NULL;
  if (mismatch != NULL)
    *mismatch = g_steal_pointer (&reason);

  return ok;
}

/**
 * hl_scenario_get_certificate_file:
 * @der: (out) (transfer none): the certificate read from certificate-file
 * @key: (out) (transfer none) (nullable): its key, from key-file
 *
 * Returns: whether the certificate at @index came from a file rather than
 *   a recipe
 */
gboolean
hl_scenario_get_certificate_file (HlScenario  *self,
                                  guint        index,
                                  GBytes     **der,
                                  HlKey      **key)
{
  Certificate *cert;

  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (index < self->certificates->len, FALSE);

  cert = g_ptr_array_index (self->certificates, index);
  if (cert->file_der == NULL)
    return FALSE;

  *der = cert->file_der;
  *key = cert->file_key;

  return TRUE;
}

/* The limits the wire puts on certificates, which a file's certificates
 * can exceed (a recipe's cannot, in a file of HL_FILE_MAX_SIZE): a chain
 * travels in one Certificate message, a list of at most 2^24 − 1 bytes
 * with 3 bytes of length before each certificate (RFC 5246 section
 * 7.4.2); the names of the roots a server trusts travel in its
 * CertificateRequest, a list of at most 2^16 − 1 bytes with 2 bytes before
 * each (section 7.4.4).  BearSSL writes the lengths without checking. */
static gboolean
check_wire_limits (HlScenario  *self,
                   HlPki       *pki,
                   GError     **error)
{
  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      const char * const *names = (const char * const *)self->sides[actor].chain;
      gsize total = 0;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        total += 3 + g_bytes_get_size (hl_pki_get_der (pki, names[i]));

      if (total > 0xffffff)
        {
          g_set_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_INVALID,
                       _("%s: [%s] chain: the certificates take %lu bytes in a Certificate message, "
                         "which holds at most 16777215 (2^24 − 1)"),
                       self->origin, actor == HL_ACTOR_CLIENT ? "Client" : "Server", (gulong)total);
          return FALSE;
        }
    }

  if (self->sides[HL_ACTOR_SERVER].trust != NULL)
    {
      const br_x509_trust_anchor *anchors;
      gsize n_anchors;
      gsize total = 0;

      if (!(anchors = hl_pki_get_trust_anchors (pki, (const char * const *)self->sides[HL_ACTOR_SERVER].trust,
                                                &n_anchors, error)))
        return FALSE;

      for (gsize i = 0; i < n_anchors; i++)
        total += 2 + anchors[i].dn.len;

      if (total > 0xffff)
        {
          g_set_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_INVALID,
                       _("%s: [Server] trust: the names of these roots take %lu bytes in a CertificateRequest, "
                         "which holds at most 65535 (2^16 − 1)"),
                       self->origin, (gulong)total);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * hl_scenario_get_pki:
 * @error: set when a certificate cannot be built
 *
 * Builds the scenario's certificates on the first call and keeps them:
 * they depend on nothing a run changes (signatures are deterministic), and
 * signing costs more than a handshake.
 *
 * Returns: (transfer none) (nullable): the scenario's PKI
 */
HlPki *
hl_scenario_get_pki (HlScenario  *self,
                     GError     **error)
{
  g_autoptr(HlPki) pki = NULL;

  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);

  if (self->pki != NULL)
    return self->pki;

  pki = hl_pki_new ();
  for (guint i = 0; i < self->certificates->len; i++)
    {
      Certificate *cert = g_ptr_array_index (self->certificates, i);

      if (cert->file_der != NULL)
        {
          if (!hl_pki_add_certificate (pki, cert->name, cert->file_der, cert->file_key, error))
            return NULL;
        }
      else if (!hl_pki_add (pki, &cert->recipe, error))
        return NULL;
    }

  if (!check_wire_limits (self, pki, error))
    return NULL;

  self->pki = g_steal_pointer (&pki);

  return self->pki;
}
