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

GtkWidget *hl_sequence_view_new        (void);
HlPlayer  *hl_sequence_view_get_player (HlSequenceView *self);
void       hl_sequence_view_set_player (HlSequenceView *self,
                                        HlPlayer       *player);
double     hl_sequence_view_get_zoom   (HlSequenceView *self);
void       hl_sequence_view_set_zoom   (HlSequenceView *self,
                                        double          zoom);
gboolean   hl_sequence_view_get_high_contrast (HlSequenceView *self);
void       hl_sequence_view_set_high_contrast (HlSequenceView *self,
                                               gboolean        high_contrast);
gboolean   hl_sequence_view_get_fit    (HlSequenceView *self);
void       hl_sequence_view_set_fit    (HlSequenceView *self,
                                        gboolean        fit);
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
