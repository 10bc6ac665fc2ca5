/* hl-window-lecture.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-window"

#include "config.h"

#include "hl-window-private.h"

/*
 * What a lecturer needs in front of a class: zoom, full screen, and the
 * "lecture" actions:
 * a blank screen (B or "." from a clicker), the diagram alone, a
 * taller step list, and the whole run fitted on one screen (F; on in
 * presentation mode).  Each is a toggle with its state, so that the menu
 * shows a check mark.
 */

#define ZOOM_STEP 1.2

void
_hl_window_zoom_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HlWindow *self = HL_WINDOW (widget);
  double zoom = hl_sequence_view_get_zoom (self->sequence_view);

  /* A fitted diagram has the size of the screen: zooming leaves Fit. */
  if (hl_sequence_view_get_fit (self->sequence_view))
    gtk_widget_activate_action (widget, "lecture.fit", NULL);

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom *= ZOOM_STEP;
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom /= ZOOM_STEP;
  else
    zoom = 1;

  hl_sequence_view_set_zoom (self->sequence_view, zoom);
}

void
_hl_window_fullscreen_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

static void
blank_changed (GSimpleAction *action,
               GVariant      *state,
               gpointer       user_data)
{
  HlWindow *self = user_data;
  gboolean blank = g_variant_get_boolean (state);

  /* Nothing of the run shows, not even the header bar's step counter. */
  gtk_widget_set_visible (self->blank_screen, blank);
  gtk_widget_set_visible (GTK_WIDGET (self->main_paned), !blank);
  gtk_widget_set_visible (self->header_bar, !blank);
  if (blank)
    hl_player_set_playing (self->player, FALSE);
  g_simple_action_set_state (action, state);
}

static void
diagram_only_changed (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  HlWindow *self = user_data;

  gtk_widget_set_visible (GTK_WIDGET (self->side_paned), !g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

/* Two thirds of the side column for the list, or back to the default;
 * the handle between them stays the user's to drag. */
static void
tall_step_list_changed (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  HlWindow *self = user_data;
  int height = gtk_widget_get_height (GTK_WIDGET (self->side_paned));

  if (g_variant_get_boolean (state))
    gtk_paned_set_position (self->side_paned, MAX (height * 2 / 3, 230));
  else
    gtk_paned_set_position (self->side_paned, 230);
  g_simple_action_set_state (action, state);
}

static void
fit_changed (GSimpleAction *action,
             GVariant      *state,
             gpointer       user_data)
{
  HlWindow *self = user_data;

  hl_sequence_view_set_fit (self->sequence_view, g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

/* A projector shows the whole run: presentation mode fits it, and
 * leaving gives back the view the lecturer had. */
static void
presentation_changed (HlWindow   *self,
                      GParamSpec *pspec,
                      GActionMap *group)
{
  GAction *fit = g_action_map_lookup_action (group, "fit");
  gboolean presenting = hl_window_get_presentation_mode (self);

  if (presenting)
    g_object_set_data (G_OBJECT (fit), "hl-fit-before",
                       GINT_TO_POINTER (hl_sequence_view_get_fit (self->sequence_view)));
  g_action_change_state (fit, g_variant_new_boolean (presenting ||
                                                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fit),
                                                                                         "hl-fit-before"))));
}

/* The diagram's narrowest width, unzoomed: no narrower than that, for
 * the server's lane to stay in view when the window shrinks (zoomed in,
 * the diagram scrolls sideways). */
static int
ladder_min_width (HlWindow *self)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (self->sequence_view), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  return minimum / hl_sequence_view_get_zoom (self->sequence_view);
}

/* Not while the window is being allocated: a new minimum resizes it. */
static gboolean
set_ladder_min_width (gpointer user_data)
{
  HlWindow *self = user_data;

  gtk_scrolled_window_set_min_content_width (self->ladder_scroller, ladder_min_width (self));
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

/* The diagram gets what the side panels leave, and the panels a third of
 * the window, but never so much that the server's lane leaves the
 * diagram: set once the paned knows its size, then it is the user's. */
static void
main_paned_sized (HlWindow   *self,
                  GParamSpec *pspec,
                  GtkPaned   *paned)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  if (width <= 0)
    return;

  g_signal_handlers_disconnect_by_func (paned, main_paned_sized, self);
  gtk_paned_set_position (paned, MAX (width - CLAMP (width * 0.36, 400, 600), ladder_min_width (self)));
  g_idle_add (set_ladder_min_width, g_object_ref (self));
}

/* A tooltip shown while its menu is open would cover the first items. */
static void
menu_popover_visible (GtkWidget  *popover,
                      GParamSpec *pspec,
                      GtkWidget  *button)
{
  gtk_widget_set_has_tooltip (button, !gtk_widget_get_visible (popover));
}

static void
menu_popover_changed (GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  if (popover != NULL)
    g_signal_connect_object (popover, "notify::visible", G_CALLBACK (menu_popover_visible), button, 0);
}

static void
quiet_tooltip_while_open (GtkMenuButton *button)
{
  g_signal_connect (button, "notify::popover", G_CALLBACK (menu_popover_changed), NULL);
  menu_popover_changed (button);
}

void
_hl_window_lecture_init (HlWindow *self)
{
  static const GActionEntry entries[] = {
    { "blank", NULL, NULL, "false", blank_changed },
    { "diagram-only", NULL, NULL, "false", diagram_only_changed },
    { "tall-step-list", NULL, NULL, "false", tall_step_list_changed },
    { "fit", NULL, NULL, "false", fit_changed },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "lecture", G_ACTION_GROUP (group));
  g_signal_connect (self, "notify::presentation-mode", G_CALLBACK (presentation_changed), group);

  g_signal_connect_swapped (self->main_paned, "notify::max-position", G_CALLBACK (main_paned_sized), self);
  quiet_tooltip_while_open (self->scenario_button);
  quiet_tooltip_while_open (self->menu_button);
}
