/* hl-cli-edit.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "hl-cli-edit.h"
#include "hl-file.h"

/* "[Group] key=value": the group, the key, and the value (NULL: no "="). */
static gboolean
parse_edit (const char  *edit,
            char       **group,
            char       **key,
            char       **value)
{
  const char *close = strchr (edit, ']');
  const char *equals;

  if (edit[0] != '[' || close == NULL || close == edit + 1)
    return FALSE;

  *group = g_strndup (edit + 1, close - edit - 1);
  equals = strchr (close, '=');
  *key = equals != NULL ? g_strndup (close + 1, equals - close - 1) : g_strdup (close + 1);
  *value = equals != NULL ? g_strdup (equals + 1) : NULL;
  g_strstrip (*key);
  if (*value != NULL)
    g_strstrip (*value);

  return **key != '\0';
}

HlScenario *
hl_cli_edit_scenario (HlScenario         *scenario,
                      const char * const *edits,
                      int                 clock_days,
                      GError            **error)
{
  g_autoptr(HlExperiment) experiment = hl_experiment_new (scenario);

  for (guint i = 0; edits != NULL && edits[i] != NULL; i++)
    {
      g_autofree char *group = NULL;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!parse_edit (edits[i], &group, &key, &value))
        {
          g_autofree char *excerpt = hl_file_excerpt (edits[i]);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--set takes “[Group] key=value”, as in a scenario file, not “%s”"), excerpt);
          return NULL;
        }

      if (!hl_experiment_set_value (experiment, group, key, value, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--set: %s"), local_error->message);
          return NULL;
        }
    }

  if (clock_days != 0)
    {
      gint64 clock = hl_scenario_get_clock (hl_experiment_get_scenario (experiment));
      g_autoptr(GError) local_error = NULL;

      if (!hl_experiment_set_clock (experiment, clock + (gint64)clock_days * 24 * 3600, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--clock-days: %s"), local_error->message);
          return NULL;
        }
    }

  return g_object_ref (hl_experiment_get_scenario (experiment));
}
