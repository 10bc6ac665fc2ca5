/* test-gui-experiment.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Experiment panel on its own, in a window of its own. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <glib/gstdio.h>

#include "hl-experiment-view.h"
#include "hl-trace-diff.h"
#include "hl-window.h"
#include "hl-test-gui.h"

typedef struct
{
  GType       type;
  const char *title;
} RowQuery;

static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  data)
{
  const RowQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), query->title) == 0;
}

/* The first preferences row of @type under @root titled @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  RowQuery query = { type, title };

  return hl_test_gui_find_first (root, is_row, &query);
}

static gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action_name)
{
  return hl_test_gui_find_first (root, is_button_for, action_name);
}

static GtkWidget *
find_error_label (GtkWidget *root)
{
  return hl_test_gui_find_widget (root, GTK_TYPE_LABEL, "error");
}

typedef struct
{
  HlExperiment *experiment;
  GtkWidget    *view;
  GtkWidget    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) lesson = hl_scenario_load_builtin (data, &error);

  g_assert_no_error (error);
  f->experiment = hl_experiment_new (lesson);
  f->view = hl_experiment_view_new ();
  hl_experiment_view_set_experiment (HL_EXPERIMENT_VIEW (f->view), f->experiment);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->experiment);
}

static GtkWidget *
entry_row (Fixture    *f,
           const char *title)
{
  GtkWidget *row = find_row (f->view, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* The rows show the lesson's own values, one expander per certificate. */
static void
test_shows_lesson (Fixture       *f,
                   gconstpointer  data)
{
  HlScenario *lesson = hl_experiment_get_lesson (f->experiment);
  GtkWidget *sni = entry_row (f, "Server name it asks for (SNI)");
  g_auto(GStrv) certificates = hl_experiment_list_groups (f->experiment, "Certificate ");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sni)), ==, hl_scenario_get_server_name (lesson));
  for (guint i = 0; certificates[i] != NULL; i++)
    g_assert_nonnull (find_row (f->view, ADW_TYPE_EXPANDER_ROW, certificates[i] + strlen ("Certificate ")));
  g_assert_true (gtk_widget_is_sensitive (f->view));

  /* Nothing to undo or reset in the lesson as it is. */
  g_assert_false (gtk_widget_get_sensitive (find_button (f->view, "experiment.undo")));
  g_assert_false (gtk_widget_get_sensitive (find_button (f->view, "experiment.reset")));
}

/* An applied entry edits the experiment; undo puts the row back. */
static void
test_edit_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *sni = entry_row (f, "Server name it asks for (SNI)");
  g_autofree char *before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (sni)));

  gtk_editable_set_text (GTK_EDITABLE (sni), "mail.handshake-lab.test");
  g_signal_emit_by_name (sni, "apply");
  g_assert_cmpstr (hl_scenario_get_server_name (hl_experiment_get_scenario (f->experiment)), ==,
                   "mail.handshake-lab.test");
  g_assert_true (hl_experiment_is_modified (f->experiment));
  g_assert_true (gtk_widget_get_sensitive (find_button (f->view, "experiment.undo")));

  g_assert_true (gtk_widget_activate_action (f->view, "experiment.undo", NULL));
  g_assert_false (hl_experiment_is_modified (f->experiment));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sni)), ==, before);

  g_assert_true (gtk_widget_activate_action (f->view, "experiment.redo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sni)), ==, "mail.handshake-lab.test");
  g_assert_true (gtk_widget_activate_action (f->view, "experiment.reset", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sni)), ==, before);
}

/* A value the format refuses: the loader's reason, on its row, and the
 * experiment unchanged; the next good edit clears it. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *suites = entry_row (f, "Suites it accepts, in order");
  GtkWidget *sni = entry_row (f, "Server name it asks for (SNI)");
  HlScenario *before = hl_experiment_get_scenario (f->experiment);
  GtkWidget *error_label;

  gtk_editable_set_text (GTK_EDITABLE (suites), "TLS_NO_SUCH_SUITE");
  g_signal_emit_by_name (suites, "apply");
  g_assert_true (hl_experiment_get_scenario (f->experiment) == before);
  g_assert_true (gtk_widget_has_css_class (suites, "error"));
  /* The student's text stays, to be corrected. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (suites)), ==, "TLS_NO_SUCH_SUITE");

  error_label = find_error_label (f->view);
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "[Server] suites"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "TLS_NO_SUCH_SUITE"));
  /* The panel is about the lesson, not its file. */
  g_assert_false (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "scenarios/"));

  gtk_editable_set_text (GTK_EDITABLE (sni), "mail.handshake-lab.test");
  g_signal_emit_by_name (sni, "apply");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (suites, "error"));
}

