/* hl-scenario-load.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-names.h"
#include "hl-scenario-private.h"

/*
 * The groups of a scenario file: [Scenario], [Client], [Server],
 * [Application], [Fault] and [Other stacks] (the certificates and the
 * expectation have files of their own), and the references between them.
 */

static const char * const scenario_keys[] = { "id", "group", "title", "summary", "lesson", "seed", "clock", NULL };
static const char * const client_keys[] = { "versions", "suites", "server-name", "trust", "chain", NULL };
static const char * const server_keys[] = { "versions", "suites", "preference", "chain", "trust", "client-auth", "key",
                                            NULL };
static const char * const application_keys[] = { "request-path", "resume", NULL };
static const char * const fault_keys[] = { "tamper-sender", "tamper-record", "tamper-offset", "tamper-xor",
                                           "eavesdropper", "description", NULL };
static const char * const other_stacks_keys[] = { "openssl", "chrome", "firefox", "browser-source", "fix", NULL };

static gboolean
load_client_auth (HlLoader   *loader,
                  HlScenario *self,
                  GError    **error)
{
  g_autofree char *mode = hl_loader_get_string (loader, "Server", "client-auth", FALSE, NULL);

  if (mode == NULL || g_strcmp0 (mode, "none") == 0)
    self->client_auth = HL_CLIENT_AUTH_NONE;
  else if (g_strcmp0 (mode, "required") == 0)
    self->client_auth = HL_CLIENT_AUTH_REQUIRED;
  else if (g_strcmp0 (mode, "optional") == 0)
    self->client_auth = HL_CLIENT_AUTH_OPTIONAL;
  else
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, "Server",
                           _("client-auth: “%s” is not none, required or optional"), hl_loader_quote (loader, mode));

  if (self->client_auth != HL_CLIENT_AUTH_NONE)
    {
      if (!(self->sides[HL_ACTOR_SERVER].trust = hl_loader_get_list (loader, "Server", "trust", TRUE, MAX_CERTIFICATES, error)) ||
          !hl_loader_check_distinct (loader, "Server", "trust", self->sides[HL_ACTOR_SERVER].trust, error))
        return FALSE;
    }
  else if (g_key_file_has_key (loader->keyfile, "Server", "trust", NULL))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, "Server",
                           _("trust: the server only checks client certificates with client-auth=required or optional"));

  return TRUE;
}

static gboolean
load_preference (HlLoader   *loader,
                 HlScenario *self,
                 GError    **error)
{
  g_autofree char *order = hl_loader_get_string (loader, "Server", "preference", FALSE, NULL);

  if (order == NULL || g_strcmp0 (order, "server") == 0)
    self->server_preference = TRUE;
  else if (g_strcmp0 (order, "client") == 0)
    self->server_preference = FALSE;
  else
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, "Server",
                           _("preference: “%s” is not server or client"), hl_loader_quote (loader, order));

  return TRUE;
}

