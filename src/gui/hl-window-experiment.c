/* hl-window-experiment.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's experiment: every lesson shown is an HlExperiment, which
 * the Experiment panel edits.  An edit runs the handshake again at once;
 * the playhead stays on the step it showed when that step is still there
 * and unchanged, and otherwise goes to the first step that changed. */

#define G_LOG_DOMAIN "hl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hl-engine.h"
#include "hl-experiment-view.h"
#include "hl-trace-diff.h"
#include "hl-window-private.h"

/* Where the playhead goes in @new_trace, from @position in @old_trace. */
static guint
position_after_edit (HlTrace *old_trace,
                     HlTrace *new_trace,
                     guint    position)
{
  g_autoptr(HlTraceDiff) diff = NULL;
  int first;
  guint shown_in_b = 0;

  if (position == 0 || old_trace == NULL)
    return position;

  diff = hl_trace_diff_new (old_trace, new_trace, NULL);
  for (guint i = 0; i < hl_trace_diff_get_n_entries (diff); i++)
    {
      const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);

      if (entry->index_a == (int)position - 1)
        {
          if (entry->status == HL_DIFF_SAME && entry->index_b >= 0)
            return entry->index_b + 1;
          break;
        }
    }

  /* The step shown changed or is gone: the first step that changed, or
   * the place of the first one that went. */
  first = hl_trace_diff_get_first_divergence (diff);
  if (first < 0)
    return MIN (position, hl_trace_get_n_steps (new_trace));
  for (int i = 0; i <= first; i++)
    if (hl_trace_diff_get_entry (diff, i)->index_b >= 0)
      shown_in_b++;

  return MAX (shown_in_b, 1);
}

static const char *
outcome_verb (HlOutcome outcome)
{
  switch (outcome)
    {
    case HL_OUTCOME_SUCCESS:
      return _("succeeds");
    case HL_OUTCOME_FAILED:
      return _("fails");
    case HL_OUTCOME_STALLED:
    default:
      return _("stalls");
    }
}

/* The Lesson panel's expectation line says what the change did: the
 * lesson's [Expect] speaks of the lesson, not of the experiment. */
static void
describe_change (HlWindow *self)
{
  g_autofree char *text = NULL;
  HlOutcome lesson = hl_trace_get_outcome (self->lesson_trace);
  HlOutcome now = hl_trace_get_outcome (self->trace);

  if (!hl_experiment_is_modified (self->experiment))
    return;

  if (lesson == now)
    /* TRANSLATORS: %s is "succeeds", "fails" or "stalls" */
    text = g_strdup_printf (_("Changed from the lesson: this run %s, as the lesson’s does."), outcome_verb (now));
  else
    /* TRANSLATORS: each %s is "succeeds", "fails" or "stalls" */
    text = g_strdup_printf (_("Changed from the lesson: the lesson’s run %s, this one %s."),
                            outcome_verb (lesson), outcome_verb (now));
  hl_lesson_view_set_change_text (self->lesson_view, text);
}

/* The header bar says a changed lesson is not the lesson. */
static void
mark_title (HlWindow *self)
{
  g_autofree char *title = NULL;

  if (!hl_experiment_is_modified (self->experiment))
    return;

  /* TRANSLATORS: %s is the lesson's title */
  title = g_strdup_printf (_("%s (changed)"), hl_scenario_get_title (hl_experiment_get_lesson (self->experiment)));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
}

