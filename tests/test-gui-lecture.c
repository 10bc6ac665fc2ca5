/* test-gui-lecture.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lecture-hall issue: scrolling, menus and the sizes a class meets,
 * the projector's Fit view. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <math.h>

#include "hl-experiment-view.h"
#include "hl-hex-view.h"
#include "hl-ladder.h"
#include "hl-test-gui.h"

static GtkAdjustment *
scroller_vadjustment (GtkWidget *child)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (child, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Item 12a of the lecture-hall issue: a click on an arrow selects its
 * step and leaves the diagram where it was (it used to jump to the top). */
static void
test_diagram_click_keeps_scroll (gconstpointer data)
{
  HlWindow *window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  HlSequenceView *view = hl_window_get_sequence_view (window);
  HlPlayer *player = hl_window_get_player (window);
  guint n = hl_player_get_n_steps (player);
  GtkAdjustment *adjustment = scroller_vadjustment (GTK_WIDGET (view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  GtkGesture *click = NULL;
  const HlLadderLayout *layout;
  double value, y = 0, h = 0;
  int target = -1;

  hl_player_seek (player, n);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (200);
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);

  /* An arrow wholly in view, below the lane headers drawn over the top. */
  layout = hl_sequence_view_get_layout (view);
  for (int i = n - 2; i >= 0 && target < 0; i--)
    {
      hl_ladder_layout_get_step_extent (layout, i, &y, &h);
      if (hl_step_is_message (hl_trace_get_step (hl_window_get_trace (window), i)) &&
          y * hl_sequence_view_get_zoom (view) >= value + hl_ladder_layout_get_header_height (layout) &&
          (y + h) * hl_sequence_view_get_zoom (view) <= value + gtk_adjustment_get_page_size (adjustment))
        target = i;
    }
  g_assert_cmpint (target, >=, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 1, 300.0, (y + h / 2) * hl_sequence_view_get_zoom (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (200);

  g_assert_cmpuint (hl_player_get_position (player), ==, target + 1);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - value), <, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Item 12b: Home and End select the first and the last step, and the
 * step list scrolls to it. */
static void
test_home_end_scroll_list (gconstpointer data)
{
  HlWindow *window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  HlPlayer *player = hl_window_get_player (window);
  guint n = hl_player_get_n_steps (player);
  GtkListBox *list = GTK_LIST_BOX (hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "steps"));
  GtkAdjustment *adjustment;
  GtkListBoxRow *row;

  g_assert_nonnull (list);
  adjustment = scroller_vadjustment (GTK_WIDGET (list));
  /* Every step listed from the start, as with the setting on. */
  hl_window_set_reveal_outcome (window, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (200);
  hl_player_seek (player, n);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  hl_test_gui_press_key (window, GDK_KEY_Home);
  g_assert_cmpuint (hl_player_get_position (player), ==, 1);
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  hl_test_gui_press_key (window, GDK_KEY_End);
  g_assert_cmpuint (hl_player_get_position (player), ==, n);
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, n - 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment), >=,
                     gtk_adjustment_get_upper (adjustment) - 1);

  hl_window_set_reveal_outcome (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_main_menu_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static GtkWidget *
find_main_menu_button (GtkWidget *root)
{
  return hl_test_gui_find_first (root, is_main_menu_button, NULL);
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (root))));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Items 12d and 12e: no tooltip over the Scenario and main menus while
 * they are open, and the zoom items name the main keyboard's keys (GTK's
 * own label for Ctrl and the key), not the keypad's. */
