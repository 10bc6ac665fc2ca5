/* test-gui-panels.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The panels on their own, without a window: each follows the player it
 * is given, the Keys, Certificates and Message panels are built from
 * their templates, the Lesson panel keeps the outcome to the end, and
 * the Keys panel's comparison card is built again only when what it
 * shows changes.  What a panel should show is counted from the trace,
 * not from another panel. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include "hl-certificate-view.h"
#include "hl-digest-view.h"
#include "hl-engine.h"
#include "hl-hex-view.h"
#include "hl-key-comparison.h"
#include "hl-lesson-view.h"
#include "hl-message-view.h"
#include "hl-player.h"
#include "hl-sequence-view.h"
#include "hl-test-gui.h"

typedef struct
{
  HlScenario *scenario;
  HlTrace    *trace;
  HlPlayer   *player;
  GtkWidget  *window;
  GtkWidget  *message;
  GtkWidget  *keys;
  GtkWidget  *certificates;
  GtkWidget  *sequence;
} Panels;

static void
panels_set_up (Panels     *p,
               const char *scenario_id)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  p->scenario = hl_scenario_load_builtin (scenario_id, &error);
  g_assert_no_error (error);
  p->trace = hl_engine_run (p->scenario, &error);
  g_assert_no_error (error);

  /* Without a widget, the player never animates: each move lands. */
  p->player = hl_player_new (NULL);
  p->message = hl_message_view_new ();
  p->keys = hl_digest_view_new ();
  p->certificates = hl_certificate_view_new ();
  p->sequence = hl_sequence_view_new ();

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (box), p->message);
  gtk_box_append (GTK_BOX (box), p->keys);
  gtk_box_append (GTK_BOX (box), p->certificates);
  gtk_box_append (GTK_BOX (box), p->sequence);
  p->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (p->window), box);

  /* The one binding, the same for every panel: a "player" property. */
  g_object_set (p->message, "player", p->player, NULL);
  g_object_set (p->keys, "player", p->player, NULL);
  g_object_set (p->certificates, "player", p->player, NULL);
  g_object_set (p->sequence, "player", p->player, NULL);
}

static void
panels_tear_down (Panels *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  g_clear_object (&p->player);
  g_clear_object (&p->trace);
  g_clear_object (&p->scenario);
}

static gboolean
is_shown_label (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  return hl_test_gui_find_first (root, is_shown_label, text) != NULL;
}

/* Every text and style class under @root, in order: what a card shows. */
static void
describe (GtkWidget *root,
          GString   *out)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (root);
  g_autofree char *joined = g_strjoinv (".", classes);

  g_string_append_printf (out, "<%s.%s", G_OBJECT_TYPE_NAME (root), joined);
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, " \"%s\"", gtk_label_get_label (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe (child, out);
  g_string_append_c (out, '>');
}

static guint
count_steps (HlTrace    *trace,
             guint       position,
             HlStepKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < position; i++)
    if (hl_step_get_kind (hl_trace_get_step (trace, i)) == kind)
      n++;

  return n;
}

/* Each panel follows the player when its position changes: nobody
 * pushes steps into it. */
