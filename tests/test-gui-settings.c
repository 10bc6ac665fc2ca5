/* test-gui-settings.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Presentation mode and the presenter's keys, the settings kept between
 * runs, the Scenario menu, the window in German. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "hl-test-gui.h"

static double
font_size_of (GtkWidget *widget)
{
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  return pango_font_description_get_size (font) / (double)PANGO_SCALE;
}

/* The presenter's keys: Page Down and Page Up step, B and "." blank the
 * screen and bring it back, D shows the diagram alone, L a taller step
 * list; and every text grows in presentation mode, the headings and the
 * panel tabs that Adwaita sizes in points too. */
static void
test_presenter (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlWindow *window;
  HlPlayer *player;
  GtkWidget *heading, *tab, *body, *main_paned, *side;
  double heading_size, tab_size, body_size;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  player = hl_window_get_player (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  hl_test_gui_press_key (window, GDK_KEY_Page_Down);
  hl_test_gui_press_key (window, GDK_KEY_Page_Down);
  g_assert_cmpuint (hl_player_get_position (player), ==, 2);
  hl_test_gui_press_key (window, GDK_KEY_Page_Up);
  g_assert_cmpuint (hl_player_get_position (player), ==, 1);

  main_paned = hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_PANED, NULL);
  g_assert_nonnull (main_paned);
  hl_test_gui_press_key (window, GDK_KEY_b);
  g_assert_false (gtk_widget_get_visible (main_paned));
  g_assert_false (gtk_widget_get_visible (hl_test_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL)));
  g_assert_true (gtk_widget_get_visible (hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_BOX, "blank-screen")));
  hl_test_gui_press_key (window, GDK_KEY_period);
  g_assert_true (gtk_widget_get_visible (main_paned));
  g_assert_true (gtk_widget_get_visible (hl_test_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL)));

  side = gtk_paned_get_end_child (GTK_PANED (main_paned));
  hl_test_gui_press_key (window, GDK_KEY_d);
  g_assert_false (gtk_widget_get_visible (side));
  hl_test_gui_press_key (window, GDK_KEY_d);
  g_assert_true (gtk_widget_get_visible (side));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_press_key (window, GDK_KEY_l);
  g_assert_cmpint (gtk_paned_get_position (GTK_PANED (side)), >, gtk_widget_get_height (side) / 2);
  hl_test_gui_press_key (window, GDK_KEY_l);
  g_assert_cmpint (gtk_paned_get_position (GTK_PANED (side)), <, gtk_widget_get_height (side) / 2);

  heading = hl_test_gui_find_label (GTK_WIDGET (window), "How This Run Ends");
  tab = hl_test_gui_find_label (GTK_WIDGET (window), "Lesson");
  body = hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "explanation");
  g_assert_nonnull (heading);
  g_assert_nonnull (tab);
  g_assert_nonnull (body);
  heading_size = font_size_of (heading);
  tab_size = font_size_of (tab);
  body_size = font_size_of (body);
  hl_window_set_presentation_mode (window, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* Headings as large as the body they head (Adwaita's are a point
   * larger than the body: 1.36 times, not 1.5). */
  g_assert_cmpfloat (font_size_of (heading), >=, heading_size * 1.3);
  g_assert_cmpfloat (font_size_of (heading), >=, font_size_of (body));
  g_assert_cmpfloat (font_size_of (tab), >=, tab_size * 1.4);
  g_assert_cmpfloat (font_size_of (body), >=, body_size * 1.4);
  hl_window_set_presentation_mode (window, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_presentation_mode (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  HlSequenceView *view;
  GtkWidget *counter;
  HlWindow *window;
  guint n;

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  view = hl_window_get_sequence_view (window);
  counter = hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "position");
  g_assert_nonnull (counter);
  n = hl_trace_get_n_steps (hl_window_get_trace (window));
  hl_player_seek (hl_window_get_player (window), 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation-mode", NULL));
  g_assert_true (hl_window_get_presentation_mode (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_true (hl_sequence_view_get_high_contrast (view));
  g_assert_false (adw_style_manager_get_dark (style_manager));
  {
    g_autofree char *expected = g_strdup_printf ("Step 4 of %u", n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, expected);
  }
  hl_player_seek (hl_window_get_player (window), 5);
  {
    g_autofree char *expected = g_strdup_printf ("Step 5 of %u", n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, expected);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  g_assert_false (hl_window_get_presentation_mode (window));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_false (hl_sequence_view_get_high_contrast (view));
  {
    g_autofree char *expected = g_strdup_printf ("5 / %u", n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, expected);
  }
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  /* A window closed while it presents gives the desktop's style back. */
  hl_window_set_presentation_mode (window, TRUE);
  g_assert_false (adw_style_manager_get_dark (style_manager));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* The Scenario menu, built when it first opens, offers every lesson once,
 * grouped in submenus, each loading its own id. */
static void
test_scenario_menu (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  static const struct { const char *title; const char *first; } groups[] = {
    { "Basics", "rsa-basic" },
    { "Mutual TLS", "mutual-tls" },
    { "Certificates", "expired" },
    { "Negotiation", "no-common-suite" },
    { "Attacks and Faults", "tampered-client-hello" },
  };
  GtkMenuButton *button;
  GMenuModel *menu;
  HlWindow *window;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  button = GTK_MENU_BUTTON (hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "scenarios"));
  g_assert_nonnull (button);

  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  /* One submenu per group, in the catalog's teaching order (README.md),
   * each lesson of a group in the catalog's order: a menu of 31 lessons
   * ran past the bottom of a 1000 px screen. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, G_N_ELEMENTS (groups));

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SUBMENU);
      g_autofree char *label = NULL;

      g_assert_nonnull (submenu);
      g_assert_true (g_menu_model_get_item_attribute (menu, s, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_cmpstr (label, ==, groups[s].title);

      for (int i = 0; i < g_menu_model_get_n_items (submenu); i++)
        {
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (submenu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                              G_VARIANT_TYPE_STRING);
          g_assert_nonnull (target);
          if (i == 0)
            g_assert_cmpstr (g_variant_get_string (target, NULL), ==, groups[s].first);
          g_assert_true (g_hash_table_add (offered, g_variant_dup_string (target, NULL)));
        }
    }

  g_assert_cmpuint (g_hash_table_size (offered), ==, g_strv_length (ids));
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (offered, ids[i]));

  gtk_menu_button_popdown (button);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* GSettings (in memory here): a new window takes last time's size, speed
 * and zoom; changing them, loading a scenario and closing the window store
 * them; follow-system-animations=false turns animations on. */
static void
test_settings (gconstpointer data)
{
  static const char *keys[] = { "window-width", "window-height", "window-maximized", "last-scenario",
                                "playback-speed", "zoom", "follow-system-animations" };
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  GSettings *settings = hl_application_get_settings (app);
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  g_autoptr(GError) error = NULL;
  GtkDropDown *speed;
  gboolean animations;
  HlWindow *window;
  int width;
  int height;

  g_assert_nonnull (settings);
  g_settings_set_double (settings, "playback-speed", 2.0);
  g_settings_set_double (settings, "zoom", 1.44);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  speed = GTK_DROP_DOWN (hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 3);
  g_assert_cmpfloat (hl_player_get_speed (hl_window_get_player (window)), ==, 2.0);
  g_assert_cmpfloat_with_epsilon (hl_sequence_view_get_zoom (hl_window_get_sequence_view (window)), 1.44, 1e-9);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  gtk_drop_down_set_selected (speed, 0);
  g_assert_cmpfloat (g_settings_get_double (settings, "playback-speed"), ==, 0.25);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.44 * 1.2, 1e-9);
  g_assert_true (hl_window_load_scenario (window, "expired", &error));
  g_assert_no_error (error);
  {
    g_autofree char *last = g_settings_get_string (settings, "last-scenario");

    g_assert_cmpstr (last, ==, "expired");
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  gtk_window_close (GTK_WINDOW (window));

  /* Stored, not only held: a settings object of its own reads them back. */
  {
    g_autoptr(GSettings) fresh = g_settings_new (APP_ID);
    g_autofree char *last = g_settings_get_string (fresh, "last-scenario");

    g_assert_cmpint (g_settings_get_int (fresh, "window-width"), ==, 1111);
    g_assert_cmpint (g_settings_get_int (fresh, "window-height"), ==, 777);
    g_assert_cmpfloat (g_settings_get_double (fresh, "playback-speed"), ==, 0.25);
    g_assert_cmpstr (last, ==, "expired");
  }

  g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
  g_settings_set_boolean (settings, "follow-system-animations", FALSE);
  g_object_get (gtk_settings, "gtk-enable-animations", &animations, NULL);
  g_assert_true (animations);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static gboolean
check_defaults_and_quit (gpointer user_data)
{
  HlApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  int width;
  int height;

  g_assert_nonnull (window);
  g_assert_cmpstr (hl_scenario_get_id (hl_window_get_scenario (HL_WINDOW (window))), ==, "rsa-basic");
  g_assert_cmpfloat (hl_sequence_view_get_zoom (hl_window_get_sequence_view (HL_WINDOW (window))), ==, 1.0);
  g_assert_cmpfloat (hl_player_get_speed (hl_window_get_player (HL_WINDOW (window))), ==, 1.0);
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 760);

  g_application_quit (G_APPLICATION (app));

  return G_SOURCE_REMOVE;
}

/* Settings a hand-edited file or a broken tool left behind: a zoom and a
 * speed that are no numbers and window sizes out of range (in a key file,
 * GSettings' keyfile backend), a last scenario that is not UTF-8 (put
 * into the memory backend as it is).  The application starts with the
 * defaults, and no warning or critical (fatal here). */
static void
test_settings_bad_values (void)
{
  static const char keyfile[] =
    "[org/handshakelab/HandshakeLab]\n"
    "zoom=nan\n"
    "playback-speed=inf\n"
    "window-width=-5\n"
    "window-height=0\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *old_config = g_strdup (g_getenv ("XDG_CONFIG_HOME"));
  g_autofree char *old_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));

  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      char *argv[] = { (char *)"handshake-lab", NULL };

      if (g_strcmp0 (g_getenv ("GSETTINGS_BACKEND"), "memory") == 0)
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);
          static const char not_utf8[] = "\xff\xfe-basic";

          g_assert_true (g_settings_set_value (settings, "last-scenario",
                                               g_variant_new_from_data (G_VARIANT_TYPE_STRING, not_utf8,
                                                                        sizeof not_utf8, TRUE, NULL, NULL)));
        }

      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_idle_add (check_defaults_and_quit, app);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* The subprocess gets its own configuration directory and backend. */
  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  settings_dir = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  file = g_build_filename (settings_dir, "keyfile", NULL);
  g_file_set_contents (file, keyfile, -1, &error);
  g_assert_no_error (error);

  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  if (old_config != NULL)
    g_setenv ("XDG_CONFIG_HOME", old_config, TRUE);
  else
    g_unsetenv ("XDG_CONFIG_HOME");
  g_setenv ("GSETTINGS_BACKEND", old_backend, TRUE);
  g_test_trap_assert_passed ();

  g_unlink (file);
  g_rmdir (settings_dir);
  {
    g_autofree char *glib_dir = g_path_get_dirname (settings_dir);

    g_rmdir (glib_dir);
  }
  g_rmdir (dir);
}

/* LANGUAGE=de: the window's own labels, the lesson's title from the
 * scenario and the Certificates panel, whose cards are found by translated
 * field names, all in German (po/de.po). */
static void
test_german (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlWindow *window;

  g_setenv ("LANGUAGE", "de", TRUE);
  /* LANGUAGE counts only outside the C locale. */
  setlocale (LC_ALL, "C.UTF-8");

  window = hl_application_open_scenario (app, "expired", &error);
  g_assert_no_error (error);
  hl_player_seek (hl_window_get_player (window), 6);
  g_assert_true (hl_window_show_panel (window, "certificates"));

  g_assert_nonnull (hl_test_gui_find_label (GTK_WIDGET (window), "Szenario"));
  g_assert_nonnull (hl_test_gui_find_label (GTK_WIDGET (window), "Abgelaufenes Zertifikat"));
  g_assert_nonnull (hl_test_gui_find_label (GTK_WIDGET (window), "Prüfungen"));
  g_assert_nonnull (hl_test_gui_find_label (GTK_WIDGET (window), "Aussteller"));
  g_assert_null (hl_test_gui_find_label (GTK_WIDGET (window), "Checks"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

void
hl_test_gui_add_settings_tests (void)
{
  HlApplication *app = hl_test_gui_get_application ();

  g_test_add_data_func ("/gui/window/presentation-mode", app, test_presentation_mode);
  g_test_add_data_func ("/gui/window/presenter", app, test_presenter);
  g_test_add_data_func ("/gui/window/settings", app, test_settings);
  g_test_add_func ("/gui/window/settings-bad-values", test_settings_bad_values);
  g_test_add_data_func ("/gui/window/scenario-menu", app, test_scenario_menu);
  g_test_add_data_func ("/gui/window/german", app, test_german);
}
