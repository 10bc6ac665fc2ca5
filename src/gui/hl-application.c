/* hl-application.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-application"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <stdio.h>

#include <glib/gi18n.h>

#include "hl-application.h"
#include "hl-engine.h"

#define DEFAULT_SCENARIO "rsa-basic"

struct _HlApplication
{
  AdwApplication  parent_instance;

  char           *scenario_id;
  char           *scenario_file;
  char           *screenshot_path;
  char           *panel;
  int             step;
  int             width;
  int             height;
  guint           screenshot_frames;
  int             exit_status;
  gboolean        presentation;
  GSettings      *settings;
  gboolean        settings_looked_up;
  gboolean        forget_settings;

  /* The first scenario runs while GTK starts: see handle_local_options. */
  GThread        *first_run;

  gboolean        quit_after_first_frame;
  GdkSurface     *first_frame_surface;
  gboolean        first_frame_rendered;
};

G_DEFINE_FINAL_TYPE (HlApplication, hl_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "scenario", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the built-in scenario ID (default: the last one opened, at first rsa-basic)"), N_("ID") },
  { "scenario-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the scenario described in FILE"), N_("FILE") },
  { "step", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Open at step N, counted from 1 (past the end: the last step)"), N_("N") },
  { "panel", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the panel NAME: lesson, message, keys, certificates or experiment"), N_("NAME") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the window at this size, e.g. 1280x800"), N_("WxH") },
  { "presentation", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in presentation mode: fullscreen, large type, high contrast"), NULL },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the window as a PNG image once it has been drawn, then quit"), N_("FILE") },
  { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Print “first-frame: T” (T from g_get_monotonic_time()) once the first frame is on screen, then quit", NULL },
  { NULL }
};

/* Enough frames for any window to settle; past that, something is wrong. */
#define SCREENSHOT_MAX_FRAMES 120
/* Frames to let scrolling into view and list selection settle. */
#define SCREENSHOT_SETTLE_FRAMES 4

typedef struct
{
  HlApplication *self;
  GtkWidget     *window;
  GskRenderNode *node;
} Screenshot;

static void
screenshot_free (gpointer data)
{
  Screenshot *shot = data;

  g_clear_object (&shot->self);
  g_clear_object (&shot->window);
  g_clear_pointer (&shot->node, gsk_render_node_unref);
  g_free (shot);
}

static void
hl_application_fail_screenshot (HlApplication *self,
                                const char    *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  self->exit_status = 1;
  g_application_quit (G_APPLICATION (self));
}

static gboolean
hl_application_save_screenshot (gpointer data)
{
  Screenshot *shot = data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *message = NULL;
  GskRenderer *renderer;
  graphene_rect_t bounds;

  renderer = gtk_native_get_renderer (GTK_NATIVE (shot->window));
  graphene_rect_init (&bounds, 0, 0,
                      gtk_widget_get_width (shot->window),
                      gtk_widget_get_height (shot->window));

  if (renderer == NULL ||
      !(texture = gsk_renderer_render_texture (renderer, shot->node, &bounds)))
    {
      hl_application_fail_screenshot (shot->self, _("could not render the window"));
      return G_SOURCE_REMOVE;
    }

  if (!gdk_texture_save_to_png (texture, shot->self->screenshot_path))
    {
      message = g_strdup_printf (_("could not write “%s”"), shot->self->screenshot_path);
      hl_application_fail_screenshot (shot->self, message);
      return G_SOURCE_REMOVE;
    }

  g_application_quit (G_APPLICATION (shot->self));

  return G_SOURCE_REMOVE;
}

/* A widget paintable shows what the window last painted, and only until
 * something asks for a redraw: take it right after a paint, and wait for
 * the next one while there is nothing to take. */
static void
hl_application_screenshot_after_paint (GdkFrameClock *frame_clock,
                                       GtkWidget     *window)
{
  HlApplication *self = HL_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(GdkPaintable) paintable = NULL;
  GskRenderNode *node = NULL;
  GtkSnapshot *snapshot;
  Screenshot *shot;
  int width;
  int height;

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);

  if (width > 0 && height > 0 && self->screenshot_frames >= SCREENSHOT_SETTLE_FRAMES)
    {
      paintable = gtk_widget_paintable_new (window);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }

  if (node == NULL)
    {
      gtk_widget_queue_draw (window);
      if (++self->screenshot_frames < SCREENSHOT_MAX_FRAMES)
        gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      else
        {
          g_signal_handlers_disconnect_by_func (frame_clock,
                                                hl_application_screenshot_after_paint,
                                                window);
          hl_application_fail_screenshot (self, _("the window was never drawn"));
        }
      return;
    }

  g_signal_handlers_disconnect_by_func (frame_clock,
                                        hl_application_screenshot_after_paint,
                                        window);

  shot = g_new0 (Screenshot, 1);
  shot->self = g_object_ref (self);
  shot->window = g_object_ref (window);
  shot->node = node;

  /* Render outside the frame cycle. */
  g_idle_add_full (G_PRIORITY_DEFAULT, hl_application_save_screenshot, shot, screenshot_free);
}