static void
test_panels_follow_player (void)
{
  Panels p = { 0 };
  guint n_steps;
  guint n_checks_seen = 0;

  panels_set_up (&p, "expired");
  g_assert_true (hl_panel_get_player (HL_PANEL (p.message)) == p.player);
  g_assert_true (hl_panel_get_player (HL_PANEL (p.keys)) == p.player);
  g_assert_true (hl_panel_get_player (HL_PANEL (p.certificates)) == p.player);
  g_assert_true (hl_sequence_view_get_player (HL_SEQUENCE_VIEW (p.sequence)) == p.player);

  hl_player_set_run (p.player, p.scenario, p.trace);
  g_assert_true (hl_player_get_scenario (p.player) == p.scenario);
  n_steps = hl_trace_get_n_steps (p.trace);
  g_assert_cmpuint (n_steps, >, 3);

  /* Forward, then back to the start, then a jump past the end. */
  for (guint k = 0; k <= 2 * n_steps + 1; k++)
    {
      guint position = k <= n_steps ? k : k <= 2 * n_steps ? 2 * n_steps - k : G_MAXUINT;
      HlStep *step;

      hl_player_seek (p.player, position);
      position = hl_player_get_position (p.player);
      step = hl_player_get_current_step (p.player);

      if (step != NULL)
        g_assert_true (shows_label (p.message, hl_step_get_title (step)));
      g_assert_cmpuint (hl_test_gui_count_with_class (p.keys, "digest-card"), ==,
                        count_steps (p.trace, position, HL_STEP_COMPUTE));
      g_assert_cmpuint (hl_test_gui_count_with_class (p.certificates, "check-section"), ==,
                        count_steps (p.trace, position, HL_STEP_CHECK));
      /* The trust stores come from the scenario the player knows. */
      g_assert_cmpuint (hl_test_gui_count_with_class (p.certificates, "trust-store"), ==,
                        count_steps (p.trace, position, HL_STEP_CHECK));
      n_checks_seen += count_steps (p.trace, position, HL_STEP_CHECK);
    }
  g_assert_cmpuint (n_checks_seen, >, 0);

  /* A trace of no known scenario: the checks, without trust stores. */
  hl_player_set_trace (p.player, p.trace);
  g_assert_null (hl_player_get_scenario (p.player));
  hl_player_go_to_end (p.player);
  g_assert_cmpuint (hl_test_gui_count_with_class (p.certificates, "check-section"), >, 0);
  g_assert_cmpuint (hl_test_gui_count_with_class (p.certificates, "trust-store"), ==, 0);

  /* Unbound, a panel shows no run. */
  g_object_set (p.keys, "player", NULL, NULL);
  g_assert_cmpuint (hl_test_gui_count_with_class (p.keys, "digest-card"), ==, 0);
  hl_player_restart (p.player);
  hl_player_go_to_end (p.player);
  g_assert_cmpuint (hl_test_gui_count_with_class (p.keys, "digest-card"), ==, 0);
  g_assert_cmpuint (hl_test_gui_count_with_class (p.certificates, "check-section"), >, 0);

  panels_tear_down (&p);
}

/* The static part of the Keys, Certificates and Message panels comes
 * from their templates: the objects named in the .ui are there, in a new
 * panel. */
static void
test_panels_from_templates (void)
{
  static const struct { const char *resource; GType (*get_type) (void); } panels[] = {
    { "/org/handshakelab/HandshakeLab/hl-digest-view.ui", hl_digest_view_get_type },
    { "/org/handshakelab/HandshakeLab/hl-certificate-view.ui", hl_certificate_view_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) ui = g_resources_lookup_data (panels[i].resource, 0, &error);
      GType type = panels[i].get_type ();
      GtkWidget *panel;
      GObject *scroller;
      GObject *empty;

      g_assert_no_error (error);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (ui, NULL), g_bytes_get_size (ui), g_type_name (type)));

      panel = g_object_ref_sink (g_object_new (type, NULL));
      scroller = gtk_widget_get_template_child (panel, type, "scroller");
      empty = gtk_widget_get_template_child (panel, type, "empty");
      g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
      g_assert_true (gtk_widget_get_first_child (panel) == GTK_WIDGET (scroller));
      g_assert_true (GTK_IS_LABEL (empty));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (empty)));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (empty)), !=, "");
      g_object_unref (panel);
    }

  /* The Message panel's tree and hex dump, and its text before any step,
   * come from its template; the run fills them. */
  {
    GtkWidget *panel = g_object_ref_sink (hl_message_view_new ());
    GType type = HL_TYPE_MESSAGE_VIEW;
    GObject *empty = gtk_widget_get_template_child (panel, type, "empty");

    g_assert_true (GTK_IS_LIST_VIEW (gtk_widget_get_template_child (panel, type, "tree")));
    g_assert_true (HL_IS_HEX_VIEW (gtk_widget_get_template_child (panel, type, "hex")));
    g_assert_true (GTK_IS_LABEL (empty));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (empty)));
    g_assert_nonnull (gtk_list_view_get_model (GTK_LIST_VIEW (gtk_widget_get_template_child (panel, type, "tree"))));
    g_object_unref (panel);
  }
}

/* Whether a label under @panel shows @text, and it and every widget up
 * to @panel are visible. */
