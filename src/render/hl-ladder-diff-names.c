/* hl-ladder-diff-names.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-ladder"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hl-ladder-private.h"

/* How many names a changed row shows before "and N more". */
#define MAX_NAMES 3

/* How many changes of the entry, other than by the seeds, stand below
 * the field at @path. */
static guint
count_changed_below (const HlStepDiff *entry,
                     const char       *path)
{
  gsize len = strlen (path);
  guint n = 0;

  for (guint i = 0; i < entry->n_changes; i++)
    if (!entry->changes[i].random && strncmp (entry->changes[i].path, path, len) == 0 &&
        entry->changes[i].path[len] == '/')
      n++;

  return n;
}

static const HlFieldChange *
find_change (const HlStepDiff *entry,
             const char       *path,
             gsize             len)
{
  for (guint i = 0; i < entry->n_changes; i++)
    if (!entry->changes[i].random && strlen (entry->changes[i].path) == len &&
        strncmp (entry->changes[i].path, path, len) == 0)
      return &entry->changes[i];

  return NULL;
}

/* What to call a change that has none below it: the field itself, or,
 * when it is the only change inside a changed field (the "Value" of a
 * notBefore), that field, as far up as that holds. */
static const char *
change_name (const HlStepDiff    *entry,
             const HlFieldChange *change)
{
  const HlFieldChange *named = change;

  for (;;)
    {
      const char *slash = strrchr (named->path, '/');
      const HlFieldChange *parent;

      if (slash == NULL)
        break;
      parent = find_change (entry, named->path, slash - named->path);
      if (parent == NULL || parent->name == NULL || count_changed_below (entry, parent->path) != 1)
        break;
      named = parent;
    }

  return named->name;
}

/* Whether a change is of the record layer (a length, a header) rather
 * than of the message the record carries. */
static gboolean
is_record_change (const HlFieldChange *change)
{
  return strstr (change->path, "record.") != NULL;
}

/* What changed other than by the seeds, at a glance: the names of the
 * innermost fields that differ, each once, the message's own before the
 * record layer's, the first few of them and how many more (the text diff
 * lists them all). */
char *
hl_ladder_diff_changed_names (const HlStepDiff *entry)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint shown = 0;
  guint more = 0;

  for (int record = 0; record < 2; record++)
    for (guint i = 0; i < entry->n_changes; i++)
      {
        const HlFieldChange *change = &entry->changes[i];
        const char *name;

        if (change->random || change->name == NULL || is_record_change (change) != record ||
            count_changed_below (entry, change->path) > 0)
          continue;
        name = change_name (entry, change);
        if (name == NULL || !g_hash_table_add (seen, (gpointer)name))
          continue;
        if (shown == MAX_NAMES)
          {
            more++;
            continue;
          }
        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, name);
        shown++;
      }
  if (more > 0)
    {
      g_autofree char *total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more",
                                                             "%s and %u more", more),
                                                names->str, more);

      return g_steal_pointer (&total);
    }

  return shown > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}
