/* hl-experiment.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * An experiment: a lesson changed key by key, with undo and redo.
 *
 * It edits the text of the lesson's scenario file (comments kept) and
 * reads every edit back through the scenario loader, so an edit is
 * refused exactly when a file holding it would be, with the loader's own
 * error naming the group and the key; whatever the format allows is
 * accepted, failing handshakes included.  The scenario it holds is always
 * one that loaded.
 */

#include "hl-scenario.h"

G_BEGIN_DECLS

#define HL_TYPE_EXPERIMENT (hl_experiment_get_type ())

G_DECLARE_FINAL_TYPE (HlExperiment, hl_experiment, HL, EXPERIMENT, GObject)

/**
 * hl_experiment_new:
 * @lesson: the scenario to start from
 *
 * Returns: (transfer full): an experiment holding @lesson unchanged
 */
HlExperiment *hl_experiment_new          (HlScenario   *lesson);

/**
 * hl_experiment_get_lesson:
 * @self: an experiment
 *
 * Returns: (transfer none): the scenario the experiment started from
 */
HlScenario   *hl_experiment_get_lesson   (HlExperiment *self);

/**
 * hl_experiment_get_scenario:
 * @self: an experiment
 *
 * The scenario as edited; #HlExperiment:scenario is notified when an edit,
 * an undo, a redo or a reset replaces it.
 *
 * Returns: (transfer none): the current scenario
 */
HlScenario   *hl_experiment_get_scenario (HlExperiment *self);

/**
 * hl_experiment_get_value:
 * @self: an experiment
 * @group: a group of the scenario format, "Client" or "Certificate server"
 * @key: a key of @group, "server-name"
 *
 * Returns: (transfer full) (nullable): the value as the scenario reads it
 *   (escapes undone), or %NULL when the key is not set
 */
char         *hl_experiment_get_value    (HlExperiment *self,
                                          const char   *group,
                                          const char   *key);

/**
 * hl_experiment_list_groups:
 * @self: an experiment
 * @prefix: (nullable): only the groups whose name starts so,
 *   "Certificate ", or %NULL for all
 *
 * Returns: (transfer full): the groups of the current scenario in file
 *   order, %NULL-terminated
 */
char        **hl_experiment_list_groups  (HlExperiment *self,
                                          const char   *prefix);

/**
 * hl_experiment_set_value:
 * @self: an experiment
 * @group: a group of the scenario format; created when missing
 * @key: a key of @group
 * @value: (nullable): the new value, or %NULL to remove the key
 * @error: where the loader's refusal goes
 *
 * Changes one key.  The edit stays only if the changed scenario loads:
 * otherwise nothing changes and @error says why, naming the group and the
 * key at fault.  An edit that changes nothing is accepted and not kept as
 * a step to undo.
 *
 * Returns: %TRUE when the scenario now holds the edit
 */
gboolean      hl_experiment_set_value    (HlExperiment *self,
                                          const char   *group,
                                          const char   *key,
                                          const char   *value,
                                          GError      **error);

/**
 * hl_experiment_set_values:
 * @self: an experiment
 * @group: a group of the scenario format; created when missing
 * @keys: (array zero-terminated=1): keys of @group
 * @values: (array zero-terminated=0): a value for each key, %NULL to
 *   remove it
 * @error: where the loader's refusal goes
 *
 * Changes several keys of @group as one edit, for keys that only make
 * sense together (a server's client-auth and the roots it trusts).
 *
 * Returns: %TRUE when the scenario now holds the edit
 */
gboolean      hl_experiment_set_values   (HlExperiment       *self,
                                          const char         *group,
                                          const char * const *keys,
                                          const char * const *values,
                                          GError            **error);

/**
 * hl_experiment_set_clock:
 * @self: an experiment
 * @clock: the new "now", in Unix seconds
 * @error: where the loader's refusal goes
 *
 * Moves the scenario's clock, and only the clock: a certificate validity
 * given relative to the clock ("+365d") is first written as the date it
 * meant, so that the certificates stay as they were and the clock moves
 * past them, as it would in real life.  One edit, undone at once.
 *
 * Returns: %TRUE when the scenario now holds the new clock
 */
gboolean      hl_experiment_set_clock    (HlExperiment *self,
                                          gint64        clock,
                                          GError      **error);

/**
 * hl_experiment_remove_group:
 * @self: an experiment
 * @group: a group, "Certificate intermediate"
 * @error: where the loader's refusal goes
 *
 * Removes @group with all its keys, under the same rule as
 * hl_experiment_set_value(): a group other keys still name stays.
 *
 * Returns: %TRUE when the scenario now lacks @group
 */
gboolean      hl_experiment_remove_group (HlExperiment *self,
                                          const char   *group,
                                          GError      **error);

/**
 * hl_experiment_can_undo:
 * @self: an experiment
 *
 * Returns: whether an edit (or a reset) can be undone
 */
gboolean      hl_experiment_can_undo     (HlExperiment *self);

/**
 * hl_experiment_can_redo:
 * @self: an experiment
 *
 * Returns: whether an undone edit can be made again
 */
gboolean      hl_experiment_can_redo     (HlExperiment *self);

/**
 * hl_experiment_undo:
 * @self: an experiment
 *
 * Goes back to the scenario before the last edit, if there is one.
 */
void          hl_experiment_undo         (HlExperiment *self);

/**
 * hl_experiment_redo:
 * @self: an experiment
 *
 * Makes the last undone edit again, if there is one.
 */
void          hl_experiment_redo         (HlExperiment *self);

/**
 * hl_experiment_reset:
 * @self: an experiment
 *
 * Goes back to the lesson as it was; an edit of its own, so undo brings
 * the experiment back.
 */
void          hl_experiment_reset        (HlExperiment *self);

/**
 * hl_experiment_is_modified:
 * @self: an experiment
 *
 * Comments and the order of groups and keys do not count.
 *
 * Returns: whether the current scenario sets a key the lesson does not,
 *   or sets one to another value
 */
gboolean      hl_experiment_is_modified  (HlExperiment *self);

/**
 * hl_experiment_get_text:
 * @self: an experiment
 *
 * The current scenario as a scenario file: what "Save experiment" writes,
 * and what hl_scenario_new_from_data() reads back into the same scenario.
 *
 * Returns: (transfer none): the text
 */
GBytes       *hl_experiment_get_text     (HlExperiment *self);

G_END_DECLS
