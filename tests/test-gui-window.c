/* test-gui-window.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window shows a run and steps through it; the command line opens
 * one, and draws it into a screenshot. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hl-engine.h"
#include "hl-test-gui.h"

static void
test_window_shows_run (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(HlScenario) fresh_scenario = NULL;
  g_autoptr(HlTrace) fresh_trace = NULL;
  g_autoptr(GError) error = NULL;
  HlScenario *scenario;
  HlTrace *trace;
  HlWindow *window;
  GtkWidget *title;
  GtkWidget *list;
  GtkWidget *row;
  const char *summary;
  guint n_steps;
  guint n_rows = 0;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  g_assert_true (HL_IS_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  scenario = hl_window_get_scenario (window);
  trace = hl_window_get_trace (window);
  g_assert_true (HL_IS_SCENARIO (scenario));
  g_assert_true (HL_IS_TRACE (trace));
  g_assert_cmpstr (hl_scenario_get_id (scenario), ==, "rsa-basic");

  /* The header bar names the scenario. */
  g_assert_nonnull (hl_scenario_get_title (scenario));
  g_assert_cmpstr (hl_scenario_get_title (scenario), !=, "");
  title = hl_test_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL);
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_drawable (title));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==,
                   hl_scenario_get_title (scenario));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   hl_scenario_get_title (scenario));

  /* No spoiler: before the first step, how the run ends is not on
   * screen, nor is any step still to come; at the end it is, and so is
   * every step; the menu's toggle shows both from the start. */
  summary = hl_trace_get_summary_text (trace);
  g_assert_nonnull (summary);
  g_assert_cmpstr (summary, !=, "");
  g_assert_cmpuint (hl_player_get_position (hl_window_get_player (window)), ==, 0);
  g_assert_false (gtk_widget_is_drawable (hl_test_gui_find_label (GTK_WIDGET (window), summary)));
  list = hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "steps");
  g_assert_nonnull (list);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))));
  hl_player_seek (hl_window_get_player (window), 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))));
  hl_player_go_to_end (hl_window_get_player (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_drawable (hl_test_gui_find_label (GTK_WIDGET (window), summary)));
  hl_player_restart (hl_window_get_player (window));
  g_assert_cmpuint (hl_player_get_position (hl_window_get_player (window)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reveal-outcome", NULL);
  g_assert_true (hl_window_get_reveal_outcome (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_drawable (hl_test_gui_find_label (GTK_WIDGET (window), summary)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))));
  hl_window_set_reveal_outcome (window, FALSE);

  /* One row per step of the trace, in order. */
  n_steps = hl_trace_get_n_steps (trace);
  g_assert_cmpuint (n_steps, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, n_steps);

  g_assert_true (gtk_widget_is_drawable (list));

  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(HlStep) step = NULL;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;

      g_assert_cmpuint (n_rows, <, n_steps);
      step = g_list_model_get_item (G_LIST_MODEL (trace), n_rows);
      g_assert_nonnull (hl_test_gui_find_label (row, hl_step_get_title (step)));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, n_steps);

  /* It is the run of rsa-basic: a run is a pure function of its scenario,
   * so a fresh run gives the same steps. */
  fresh_scenario = hl_scenario_load_builtin ("rsa-basic", &error);
  g_assert_no_error (error);
  fresh_trace = hl_engine_run (fresh_scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl_trace_get_n_steps (fresh_trace), ==, n_steps);
  g_assert_cmpint (hl_trace_get_outcome (fresh_trace), ==, hl_trace_get_outcome (trace));
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(HlStep) a = g_list_model_get_item (G_LIST_MODEL (trace), i);
      g_autoptr(HlStep) b = g_list_model_get_item (G_LIST_MODEL (fresh_trace), i);

      g_assert_cmpstr (hl_step_get_title (a), ==, hl_step_get_title (b));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unknown_scenario_is_an_error (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlScenario *shown;
  HlWindow *window;
  guint n_windows;

  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  window = hl_application_open_scenario (app, "no-such-scenario", &error);
  g_assert_null (window);
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);
  g_clear_error (&error);

  /* A window keeps showing its run when asked for one that does not exist. */
  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  shown = hl_window_get_scenario (window);
  g_assert_false (hl_window_load_scenario (window, "no-such-scenario", &error));
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID);
  g_assert_true (hl_window_get_scenario (window) == shown);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, hl_scenario_get_title (shown));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_command_line_unknown_scenario (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      char *argv[] = { (char *)"handshake-lab", (char *)"--scenario", (char *)"no-such-scenario", NULL };
      int status;

      status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
      g_assert_cmpint (status, ==, 2);
      g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*no-such-scenario*");
}