static gboolean
load_side (HlLoader   *loader,
           HlScenario *self,
           HlActor     actor,
           const char *group,
           GError    **error)
{
  HlScenarioSide *side = &self->sides[actor];
  g_auto(GStrv) versions = NULL;
  g_auto(GStrv) suites = NULL;

  if (!g_key_file_has_group (loader->keyfile, group))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, NULL, _("the group [%s] is missing"), group);

  if (!(versions = hl_loader_get_list (loader, group, "versions", TRUE, MAX_VERSIONS, error)) ||
      !hl_loader_check_distinct (loader, group, "versions", versions, error))
    return FALSE;

  side->min_version = G_MAXUINT;
  side->max_version = 0;
  for (guint i = 0; versions[i] != NULL; i++)
    {
      guint version;

      if (!hl_version_from_name (versions[i], &version))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("versions: “%s” is not TLS 1.0, TLS 1.1 or TLS 1.2"), hl_loader_quote (loader, versions[i]));
      side->min_version = MIN (side->min_version, version);
      side->max_version = MAX (side->max_version, version);
    }

  /* BearSSL takes a lowest and a highest version and accepts every one
   * between: a list with a gap would silently mean more than it says. */
  if (side->max_version - side->min_version + 1 != g_strv_length (versions))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("versions: BearSSL accepts every version from %s to %s; list them all, with no gap"),
                           hl_version_name (side->min_version), hl_version_name (side->max_version));

  /* A client without a list offers BearSSL's own default list, as
   * br_ssl_client_init_full() sets it; a server always says what it takes. */
  if (actor == HL_ACTOR_CLIENT && !g_key_file_has_key (loader->keyfile, group, "suites", NULL))
    return TRUE;

  /* A bound against huge files here; BearSSL's own limit, lower, is
   * checked below with BearSSL's reason. */
  if (!(suites = hl_loader_get_list (loader, group, "suites", TRUE, 4 * BR_MAX_CIPHER_SUITES, error)))
    return FALSE;

  /* More, and BearSSL would ignore the list and offer its defaults. */
  if (g_strv_length (suites) > BR_MAX_CIPHER_SUITES)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("suites: %u suites; BearSSL takes at most %u (BR_MAX_CIPHER_SUITES)"),
                           g_strv_length (suites), (guint)BR_MAX_CIPHER_SUITES);
  if (!hl_loader_check_distinct (loader, group, "suites", suites, error))
    return FALSE;

  for (guint i = 0; suites[i] != NULL; i++)
    {
      guint16 suite;

      if (!hl_cipher_suite_from_name (suites[i], &suite))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("suites: “%s” is not a cipher suite BearSSL implements"), hl_loader_quote (loader, suites[i]));
      g_array_append_val (side->suites, suite);
    }

  return TRUE;
}

static gboolean
check_references (HlLoader   *loader,
                  HlScenario *self,
                  GError    **error)
{
  /* Issuers first: hl_pki_add() needs them in that order, so reorder. */
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->certificates->len; i++)
    {
      HlScenarioCertificate *cert = g_ptr_array_index (self->certificates, i);
      g_autofree char *group = g_strconcat (CERT_GROUP_PREFIX, cert->name, NULL);

      if (hl_scenario_find_certificate (self, cert->issuer) == NULL)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                               _("issuer: there is no certificate “%s”"), hl_loader_quote (loader, cert->issuer));
    }

  while (ordered->len < self->certificates->len)
    {
      guint before = ordered->len;

      for (guint i = 0; i < self->certificates->len; i++)
        {
          HlScenarioCertificate *cert = g_ptr_array_index (self->certificates, i);

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
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, NULL,
                               _("the certificates’ issuers go round in a circle"));
    }

  for (guint i = 0; i < ordered->len; i++)
    self->certificates->pdata[i] = ordered->pdata[i];

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    {
      GStrv chain = self->sides[side].chain;
      HlScenarioCertificate *leaf = chain ? hl_scenario_find_certificate (self, chain[0]) : NULL;

      if (leaf != NULL && leaf->file_der != NULL && leaf->file_key == NULL)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, side == HL_ACTOR_CLIENT ? "Client" : "Server",
                               _("chain: “%s” comes from a file without its key; add key-file to [Certificate %s]"),
                               hl_loader_quote (loader, leaf->name), hl_loader_quote (loader, leaf->name));
    }

  for (HlActor side = HL_ACTOR_CLIENT; side <= HL_ACTOR_SERVER; side++)
    for (guint list = 0; list < 2; list++)
      {
        const char *group = side == HL_ACTOR_CLIENT ? "Client" : "Server";
        const char *key = list == 0 ? "trust" : "chain";
        GStrv names = list == 0 ? self->sides[side].trust : self->sides[side].chain;

        for (guint i = 0; names != NULL && names[i] != NULL; i++)
          if (hl_scenario_find_certificate (self, names[i]) == NULL)
            return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                                   _("%s: there is no certificate “%s”"), key, hl_loader_quote (loader, names[i]));
      }

  return TRUE;
}

