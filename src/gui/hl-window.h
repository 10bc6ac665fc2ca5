/* hl-window.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlWindow: one run of one scenario, shown.
 *
 * The window loads a scenario, runs it once (a handshake costs
 * milliseconds) and lets a student step through the sealed trace with an
 * HlPlayer: the ladder diagram in the centre, the step list at the side
 * and, below it, panels for the current step (lesson, message fields and
 * bytes, key material, certificate checks).  The actions player.restart,
 * player.back, player.play, player.forward and player.end drive playback.  Everything shown comes from
 * the trace; the window never talks to BearSSL.
 */

#include <adwaita.h>

#include "hl-player.h"
#include "hl-scenario.h"
#include "hl-sequence-view.h"
#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_WINDOW (hl_window_get_type ())

G_DECLARE_FINAL_TYPE (HlWindow, hl_window, HL, WINDOW, AdwApplicationWindow)

/**
 * hl_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer full): a window that shows no run yet; call
 *   hl_window_load_scenario() before presenting it.
 */
HlWindow   *hl_window_new           (GtkApplication  *application);

/**
 * hl_window_load_scenario:
 * @self: a #HlWindow
 * @scenario_id: the id of a built-in scenario, e.g. "rsa-basic"
 * @error: return location for an error
 *
 * Loads the scenario, runs it and shows the run from its start.  On error
 * (an unknown id is %HL_SCENARIO_ERROR_UNKNOWN_ID) the window keeps showing
 * what it showed.
 *
 * Returns: %TRUE if the window now shows a run of @scenario_id
 */
gboolean    hl_window_load_scenario (HlWindow        *self,
                                     const char      *scenario_id,
                                     GError         **error);

/**
 * hl_window_load_scenario_file:
 * @self: a #HlWindow
 * @path: a .scenario file
 * @error: return location for an error
 *
 * Like hl_window_load_scenario(), for a scenario file of one's own.
 *
 * Returns: %TRUE if the window now shows a run of the file's scenario
 */
gboolean    hl_window_load_scenario_file (HlWindow   *self,
                                     const char      *path,
                                     GError         **error);

/**
 * hl_window_show_builtin_run:
 * @self: a #HlWindow
 * @scenario: a built-in scenario
 * @trace: a run of @scenario, made elsewhere
 *
 * Shows the run from its start, as hl_window_load_scenario() does, for a
 * run made before the window existed.
 */
void        hl_window_show_builtin_run (HlWindow     *self,
                                        HlScenario   *scenario,
                                        HlTrace      *trace);

/**
 * hl_window_export:
 * @self: a #HlWindow
 * @path: where to write; its extension says what: .json (the trace),
 *   .pcapng (a capture Wireshark decrypts), .log / .txt (the key log),
 *   .svg, .pdf, .png (the whole diagram, for print), or .scenario (the
 *   lesson as the Experiment panel has changed it)
 *
 * Writes the current run.  A failure is shown in a dialog naming the file.
 *
 * Returns: whether the file was written
 */
gboolean    hl_window_export        (HlWindow        *self,
                                     const char      *path);

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
gboolean    hl_window_export_diagram (HlWindow       *self,
                                      const char     *path,
                                      gboolean        up_to_current);

/**
 * hl_window_open_file_async:
 * @self: a #HlWindow
 * @path: a .scenario file the user chose
 * @callback: (nullable): called when the window shows the run or the error
 * @user_data: for @callback
 *
 * What the Open… dialog does with the file chosen: reads and runs it on
 * another thread, the window staying responsive, then shows the run; or,
 * when it cannot be read or run, keeps showing the current run and tells
 * the user in a dialog that names the file and the problem.  While it
 * works, the window's subtitle says so and Open… is disabled.
 */
void        hl_window_open_file_async  (HlWindow            *self,
                                        const char          *path,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);

/**
 * hl_window_open_file_finish:
 * @self: a #HlWindow
 * @result: what @callback was given
 * @error: the problem the dialog showed
 *
 * Returns: %TRUE if the window now shows a run of the file's scenario
 */
gboolean    hl_window_open_file_finish (HlWindow            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/**
 * hl_window_get_scenario:
 * @self: a #HlWindow
 *
 * Returns: (transfer none) (nullable): the scenario shown
 */
HlScenario *hl_window_get_scenario  (HlWindow        *self);

/**
 * hl_window_get_trace:
 * @self: a #HlWindow
 *
 * Returns: (transfer none) (nullable): the trace of the run shown
 */
HlTrace    *hl_window_get_trace     (HlWindow        *self);

/**
 * hl_window_get_player:
 * @self: a #HlWindow
 *
 * Returns: (transfer none): the player that steps through the run
 */
HlPlayer   *hl_window_get_player    (HlWindow        *self);

/**
 * hl_window_get_sequence_view:
 * @self: a #HlWindow
 *
 * Returns: (transfer none): the ladder diagram
 */
HlSequenceView *hl_window_get_sequence_view (HlWindow *self);

/**
 * hl_window_get_reveal_outcome:
 * @self: a #HlWindow
 *
 * Returns: whether the outcome and every step show from the start
 */
gboolean    hl_window_get_reveal_outcome    (HlWindow *self);

/**
 * hl_window_set_reveal_outcome:
 * @self: a #HlWindow
 * @reveal_outcome: %TRUE to show how the run ends, and every step, from
 *   the start
 *
 * By default a class sees the outcome and the steps still to come only
 * when playback reaches them, so that it can guess first.
 */
void        hl_window_set_reveal_outcome    (HlWindow *self,
                                             gboolean  reveal_outcome);

/**
 * hl_window_get_presentation_mode:
 * @self: a #HlWindow
 *
 * Returns: whether the window is in presentation mode
 */
gboolean    hl_window_get_presentation_mode (HlWindow *self);

/**
 * hl_window_set_presentation_mode:
 * @self: a #HlWindow
 * @presentation_mode: %TRUE for a projector
 *
 * Presentation mode: fullscreen, type half as large again, a black on white
 * diagram with thick lines, the light style whatever the desktop's, and
 * the step counter large in the header bar.  Leaving fullscreen
 * (F11, Escape, the window manager) leaves it.
 */
void        hl_window_set_presentation_mode (HlWindow *self,
                                             gboolean  presentation_mode);

/**
 * hl_window_show_panel:
 * @self: a #HlWindow
 * @name: "lesson", "message", "keys", "certificates" or "experiment"
 *
 * Returns: %TRUE if there is a panel of that name, now shown
 */
gboolean    hl_window_show_panel    (HlWindow        *self,
                                     const char      *name);

G_END_DECLS
