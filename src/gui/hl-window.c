/* hl-window.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hl-engine.h"
#include "hl-names.h"
#include "hl-window.h"

struct _HlWindow
{
  AdwApplicationWindow  parent_instance;

  HlScenario           *scenario;
  HlTrace              *trace;

  AdwWindowTitle       *window_title;
  GtkImage             *outcome_icon;
  GtkLabel             *outcome_label;
  GtkLabel             *summary_label;
  GtkLabel             *expectation_label;
  GtkLabel             *step_count_label;
  GtkLabel             *scenario_summary_label;
  GtkListBox           *step_list;
};

G_DEFINE_FINAL_TYPE (HlWindow, hl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_TRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
actor_name (HlActor actor)
{
  switch (actor)
    {
    case HL_ACTOR_CLIENT:
      return _("Client");
    case HL_ACTOR_SERVER:
      return _("Server");
    case HL_ACTOR_NETWORK:
      return _("Network");
    default:
      g_return_val_if_reached ("?");
    }
}

static const char *
actor_css_class (HlActor actor)
{
  switch (actor)
    {
    case HL_ACTOR_CLIENT:
      return "client";
    case HL_ACTOR_SERVER:
      return "server";
    case HL_ACTOR_NETWORK:
      return "network";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Messages travel from one side to the other; everything else is
 * something a side does on its own, so only the actor is named. */
static const char *
describe_direction (HlStep *step)
{
  if (hl_step_is_message (step))
    {
      switch (hl_step_get_actor (step))
        {
        case HL_ACTOR_CLIENT:
          return _("Client → Server");
        case HL_ACTOR_SERVER:
          return _("Server → Client");
        case HL_ACTOR_NETWORK:
          return _("Network");
        default:
          g_return_val_if_reached ("?");
        }
    }

  return actor_name (hl_step_get_actor (step));
}

static GtkWidget *
create_story_badge (guint story)
{
  GtkWidget *badge;

  badge = gtk_label_new (NULL);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "story-badge");

  if (story == 0)
    {
      gtk_widget_add_css_class (badge, "none");
      return badge;
    }

  {
    g_autofree char *number = g_strdup_printf ("%u", story);
    g_autofree char *tooltip = g_strdup_printf (_("Step %u of the nine-step story of a handshake"), story);

    gtk_label_set_text (GTK_LABEL (badge), number);
    gtk_widget_set_tooltip_text (badge, tooltip);
  }

  return badge;
}

static GtkWidget *
create_verdict_icon (HlVerdict verdict)
{
  GtkWidget *icon;

  switch (verdict)
    {
    case HL_VERDICT_OK:
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      gtk_widget_set_tooltip_text (icon, _("Check passed"));
      break;

    case HL_VERDICT_FAILED:
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, _("Failed"));
      break;

    case HL_VERDICT_NONE:
    default:
      return NULL;
    }

  gtk_widget_add_css_class (icon, "verdict");
  return icon;
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  HlStep *step = item;
  GtkWidget *row;
  GtkWidget *direction;
  GtkWidget *verdict;
  const char *explanation;

  g_assert (HL_IS_STEP (step));

  row = adw_action_row_new ();
  /* Titles and explanations come from the core as plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hl_step_get_title (step));
  explanation = hl_step_get_explanation (step);
  if (explanation != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), explanation);

  /* Each prefix goes in front of the previous one: badge, then direction. */
  direction = gtk_label_new (describe_direction (step));
  gtk_label_set_xalign (GTK_LABEL (direction), 0);
  gtk_label_set_width_chars (GTK_LABEL (direction), 15);
  gtk_widget_add_css_class (direction, "actor");
  gtk_widget_add_css_class (direction, actor_css_class (hl_step_get_actor (step)));
  gtk_widget_add_css_class (direction, "caption");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), direction);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             create_story_badge (hl_step_get_story (step)));

  if (hl_step_is_message (step) && hl_step_get_encrypted (step))
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("channel-secure-symbolic");

      gtk_widget_add_css_class (lock, "dim-label");
      gtk_widget_set_tooltip_text (lock, _("Sent encrypted"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), lock);
    }

  if ((verdict = create_verdict_icon (hl_step_get_verdict (step))))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), verdict);

  return row;
}