/* Switches and choices write the format's words. */
static void
test_switch_and_choice (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *eavesdropper = find_row (f->view, ADW_TYPE_ACTION_ROW,
                                      "An eavesdropper records it all and later steals the server’s key");
  GtkWidget *auth = find_row (f->view, ADW_TYPE_COMBO_ROW, "Client certificate");
  GtkWidget *trust = find_row (f->view, ADW_TYPE_ENTRY_ROW, "Roots for client certificates");
  g_autofree char *value = NULL;
  g_autofree char *auth_value = NULL;
  g_autofree char *server_trust = NULL;
  g_autofree char *client_trust = NULL;
  GtkWidget *sender = find_row (f->view, ADW_TYPE_COMBO_ROW, "Tamper with");
  static const char * const tamper_keys[] = { "tamper-sender", "tamper-record", "tamper-offset", "tamper-xor" };
  static const char * const tamper_values[] = { "client", "1", "0", "1" };
  const char *description;
  HlActor actor;
  guint record, offset;
  guint8 mask;

  g_assert_nonnull (eavesdropper);
  gtk_switch_set_active (GTK_SWITCH (hl_test_gui_find_widget (eavesdropper, GTK_TYPE_SWITCH, NULL)), TRUE);
  value = hl_experiment_get_value (f->experiment, "Fault", "eavesdropper");
  g_assert_cmpstr (value, ==, "true");

  g_assert_nonnull (auth);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (auth)), ==, 0);

  /* A server that asks for client certificates checks them against
   * roots: the row starts it with those the client trusts, and takes
   * them away again with "not asked". */
  adw_combo_row_set_selected (ADW_COMBO_ROW (auth), 2);
  auth_value = hl_experiment_get_value (f->experiment, "Server", "client-auth");
  g_assert_cmpstr (auth_value, ==, "required");
  server_trust = hl_experiment_get_value (f->experiment, "Server", "trust");
  client_trust = hl_experiment_get_value (f->experiment, "Client", "trust");
  g_assert_nonnull (client_trust);
  g_assert_cmpstr (server_trust, ==, client_trust);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (trust)), ==, client_trust);

  adw_combo_row_set_selected (ADW_COMBO_ROW (auth), 0);
  g_clear_pointer (&server_trust, g_free);
  server_trust = hl_experiment_get_value (f->experiment, "Server", "trust");
  g_assert_null (server_trust);

  /* Tampering starts at the first record's first byte, its lowest bit,
   * which the network then flips; "No tampering" takes it all away. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (sender), 1);
  for (guint i = 0; i < G_N_ELEMENTS (tamper_keys); i++)
    {
      g_autofree char *tamper = hl_experiment_get_value (f->experiment, "Fault", tamper_keys[i]);

      g_assert_cmpstr (tamper, ==, tamper_values[i]);
    }
  g_assert_true (hl_scenario_get_tamper (hl_experiment_get_scenario (f->experiment), &actor, &record, &offset, &mask,
                                         &description));
  g_assert_cmpuint (record, ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (sender), 0);
  for (guint i = 0; i < G_N_ELEMENTS (tamper_keys); i++)
    {
      g_autofree char *tamper = hl_experiment_get_value (f->experiment, "Fault", tamper_keys[i]);

      g_assert_null (tamper);
    }

  /* The roots alone, with nobody asking, are refused with the reason. */
  gtk_editable_set_text (GTK_EDITABLE (trust), "root");
  g_signal_emit_by_name (trust, "apply");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_error_label (f->view))), "client-auth"));
}

static guint
find_step (HlTrace    *trace,
           HlStepKind  kind)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    if (hl_step_get_kind (hl_trace_get_step (trace, i)) == kind)
      return i;

  g_error ("no step of kind %d", kind);
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  start)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), start);
}

/* In the window: E opens the panel; an edit runs the handshake again; the
 * playhead stays on a step the edit left as it was, and goes to the first
 * step that changed when the step shown changed; the Lesson panel says
 * what the change did; the letters typed into an entry are the entry's. */
