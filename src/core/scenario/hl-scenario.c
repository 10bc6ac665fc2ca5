/* hl-scenario.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-catalog.h"
#include "hl-file.h"
#include "hl-scenario-private.h"

/*
 * The scenario object: made from a file or a built-in lesson (the
 * reading is hl-scenario-load.c's), then only read, through the getters
 * below.  hl-scenario-private.h tells which file reads which group.
 */

#define SCENARIO_RESOURCE_DIR RESOURCE_PREFIX "/scenarios/"

G_DEFINE_FINAL_TYPE (HlScenario, hl_scenario, G_TYPE_OBJECT)

G_DEFINE_QUARK (hl-scenario-error-quark, hl_scenario_error)

void
hl_scenario_certificate_free (gpointer data)
{
  HlScenarioCertificate *cert = data;

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
  g_free (self->base_dir);
  g_clear_pointer (&self->source, g_bytes_unref);
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
  self->certificates = g_ptr_array_new_with_free_func (hl_scenario_certificate_free);
  self->expected_error = -1;
  self->expected_alert = -1;
  self->expected_failed_side = HL_ACTOR_NETWORK;
  self->server_preference = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (self->sides); i++)
    self->sides[i].suites = g_array_new (FALSE, FALSE, sizeof (guint16));
}

static HlScenario *
new_from_data (const char *data,
               gsize       len,
               const char *origin,
               const char *base_dir,
               GError    **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(HlScenario) self = NULL;
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  HlLoader loader = { origin, keyfile, base_dir, quotes };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  if (len == (gsize)-1)
    len = strlen (data);

  if (len == 0)
    {
      hl_loader_fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("the file is empty"));
      return NULL;
    }

  if (len > HL_FILE_MAX_SIZE)
    {
      g_autofree char *max_text = g_format_size_full (HL_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      hl_loader_fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("too large; a scenario holds at most %s"), max_text);
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      hl_loader_fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL,
                      _("not a scenario file as saved: it starts with a byte order mark (U+FEFF); "
                        "save it as UTF-8 without BOM"));
      return NULL;
    }

  if (memchr (data, '\0', len) != NULL)
    {
      hl_loader_fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("not a scenario file: it holds binary data"));
      return NULL;
    }

  if (!hl_loader_scan_lines (&loader, data, len, error))
    return NULL;

  /* scan_lines() has found what GLib would refuse; GLib's message, should
   * it find more, would quote the file. */
  if (!g_key_file_load_from_data (keyfile, data, len, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    {
      hl_loader_fail (&loader, error, HL_SCENARIO_ERROR_PARSE, NULL, _("not a scenario file: GLib cannot read it as a key file"));
      return NULL;
    }

  self = g_object_new (HL_TYPE_SCENARIO, NULL);
  self->origin = g_strdup (origin);
  self->base_dir = g_strdup (base_dir);
  self->source = g_bytes_new (data, len);

  if (!hl_scenario_load (self, &loader, error))
    return NULL;

  return g_steal_pointer (&self);
}

HlScenario *
hl_scenario_new_from_data (const char *data,
                           gsize       len,
                           const char *origin,
                           GError    **error)
{
  return new_from_data (data, len, origin, NULL, error);
}

HlScenario *
hl_scenario_new_variant (HlScenario *self,
                         const char *data,
                         gsize       len,
                         GError    **error)
{
  HlScenario *variant;

  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if ((variant = new_from_data (data, len, self->origin, self->base_dir, error)))
    variant->variant = TRUE;

  return variant;
}

GBytes *
hl_scenario_get_source (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);

  return self->source;
}

HlScenario *
hl_scenario_new_from_file (const char *path,
                           GError    **error)
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

char **
hl_scenario_list_builtin (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SCENARIO_RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_auto(GStrv) groups = hl_catalog_get_groups ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) unlisted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id;
  g_autoptr(GHashTable) built_in = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".scenario"))
      g_hash_table_add (built_in, g_strndup (names[i], strlen (names[i]) - strlen (".scenario")));

  /* The catalog's order first; what it forgets, sorted, after it. */
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) lessons = hl_catalog_get_lessons (groups[g]);

      for (guint l = 0; lessons[l] != NULL; l++)
        if (g_hash_table_steal_extended (built_in, lessons[l], &id, NULL))
          g_ptr_array_add (ids, id);
    }
  g_hash_table_iter_init (&iter, built_in);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_ptr_array_add (unlisted, id);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (unlisted, compare_strings);
  g_ptr_array_extend_and_steal (ids, g_steal_pointer (&unlisted));
  g_ptr_array_add (ids, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

HlScenario *
hl_scenario_load_builtin (const char *id,
                          GError    **error)
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

const char *
hl_scenario_get_id (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->id;
}

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

const char *
hl_scenario_get_summary (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->summary);
}

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

void
hl_scenario_set_seed (HlScenario *self,
                      guint64     seed)
{
  g_return_if_fail (HL_IS_SCENARIO (self));
  self->seed = seed;
}

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

const HlCertRecipe *
hl_scenario_get_certificate (HlScenario *self,
                             guint       index)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->certificates->len, NULL);
  return &((HlScenarioCertificate *)g_ptr_array_index (self->certificates, index))->recipe;
}

const char * const *
hl_scenario_get_server_chain (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return (const char * const *)self->sides[HL_ACTOR_SERVER].chain;
}

const char * const *
hl_scenario_get_client_trust (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return (const char * const *)self->sides[HL_ACTOR_CLIENT].trust;
}

const char * const *
hl_scenario_get_client_chain (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return (const char * const *)self->sides[HL_ACTOR_CLIENT].chain;
}

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

gboolean
hl_scenario_get_server_preference (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), TRUE);
  return self->server_preference;
}

const char *
hl_scenario_get_request_path (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->request_path;
}

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
  *description = hl_scenario_get_fault_description (self);

  return TRUE;
}

const char *
hl_scenario_get_server_key (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->server_key;
}

gboolean
hl_scenario_get_resume (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  return self->resume;
}

gboolean
hl_scenario_get_eavesdropper (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  return self->eavesdropper;
}

const HlOtherStacks *
hl_scenario_get_other_stacks (HlScenario *self)
{
  static const HlOtherStacks none = { NULL };

  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);

  /* What the lesson says of OpenSSL and browsers holds of the lesson's
   * certificates and outcome, not of a lesson changed. */
  return self->variant ? &none : &self->others;
}

const char *
hl_scenario_get_origin (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  return self->origin;
}

gboolean
hl_scenario_is_variant (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  return self->variant;
}

const char *
hl_scenario_get_fault_description (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);
  /* The lesson's words for its own attack, not for another one. */
  if (self->variant)
    return NULL;
  return self->fault_description ? g_dgettext (GETTEXT_PACKAGE, self->fault_description) : NULL;
}

HlOutcome
hl_scenario_get_expected_outcome (HlScenario *self)
{
  g_return_val_if_fail (HL_IS_SCENARIO (self), HL_OUTCOME_SUCCESS);
  return self->expected_outcome;
}