static void
hl_application_take_screenshot (HlApplication *self,
                                HlWindow      *window)
{
  GdkFrameClock *frame_clock;

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert (frame_clock != NULL);

  self->screenshot_frames = 0;
  g_signal_connect_object (frame_clock,
                           "after-paint",
                           G_CALLBACK (hl_application_screenshot_after_paint),
                           window,
                           0);
  gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/* For the start-up benchmark (tests/bench/bench-startup.c), which times a
 * user's start, process start to first frame on screen, against a minimal
 * libadwaita window.  A frame counts once GDK has emitted "render" on the
 * window's surface: it does so only for a mapped surface with something
 * to draw, and the frame clock may run a few cycles before that.  With no
 * compositor (Xvfb) nothing reports a presentation time: the frame is on
 * screen when the X server has executed the drawing, which
 * gdk_display_sync() waits for. */
static gboolean
hl_application_first_render_hook (GSignalInvocationHint *hint,
                                  guint                  n_params,
                                  const GValue          *params,
                                  gpointer               user_data)
{
  HlApplication *self = user_data;

  if (g_value_get_object (&params[0]) != self->first_frame_surface)
    return TRUE;

  self->first_frame_rendered = TRUE;
  return FALSE;
}

static void
hl_application_first_frame_after_paint (GdkFrameClock *frame_clock,
                                        HlApplication *self)
{
  if (!self->first_frame_rendered)
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, hl_application_first_frame_after_paint, self);
  gdk_display_sync (gdk_surface_get_display (self->first_frame_surface));
  g_print ("first-frame: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (self));
}

static void
hl_application_quit_after_first_frame (HlApplication *self,
                                       HlWindow      *window)
{
  self->first_frame_surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert (self->first_frame_surface != NULL);

  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0,
                              hl_application_first_render_hook, self, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (hl_application_first_frame_after_paint), self, 0);
}

typedef struct
{
  HlScenario *scenario;
  HlTrace    *trace;
  GError     *error;
} FirstRun;

static void
first_run_free (FirstRun *run)
{
  g_clear_object (&run->scenario);
  g_clear_object (&run->trace);
  g_clear_error (&run->error);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FirstRun, first_run_free)

static gpointer
first_run_thread (gpointer data)
{
  FirstRun *run = data;

  run->trace = hl_engine_run (run->scenario, &run->error);

  return run;
}

static FirstRun *
hl_application_join_first_run (HlApplication *self)
{
  GThread *thread = g_steal_pointer (&self->first_run);

  return thread != NULL ? g_thread_join (thread) : NULL;
}

static gboolean
hl_application_show_first_run (HlApplication  *self,
                               HlWindow       *window,
                               GError        **error)
{
  g_autoptr(FirstRun) run = hl_application_join_first_run (self);

  if (self->scenario_file != NULL)
    return hl_window_load_scenario_file (window, self->scenario_file, error);

  if (run == NULL)
    return hl_window_load_scenario (window, self->scenario_id, error);

  if (run->trace == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->error));
      return FALSE;
    }

  hl_window_show_builtin_run (window, run->scenario, run->trace);
  return TRUE;
}

