/* hl-lesson-view.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-lesson-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hl-lesson-view.h"
#include "hl-names.h"
#include "hl-verdict-icon.h"

struct _HlLessonView
{
  HlPanel     parent_instance;

  HlTrace    *trace;          /* the run shown: its texts are filled */
  char       *change_text;
  gboolean    reveal_outcome;

  GtkWidget  *scroller;
  GtkLabel   *story_label;
  GtkLabel   *step_title_label;
  GtkLabel   *explanation_label;
  GtkWidget  *outcome_pending_label;
  GtkWidget  *outcome_box;
  GtkImage   *outcome_icon;
  GtkLabel   *outcome_label;
  GtkLabel   *summary_label;
  GtkLabel   *expectation_label;
  GtkWidget  *as_written_label;
  GtkLabel   *scenario_summary_label;
  GtkWidget  *lesson_heading;
  GtkLabel   *lesson_label;
};

static void hl_lesson_view_update (HlPanel *panel);

G_DEFINE_FINAL_TYPE (HlLessonView, hl_lesson_view, HL_TYPE_PANEL)

enum {
  PROP_0,
  PROP_REVEAL_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Whether the scenario expects this outcome, or what a change did. */
static void
show_expectation (HlLessonView *self)
{
  HlScenario *scenario = hl_player_get_scenario (hl_panel_get_player (HL_PANEL (self)));
  g_autofree char *mismatch = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->expectation_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->expectation_label), "error");

  if (self->change_text != NULL)
    {
      gtk_label_set_text (self->expectation_label, self->change_text);
      return;
    }

  if (scenario == NULL)
    {
      gtk_label_set_text (self->expectation_label, "");
      return;
    }

  /* A failed handshake is a good run when the lesson is about failing. */
  if (hl_scenario_matches_trace (scenario, self->trace, &mismatch))
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