static void
test_menus (gconstpointer data)
{
  HlWindow *window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  GtkWidget *buttons[] = {
    hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "scenarios"),
    find_main_menu_button (GTK_WIDGET (window)),
  };
  g_autofree char *zoom_in = gtk_accelerator_get_label (GDK_KEY_plus, GDK_CONTROL_MASK);
  g_autofree char *zoom_out = gtk_accelerator_get_label (GDK_KEY_minus, GDK_CONTROL_MASK);
  g_autofree char *keypad_in = gtk_accelerator_get_label (GDK_KEY_KP_Add, GDK_CONTROL_MASK);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_assert_nonnull (buttons[i]);
      g_assert_true (gtk_widget_get_has_tooltip (buttons[i]));
      gtk_menu_button_popup (GTK_MENU_BUTTON (buttons[i]));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_assert_false (gtk_widget_get_has_tooltip (buttons[i]));
      if (i == 1)
        collect_labels (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (buttons[i]))), texts);

      gtk_menu_button_popdown (GTK_MENU_BUTTON (buttons[i]));
      g_assert_true (gtk_widget_get_has_tooltip (buttons[i]));
    }

  g_assert_cmpstr (zoom_in, !=, keypad_in);
  g_assert_true (g_ptr_array_find_with_equal_func (texts, zoom_in, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, zoom_out, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (texts, keypad_in, g_str_equal, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Item 12g: at 800x600 the diagram is no wider than what shows of it, so
 * that both lanes are in view. */
static void
test_small_window (gconstpointer data)
{
  HlWindow *window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 800, 600);
  HlSequenceView *view = hl_window_get_sequence_view (window);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  int minimum;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (scroller), >=, minimum);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment) + 0.5);
  gtk_window_destroy (GTK_WINDOW (window));

  /* And a window made smaller: the side panels give way, not the diagram. */
  window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  view = hl_window_get_sequence_view (window);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_widget_set_size_request (GTK_WIDGET (window), 800, 600);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (200);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  g_assert_cmpint (gtk_widget_get_width (scroller), >=, minimum);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment) + 0.5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Item 2: in presentation mode at 1920x1080 the Fit view (on in
 * presentation mode, F toggles it) shows the whole run: the diagram is no
 * taller than what shows of it, no label cut, the text no smaller than
 * the desktop's. */
static void
test_fit_view (gconstpointer data)
{
  static const char *ids[] = { "rsa-basic", "expired", "mutual-tls" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      HlWindow *window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), ids[i], 1920, 1080);
      HlSequenceView *view = hl_window_get_sequence_view (window);
      GtkAdjustment *adjustment = scroller_vadjustment (GTK_WIDGET (view));
      g_autofree char *font_name = NULL;
      g_autofree char *problems = NULL;
      PangoFontDescription *font;
      const HlLadderLayout *layout;
      double normal;

      g_assert_false (hl_sequence_view_get_fit (view));
      hl_window_set_presentation_mode (window, TRUE);
      g_assert_true (hl_sequence_view_get_fit (view));
      hl_player_seek (hl_window_get_player (window), 1000);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      hl_test_gui_spin (200);

      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 1080);
      g_test_message ("%s: value %g upper %g page %g view %d x %d", ids[i], gtk_adjustment_get_value (adjustment),
                      gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment),
                      gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)));
      g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), >, 800);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment));
      layout = hl_sequence_view_get_layout (view);
      g_assert_cmpfloat (hl_ladder_layout_get_height (layout), <=, gtk_adjustment_get_page_size (adjustment));
      g_assert_cmpuint (hl_ladder_layout_check_labels (layout, &problems), ==, 0);

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (view)), "gtk-font-name", &font_name, NULL);
      font = pango_font_description_from_string (font_name);
      normal = pango_font_description_get_size (font) / (double)PANGO_SCALE * 96 / 72;
      pango_font_description_free (font);
      g_assert_cmpfloat (hl_ladder_layout_get_font_size (layout), >=, normal);

      hl_test_gui_press_key (window, GDK_KEY_f);
      g_assert_false (hl_sequence_view_get_fit (view));
      hl_test_gui_press_key (window, GDK_KEY_f);
      g_assert_true (hl_sequence_view_get_fit (view));
      /* Zooming leaves the fitted view, which would ignore it. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
      g_assert_false (hl_sequence_view_get_fit (view));
      hl_test_gui_press_key (window, GDK_KEY_f);
      hl_window_set_presentation_mode (window, FALSE);
      g_assert_false (hl_sequence_view_get_fit (view));

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The lecture test of the lecture-hall issue, at the four sizes a class
 * meets: 1024x600, 1280x720, 1280x800, and a 1920x1080 projector in
 * presentation mode.  For rsa-basic, expired and mutual-tls, at the first
 * step, the middle and the end, with each panel in turn: no label in the
 * window is cut with "…", no label of the diagram is cut, the diagram
 * never scrolls sideways (both lanes in view), and the hex view never
 * scrolls sideways. */
