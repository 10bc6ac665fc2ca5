/* bench-startup-minimal.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

/*
 * The baseline of bench-startup: the least a libadwaita application can
 * show, a header bar and a label in an AdwApplicationWindow the size of
 * the Handshake Lab window.  It reports its first frame exactly as
 * handshake-lab --quit-after-first-frame does (see hl-application.c),
 * "first-frame: T" on stdout, T from g_get_monotonic_time(), then quits.
 */

static GdkSurface *window_surface;
static gboolean    window_rendered;

static gboolean
first_render_hook (GSignalInvocationHint *hint,
                   guint                  n_params,
                   const GValue          *params,
                   gpointer               user_data)
{
  if (g_value_get_object (&params[0]) != window_surface)
    return TRUE;

  window_rendered = TRUE;
  return FALSE;
}

static void
first_frame_after_paint (GdkFrameClock *frame_clock,
                         GApplication  *app)
{
  if (!window_rendered)
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_after_paint, app);
  gdk_display_sync (gdk_surface_get_display (window_surface));
  g_print ("first-frame: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (app);
}

static void
activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Hello");

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  window_surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0,
                              first_render_hook, NULL, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_after_paint), app, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.handshakelab.HandshakeLab.StartupMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