static void
hl_window_show_outcome (HlWindow *self)
{
  static const char * const classes[] = { "success", "error", "warning" };
  g_autofree char *mismatch = NULL;
  const char *icon_name;
  const char *css_class;
  const char *headline;
  const char *summary;

  switch (hl_trace_get_outcome (self->trace))
    {
    case HL_OUTCOME_SUCCESS:
      icon_name = "channel-secure-symbolic";
      css_class = "success";
      headline = _("Secure Connection Established");
      break;

    case HL_OUTCOME_FAILED:
      icon_name = "channel-insecure-symbolic";
      css_class = "error";
      headline = _("Handshake Failed");
      break;

    case HL_OUTCOME_STALLED:
      icon_name = "dialog-warning-symbolic";
      css_class = "warning";
      headline = _("Handshake Stalled");
      break;

    default:
      g_return_if_reached ();
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_icon), classes[i]);
  gtk_image_set_from_icon_name (self->outcome_icon, icon_name);
  gtk_widget_add_css_class (GTK_WIDGET (self->outcome_icon), css_class);
  gtk_label_set_text (self->outcome_label, headline);

  summary = hl_trace_get_summary_text (self->trace);
  gtk_label_set_text (self->summary_label, summary ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary && *summary);

  gtk_widget_remove_css_class (GTK_WIDGET (self->expectation_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->expectation_label), "error");

  /* A failed handshake is a good run when the lesson is about failing. */
  if (hl_scenario_matches_trace (self->scenario, self->trace, &mismatch))
    {
      gtk_label_set_text (self->expectation_label,
                          _("This is the outcome the scenario expects"));
      gtk_widget_add_css_class (GTK_WIDGET (self->expectation_label), "success");
    }
  else
    {
      g_autofree char *text = NULL;

      if (mismatch != NULL)
        text = g_strdup_printf (_("The scenario expects a different outcome: %s"), mismatch);
      else
        text = g_strdup (_("The scenario expects a different outcome"));
      gtk_label_set_text (self->expectation_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->expectation_label), "error");
    }
}

/* What the two sides agreed on, or nothing when they never got that far. */
static char *
describe_negotiated (HlTrace *trace)
{
  const char *version = hl_version_name (hl_trace_get_version (trace));
  const char *suite = hl_cipher_suite_name (hl_trace_get_cipher_suite (trace));

  if (version != NULL && suite != NULL)
    return g_strdup_printf ("%s · %s", version, suite);

  return g_strdup (version ? version : "");
}

static void
hl_window_show_run (HlWindow *self)
{
  g_autofree char *count = NULL;
  g_autofree char *negotiated = NULL;
  const char *title;
  const char *summary;
  guint n_steps;

  title = hl_scenario_get_title (self->scenario);
  negotiated = describe_negotiated (self->trace);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, negotiated);

  hl_window_show_outcome (self);

  n_steps = g_list_model_get_n_items (G_LIST_MODEL (self->trace));
  count = g_strdup_printf (ngettext ("%u step", "%u steps", n_steps), n_steps);
  gtk_label_set_text (self->step_count_label, count);

  summary = hl_scenario_get_summary (self->scenario);
  gtk_label_set_text (self->scenario_summary_label, summary ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->scenario_summary_label), summary && *summary);

  gtk_list_box_bind_model (self->step_list,
                           G_LIST_MODEL (self->trace),
                           create_step_row, self, NULL);
}

static void
hl_window_dispose (GObject *object)
{
  HlWindow *self = (HlWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_WINDOW);

  g_clear_object (&self->trace);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (hl_window_parent_class)->dispose (object);
}

static void
hl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HlWindow *self = HL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;

    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_window_class_init (HlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_window_dispose;
  object_class->get_property = hl_window_get_property;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL,
                         HL_TYPE_SCENARIO,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         HL_TYPE_TRACE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/handshakelab/HandshakeLab/hl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, outcome_icon);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, expectation_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, step_count_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, scenario_summary_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, step_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
hl_window_init (HlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hl_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer full): a window that shows no run yet; call
 *   hl_window_load_scenario() before presenting it.
 */
HlWindow *
hl_window_new (GtkApplication *application)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (HL_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * hl_window_load_scenario:
 * @self: a #HlWindow
 * @scenario_id: the id of a built-in scenario, e.g. "rsa-basic"
 * @error: return location for an error
 *
 * Loads the scenario, runs it and shows the run.  On error (an unknown id is
 * %HL_SCENARIO_ERROR_UNKNOWN_ID) the window keeps showing what it showed.
 *
 * Returns: %TRUE if the window now shows a run of @scenario_id
 */
gboolean
hl_window_load_scenario (HlWindow    *self,
                         const char  *scenario_id,
                         GError     **error)
{
  g_autoptr(HlScenario) scenario = NULL;
  g_autoptr(HlTrace) trace = NULL;

  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(scenario = hl_scenario_load_builtin (scenario_id, error)))
    return FALSE;

  if (!(trace = hl_engine_run (scenario, error)))
    return FALSE;

  g_set_object (&self->scenario, scenario);
  g_set_object (&self->trace, trace);

  hl_window_show_run (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);

  return TRUE;
}

/**
 * hl_window_get_scenario:
 * @self: a #HlWindow
 *
 * Returns: (transfer none) (nullable): the scenario shown
 */
HlScenario *
hl_window_get_scenario (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);

  return self->scenario;
}

/**
 * hl_window_get_trace:
 * @self: a #HlWindow
 *
 * Returns: (transfer none) (nullable): the trace of the run shown
 */
HlTrace *
hl_window_get_trace (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);

  return self->trace;
}
