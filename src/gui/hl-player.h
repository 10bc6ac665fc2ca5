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

#include "hl-scenario.h"
#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_PLAYER (hl_player_get_type ())

G_DECLARE_FINAL_TYPE (HlPlayer, hl_player, HL, PLAYER, GObject)

/**
 * hl_player_new:
 * @widget: (nullable): the widget whose frame clock drives animations
 *
 * Returns: (transfer full): a player without a trace
 */
HlPlayer *hl_player_new              (GtkWidget *widget);

/**
 * hl_player_get_trace:
 * @self: a #HlPlayer
 *
 * Returns: (transfer none) (nullable): the trace played, or %NULL
 */
HlTrace  *hl_player_get_trace        (HlPlayer  *self);

/**
 * hl_player_set_trace:
 * @self: a #HlPlayer
 * @trace: (nullable): a sealed trace
 *
 * Shows @trace from the start, paused, as a run of no known scenario:
 * hl_player_set_run() with no scenario.
 */
void      hl_player_set_trace        (HlPlayer  *self,
                                      HlTrace   *trace);

/**
 * hl_player_set_run:
 * @self: a #HlPlayer
 * @scenario: (nullable): the scenario @trace is a run of
 * @trace: (nullable): a sealed trace
 *
 * Shows @trace from the start, paused.  Views that need more of the run
 * than its trace (the Certificates panel shows the trust stores) read
 * the scenario from the player; both change before either is notified.
 */
void      hl_player_set_run          (HlPlayer   *self,
                                      HlScenario *scenario,
                                      HlTrace    *trace);

/**
 * hl_player_get_scenario:
 * @self: a #HlPlayer
 *
 * Returns: (transfer none) (nullable): the scenario of the run shown, if
 *   known
 */
HlScenario *hl_player_get_scenario   (HlPlayer  *self);

/**
 * hl_player_get_n_steps:
 * @self: a #HlPlayer
 *
 * Returns: how many steps the trace has; 0 without a trace
 */
guint     hl_player_get_n_steps      (HlPlayer  *self);

/**
 * hl_player_get_position:
 * @self: a #HlPlayer
 *
 * Returns: how many steps are shown, from 0 to hl_player_get_n_steps()
 */
guint     hl_player_get_position     (HlPlayer  *self);

/**
 * hl_player_seek:
 * @self: a #HlPlayer
 * @position: how many steps to show; past the end means all
 *
 * Jumps to @position without animation.
 */
void      hl_player_seek             (HlPlayer  *self,
                                      guint      position);

/**
 * hl_player_get_current_step:
 * @self: a #HlPlayer
 *
 * Returns: (transfer none) (nullable): the last step shown, or %NULL at
 *   position 0
 */
HlStep   *hl_player_get_current_step (HlPlayer  *self);

/**
 * hl_player_get_progress:
 * @self: a #HlPlayer
 *
 * Returns: how far the newest step's animation has run, from 0 to 1; 1
 *   when nothing is moving
 */
double    hl_player_get_progress     (HlPlayer  *self);

/**
 * hl_player_get_playing:
 * @self: a #HlPlayer
 *
 * Returns: whether the player steps forward by itself
 */
gboolean  hl_player_get_playing      (HlPlayer  *self);

/**
 * hl_player_set_playing:
 * @self: a #HlPlayer
 * @playing: whether to step forward by itself
 *
 * Playing from the end starts again from the first step.
 */
void      hl_player_set_playing      (HlPlayer  *self,
                                      gboolean   playing);

/**
 * hl_player_get_speed:
 * @self: a #HlPlayer
 *
 * Returns: the pace of playback, from 0.25 to 4 (1 is normal)
 */
double    hl_player_get_speed        (HlPlayer  *self);

/**
 * hl_player_set_speed:
 * @self: a #HlPlayer
 * @speed: 1 for the normal pace, 2 for twice as fast (0.25 to 4)
 */
void      hl_player_set_speed        (HlPlayer  *self,
                                      double     speed);

/**
 * hl_player_step_forward:
 * @self: a #HlPlayer
 *
 * Shows one more step, animated.  At the end it only stops playing.
 */
void      hl_player_step_forward     (HlPlayer  *self);

/**
 * hl_player_step_back:
 * @self: a #HlPlayer
 *
 * Stops playing and shows one step fewer, without animation.
 */
void      hl_player_step_back        (HlPlayer  *self);

/**
 * hl_player_restart:
 * @self: a #HlPlayer
 *
 * Stops playing and goes back to position 0, before the first step.
 */
void      hl_player_restart          (HlPlayer  *self);

/**
 * hl_player_go_to_end:
 * @self: a #HlPlayer
 *
 * Stops playing and shows every step at once.
 */
void      hl_player_go_to_end        (HlPlayer  *self);

/**
 * hl_player_bind_view:
 * @player_ptr: (inout) (nullable): where the view keeps its player
 * @player: (nullable): the player to follow
 * @view: the view, as the data of both handlers
 * @trace_changed: called with @view when the run changes
 * @position_changed: called with @view when the position changes
 *
 * The one binding of every panel to the player, for its "player"
 * property's setter: as g_set_object(), and disconnects @view from the
 * player it followed and connects it to @player's #HlPlayer:trace and
 * #HlPlayer:position notifications.  The view updates itself from then
 * on; nothing pushes steps into it.
 *
 * Returns: %TRUE if the player changed; the view then updates and
 *   notifies its "player" property
 */
gboolean  hl_player_bind_view        (HlPlayer  **player_ptr,
                                      HlPlayer   *player,
                                      gpointer    view,
                                      GCallback   trace_changed,
                                      GCallback   position_changed);

G_END_DECLS
