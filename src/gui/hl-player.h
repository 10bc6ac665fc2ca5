/* hl-player.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlPlayer: a playback cursor over a trace.
 *
 * The position counts the steps shown, from 0 (nothing yet) to the number
 * of steps (all of them); the current step is the last one shown.  Moving
 * forward by one animates the new step: "progress" runs from 0 to 1 on the
 * frame clock of the widget the player was made for, at a pace set by
 * "speed".  Everything else (going back, seeking, jumping to an end) and
 * every move when gtk-enable-animations is off lands at once, progress 1.
 * While "playing", the player steps forward by itself and stops at the end.
 *
 * Views observe the properties through notify; the player never changes
 * the trace.
 */

#include <gtk/gtk.h>

#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_PLAYER (hl_player_get_type ())

G_DECLARE_FINAL_TYPE (HlPlayer, hl_player, HL, PLAYER, GObject)

HlPlayer *hl_player_new              (GtkWidget *widget);
HlTrace  *hl_player_get_trace        (HlPlayer  *self);
void      hl_player_set_trace        (HlPlayer  *self,
                                      HlTrace   *trace);
guint     hl_player_get_n_steps      (HlPlayer  *self);
guint     hl_player_get_position     (HlPlayer  *self);
void      hl_player_seek             (HlPlayer  *self,
                                      guint      position);
HlStep   *hl_player_get_current_step (HlPlayer  *self);
double    hl_player_get_progress     (HlPlayer  *self);
gboolean  hl_player_get_playing      (HlPlayer  *self);
void      hl_player_set_playing      (HlPlayer  *self,
                                      gboolean   playing);
double    hl_player_get_speed        (HlPlayer  *self);
void      hl_player_set_speed        (HlPlayer  *self,
                                      double     speed);
void      hl_player_step_forward     (HlPlayer  *self);
void      hl_player_step_back        (HlPlayer  *self);
void      hl_player_restart          (HlPlayer  *self);
void      hl_player_go_to_end        (HlPlayer  *self);

G_END_DECLS
