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
 * milliseconds) and shows the sealed trace: the outcome at the top, then
 * every step in order with the number of the story step it belongs to,
 * who acted, its title and its explanation.  Everything shown comes from
 * the trace; the window never talks to BearSSL.
 */

#include <adwaita.h>

#include "hl-scenario.h"
#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_WINDOW (hl_window_get_type ())

G_DECLARE_FINAL_TYPE (HlWindow, hl_window, HL, WINDOW, AdwApplicationWindow)

HlWindow   *hl_window_new           (GtkApplication  *application);
gboolean    hl_window_load_scenario (HlWindow        *self,
                                     const char      *scenario_id,
                                     GError         **error);
HlScenario *hl_window_get_scenario  (HlWindow        *self);
HlTrace    *hl_window_get_trace     (HlWindow        *self);

G_END_DECLS
