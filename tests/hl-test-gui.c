/* hl-test-gui.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <glib/gstdio.h>

#include "hl-i18n.h"
#include "hl-test-gui.h"

static HlApplication *application;

void
hl_test_gui_init (int    *argc,
                  char ***argv)
{
  /* The test accessibility backend lets tests read accessible properties. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (argc, argv, NULL);
  hl_i18n_init ();

  /* Subprocesses run their own application. */
  if (!g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      application = hl_application_new ();
      g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (application), NULL, &error);
      g_assert_no_error (error);
    }
}

HlApplication *
hl_test_gui_get_application (void)
{
  return application;
}

void
hl_test_gui_finish (void)
{
  g_clear_object (&application);
}

/* The first widget under @root, @root included, in depth-first order,
 * that @test accepts. */
GtkWidget *
hl_test_gui_find_first (GtkWidget        *root,
                        HlTestWidgetTest  test,
                        gconstpointer     data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hl_test_gui_find_first (child, test, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GType       type;
  const char *css_class;
} TypeAndClass;

static gboolean
has_type_and_class (GtkWidget     *widget,
                    gconstpointer  data)
{
  const TypeAndClass *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         (wanted->css_class == NULL || gtk_widget_has_css_class (widget, wanted->css_class));
}

GtkWidget *
hl_test_gui_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *css_class)
{
  TypeAndClass wanted = { type, css_class };

  return hl_test_gui_find_first (root, has_type_and_class, &wanted);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
hl_test_gui_find_label (GtkWidget  *root,
                        const char *text)
{
  return hl_test_gui_find_first (root, is_label_with_text, text);
}

/* How many widgets under @root have @css_class. */
guint
hl_test_gui_count_with_class (GtkWidget  *root,
                              const char *css_class)
{
  guint n = gtk_widget_has_css_class (root, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += hl_test_gui_count_with_class (child, css_class);

  return n;
}

/* How many labels under @root show @text, or a text that holds it with
 * @within. */
guint
hl_test_gui_count_labels (GtkWidget  *root,
                          const char *text,
                          gboolean    within)
{
  const char *shown = GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root)) : NULL;
  guint n = shown != NULL && (within ? strstr (shown, text) != NULL : g_str_equal (shown, text)) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += hl_test_gui_count_labels (child, text, within);

  return n;
}

/* No label under @root that is on screen shows its text cut with "…". */
void
hl_test_gui_assert_nothing_ellipsized (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))))
        g_error ("“%s” is cut", gtk_label_get_text (GTK_LABEL (root)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    hl_test_gui_assert_nothing_ellipsized (child);
}

/* Runs the main loop for @ms: for what waits for an idle or a timeout
 * (scrolling a row into view). */
void
hl_test_gui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

HlWindow *
hl_test_gui_open_sized (HlApplication *app,
                        const char    *id,
                        int            width,
                        int            height)
{
  g_autoptr(GError) error = NULL;
  HlWindow *window = hl_application_open_scenario (app, id, &error);

  g_assert_no_error (error);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_set_size_request (GTK_WIDGET (window), width, height);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (200);

  return window;
}

/* What a clicker sends: the window's own key bindings, activated as a key
 * press would. */
gboolean
hl_test_gui_try_key (HlWindow *window,
                     guint     keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window), NULL);
        }
    }

  g_error ("no shortcut for the key %s", gdk_keyval_name (keyval));
}

void
hl_test_gui_press_key (HlWindow *window,
                       guint     keyval)
{
  g_assert_true (hl_test_gui_try_key (window, keyval));
}

char *
hl_test_gui_write_expired_scenario (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) text = NULL;
  char *path;

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (g_string_replace (text, "valid-from=-30d\nvalid-until=+365d",
                                      "valid-from=2025-01-01T00:00:00Z\nvalid-until=2026-01-01T00:00:00Z", 1), ==, 1);
  path = g_build_filename (dir, "expired.scenario", NULL);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

/* The pixels of a PNG, 4 bytes each, row by row. */
guint32 *
hl_test_gui_read_png (const char *path,
                      int        *width,
                      int        *height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  guint32 *pixels;

  g_assert_no_error (error);
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_new (guint32, (gsize)*width * *height);
  gdk_texture_download (texture, (guchar *)pixels, (gsize)*width * 4);

  return pixels;
}

/* A window was drawn into @path: big enough, and not one flat colour. */
void
hl_test_gui_assert_png_not_blank (const char *path)
{
  g_autofree guint32 *pixels = NULL;
  gboolean all_same = TRUE;
  int width;
  int height;

  pixels = hl_test_gui_read_png (path, &width, &height);
  g_assert_cmpint (width, >=, 360);
  g_assert_cmpint (height, >=, 360);

  for (gsize i = 1; i < (gsize)width * height && all_same; i++)
    all_same = pixels[i] == pixels[0];
  g_assert_false (all_same);
}
