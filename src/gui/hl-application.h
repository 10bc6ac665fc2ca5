/* hl-application.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlApplication: the Handshake Lab GUI process.
 *
 * Command line:
 *   --scenario ID      the built-in scenario to open (default rsa-basic);
 *                      an unknown ID is reported on stderr, exit status 2
 *   --screenshot FILE  render the window to a PNG once it has been drawn,
 *                      then quit (for documentation and headless checks)
 *
 * A second invocation hands its scenario to the running instance, which
 * opens it in a new window; --screenshot always runs in its own process.
 */

#include <adwaita.h>

#include "hl-window.h"

G_BEGIN_DECLS

#define HL_TYPE_APPLICATION (hl_application_get_type ())

G_DECLARE_FINAL_TYPE (HlApplication, hl_application, HL, APPLICATION, AdwApplication)

/**
 * hl_application_new:
 *
 * Returns: (transfer full): the application, with the project's
 *   application id; run it with g_application_run()
 */
HlApplication *hl_application_new             (void);

/**
 * hl_application_get_settings:
 * @self: a #HlApplication
 *
 * The application's settings: window size, last scenario, speed, zoom and
 * animations.  Run from the build tree without GSETTINGS_SCHEMA_DIR (which
 * build-aux/run and meson devenv set), the schema is not found: then
 * nothing is remembered, and a line on stderr says so.
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL
 */
GSettings     *hl_application_get_settings    (HlApplication  *self);

/**
 * hl_application_open_scenario:
 * @self: a #HlApplication
 * @scenario_id: the id of a built-in scenario
 * @error: return location for an error
 *
 * Runs the scenario and presents a new window showing the run.  The
 * application must be registered.
 *
 * Returns: (transfer none) (nullable): the window, or %NULL with @error set
 *   (%HL_SCENARIO_ERROR_UNKNOWN_ID for an id that names no scenario)
 */
HlWindow      *hl_application_open_scenario   (HlApplication  *self,
                                               const char     *scenario_id,
                                               GError        **error);

/**
 * hl_application_get_exit_status:
 * @self: a #HlApplication
 *
 * Returns: 0, or non-zero when something failed after the main loop
 *   started (a scenario that could not run, a screenshot not written)
 */
int            hl_application_get_exit_status (HlApplication  *self);

G_END_DECLS
