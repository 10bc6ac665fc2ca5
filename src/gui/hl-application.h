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

HlApplication *hl_application_new             (void);
GSettings     *hl_application_get_settings    (HlApplication  *self);
HlWindow      *hl_application_open_scenario   (HlApplication  *self,
                                               const char     *scenario_id,
                                               GError        **error);
int            hl_application_get_exit_status (HlApplication  *self);

G_END_DECLS