/* [Fault]: the network flips bits of one record on its way. */
static gboolean
load_fault (HlLoader   *loader,
            HlScenario *self,
            GError    **error)
{
  const char *group = "Fault";
  g_autofree char *sender = NULL;
  guint64 record = 0, offset = 0, mask = 1;

  if (!g_key_file_has_group (loader->keyfile, group))
    return TRUE;

  if (!hl_loader_check_keys (loader, group, fault_keys, error) ||
      !hl_loader_get_boolean (loader, group, "eavesdropper", &self->eavesdropper, error))
    return FALSE;

  self->fault_description = hl_loader_get_string (loader, group, "description", FALSE, NULL);
  if (self->fault_description != NULL &&
      !hl_loader_check_text (loader, group, "description", self->fault_description, MAX_DESCRIPTION_CHARS, error))
    return FALSE;

  if (self->eavesdropper && !g_key_file_has_key (loader->keyfile, group, "tamper-sender", NULL))
    return TRUE;

  if (!(sender = hl_loader_get_string (loader, group, "tamper-sender", TRUE, error)))
    return FALSE;

  if (!hl_loader_parse_actor (sender, &self->tamper_sender))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("tamper-sender: “%s” is not client or server"), hl_loader_quote (loader, sender));

  if (!g_key_file_has_key (loader->keyfile, group, "tamper-record", NULL) ||
      !g_key_file_has_key (loader->keyfile, group, "tamper-offset", NULL))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, group,
                           _("tamper-record and tamper-offset say which byte to change"));

  /* Records count from 1; a tamper-xor of 0 would change no bit. */
  if (!hl_loader_get_unsigned_range (loader, group, "tamper-record", 1, 1000, &record, error) ||
      !hl_loader_get_unsigned (loader, group, "tamper-offset", 16384 + 2048, &offset, error) ||
      !hl_loader_get_unsigned_range (loader, group, "tamper-xor", 1, 255, &mask, error))
    return FALSE;

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
load_other_stacks (HlLoader   *loader,
                   HlScenario *self,
                   GError    **error)
{
  const char *group = "Other stacks";
  HlOtherStacks *o = &self->others;

  if (!g_key_file_has_group (loader->keyfile, group))
    return TRUE;

  if (!hl_loader_check_keys (loader, group, other_stacks_keys, error))
    return FALSE;

  o->openssl = hl_loader_get_string (loader, group, "openssl", FALSE, NULL);
  o->chrome = hl_loader_get_string (loader, group, "chrome", FALSE, NULL);
  o->firefox = hl_loader_get_string (loader, group, "firefox", FALSE, NULL);
  o->browser_source = hl_loader_get_string (loader, group, "browser-source", FALSE, NULL);
  o->fix = hl_loader_get_string (loader, group, "fix", FALSE, NULL);

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
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("openssl: “%s” is not an X509_V_ERR_… name, accepts, or alert: and an alert name"),
                               o->openssl);
    }

  if ((o->chrome != NULL || o->firefox != NULL) && o->browser_source == NULL)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, group,
                           _("chrome and firefox need browser-source: where the error names come from"));

  return TRUE;
}

