/* hl-window-files.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's files: Open… reads a scenario file, Export… writes the run
 * (trace, capture, key log) and Export the Diagram… draws it, each through
 * the one file chooser a window has open at a time. */

#define G_LOG_DOMAIN "hl-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hl-engine.h"
#include "hl-export.h"
#include "hl-export-format.h"
#include "hl-file.h"
#include "hl-window-private.h"

static gboolean
hl_window_export_to (HlWindow   *self,
                     const char *path,
                     guint       diagram_position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *base = NULL;
  HlExportFormat format;

  if (self->trace == NULL)
    return FALSE;

  /* The lesson as the Experiment panel has changed it, as a scenario
   * file that opens again with Open…. */
  if (g_str_has_suffix (path, ".scenario") && _hl_window_experiment_save_text (self) != NULL)
    data = g_bytes_ref (_hl_window_experiment_save_text (self));
  else if (hl_export_format_for_path (path, &format))
    data = hl_export_format_render (self->trace, format, diagram_position, &error);
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("%s: name the file .json (the trace), .pcapng (a capture for Wireshark), .log (the key log), "
                   ".svg, .pdf or .png (the diagram), or .scenario (the lesson as changed)"),
                 path);

  if (data != NULL && hl_export_write (data, path, &error))
    return TRUE;

  base = g_path_get_basename (path);
  heading = g_strdup_printf (_("Could Not Export to “%s”"), base);
  _hl_window_report_error (self, heading, error);

  return FALSE;
}

gboolean
hl_window_export (HlWindow   *self,
                  const char *path)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return hl_window_export_to (self, path, G_MAXUINT);
}

gboolean
hl_window_export_diagram (HlWindow   *self,
                          const char *path,
                          gboolean    up_to_current)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return hl_window_export_to (self, path, up_to_current ? hl_player_get_position (self->player) : G_MAXUINT);
}

/* The one file chooser: Open… reads a scenario, Export… writes the run. */
static void
hl_window_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            HlWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) &&
      (path = g_file_get_path (file)))
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        hl_window_export_to (self, path, self->chooser_position);
      else
        hl_window_open_file_async (self, path, NULL, NULL);
    }

  g_clear_object (&self->chooser);
}

/* The diagram chooser's "steps" choice, read when it closes. */
static void
hl_window_diagram_chooser_response (GtkNativeDialog *chooser,
                                    int              response,
                                    HlWindow        *self)
{
  const char *steps = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "steps");

  if (g_strcmp0 (steps, "current") != 0)
    self->chooser_position = G_MAXUINT;
}

static void
show_chooser (HlWindow             *self,
              GtkFileChooserNative *chooser)
{
  self->chooser = chooser;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (hl_window_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HlWindow *self = HL_WINDOW (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL || self->trace == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Run"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  self->chooser_position = G_MAXUINT;
  name = g_strdup_printf ("%s.pcapng", hl_trace_get_scenario_id (self->trace));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser);
}

static void
export_diagram_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HlWindow *self = HL_WINDOW (widget);
  /* The current step first: GTK 4.8's file chooser ignores
   * gtk_file_chooser_set_choice() for a list of options, and selects the
   * first. */
  static const char *choice_ids[] = { "current", "all", NULL };
  const char *choice_labels[3];
  g_autofree char *name = NULL;
  g_autofree char *up_to = NULL;
  GtkFileChooserNative *chooser;
  static const struct {
    const char *name;
    const char *pattern;
    const char *mime_type;
  } filters[] = {
    { N_("PDF document"), "*.pdf", "application/pdf" },
    { N_("SVG image"), "*.svg", "image/svg+xml" },
    { N_("PNG image"), "*.png", "image/png" },
  };

  if (self->chooser != NULL || self->trace == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Diagram"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      gtk_file_filter_add_pattern (filter, filters[i].pattern);
      gtk_file_filter_add_mime_type (filter, filters[i].mime_type);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  /* Playback stops while the chooser is open: "up to step N" stays N. */
  hl_player_set_playing (self->player, FALSE);
  self->chooser_position = hl_player_get_position (self->player);
  if (self->chooser_position > 0 && self->chooser_position < hl_trace_get_n_steps (self->trace))
    {
      up_to = g_strdup_printf (_("Up to step %u"), self->chooser_position);
      choice_labels[0] = up_to;
      choice_labels[1] = _("Every step");
      choice_labels[2] = NULL;
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "steps", _("Draw"), choice_ids, choice_labels);
      /* Before the common handler, which writes the file. */
      g_signal_connect (chooser, "response", G_CALLBACK (hl_window_diagram_chooser_response), self);
    }
  else
    self->chooser_position = G_MAXUINT;

  name = g_strdup_printf ("%s.pdf", hl_trace_get_scenario_id (self->trace));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HlWindow *self = HL_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Open Scenario File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Handshake Lab scenarios"));
  gtk_file_filter_add_pattern (filter, "*.scenario");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  show_chooser (self, chooser);
}

