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

HlWindow   *hl_window_new           (GtkApplication  *application);
gboolean    hl_window_load_scenario (HlWindow        *self,
                                     const char      *scenario_id,
                                     GError         **error);
gboolean    hl_window_load_scenario_file (HlWindow   *self,
                                     const char      *path,
                                     GError         **error);
void        hl_window_show_builtin_run (HlWindow     *self,
                                        HlScenario   *scenario,
                                        HlTrace      *trace);
gboolean    hl_window_export        (HlWindow        *self,
                                     const char      *path);
gboolean    hl_window_export_diagram (HlWindow       *self,
                                      const char     *path,
                                      gboolean        up_to_current);
void        hl_window_open_file_async  (HlWindow            *self,
                                        const char          *path,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    hl_window_open_file_finish (HlWindow            *self,
                                        GAsyncResult        *result,
                                        GError             **error);
HlScenario *hl_window_get_scenario  (HlWindow        *self);
HlTrace    *hl_window_get_trace     (HlWindow        *self);
HlPlayer   *hl_window_get_player    (HlWindow        *self);
HlSequenceView *hl_window_get_sequence_view (HlWindow *self);
gboolean    hl_window_get_reveal_outcome    (HlWindow *self);
void        hl_window_set_reveal_outcome    (HlWindow *self,
                                             gboolean  reveal_outcome);
gboolean    hl_window_get_presentation_mode (HlWindow *self);
void        hl_window_set_presentation_mode (HlWindow *self,
                                             gboolean  presentation_mode);
gboolean    hl_window_show_panel    (HlWindow        *self,
                                     const char      *name);

G_END_DECLS