static void
experiment_changed (HlWindow *self)
{
  HlScenario *scenario = hl_experiment_get_scenario (self->experiment);
  g_autoptr(HlTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (scenario == self->scenario)
    return;

  if (!(trace = hl_engine_run (scenario, &error)))
    {
      _hl_window_report_error (self, _("Could Not Run the Changed Lesson"), error);
      return;
    }

  position = position_after_edit (self->trace, trace, hl_player_get_position (self->player));
  _hl_window_set_run (self, scenario, trace);
  hl_player_seek (self->player, position);
}

static void
back_clicked (HlWindow *self)
{
  _hl_window_experiment_show (self, FALSE);
}

/* The panel, under a way back to the other panels. */
static void
ensure_view (HlWindow *self)
{
  GtkWidget *box, *back, *view;

  if (adw_bin_get_child (self->experiment_page) != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  back = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (back), g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                                         "icon-name", "go-previous-symbolic",
                                                         "label", _("_Back to the Panels"),
                                                         "use-underline", TRUE,
                                                         NULL));
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_widget_set_margin_start (back, 12);
  gtk_widget_set_margin_top (back, 6);
  gtk_widget_set_tooltip_text (back, _("Keep the change and show the Lesson, Message, Keys and Certificates panels (E)"));
  gtk_widget_add_css_class (back, "flat");
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked), self);
  gtk_box_append (GTK_BOX (box), back);

  view = hl_experiment_view_new ();
  gtk_widget_set_vexpand (view, TRUE);
  hl_experiment_view_set_experiment (HL_EXPERIMENT_VIEW (view), self->experiment);
  gtk_box_append (GTK_BOX (box), view);
  adw_bin_set_child (self->experiment_page, box);
}

static HlExperimentView *
get_view (HlWindow *self)
{
  GtkWidget *box = adw_bin_get_child (self->experiment_page);

  return box != NULL ? HL_EXPERIMENT_VIEW (gtk_widget_get_last_child (box)) : NULL;
}

/* The Experiment panel's rows want the height: the step list gives it
 * up to its smallest while the panel is shown, and gets it back after. */
#define STEPS_HEIGHT_EXPERIMENTING 120

void
_hl_window_experiment_show (HlWindow *self,
                            gboolean  shown)
{
  gboolean showing = g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "experiment") == 0;

  if (shown == showing)
    return;

  if (shown)
    {
      ensure_view (self);
      self->steps_height = gtk_paned_get_position (self->side_paned);
      gtk_paned_set_position (self->side_paned, MIN (self->steps_height, STEPS_HEIGHT_EXPERIMENTING));
    }
  else if (self->steps_height > 0)
    gtk_paned_set_position (self->side_paned, self->steps_height);
  gtk_stack_set_visible_child_name (self->side_stack, shown ? "experiment" : "panels");
}

void
_hl_window_experiment_follow_run (HlWindow *self)
{
  HlExperimentView *view = get_view (self);

  if (self->experiment != NULL && hl_experiment_get_scenario (self->experiment) == self->scenario)
    {
      describe_change (self);
      mark_title (self);
      return;
    }

  if (self->experiment != NULL)
    g_signal_handlers_disconnect_by_data (self->experiment, self);
  g_clear_object (&self->experiment);
  g_set_object (&self->lesson_trace, self->trace);
  if (self->scenario == NULL)
    return;

  self->experiment = hl_experiment_new (self->scenario);
  g_signal_connect_swapped (self->experiment, "notify::scenario", G_CALLBACK (experiment_changed), self);
  if (view != NULL)
    hl_experiment_view_set_experiment (view, self->experiment);
}

GBytes *
_hl_window_experiment_save_text (HlWindow *self)
{
  return self->experiment != NULL ? hl_experiment_get_text (self->experiment) : NULL;
}

static void
experiment_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HlWindow *self = HL_WINDOW (widget);

  if (self->experiment == NULL)
    return;

  if (g_str_equal (action_name, "win.experiment"))
    _hl_window_experiment_show (self, g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack),
                                                 "experiment") != 0);
  else if (g_str_equal (action_name, "win.undo"))
    hl_experiment_undo (self->experiment);
  else if (g_str_equal (action_name, "win.redo"))
    hl_experiment_redo (self->experiment);
}


void
_hl_window_experiment_dispose (HlWindow *self)
{
  if (self->experiment != NULL)
    g_signal_handlers_disconnect_by_data (self->experiment, self);
  g_clear_object (&self->experiment);
  g_clear_object (&self->lesson_trace);
}

void
_hl_window_class_experiment_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.experiment", NULL, experiment_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, experiment_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, experiment_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}
