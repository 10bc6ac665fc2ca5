/* hl-experiment.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-experiment.h"
#include "hl-scenario-private.h"

/* One state of the experiment: the text, the scenario it loaded as, and
 * the text read as a key file, once, for the panel's many reads. */
typedef struct
{
  GBytes     *text;
  HlScenario *scenario;
  GKeyFile   *keyfile;
} State;

struct _HlExperiment
{
  GObject     parent_instance;

  HlScenario *lesson;
  GArray     *states;   /* State: the lesson first, then each edit */
  guint       current;  /* the state shown; those after it can be redone */
};

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (HlExperiment, hl_experiment, G_TYPE_OBJECT)

static void
clear_state (gpointer data)
{
  State *state = data;

  g_clear_pointer (&state->text, g_bytes_unref);
  g_clear_object (&state->scenario);
  g_clear_pointer (&state->keyfile, g_key_file_unref);
}

static State *
current_state (HlExperiment *self)
{
  return &g_array_index (self->states, State, self->current);
}

static GKeyFile *
load_keyfile (GBytes *text)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  gsize len;
  const char *data = g_bytes_get_data (text, &len);

  /* Every text held here loaded as a scenario already, so as a key file. */
  if (!g_key_file_load_from_data (keyfile, data != NULL ? data : "", len,
                                  G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS, NULL))
    g_return_val_if_reached (NULL);

  return g_steal_pointer (&keyfile);
}

/* The current text as a key file, to read: not to change. */
static GKeyFile *
current_keyfile (HlExperiment *self)
{
  State *state = current_state (self);

  if (state->keyfile == NULL)
    state->keyfile = load_keyfile (state->text);

  return state->keyfile;
}

static GBytes *
keyfile_text (GKeyFile *keyfile)
{
  gsize len;
  char *data = g_key_file_to_data (keyfile, &len, NULL);

  return g_bytes_new_take (data, len);
}

/* Whether @a_text and @b_text set the same keys to the same values, in
 * whatever order and with whatever comments. */
static gboolean
same_settings (GBytes *a_text,
               GBytes *b_text)
{
  g_autoptr(GKeyFile) a = load_keyfile (a_text);
  g_autoptr(GKeyFile) b = load_keyfile (b_text);
  g_auto(GStrv) groups = g_key_file_get_groups (a, NULL);
  g_auto(GStrv) b_groups = g_key_file_get_groups (b, NULL);

  if (g_strv_length (groups) != g_strv_length (b_groups))
    return FALSE;

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (a, groups[g], NULL, NULL);
      g_auto(GStrv) b_keys = g_key_file_get_keys (b, groups[g], NULL, NULL);

      if (b_keys == NULL || g_strv_length (keys) != g_strv_length (b_keys))
        return FALSE;

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (a, groups[g], keys[k], NULL);
          g_autofree char *b_value = g_key_file_get_value (b, groups[g], keys[k], NULL);

          if (g_strcmp0 (value, b_value) != 0)
            return FALSE;
        }
    }

  return TRUE;
}

static void
notify_all (HlExperiment *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Keeps @keyfile's text as the next state if it loads; what could be
 * redone is gone then. */
static gboolean
commit (HlExperiment *self,
        GKeyFile     *keyfile,
        GError      **error)
{
  g_autoptr(GBytes) text = keyfile_text (keyfile);
  gsize len;
  const char *data = g_bytes_get_data (text, &len);
  State state = { NULL };

  if (same_settings (text, current_state (self)->text))
    return TRUE;

  state.scenario = hl_scenario_new_variant (self->lesson, data != NULL ? data : "", len, error);
  if (state.scenario == NULL)
    return FALSE;
  state.text = g_steal_pointer (&text);

  g_array_set_size (self->states, self->current + 1);
  g_array_append_val (self->states, state);
  self->current++;
  notify_all (self);

  return TRUE;
}

static void
hl_experiment_finalize (GObject *object)
{
  HlExperiment *self = (HlExperiment *)object;

  g_clear_pointer (&self->states, g_array_unref);
  g_clear_object (&self->lesson);

  G_OBJECT_CLASS (hl_experiment_parent_class)->finalize (object);
}

static void
hl_experiment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HlExperiment *self = HL_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, hl_experiment_get_scenario (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, hl_experiment_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, hl_experiment_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_experiment_class_init (HlExperimentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hl_experiment_finalize;
  object_class->get_property = hl_experiment_get_property;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, HL_TYPE_SCENARIO,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hl_experiment_init (HlExperiment *self)
{
  self->states = g_array_new (FALSE, TRUE, sizeof (State));
  g_array_set_clear_func (self->states, clear_state);
}

HlExperiment *
hl_experiment_new (HlScenario *lesson)
{
  HlExperiment *self;
  g_autoptr(GKeyFile) keyfile = NULL;
  State state = { NULL };

  g_return_val_if_fail (HL_IS_SCENARIO (lesson), NULL);

  self = g_object_new (HL_TYPE_EXPERIMENT, NULL);
  self->lesson = g_object_ref (lesson);

  /* The lesson's text as the key file writes it, so that an edit undone
   * by hand is no change. */
  keyfile = load_keyfile (hl_scenario_get_source (lesson));
  state.text = keyfile_text (keyfile);
  state.scenario = g_object_ref (lesson);
  g_array_append_val (self->states, state);

  return self;
}

HlScenario *
hl_experiment_get_lesson (HlExperiment *self)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT (self), NULL);

  return self->lesson;
}

HlScenario *
hl_experiment_get_scenario (HlExperiment *self)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT (self), NULL);

  return current_state (self)->scenario;
}

