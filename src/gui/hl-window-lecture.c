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
 * What a lecturer needs in front of a class: full screen, and the
 * "lecture" actions:
 * a blank screen (B or "." from a clicker), the diagram alone, and a
 * taller step list.  Each is a toggle with its state, so that the menu
 * shows a check mark.
 */

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

void
_hl_window_lecture_init (HlWindow *self)
{
  static const GActionEntry entries[] = {
    { "blank", NULL, NULL, "false", blank_changed },
    { "diagram-only", NULL, NULL, "false", diagram_only_changed },
    { "tall-step-list", NULL, NULL, "false", tall_step_list_changed },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "lecture", G_ACTION_GROUP (group));
}
