/* hl-catalog.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hl-catalog.h"

#define CATALOG_RESOURCE RESOURCE_PREFIX "/scenarios/catalog.ini"

/* Built-in data, held to its rules by test-catalog: a catalog that does
 * not load is a broken build, said once, and then an empty catalog. */
static GKeyFile *
catalog_get (void)
{
  static GKeyFile *catalog;

  if (g_once_init_enter (&catalog))
    {
      GKeyFile *keyfile = g_key_file_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resources_lookup_data (CATALOG_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL || !g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &error))
        g_critical ("%s: %s", CATALOG_RESOURCE, error->message);
      g_once_init_leave (&catalog, keyfile);
    }

  return catalog;
}

char **
hl_catalog_get_groups (void)
{
  return g_key_file_get_groups (catalog_get (), NULL);
}

char *
hl_catalog_dup_group_title (const char *group)
{
  g_autofree char *msgid = NULL;

  g_return_val_if_fail (group != NULL, NULL);

  if (!(msgid = g_key_file_get_string (catalog_get (), group, "title", NULL)))
    return NULL;

  return g_strdup (g_dgettext (GETTEXT_PACKAGE, g_strstrip (msgid)));
}

char **
hl_catalog_get_lessons (const char *group)
{
  char **lessons;

  g_return_val_if_fail (group != NULL, NULL);

  lessons = g_key_file_get_string_list (catalog_get (), group, "lessons", NULL, NULL);
  for (guint i = 0; lessons != NULL && lessons[i] != NULL; i++)
    g_strstrip (lessons[i]);

  return lessons != NULL ? lessons : g_new0 (char *, 1);
}