static void
change_request_path (HlWindow *window)
{
  GtkWidget *view = hl_test_gui_find_widget (GTK_WIDGET (window), HL_TYPE_EXPERIMENT_VIEW, NULL);
  HlExperiment *experiment = hl_experiment_view_get_experiment (HL_EXPERIMENT_VIEW (view));
  g_autoptr(GError) error = NULL;

  g_assert_true (hl_experiment_set_value (experiment, "Application", "request-path", "/a-change", &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (window)), "(changed)"));
}

static void
test_lecture_sizes (gconstpointer data)
{
  static const struct { int width, height; gboolean presentation; } sizes[] = {
    { 1024, 600, FALSE }, { 1280, 720, FALSE }, { 1280, 800, FALSE }, { 1920, 1080, TRUE },
  };
  static const char *const ids[] = { "rsa-basic", "expired", "mutual-tls" };
  static const char *const panels[] = { "lesson", "message", "keys", "certificates", "experiment" };
  guint turn = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        HlWindow *window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), ids[i], sizes[s].width, sizes[s].height);
        HlSequenceView *view = hl_window_get_sequence_view (window);
        GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
        GtkAdjustment *diagram = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
        guint n_steps = hl_trace_get_n_steps (hl_window_get_trace (window));
        const guint positions[] = { 1, n_steps / 2, n_steps };

        if (sizes[s].presentation)
          hl_window_set_presentation_mode (window, TRUE);

        for (guint p = 0; p < G_N_ELEMENTS (positions); p++, turn++)
          {
            g_autofree char *problems = NULL;
            GtkWidget *hex;

            g_assert_true (hl_window_show_panel (window, panels[turn % G_N_ELEMENTS (panels)]));
            hl_player_seek (hl_window_get_player (window), positions[p]);
            /* A changed lesson, whose title says so, fits too. */
            if (g_str_equal (panels[turn % G_N_ELEMENTS (panels)], "experiment"))
              change_request_path (window);
            gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
            hl_test_gui_spin (50);
            g_test_message ("%dx%d %s step %u, %s panel", sizes[s].width, sizes[s].height, ids[i], positions[p],
                            panels[turn % G_N_ELEMENTS (panels)]);

            hl_test_gui_assert_nothing_ellipsized (GTK_WIDGET (window));
            g_assert_cmpuint (hl_ladder_layout_check_labels (hl_sequence_view_get_layout (view), &problems), ==, 0);
            g_assert_cmpfloat (gtk_adjustment_get_upper (diagram), <=, gtk_adjustment_get_page_size (diagram) + 0.5);

            hex = hl_test_gui_find_widget (GTK_WIDGET (window), HL_TYPE_HEX_VIEW, NULL);
            if (hex != NULL && gtk_widget_get_mapped (hex))
              {
                GtkAdjustment *sideways = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (hex));

                g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), <=, gtk_adjustment_get_page_size (sideways));
              }
          }

        if (sizes[s].presentation)
          hl_window_set_presentation_mode (window, FALSE);
        gtk_window_destroy (GTK_WINDOW (window));
      }
}

void
hl_test_gui_add_lecture_tests (void)
{
  HlApplication *app = hl_test_gui_get_application ();

  g_test_add_data_func ("/gui/window/diagram-click-keeps-scroll", app, test_diagram_click_keeps_scroll);
  g_test_add_data_func ("/gui/window/home-end-scroll-list", app, test_home_end_scroll_list);
  g_test_add_data_func ("/gui/window/menus", app, test_menus);
  g_test_add_data_func ("/gui/window/small-window", app, test_small_window);
  g_test_add_data_func ("/gui/window/fit-view", app, test_fit_view);
  g_test_add_data_func ("/gui/window/lecture-sizes", app, test_lecture_sizes);
}