/* Open… reads and runs the file on a thread of its own: a file on a slow
 * disk or share, or a scenario that takes long to sign, never freezes the
 * window.  (hl_file_read() keeps the read itself bounded and
 * non-blocking.)  The window says what it is doing meanwhile. */

typedef struct
{
  char       *path;
  HlScenario *scenario;
  HlTrace    *trace;
} OpenJob;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  g_free (job->path);
  g_clear_object (&job->scenario);
  g_clear_object (&job->trace);
  g_free (job);
}

static void
open_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;

  if (!(job->scenario = hl_scenario_new_from_file (job->path, &error)) ||
      !(job->trace = hl_engine_run (job->scenario, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Back on the main thread: the run, or a dialog naming the file. */
static void
open_file_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HlWindow *self = HL_WINDOW (source);
  GTask *outer = user_data;
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display_base = NULL;
  g_autofree char *heading = NULL;

  /* The window was closed meanwhile: nothing to show. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The window was closed"));
      g_object_unref (outer);
      return;
    }

  g_clear_object (&self->opening);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-file", TRUE);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      _hl_window_set_run (self, job->scenario, job->trace);
      g_task_return_boolean (outer, TRUE);
      g_object_unref (outer);
      return;
    }

  /* The title that said "Opening …" goes back to the run shown. */
  if (self->scenario != NULL && self->trace != NULL)
    _hl_window_set_run (self, self->scenario, self->trace);

  display = hl_file_display_name (job->path);
  base = g_path_get_basename (job->path);
  display_base = hl_file_display_name (base);
  heading = g_strdup_printf (_("Could Not Open “%s”"), display_base);

  /* Say which file, even when the loader's message does not. */
  if (strstr (error->message, display) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", display, error->message);

      g_free (error->message);
      error->message = g_steal_pointer (&message);
    }

  _hl_window_report_error (self, heading, error);
  g_task_return_error (outer, g_steal_pointer (&error));
  g_object_unref (outer);
}

void
hl_window_open_file_async (HlWindow            *self,
                           const char          *path,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *outer;
  OpenJob *job;
  g_autofree char *display = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (HL_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, hl_window_open_file_async);

  if (self->opening != NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Another scenario file is being opened"));
      g_object_unref (outer);
      return;
    }

  display = hl_file_display_name (path);
  /* Translators: %s is a file name */
  subtitle = g_strdup_printf (_("Opening “%s” …"), display);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-file", FALSE);

  hl_engine_ensure_types ();
  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  self->opening = g_cancellable_new ();
  task = g_task_new (self, self->opening, open_file_done, outer);
  g_task_set_task_data (task, job, open_job_free);
  g_task_run_in_thread (task, open_file_thread);
}

gboolean
hl_window_open_file_finish (HlWindow      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_hl_window_class_files_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-diagram", NULL, export_diagram_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-diagram", NULL);
}