static void
test_command_line_screenshot (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      char *argv[] = { (char *)"handshake-lab", (char *)"--screenshot", NULL, NULL };

      argv[2] = (char *)g_getenv ("HL_TEST_SCREENSHOT");
      g_assert_nonnull (argv[2]);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
      g_assert_cmpint (hl_application_get_exit_status (app), ==, 0);
      return;
    }

  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "shot.png", NULL);
  g_setenv ("HL_TEST_SCREENSHOT", path, TRUE);

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  hl_test_gui_assert_png_not_blank (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_window_steps_through (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlSequenceView *view;
  HlPlayer *player;
  HlWindow *window;
  guint n_steps;

  /* A warning or critical anywhere while stepping fails the test. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  player = hl_window_get_player (window);
  view = hl_window_get_sequence_view (window);
  n_steps = hl_player_get_n_steps (player);
  g_assert_cmpuint (n_steps, ==, hl_trace_get_n_steps (hl_window_get_trace (window)));
  g_assert_cmpuint (hl_player_get_position (player), ==, 0);

  for (guint i = 1; i <= n_steps; i++)
    {
      HlStep *step;
      g_autofree char *expected = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL));
      g_assert_cmpuint (hl_player_get_position (player), ==, i);
      step = hl_player_get_current_step (player);
      g_assert_true (step == hl_trace_get_step (hl_window_get_trace (window), i - 1));

      /* The diagram tells assistive technologies which step it shows. */
      expected = g_strdup_printf ("Step %u of %u: %s", i, n_steps, hl_step_get_title (step));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

      /* Let animations and views catch up now and then. */
      if (i % 7 == 0)
        gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }

  /* Forward at the end stays at the end. */
  gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL);
  g_assert_cmpuint (hl_player_get_position (player), ==, n_steps);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  for (guint i = n_steps; i > 0; i--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.back", NULL));
      g_assert_cmpuint (hl_player_get_position (player), ==, i - 1);
      g_assert_cmpfloat (hl_player_get_progress (player), ==, 1);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "player.end", NULL);
  g_assert_cmpuint (hl_player_get_position (player), ==, n_steps);
  gtk_widget_activate_action (GTK_WIDGET (window), "player.restart", NULL);
  g_assert_cmpuint (hl_player_get_position (player), ==, 1);

  /* Every panel can show the last step. */
  hl_player_seek (player, n_steps);
  for (guint i = 0; i < 4; i++)
    {
      static const char *panels[] = { "message", "keys", "certificates", "lesson" };

      g_assert_true (hl_window_show_panel (window, panels[i]));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_player_plays_to_the_end (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlPlayer *player;
  HlWindow *window;
  gint64 deadline;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  player = hl_window_get_player (window);

  hl_player_set_speed (player, 4);
  gtk_widget_activate_action (GTK_WIDGET (window), "player.play", NULL);
  g_assert_true (hl_player_get_playing (player));

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (hl_player_get_playing (player) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (hl_player_get_playing (player));
  g_assert_cmpuint (hl_player_get_position (player), ==, hl_player_get_n_steps (player));
  g_assert_cmpfloat (hl_player_get_progress (player), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  const char *name;
  gboolean    expired;
  const char *step;
} ShotCase;

static void
test_command_line_step_screenshot (gconstpointer data)
{
  const ShotCase *shot = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scenario = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();

      g_ptr_array_add (argv, (char *)"handshake-lab");
      if (g_getenv ("HL_TEST_SCENARIO_FILE") != NULL)
        {
          g_ptr_array_add (argv, (char *)"--scenario-file");
          g_ptr_array_add (argv, (char *)g_getenv ("HL_TEST_SCENARIO_FILE"));
        }
      else
        {
          g_ptr_array_add (argv, (char *)"--scenario");
          g_ptr_array_add (argv, (char *)"rsa-basic");
        }
      g_ptr_array_add (argv, (char *)"--step");
      g_ptr_array_add (argv, (char *)shot->step);
      g_ptr_array_add (argv, (char *)"--size");
      g_ptr_array_add (argv, (char *)"1024x600");
      g_ptr_array_add (argv, (char *)"--screenshot");
      g_ptr_array_add (argv, (char *)g_getenv ("HL_TEST_SCREENSHOT"));
      g_ptr_array_add (argv, NULL);

      g_assert_cmpint (g_application_run (G_APPLICATION (app), argv->len - 1, (char **)argv->pdata), ==, 0);
      g_assert_cmpint (hl_application_get_exit_status (app), ==, 0);
      return;
    }

  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "shot.png", NULL);
  g_setenv ("HL_TEST_SCREENSHOT", path, TRUE);
  if (shot->expired)
    {
      scenario = hl_test_gui_write_expired_scenario (dir);
      g_setenv ("HL_TEST_SCENARIO_FILE", scenario, TRUE);
    }
  else
    g_unsetenv ("HL_TEST_SCENARIO_FILE");

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  hl_test_gui_assert_png_not_blank (path);

  g_unlink (path);
  if (scenario != NULL)
    g_unlink (scenario);
  g_rmdir (dir);
}

static void
test_expired_window (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *scenario = NULL;
  HlWindow *window;
  HlPlayer *player;
  HlStep *step;

  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  scenario = hl_test_gui_write_expired_scenario (dir);

  window = hl_window_new (GTK_APPLICATION (app));
  g_assert_true (hl_window_load_scenario_file (window, scenario, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpint (hl_trace_get_outcome (hl_window_get_trace (window)), ==, HL_OUTCOME_FAILED);
  player = hl_window_get_player (window);
  while (hl_player_get_position (player) < hl_player_get_n_steps (player))
    gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The run ends on a failure, and the diagram names it. */
  step = hl_player_get_current_step (player);
  g_assert_cmpint (hl_step_get_verdict (step), ==, HL_VERDICT_FAILED);
  {
    g_autofree char *description = hl_sequence_view_describe (hl_window_get_sequence_view (window));

    g_assert_nonnull (strstr (description, hl_step_get_title (step)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (scenario);
  g_rmdir (dir);
}

/* Every lesson of the catalog, first step to last and back, with any
 * warning or critical fatal. */
static void
test_window_steps_through_catalog (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  g_autoptr(GError) error = NULL;
  HlWindow *window;
  HlPlayer *player;

  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length (ids), >=, 28);

  window = hl_application_open_scenario (app, ids[0], &error);
  g_assert_no_error (error);
  player = hl_window_get_player (window);
  g_assert_true (hl_window_show_panel (window, "certificates"));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint n;

      g_test_message ("%s", ids[i]);
      g_assert_true (hl_window_load_scenario (window, ids[i], &error));
      g_assert_no_error (error);
      n = hl_player_get_n_steps (player);
      g_assert_cmpuint (n, >, 0);

      for (guint j = 1; j <= n; j++)
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL));
          g_assert_cmpuint (hl_player_get_position (player), ==, j);
        }
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      for (guint j = n; j > 0; j--)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.back", NULL));
      g_assert_cmpuint (hl_player_get_position (player), ==, 0);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

void
hl_test_gui_add_window_tests (void)
{
  HlApplication *app = hl_test_gui_get_application ();

  g_test_add_data_func ("/gui/window/shows-run", app, test_window_shows_run);
  g_test_add_data_func ("/gui/window/unknown-scenario", app, test_unknown_scenario_is_an_error);
  g_test_add_func ("/gui/command-line/unknown-scenario", test_command_line_unknown_scenario);
  g_test_add_func ("/gui/command-line/screenshot", test_command_line_screenshot);
  g_test_add_data_func ("/gui/window/steps-through", app, test_window_steps_through);
  g_test_add_data_func ("/gui/window/plays-to-the-end", app, test_player_plays_to_the_end);
  g_test_add_data_func ("/gui/window/expired", app, test_expired_window);
  g_test_add_data_func ("/gui/window/steps-through-catalog", app, test_window_steps_through_catalog);
  {
    static const ShotCase shots[] = {
      { "/gui/command-line/step-screenshot/rsa-basic/first", FALSE, "1" },
      { "/gui/command-line/step-screenshot/rsa-basic/last", FALSE, "1000" },
      { "/gui/command-line/step-screenshot/expired/first", TRUE, "1" },
      { "/gui/command-line/step-screenshot/expired/last", TRUE, "1000" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
      g_test_add_data_func (shots[i].name, &shots[i], test_command_line_step_screenshot);
  }
}