char *
hl_experiment_get_value (HlExperiment *self,
                         const char   *group,
                         const char   *key)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT (self), NULL);
  g_return_val_if_fail (group != NULL && key != NULL, NULL);

  return g_key_file_get_string (current_keyfile (self), group, key, NULL);
}

char **
hl_experiment_list_groups (HlExperiment *self,
                           const char   *prefix)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (HL_IS_EXPERIMENT (self), NULL);

  groups = g_key_file_get_groups (current_keyfile (self), NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    if (prefix == NULL || g_str_has_prefix (groups[g], prefix))
      g_strv_builder_add (builder, groups[g]);

  return g_strv_builder_end (builder);
}

gboolean
hl_experiment_set_values (HlExperiment       *self,
                          const char         *group,
                          const char * const *keys,
                          const char * const *values,
                          GError            **error)
{
  g_autoptr(GKeyFile) keyfile = NULL;

  g_return_val_if_fail (HL_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (group != NULL && keys != NULL && values != NULL, FALSE);

  keyfile = load_keyfile (current_state (self)->text);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (values[i] != NULL)
        g_key_file_set_string (keyfile, group, keys[i], values[i]);
      else if (g_key_file_has_key (keyfile, group, keys[i], NULL))
        g_key_file_remove_key (keyfile, group, keys[i], NULL);
    }

  return commit (self, keyfile, error);
}

gboolean
hl_experiment_set_value (HlExperiment *self,
                         const char   *group,
                         const char   *key,
                         const char   *value,
                         GError      **error)
{
  const char *keys[] = { key, NULL };

  g_return_val_if_fail (key != NULL, FALSE);

  return hl_experiment_set_values (self, group, keys, &value, error);
}

/* NULL for a time GLib cannot hold (outside the years 1 to 9999). */
static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

gboolean
hl_experiment_set_clock (HlExperiment *self,
                         gint64        clock,
                         GError      **error)
{
  static const char * const validity_keys[] = { "valid-from", "valid-until" };
  g_autoptr(GKeyFile) keyfile = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *clock_text = NULL;
  gint64 now;

  g_return_val_if_fail (HL_IS_EXPERIMENT (self), FALSE);

  keyfile = load_keyfile (current_state (self)->text);
  groups = g_key_file_get_groups (keyfile, NULL);
  now = hl_scenario_get_clock (current_state (self)->scenario);

  for (guint g = 0; groups[g] != NULL; g++)
    for (guint k = 0; g_str_has_prefix (groups[g], CERT_GROUP_PREFIX) && k < G_N_ELEMENTS (validity_keys); k++)
      {
        g_autofree char *value = g_key_file_get_string (keyfile, groups[g], validity_keys[k], NULL);
        gint64 time;

        /* The scenario loaded, so a relative time parses. */
        if (value != NULL && (value[0] == '+' || value[0] == '-') && hl_loader_parse_time (value, now, &time))
          {
            g_autofree char *absolute = format_time (time);

            if (absolute != NULL)
              g_key_file_set_string (keyfile, groups[g], validity_keys[k], absolute);
          }
      }

  if (!(clock_text = format_time (clock)))
    {
      g_set_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_INVALID,
                   _("[Scenario] clock: the clock must stay within the years 1 to 9999"));
      return FALSE;
    }
  g_key_file_set_string (keyfile, "Scenario", "clock", clock_text);

  return commit (self, keyfile, error);
}

gboolean
hl_experiment_remove_group (HlExperiment *self,
                            const char   *group,
                            GError      **error)
{
  g_autoptr(GKeyFile) keyfile = NULL;

  g_return_val_if_fail (HL_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  keyfile = load_keyfile (current_state (self)->text);
  if (g_key_file_has_group (keyfile, group))
    g_key_file_remove_group (keyfile, group, NULL);

  return commit (self, keyfile, error);
}

gboolean
hl_experiment_can_undo (HlExperiment *self)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT (self), FALSE);

  return self->current > 0;
}

gboolean
hl_experiment_can_redo (HlExperiment *self)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT (self), FALSE);

  return self->current + 1 < self->states->len;
}

void
hl_experiment_undo (HlExperiment *self)
{
  g_return_if_fail (HL_IS_EXPERIMENT (self));

  if (!hl_experiment_can_undo (self))
    return;
  self->current--;
  notify_all (self);
}

void
hl_experiment_redo (HlExperiment *self)
{
  g_return_if_fail (HL_IS_EXPERIMENT (self));

  if (!hl_experiment_can_redo (self))
    return;
  self->current++;
  notify_all (self);
}

void
hl_experiment_reset (HlExperiment *self)
{
  State state = { NULL };

  g_return_if_fail (HL_IS_EXPERIMENT (self));

  if (!hl_experiment_is_modified (self))
    return;

  state.text = g_bytes_ref (g_array_index (self->states, State, 0).text);
  state.scenario = g_object_ref (self->lesson);
  g_array_set_size (self->states, self->current + 1);
  g_array_append_val (self->states, state);
  self->current++;
  notify_all (self);
}

gboolean
hl_experiment_is_modified (HlExperiment *self)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT (self), FALSE);

  return !same_settings (current_state (self)->text, g_array_index (self->states, State, 0).text);
}

GBytes *
hl_experiment_get_text (HlExperiment *self)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT (self), NULL);

  return current_state (self)->text;
}