static void
show_outcome (HlLessonView *self)
{
  static const char * const classes[] = { "success", "error", "warning" };
  const char *icon_name;
  const char *css_class;
  const char *headline;
  const char *summary;

  switch (hl_trace_get_outcome (self->trace))
    {
    case HL_OUTCOME_SUCCESS:
      icon_name = "channel-secure-symbolic";
      css_class = "success";
      /* Established, not "secure": a lesson may succeed with a weak key,
       * no host name checked or no forward secrecy. */
      headline = _("Connection Established");
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

  show_expectation (self);
}

/* What stays while the run plays: how it ends and the scenario's texts. */
static void
show_run (HlLessonView *self)
{
  HlScenario *scenario = hl_player_get_scenario (hl_panel_get_player (HL_PANEL (self)));
  const char *summary = scenario ? hl_scenario_get_summary (scenario) : NULL;
  const char *lesson = scenario ? hl_scenario_get_lesson (scenario) : NULL;

  g_clear_pointer (&self->change_text, g_free);
  if (self->trace != NULL)
    show_outcome (self);

  /* A lesson changed keeps the lesson's texts: say for which they hold. */
  gtk_widget_set_visible (self->as_written_label, scenario != NULL && hl_scenario_is_variant (scenario));
  gtk_label_set_text (self->scenario_summary_label, summary ? summary : "");
  gtk_label_set_text (self->lesson_label, lesson ? lesson : "");
  gtk_widget_set_visible (self->lesson_heading, lesson && *lesson);
  gtk_widget_set_visible (GTK_WIDGET (self->lesson_label), lesson && *lesson);
}

static void
show_step (HlLessonView *self,
           HlStep       *step)
{
  g_autofree char *story = NULL;
  guint number = step ? hl_step_get_story (step) : 0;

  if (step == NULL)
    {
      gtk_label_set_text (self->story_label, _("Before the handshake"));
      gtk_label_set_text (self->step_title_label, _("Client and server are ready"));
      gtk_label_set_text (self->explanation_label,
                          _("Press Play to watch the whole handshake, or → to go one step at a time. "
                            "Every value shown comes from this run: you can recompute each one from the others."));
      return;
    }

  if (number != 0)
    story = g_strdup_printf (_("Step %u of %u · %s"), number, hl_story_length (hl_step_get_story_kind (step)),
                             hl_story_title (hl_step_get_story_kind (step), number));
  gtk_label_set_text (self->story_label, story ? story : "");
  gtk_widget_set_visible (GTK_WIDGET (self->story_label), story != NULL);
  gtk_label_set_text (self->step_title_label, hl_step_get_title (step));
  gtk_label_set_text (self->explanation_label, hl_step_get_explanation (step) ? hl_step_get_explanation (step) : "");

  /* A failed or warned step's title says so in colour, a passed one not. */
  hl_widget_set_verdict_css_class (GTK_WIDGET (self->step_title_label),
                                   hl_step_get_verdict (step) == HL_VERDICT_OK ? NULL
                                   : hl_verdict_get_css_class (hl_step_get_verdict (step)));
}

/* No spoilers: how the run ends stays hidden until playback gets there,
 * unless the lecturer asked for it from the start. */
static void
show_spoilers (HlLessonView *self)
{
  HlPlayer *player = hl_panel_get_player (HL_PANEL (self));
  guint position = player ? hl_player_get_position (player) : 0;
  guint n = player ? hl_player_get_n_steps (player) : 0;
  gboolean ended = self->reveal_outcome || (n > 0 && position >= n);

  gtk_widget_set_visible (self->outcome_box, ended);
  gtk_widget_set_visible (self->outcome_pending_label, !ended);
}

static void
hl_lesson_view_update (HlPanel *panel)
{
  HlLessonView *self = HL_LESSON_VIEW (panel);
  HlPlayer *player = hl_panel_get_player (panel);
  HlTrace *trace = player ? hl_player_get_trace (player) : NULL;

  if (g_set_object (&self->trace, trace))
    show_run (self);

  show_spoilers (self);
  show_step (self, player ? hl_player_get_current_step (player) : NULL);
}

static void
hl_lesson_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HlLessonView *self = HL_LESSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_REVEAL_OUTCOME:
      g_value_set_boolean (value, self->reveal_outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_lesson_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HlLessonView *self = HL_LESSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_REVEAL_OUTCOME:
      hl_lesson_view_set_reveal_outcome (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_lesson_view_dispose (GObject *object)
{
  HlLessonView *self = HL_LESSON_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_LESSON_VIEW);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->change_text, g_free);

  G_OBJECT_CLASS (hl_lesson_view_parent_class)->dispose (object);
}

static void
hl_lesson_view_class_init (HlLessonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  HL_PANEL_CLASS (klass)->update = hl_lesson_view_update;

  object_class->dispose = hl_lesson_view_dispose;
  object_class->get_property = hl_lesson_view_get_property;
  object_class->set_property = hl_lesson_view_set_property;

  properties[PROP_REVEAL_OUTCOME] =
    g_param_spec_boolean ("reveal-outcome", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/handshakelab/HandshakeLab/hl-lesson-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, scroller);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, story_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, step_title_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, outcome_pending_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, outcome_icon);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, expectation_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, as_written_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, scenario_summary_label);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, lesson_heading);
  gtk_widget_class_bind_template_child (widget_class, HlLessonView, lesson_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hl_lesson_view_init (HlLessonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hl_lesson_view_new (void)
{
  return g_object_new (HL_TYPE_LESSON_VIEW, NULL);
}

gboolean
hl_lesson_view_get_reveal_outcome (HlLessonView *self)
{
  g_return_val_if_fail (HL_IS_LESSON_VIEW (self), FALSE);

  return self->reveal_outcome;
}

void
hl_lesson_view_set_reveal_outcome (HlLessonView *self,
                                   gboolean      reveal_outcome)
{
  g_return_if_fail (HL_IS_LESSON_VIEW (self));

  reveal_outcome = !!reveal_outcome;
  if (self->reveal_outcome == reveal_outcome)
    return;

  self->reveal_outcome = reveal_outcome;
  show_spoilers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_OUTCOME]);
}

void
hl_lesson_view_set_change_text (HlLessonView *self,
                                const char   *text)
{
  g_return_if_fail (HL_IS_LESSON_VIEW (self));

  g_free (self->change_text);
  self->change_text = g_strdup (text);
  if (self->trace != NULL)
    show_expectation (self);
}