static void
hl_application_activate (GApplication *app)
{
  HlApplication *self = HL_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  HlWindow *opened;

  if ((window = gtk_application_get_active_window (GTK_APPLICATION (self))))
    {
      gtk_window_present (window);
      return;
    }

  opened = hl_window_new (GTK_APPLICATION (self));
  if (!hl_application_show_first_run (self, opened, &error))
    {
      g_printerr (_("%s: could not run scenario “%s”: %s\n"), g_get_prgname (),
                  self->scenario_file ? self->scenario_file : self->scenario_id, error->message);
      gtk_window_destroy (GTK_WINDOW (opened));
      self->exit_status = 1;
      return;
    }

  if (self->width > 0 && self->height > 0)
    {
      gtk_window_unmaximize (GTK_WINDOW (opened));
      gtk_window_set_default_size (GTK_WINDOW (opened), self->width, self->height);
    }
  if (self->step > 0)
    hl_player_seek (hl_window_get_player (opened), self->step);
  if (self->panel != NULL && !hl_window_show_panel (opened, self->panel))
    g_printerr (_("%s: no panel named “%s”\n"), g_get_prgname (), self->panel);
  if (self->presentation)
    hl_window_set_presentation_mode (opened, TRUE);
  gtk_window_present (GTK_WINDOW (opened));

  if (self->screenshot_path != NULL)
    hl_application_take_screenshot (self, opened);
  else if (self->quit_after_first_frame)
    hl_application_quit_after_first_frame (self, opened);
}

/* The options that say what window to show, and whether it must be this
 * process's own. */
static void
read_window_options (HlApplication *self,
                     GVariantDict  *options)
{
  GApplication *app = G_APPLICATION (self);
  const char *screenshot = NULL;
  const char *scenario_file = NULL;
  const char *panel = NULL;

  /* A projector needs the window in this process, full screen, not a
   * window opened in an instance running already. */
  self->presentation = g_variant_dict_contains (options, "presentation");
  if (self->presentation)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  if (g_variant_dict_lookup (options, "panel", "&s", &panel))
    {
      g_free (self->panel);
      self->panel = g_strdup (panel);
    }

  if (g_variant_dict_lookup (options, "scenario-file", "^&ay", &scenario_file))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (scenario_file);

      g_free (self->scenario_file);
      self->scenario_file = g_file_get_path (file);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (screenshot);

      g_free (self->screenshot_path);
      self->screenshot_path = g_file_get_path (file);

      /* A screenshot is of this process's own window, never of a window
       * of an instance that happens to be running already. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_contains (options, "quit-after-first-frame"))
    {
      self->quit_after_first_frame = TRUE;
      /* Time this process's start, never a message to a running instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  /* A screenshot or a timing shows the defaults, whatever the user set,
   * and changes nothing the user set. */
  self->forget_settings = self->screenshot_path != NULL || self->quit_after_first_frame;
}

static gint
hl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  HlApplication *self = HL_APPLICATION (app);
  g_autoptr(HlScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  const char *scenario_id = NULL;
  const char *size = NULL;

  if (g_variant_dict_lookup (options, "scenario", "&s", &scenario_id))
    {
      g_free (self->scenario_id);
      self->scenario_id = g_strdup (scenario_id);
    }

  if (g_variant_dict_lookup (options, "step", "i", &self->step) && self->step < 1)
    {
      g_printerr (_("%s: --step counts from 1\n"), g_get_prgname ());
      return 2;
    }

  if (g_variant_dict_lookup (options, "size", "&s", &size) &&
      (sscanf (size, "%dx%d", &self->width, &self->height) != 2 || self->width < 1 || self->height < 1))
    {
      g_printerr (_("%s: --size wants WIDTHxHEIGHT, e.g. 1280x800\n"), g_get_prgname ());
      return 2;
    }

  read_window_options (self, options);

  /* Without --scenario: the scenario of last time, if it still exists. */
  if (!g_variant_dict_contains (options, "scenario") && self->scenario_file == NULL &&
      hl_application_get_settings (self) != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-scenario");

      if ((scenario = hl_scenario_load_builtin (last, NULL)))
        {
          g_free (self->scenario_id);
          self->scenario_id = g_steal_pointer (&last);
        }
    }

  /* Check the id here, in the process that was started, so that a typo is
   * reported on its terminal with a status a script can test. */
  if (self->scenario_file == NULL && scenario == NULL &&
      !(scenario = hl_scenario_load_builtin (self->scenario_id, &error)))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return g_error_matches (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID) ? 2 : 1;
    }

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 1;
    }

  if (g_application_get_is_remote (app))
    {
      g_action_group_activate_action (G_ACTION_GROUP (app),
                                      "open-scenario",
                                      g_variant_new_string (self->scenario_id));
      return 0;
    }

  /* Run the handshake on the other core while the window is built:
   * activate() joins it.  (Started before registering, it would compete
   * with GTK's start-up and the X server for two cores, and measured
   * slower.)  Nothing else runs the engine before. */
  if (scenario != NULL)
    {
      FirstRun *run = g_new0 (FirstRun, 1);

      hl_engine_ensure_types ();
      run->scenario = g_steal_pointer (&scenario);
      self->first_run = g_thread_new ("hl-first-run", first_run_thread, run);
    }

  return G_APPLICATION_CLASS (hl_application_parent_class)->handle_local_options (app, options);
}