gboolean
hl_scenario_load (HlScenario *self,
                  HlLoader   *loader,
                  GError    **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (loader->keyfile, NULL);
  g_autofree char *seed = NULL;
  g_autofree char *clock = NULL;
  const char *group = "Scenario";

  /* First, before quoting any of it: a key file of some other program
   * is not a scenario with mistakes. */
  if (!g_key_file_has_group (loader->keyfile, group))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, NULL, _("the group [%s] is missing"), group);

  for (guint i = 0; groups[i] != NULL; i++)
    if (!g_strv_contains ((const char * const[]) { "Scenario", "Client", "Server", "Application", "Fault", "Expect",
                                                   "Other stacks", NULL }, groups[i]) &&
        !g_str_has_prefix (groups[i], CERT_GROUP_PREFIX))
      return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_UNKNOWN_KEY, NULL,
                             _("unknown group [%s]"), hl_loader_quote (loader, groups[i]));

  if (!hl_loader_check_keys (loader, group, scenario_keys, error) ||
      !hl_loader_check_keys (loader, "Client", client_keys, error) ||
      !hl_loader_check_keys (loader, "Server", server_keys, error) ||
      !hl_loader_check_keys (loader, "Application", application_keys, error))
    return FALSE;

  if (!(self->id = hl_loader_get_string (loader, group, "id", TRUE, error)) ||
      !hl_loader_check_text (loader, group, "id", self->id, MAX_ID_CHARS, error) ||
      !(self->group = hl_loader_get_string (loader, group, "group", TRUE, error)) ||
      !hl_loader_check_text (loader, group, "group", self->group, MAX_ID_CHARS, error) ||
      !(self->title = hl_loader_get_string (loader, group, "title", TRUE, error)) ||
      !hl_loader_check_text (loader, group, "title", self->title, MAX_TITLE_CHARS, error) ||
      !(self->summary = hl_loader_get_string (loader, group, "summary", TRUE, error)) ||
      !hl_loader_check_text (loader, group, "summary", self->summary, MAX_SUMMARY_CHARS, error) ||
      !(seed = hl_loader_get_string (loader, group, "seed", TRUE, error)) ||
      !(clock = hl_loader_get_string (loader, group, "clock", TRUE, error)))
    return FALSE;

  self->lesson = hl_loader_get_string (loader, group, "lesson", FALSE, NULL);
  if (self->lesson != NULL && !hl_loader_check_text (loader, group, "lesson", self->lesson, MAX_LESSON_CHARS, error))
    return FALSE;

  for (const char *p = self->id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                             _("id: “%s” may only hold letters, digits and “-”"), hl_loader_quote (loader, self->id));

  if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &self->seed, NULL))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("seed: “%s” is not a whole number from 0 to 18446744073709551615"),
                           hl_loader_quote (loader, seed));

  if (!hl_loader_parse_time (clock, 0, &self->clock) || clock[0] == '+' || clock[0] == '-')
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("clock: “%s” is not a date and time like 2026-03-01T12:00:00Z"), hl_loader_quote (loader, clock));

  if (!load_side (loader, self, HL_ACTOR_CLIENT, "Client", error) ||
      !load_side (loader, self, HL_ACTOR_SERVER, "Server", error))
    return FALSE;

  if (!(self->server_name = hl_loader_get_string (loader, "Client", "server-name", TRUE, error)) ||
      !hl_loader_check_server_name (loader, self->server_name, error) ||
      !(self->sides[HL_ACTOR_CLIENT].trust = hl_loader_get_list (loader, "Client", "trust", TRUE, MAX_CERTIFICATES, error)) ||
      !hl_loader_check_distinct (loader, "Client", "trust", self->sides[HL_ACTOR_CLIENT].trust, error) ||
      !(self->sides[HL_ACTOR_SERVER].chain = hl_loader_get_list (loader, "Server", "chain", TRUE, MAX_CERTIFICATES, error)) ||
      !hl_loader_check_distinct (loader, "Server", "chain", self->sides[HL_ACTOR_SERVER].chain, error))
    return FALSE;

  if (g_key_file_has_key (loader->keyfile, "Client", "chain", NULL) &&
      (!(self->sides[HL_ACTOR_CLIENT].chain = hl_loader_get_list (loader, "Client", "chain", TRUE, MAX_CERTIFICATES, error)) ||
       !hl_loader_check_distinct (loader, "Client", "chain", self->sides[HL_ACTOR_CLIENT].chain, error)))
    return FALSE;

  if (!load_preference (loader, self, error) ||
      !load_client_auth (loader, self, error))
    return FALSE;

  /* A server whose private key is not its certificate's: a lesson. */
  if ((self->server_key = hl_loader_get_string (loader, "Server", "key", FALSE, NULL)) != NULL &&
      !hl_loader_check_demo_key (loader, "Server", "key", self->server_key, error))
    return FALSE;

  if (!hl_loader_get_boolean (loader, "Application", "resume", &self->resume, error))
    return FALSE;

  self->request_path = hl_loader_get_string (loader, "Application", "request-path", FALSE, NULL);
  if (self->request_path == NULL)
    self->request_path = g_strdup ("/");
  if (!hl_loader_is_request_path (self->request_path))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, "Application",
                           _("request-path: “%s” is not a path like /index.html (printable ASCII without spaces; "
                             "percent-encode the rest)"),
                           hl_loader_quote (loader, self->request_path));

  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], CERT_GROUP_PREFIX) &&
        !hl_scenario_load_certificate (loader, self, groups[i], error))
      return FALSE;

  if (!check_references (loader, self, error) ||
      !load_fault (loader, self, error) ||
      !load_other_stacks (loader, self, error))
    return FALSE;

  return hl_scenario_load_expect (loader, self, error);
}
