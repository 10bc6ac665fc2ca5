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

#include "hl-export.h"
#include "hl-ladder.h"
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
  HlLadderFormat format;

  if (self->trace == NULL)
    return FALSE;

  if (g_str_has_suffix (path, ".json"))
    {
      char *json = hl_export_json_string (self->trace, TRUE);

      data = g_bytes_new_take (json, strlen (json));
    }
  else if (g_str_has_suffix (path, ".pcapng"))
    data = hl_export_pcapng (self->trace);
  else if (g_str_has_suffix (path, ".log") || g_str_has_suffix (path, ".txt"))
    {
      char *keylog = hl_export_keylog (self->trace);

      data = g_bytes_new_take (keylog, strlen (keylog));
    }
  else if (hl_ladder_format_for_path (path, &format))
    data = hl_ladder_render (self->trace, diagram_position, format, &error);
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("%s: name the file .json (the trace), .pcapng (a capture for Wireshark), .log (the key log), "
                   "or .svg, .pdf or .png (the diagram)"),
                 path);

  if (data != NULL && hl_export_write (data, path, &error))
    return TRUE;

  base = g_path_get_basename (path);
  heading = g_strdup_printf (_("Could Not Export to “%s”"), base);
  _hl_window_report_error (self, heading, error);

  return FALSE;
}

/**
 * hl_window_export:
 * @path: where to write; its extension says what: .json (the trace),
 *   .pcapng (a capture Wireshark decrypts), .log / .txt (the key log), or
 *   .svg, .pdf, .png (the whole diagram, for print)
 *
 * Writes the current run.  A failure is shown in a dialog naming the file.
 *
 * Returns: whether the file was written
 */
gboolean
hl_window_export (HlWindow   *self,
                  const char *path)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return hl_window_export_to (self, path, G_MAXUINT);
}

/**
 * hl_window_export_diagram:
 * @self: a #HlWindow
 * @path: where to write: .svg, .pdf or .png
 * @up_to_current: %TRUE to draw the steps up to the current one only
 *
 * Writes the ladder diagram in the light theme, as for print.
 *
 * Returns: whether the file was written
 */
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
        hl_window_open_file (self, path);
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

/**
 * hl_window_open_file:
 * @self: a #HlWindow
 * @path: a .scenario file the user chose
 *
 * What the Open… dialog does with the file chosen: runs it, or, when it
 * cannot be read or run, keeps showing the current run and tells the user
 * in a dialog that names the file and the problem.
 *
 * Returns: %TRUE if the window now shows a run of the file's scenario
 */
gboolean
hl_window_open_file (HlWindow   *self,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (hl_window_load_scenario_file (self, path, &error))
    return TRUE;

  display = g_filename_display_basename (path);
  heading = g_strdup_printf (_("Could Not Open “%s”"), display);

  /* Say which file, even when the loader's message does not. */
  if (strstr (error->message, display) == NULL)
    {
      g_autofree char *full = g_filename_display_name (path);
      g_autofree char *message = g_strdup_printf ("%s: %s", full, error->message);

      g_free (error->message);
      error->message = g_steal_pointer (&message);
    }

  _hl_window_report_error (self, heading, error);
  return FALSE;
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
