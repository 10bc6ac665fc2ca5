/* test-gui.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "hl-application.h"
#include "hl-engine.h"

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* One registered application serves the in-process tests: an application
 * keeps its D-Bus object path until it is finalized. */
static HlApplication *
create_registered_application (void)
{
  g_autoptr(GError) error = NULL;
  HlApplication *app;

  app = hl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

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
  title = find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL);
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_drawable (title));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==,
                   hl_scenario_get_title (scenario));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   hl_scenario_get_title (scenario));

  /* The outcome summary is on screen. */
  summary = hl_trace_get_summary_text (trace);
  if (summary != NULL && *summary != '\0')
    {
      GtkWidget *label = find_label_with_text (GTK_WIDGET (window), summary);

      g_assert_nonnull (label);
      g_assert_true (gtk_widget_is_drawable (label));
    }

  /* One row per step of the trace, in order. */
  n_steps = hl_trace_get_n_steps (trace);
  g_assert_cmpuint (n_steps, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, n_steps);

  list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "steps");
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_is_drawable (list));

  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(HlStep) step = NULL;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;

      g_assert_cmpuint (n_rows, <, n_steps);
      step = g_list_model_get_item (G_LIST_MODEL (trace), n_rows);
      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       hl_step_get_title (step));
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
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean all_same = TRUE;
  gsize stride;
  int width;
  int height;

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

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, >=, 360);
  g_assert_cmpint (height, >=, 360);

  /* Something was drawn: not one flat colour. */
  stride = (gsize)width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 4; i < stride * height && all_same; i += 4)
    all_same = memcmp (pixels, pixels + i, 4) == 0;
  g_assert_false (all_same);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HlApplication) app = NULL;

  gtk_test_init (&argc, &argv, NULL);

  /* Subprocesses run their own application. */
  if (!g_test_subprocess ())
    app = create_registered_application ();

  g_test_add_data_func ("/gui/window/shows-run", app, test_window_shows_run);
  g_test_add_data_func ("/gui/window/unknown-scenario", app, test_unknown_scenario_is_an_error);
  g_test_add_func ("/gui/command-line/unknown-scenario", test_command_line_unknown_scenario);
  g_test_add_func ("/gui/command-line/screenshot", test_command_line_screenshot);

  return g_test_run ();
}
