/* hl-cli-edit.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * `run --set EDIT --clock-days N`: a scenario changed from the command
 * line as the window's Experiment panel changes it (hl-experiment.h).
 */

#include "hl-experiment.h"

G_BEGIN_DECLS

/**
 * hl_cli_edit_scenario:
 * @scenario: the scenario as loaded
 * @edits: (nullable) (array zero-terminated=1): edits, each written as in
 *   a scenario file, "[Client] server-name=mail.example.test"; an empty
 *   value after "=" sets the key empty, and "[Fault] description" without
 *   "=" removes the key
 * @clock_days: days to move the clock by (hl_experiment_set_clock())
 * @error: the first edit refused, naming it
 *
 * Returns: (transfer full) (nullable): the scenario with every edit made,
 *   or %NULL with @error
 */
HlScenario *hl_cli_edit_scenario (HlScenario         *scenario,
                                  const char * const *edits,
                                  int                 clock_days,
                                  GError            **error);

G_END_DECLS