static void
hl_application_open_scenario_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  HlApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *scenario_id = g_variant_get_string (parameter, NULL);

  if (!hl_application_open_scenario (self, scenario_id, &error))
    g_warning ("Could not open scenario “%s”: %s", scenario_id, error->message);
}

static void
hl_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  HlApplication *self = user_data;
  static const char *developers[] = { "The Handshake Lab authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Handshake Lab"),
                        "application-icon", APP_ID,
                        "comments", _("Watch a TLS client and a TLS server shake hands, step by step."),
                        "developer-name", _("The Handshake Lab authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Closing each window (rather than g_application_quit()) lets it save
 * its size; the application ends with its last window. */
static void
hl_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry action_entries[] = {
  { "open-scenario", hl_application_open_scenario_action, "s" },
  { "about", hl_application_about_action },
  { "quit", hl_application_quit_action },
};

/* A teacher whose laptop turns animations off still wants messages to fly
 * on the projector: unless told to follow the desktop, animate. */
static void
hl_application_follow_animations_changed (HlApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();

  if (gtk_settings == NULL)
    return;

  if (g_settings_get_boolean (self->settings, "follow-system-animations"))
    gtk_settings_reset_property (gtk_settings, "gtk-enable-animations");
  else
    g_object_set (gtk_settings, "gtk-enable-animations", TRUE, NULL);
}

static void
hl_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  HlApplication *self = HL_APPLICATION (app);
  GSettings *settings;

  G_APPLICATION_CLASS (hl_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  if ((settings = hl_application_get_settings (self)))
    {
      g_autoptr(GAction) follow = g_settings_create_action (settings, "follow-system-animations");

      g_action_map_add_action (G_ACTION_MAP (app), follow);
      g_signal_connect_object (settings, "changed::follow-system-animations",
                               G_CALLBACK (hl_application_follow_animations_changed), self,
                               G_CONNECT_SWAPPED);
      hl_application_follow_animations_changed (self);
    }
}

static void
hl_application_finalize (GObject *object)
{
  HlApplication *self = (HlApplication *)object;
  /* A run that was never shown still has its thread to join. */
  FirstRun *run = hl_application_join_first_run (self);

  if (run != NULL)
    first_run_free (run);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->scenario_id, g_free);
  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->scenario_file, g_free);
  g_clear_pointer (&self->panel, g_free);

  G_OBJECT_CLASS (hl_application_parent_class)->finalize (object);
}

static void
hl_application_class_init (HlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hl_application_finalize;

  app_class->activate = hl_application_activate;
  app_class->handle_local_options = hl_application_handle_local_options;
  app_class->startup = hl_application_startup;
}

static void
hl_application_init (HlApplication *self)
{
  self->scenario_id = g_strdup (DEFAULT_SCENARIO);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   action_entries,
                                   G_N_ELEMENTS (action_entries),
                                   self);
}

HlApplication *
hl_application_new (void)
{
  return g_object_new (HL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

HlWindow *
hl_application_open_scenario (HlApplication  *self,
                              const char     *scenario_id,
                              GError        **error)
{
  HlWindow *window;

  g_return_val_if_fail (HL_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (scenario_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  window = hl_window_new (GTK_APPLICATION (self));

  if (!hl_window_load_scenario (window, scenario_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return NULL;
    }

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

int
hl_application_get_exit_status (HlApplication *self)
{
  g_return_val_if_fail (HL_IS_APPLICATION (self), 1);

  return self->exit_status;
}

GSettings *
hl_application_get_settings (HlApplication *self)
{
  g_return_val_if_fail (HL_IS_APPLICATION (self), NULL);

  if (!self->settings_looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      self->settings_looked_up = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

      if (schema != NULL && self->forget_settings)
        {
          g_autoptr(GSettingsBackend) memory = g_memory_settings_backend_new ();

          self->settings = g_settings_new_full (schema, memory, NULL);
        }
      else if (schema != NULL)
        self->settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_printerr (_("%s: the settings schema %s is not installed; the window size, speed and zoom will not "
                      "be remembered\n"),
                    g_get_prgname (), APP_ID);
    }

  return self->settings;
}
