/* hl-sequence-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlSequenceView: the ladder diagram of a player's trace, on screen.
 *
 * Draws with hl_ladder_draw() at the player's position and progress, in
 * the light or dark Adwaita palette, zoomed by "zoom".  Put it in a
 * GtkScrolledWindow: it keeps the current step in view.  A click on a
 * step seeks the player there.  Its accessible description names the
 * current step.  With "fit" the whole run fits in the height the scroller
 * shows (hl_ladder_layout_new_fit()), its text no smaller than the
 * desktop's.
 */

#include <gtk/gtk.h>

#include "hl-ladder.h"
#include "hl-player.h"

G_BEGIN_DECLS

#define HL_TYPE_SEQUENCE_VIEW (hl_sequence_view_get_type ())

G_DECLARE_FINAL_TYPE (HlSequenceView, hl_sequence_view, HL, SEQUENCE_VIEW, GtkWidget)

/**
 * hl_sequence_view_new:
 *
 * Returns: (transfer floating): a new sequence view without a player
 */
GtkWidget *hl_sequence_view_new        (void);

/**
 * hl_sequence_view_get_player:
 * @self: a #HlSequenceView
 *
 * Returns: (transfer none) (nullable): the player whose trace it draws
 */
HlPlayer  *hl_sequence_view_get_player (HlSequenceView *self);

/**
 * hl_sequence_view_set_player:
 * @self: a #HlSequenceView
 * @player: (nullable) (transfer none): the player to follow; the view keeps
 *   a reference
 *
 * Draws @player's trace and follows its position and progress.
 */
void       hl_sequence_view_set_player (HlSequenceView *self,
                                        HlPlayer       *player);

/**
 * hl_sequence_view_get_zoom:
 * @self: a #HlSequenceView
 *
 * Returns: the zoom factor, from 0.5 to 3
 */
double     hl_sequence_view_get_zoom   (HlSequenceView *self);

/**
 * hl_sequence_view_set_zoom:
 * @self: a #HlSequenceView
 * @zoom: the zoom factor; clamped to 0.5 to 3, and 1 when not a finite
 *   number
 */
void       hl_sequence_view_set_zoom   (HlSequenceView *self,
                                        double          zoom);

/**
 * hl_sequence_view_get_high_contrast:
 * @self: a #HlSequenceView
 *
 * Returns: whether it draws in the high-contrast theme
 */
gboolean   hl_sequence_view_get_high_contrast (HlSequenceView *self);

/**
 * hl_sequence_view_set_high_contrast:
 * @self: a #HlSequenceView
 * @high_contrast: %TRUE for the high-contrast theme (black on white, thick
 *   lines), %FALSE for the light or dark Adwaita palette the desktop uses
 */
void       hl_sequence_view_set_high_contrast (HlSequenceView *self,
                                               gboolean        high_contrast);

/**
 * hl_sequence_view_get_fit:
 * @self: a #HlSequenceView
 *
 * Returns: whether the whole run fits in the height the scroller shows
 */
gboolean   hl_sequence_view_get_fit    (HlSequenceView *self);

/**
 * hl_sequence_view_set_fit:
 * @self: a #HlSequenceView
 * @fit: %TRUE to fit the whole run in the height the scroller shows
 */
void       hl_sequence_view_set_fit    (HlSequenceView *self,
                                        gboolean        fit);

/**
 * hl_sequence_view_describe:
 * @self: a #HlSequenceView
 *
 * Returns: (transfer full): the view's accessible description, translated:
 *   "Step 3 of 17: …" with the current step's title, or what it shows
 *   before the first step or without a trace
 */
char      *hl_sequence_view_describe   (HlSequenceView *self);

/**
 * hl_sequence_view_get_layout:
 * @self: a #HlSequenceView
 *
 * Returns: (transfer none) (nullable): the layout drawn at the view's
 *   present width, or %NULL without a trace
 */
const HlLadderLayout *hl_sequence_view_get_layout (HlSequenceView *self);

G_END_DECLS
