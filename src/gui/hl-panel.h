/* hl-panel.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlPanel: what the Message, Keys and Certificates panels share.  A
 * panel shows one position of the run an #HlPlayer plays: it is given the
 * player once (#HlPanel:player) and updates itself whenever the player
 * shows another run or moves, through its class's update().
 */

#include <gtk/gtk.h>

#include "hl-player.h"

G_BEGIN_DECLS

#define HL_TYPE_PANEL (hl_panel_get_type ())

G_DECLARE_DERIVABLE_TYPE (HlPanel, hl_panel, HL, PANEL, GtkWidget)

/**
 * HlPanelClass:
 * @parent_class: the parent class
 * @update: shows what the player shows now: called when the panel gets a
 *   player, when the player's run changes and when it moves
 */
struct _HlPanelClass
{
  GtkWidgetClass parent_class;

  void (*update) (HlPanel *self);
};

/**
 * hl_panel_get_player:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the player the panel follows
 */
HlPlayer *hl_panel_get_player (HlPanel  *self);

/**
 * hl_panel_set_player:
 * @self: a panel
 * @player: (nullable): the player to follow
 *
 * Shows what @player shows, and follows it from then on.
 */
void      hl_panel_set_player (HlPanel  *self,
                               HlPlayer *player);

G_END_DECLS