static gboolean
panel_shows_text (GtkWidget  *panel,
                  const char *text)
{
  GtkWidget *label = hl_test_gui_find_label (panel, text);

  if (label == NULL)
    return FALSE;
  for (GtkWidget *w = label; w != panel; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return FALSE;
  return TRUE;
}

/* The Lesson panel on its own follows its player: the step playback is
 * on, and how the run ends (the run's own summary) only at the end,
 * unless the outcome is revealed; a change's sentence lasts one run. */
static void
test_lesson_follows_player (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("expired", &error);
  g_autoptr(HlTrace) trace = NULL;
  g_autoptr(HlTrace) trace2 = NULL;
  g_autoptr(HlPlayer) player = hl_player_new (NULL);
  GtkWidget *view = g_object_ref_sink (hl_lesson_view_new ());
  const char *summary;
  guint n_steps;

  g_assert_no_error (error);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  summary = hl_trace_get_summary_text (trace);
  g_assert_nonnull (summary);
  g_assert_cmpstr (summary, !=, "");
  n_steps = hl_trace_get_n_steps (trace);
  g_assert_cmpuint (n_steps, >, 3);

  g_object_set (view, "player", player, NULL);
  hl_player_set_run (player, scenario, trace);

  for (guint position = 0; position <= n_steps; position++)
    {
      HlStep *step;

      hl_player_seek (player, position);
      step = hl_player_get_current_step (player);
      if (step != NULL)
        g_assert_true (panel_shows_text (view, hl_step_get_title (step)));
      /* No spoiler: the outcome only once playback is at the end. */
      g_assert_cmpint (panel_shows_text (view, summary), ==, position == n_steps);
    }
  g_assert_true (panel_shows_text (view, hl_scenario_get_lesson (scenario)));

  /* Revealed, the outcome is there from the start. */
  hl_player_seek (player, 1);
  g_assert_false (panel_shows_text (view, summary));
  g_object_set (view, "reveal-outcome", TRUE, NULL);
  g_assert_true (hl_lesson_view_get_reveal_outcome (HL_LESSON_VIEW (view)));
  g_assert_true (panel_shows_text (view, summary));
  hl_lesson_view_set_reveal_outcome (HL_LESSON_VIEW (view), FALSE);
  g_assert_false (panel_shows_text (view, summary));

  /* The experiment's sentence stands for the expectation, for one run. */
  hl_player_go_to_end (player);
  hl_lesson_view_set_change_text (HL_LESSON_VIEW (view), "changed");
  g_assert_true (panel_shows_text (view, "changed"));
  trace2 = hl_engine_run (scenario, &error);
  g_assert_no_error (error);
  hl_player_set_run (player, scenario, trace2);
  hl_player_go_to_end (player);
  g_assert_true (panel_shows_text (view, summary));
  g_assert_null (hl_test_gui_find_label (view, "changed"));

  g_object_unref (view);
}

/* The comparison card is built again when, and only when, what it
 * shows changes: the same card object while its texts stay the same. */
static void
test_keys_comparison_rebuilt_on_change (gconstpointer data)
{
  Panels p = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *card_before = NULL;
  guint n_kept = 0;
  guint n_rebuilt = 0;

  panels_set_up (&p, data);
  hl_player_set_run (p.player, p.scenario, p.trace);

  for (guint position = 1; position <= hl_trace_get_n_steps (p.trace); position++)
    {
      g_autoptr(GString) now = g_string_new (NULL);
      GtkWidget *card;

      hl_player_seek (p.player, position);
      card = hl_test_gui_find_widget (p.keys, GTK_TYPE_WIDGET, "key-comparison-card");
      if (card != NULL)
        describe (card, now);

      /* The card kept is never stale: it shows what a new one would. */
      {
        g_autoptr(HlKeyComparison) comparison = hl_key_comparison_collect (p.trace, position);
        g_autoptr(GString) fresh = g_string_new (NULL);

        g_assert_true ((comparison == NULL) == (card == NULL));
        if (comparison != NULL)
          {
            GtkWidget *fresh_card = g_object_ref_sink (hl_key_comparison_new_card (comparison));

            describe (fresh_card, fresh);
            g_object_unref (fresh_card);
            g_assert_cmpstr (now->str, ==, fresh->str);
          }
      }

      if (card != NULL && card_before != NULL)
        {
          if (g_str_equal (now->str, before))
            {
              g_assert_true (card == card_before);
              n_kept++;
            }
          else
            {
              g_assert_true (card != card_before);
              n_rebuilt++;
            }
        }

      g_free (before);
      before = g_strdup (now->str);
      card_before = card;
    }

  /* Both happen in a full handshake. */
  g_assert_cmpuint (n_kept, >, 0);
  g_assert_cmpuint (n_rebuilt, >, 0);

  panels_tear_down (&p);
}

void
hl_test_gui_add_panels_tests (void)
{
  g_test_add_func ("/gui/panels/follow-player", test_panels_follow_player);
  g_test_add_func ("/gui/panels/from-templates", test_panels_from_templates);
  g_test_add_func ("/gui/panels/lesson-follows-player", test_lesson_follows_player);
  g_test_add_data_func ("/gui/keys/comparison-rebuilt-on-change/rsa-basic", "rsa-basic",
                        test_keys_comparison_rebuilt_on_change);
  g_test_add_data_func ("/gui/keys/comparison-rebuilt-on-change/ecdhe-rsa", "ecdhe-rsa",
                        test_keys_comparison_rebuilt_on_change);
}