static void
test_window (void)
{
  HlWindow *window = hl_test_gui_open_sized (hl_test_gui_get_application (), "rsa-basic", 1280, 720);
  HlPlayer *player = hl_window_get_player (window);
  HlTrace *lesson = g_object_ref (hl_window_get_trace (window));
  guint certificate = 2, check = find_step (lesson, HL_STEP_CHECK);
  GtkWidget *view, *sni, *focus;
  HlExperiment *experiment;
  g_autoptr(HlTraceDiff) diff = NULL;
  g_autoptr(HlScenario) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  g_assert_cmpstr (hl_step_get_title (hl_trace_get_step (lesson, certificate)), ==, "Certificate");
  hl_test_gui_press_key (window, GDK_KEY_e);
  view = hl_test_gui_find_widget (GTK_WIDGET (window), HL_TYPE_EXPERIMENT_VIEW, NULL);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  experiment = hl_experiment_view_get_experiment (HL_EXPERIMENT_VIEW (view));
  g_assert_true (hl_experiment_get_lesson (experiment) == hl_window_get_scenario (window));

  /* The Certificate the server sends does not depend on the name asked for. */
  hl_player_seek (player, certificate + 1);
  sni = find_row (view, ADW_TYPE_ENTRY_ROW, "Server name it asks for (SNI)");
  gtk_editable_set_text (GTK_EDITABLE (sni), "mail.handshake-lab.test");
  g_signal_emit_by_name (sni, "apply");
  g_assert_true (hl_window_get_trace (window) != lesson);
  g_assert_cmpint (hl_trace_get_outcome (hl_window_get_trace (window)), ==, HL_OUTCOME_FAILED);
  g_assert_cmpuint (hl_player_get_position (player), ==, certificate + 1);
  g_assert_cmpstr (hl_step_get_title (hl_player_get_current_step (player)), ==, "Certificate");
  g_assert_nonnull (hl_test_gui_find_first (GTK_WIDGET (window), is_label_starting,
                                            "Changed from the lesson: the lesson’s run succeeds, this one fails."));
  /* The lesson's own texts say for which lesson they were written. */
  g_assert_nonnull (hl_test_gui_find_first (GTK_WIDGET (window), is_label_starting,
                                            "This run is of the lesson as changed"));
  g_assert_true (gtk_widget_get_visible (hl_test_gui_find_first (GTK_WIDGET (window), is_label_starting,
                                                                 "This run is of the lesson as changed")));

  /* Export… to a .scenario file saves the changed lesson; it reads back. */
  saved = g_build_filename (g_get_tmp_dir (), "hl-test-experiment.scenario", NULL);
  g_assert_true (hl_window_export (window, saved));
  reread = hl_scenario_new_from_file (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hl_scenario_get_server_name (reread), ==, "mail.handshake-lab.test");
  g_unlink (saved);

  /* Undo, from the client's chain check, which the edit had changed: to
   * the first step that differs between the two runs. */
  hl_player_seek (player, check + 1);
  diff = hl_trace_diff_new (hl_window_get_trace (window), lesson, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (hl_experiment_is_modified (experiment));
  g_assert_cmpint (hl_trace_get_outcome (hl_window_get_trace (window)), ==, HL_OUTCOME_SUCCESS);
  g_assert_false (gtk_widget_get_visible (hl_test_gui_find_first (GTK_WIDGET (window), is_label_starting,
                                                                  "This run is of the lesson as changed")));
  g_assert_cmpint (hl_player_get_position (player), ==,
                   hl_trace_diff_get_entry (diff, hl_trace_diff_get_first_divergence (diff))->index_b + 1);

  /* Typing "f" into an entry types it: the Fit view does not toggle. */
  gtk_widget_grab_focus (sni);
  focus = GTK_WIDGET (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_false (hl_test_gui_try_key (window, GDK_KEY_f));
  g_assert_false (hl_test_gui_try_key (window, GDK_KEY_space));
  g_assert_false (hl_player_get_playing (player));

  g_object_unref (lesson);
  gtk_window_destroy (GTK_WINDOW (window));
}

void
hl_test_gui_add_experiment_tests (void)
{
  g_test_add ("/gui/experiment/shows-lesson", Fixture, "rsa-basic", fixture_set_up, test_shows_lesson,
              fixture_tear_down);
  g_test_add ("/gui/experiment/edit-and-undo", Fixture, "rsa-basic", fixture_set_up, test_edit_and_undo,
              fixture_tear_down);
  g_test_add ("/gui/experiment/refused", Fixture, "rsa-basic", fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/gui/experiment/switch-and-choice", Fixture, "rsa-basic", fixture_set_up, test_switch_and_choice,
              fixture_tear_down);
  g_test_add_func ("/gui/experiment/window", test_window);
}
