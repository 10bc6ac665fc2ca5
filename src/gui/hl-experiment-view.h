/* hl-experiment-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The Experiment panel: every key of the lesson's scenario a student may
 * change, as rows (the clock, each side's offer, each certificate, the
 * network, the request), with undo, redo and a reset to the lesson.  An
 * edit goes to the #HlExperiment; whoever shows the run listens to its
 * #HlExperiment:scenario and runs the handshake again.  A value the
 * scenario format refuses is shown with the loader's reason and changes
 * nothing.
 */

#include <adwaita.h>

#include "hl-experiment.h"

G_BEGIN_DECLS

#define HL_TYPE_EXPERIMENT_VIEW (hl_experiment_view_get_type ())

G_DECLARE_FINAL_TYPE (HlExperimentView, hl_experiment_view, HL, EXPERIMENT_VIEW, GtkWidget)

/**
 * hl_experiment_view_new:
 *
 * Returns: (transfer full): a new Experiment panel, showing no experiment
 */
GtkWidget    *hl_experiment_view_new            (void);

/**
 * hl_experiment_view_get_experiment:
 * @self: an Experiment panel
 *
 * Returns: (transfer none) (nullable): the experiment it edits
 */
HlExperiment *hl_experiment_view_get_experiment (HlExperimentView *self);

/**
 * hl_experiment_view_set_experiment:
 * @self: an Experiment panel
 * @experiment: (nullable): the experiment to edit
 *
 * Shows @experiment's values and edits it from now on.
 */
void          hl_experiment_view_set_experiment (HlExperimentView *self,
                                                 HlExperiment     *experiment);

G_END_DECLS
