/* hl-trace-diff.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlTraceDiff: what differs between two runs.
 *
 * Two traces, A and B, are compared step by step.  Their steps are first
 * aligned: a step of A may stand for a step of B when both are the same
 * kind of thing on the same lane of the same connection — the same
 * handshake message (by its type), the same kind of wire message, or the
 * same kind of computation or check (by the id of its root field), or a
 * state at the same step of the story.
 * Among all such alignments the one that pairs the most steps is taken
 * (a longest common subsequence), so that a message only one run sends (a
 * ServerKeyExchange) is one step added or removed and the steps after it
 * pair up again.
 *
 * Each entry of the diff is then one paired step, same or changed, or one
 * unpaired step, added (only in B) or removed (only in A).  A pair is the
 * same when both steps have the same title, verdict and fields.  Fields
 * are compared by their path of stable ids (hl-field.h): the ids from the
 * root down, joined by "/", with "[2]", "[3]" … after the second and later
 * fields of one id under the same parent ("hello.cipher_suites/
 * hello.cipher_suite[2]"); the decrypted plaintext's fields follow the
 * step's own.  Two fields of one path are the same when their readable
 * values and their check marks (pass, fail, matches …) are; a path only
 * one side has is a field added or removed.  The title and the verdict are
 * compared as the pseudo-fields "step.title" and "step.verdict".
 *
 * Randoms.  Each run's randomness comes from its scenario's seed, and the
 * runs are deterministic for a seed: two lessons with different seeds
 * differ in every random value and in everything computed from them.
 * Which differences are only that can be computed, not guessed: run B
 * again with A's seed (B′) and give it to hl_trace_diff_new().  A change of
 * a field that A and B′ hold with the same value is marked random: with the
 * same seed, the two runs would not differ there.  Without B′ no change is
 * marked.
 *
 * The first divergence is the first entry that is not the same, skipping
 * pairs whose every change is random.
 *
 * The diff only reads the traces; it keeps a reference to both.
 */

#include "hl-trace.h"

G_BEGIN_DECLS

/**
 * HlDiffStatus:
 * @HL_DIFF_SAME: a pair of steps with nothing different
 * @HL_DIFF_CHANGED: a pair of steps that differ in some field
 * @HL_DIFF_ADDED: a step only B has
 * @HL_DIFF_REMOVED: a step only A has
 */
typedef enum
{
  HL_DIFF_SAME,
  HL_DIFF_CHANGED,
  HL_DIFF_ADDED,
  HL_DIFF_REMOVED,
} HlDiffStatus;

/**
 * HlFieldChange:
 * @path: the field's path of stable ids
 * @name: what it is, for a student (B's name, or A's when B has none)
 * @value_a: (nullable): its readable value in A; %NULL: the field was added
 * @value_b: (nullable): its readable value in B; %NULL: it was removed
 * @flags_a: its flags in A (check marks), 0 when it was added
 * @flags_b: its flags in B, 0 when it was removed
 * @random: with A's seed, B holds A's value here: the change comes only
 *   from the runs' different seeds
 *
 * One field that differs in a pair of steps.  The strings live as long as
 * the diff.
 */
typedef struct
{
  const char   *path;
  const char   *name;
  const char   *value_a;
  const char   *value_b;
  HlFieldFlags  flags_a;
  HlFieldFlags  flags_b;
  gboolean      random;
} HlFieldChange;

/**
 * HlStepDiff:
 * @status: same, changed, added or removed
 * @index_a: the step's index in A, or -1 when it was added
 * @index_b: the step's index in B, or -1 when it was removed
 * @step_a: (nullable): the step of A
 * @step_b: (nullable): the step of B
 * @changes: the fields that differ, in the order of B's fields (A's
 *   removed ones where they stood); %NULL when @n_changes is 0
 * @n_changes: how many
 * @only_random: a changed pair whose every change is random
 *
 * One entry of the diff.  Owned by the diff.
 */
typedef struct
{
  HlDiffStatus          status;
  int                   index_a;
  int                   index_b;
  HlStep               *step_a;
  HlStep               *step_b;
  const HlFieldChange  *changes;
  guint                 n_changes;
  gboolean              only_random;
} HlStepDiff;

typedef struct _HlTraceDiff HlTraceDiff;

#define HL_TYPE_TRACE_DIFF (hl_trace_diff_get_type ())

/**
 * hl_trace_diff_get_type:
 *
 * Returns: the boxed type of #HlTraceDiff
 */
GType              hl_trace_diff_get_type         (void) G_GNUC_CONST;

/**
 * hl_trace_diff_new:
 * @a: a sealed trace
 * @b: another sealed trace
 * @b_with_seed_of_a: (nullable): B's scenario run again with A's seed,
 *   to tell the changes that come only from the seeds; %NULL when the
 *   seeds are the same or it is not wanted
 *
 * Aligns the steps of @a and @b and compares each pair.
 *
 * Returns: (transfer full): the diff
 */
HlTraceDiff       *hl_trace_diff_new              (HlTrace     *a,
                                                   HlTrace     *b,
                                                   HlTrace     *b_with_seed_of_a);

/**
 * hl_trace_diff_ref:
 * @self: a diff
 *
 * Returns: (transfer full): @self
 */
HlTraceDiff       *hl_trace_diff_ref              (HlTraceDiff *self);

/**
 * hl_trace_diff_unref:
 * @self: (transfer full): a diff
 */
void               hl_trace_diff_unref            (HlTraceDiff *self);

/**
 * hl_trace_diff_get_trace_a:
 * @self: a diff
 *
 * Returns: (transfer none): trace A
 */
HlTrace           *hl_trace_diff_get_trace_a      (HlTraceDiff *self);

/**
 * hl_trace_diff_get_trace_b:
 * @self: a diff
 *
 * Returns: (transfer none): trace B
 */
HlTrace           *hl_trace_diff_get_trace_b      (HlTraceDiff *self);

/**
 * hl_trace_diff_get_n_entries:
 * @self: a diff
 *
 * Returns: how many entries the diff has: pairs, added and removed steps
 */
guint              hl_trace_diff_get_n_entries    (HlTraceDiff *self);

/**
 * hl_trace_diff_get_entry:
 * @self: a diff
 * @position: from 0
 *
 * Entries go in the order of both runs: each step of A and each step of B
 * comes in its trace's order; a removed step stands before the added
 * steps it sits among.
 *
 * Returns: (transfer none): the entry at @position
 */
const HlStepDiff  *hl_trace_diff_get_entry        (HlTraceDiff *self,
                                                   guint        position);

/**
 * hl_trace_diff_get_first_divergence:
 * @self: a diff
 *
 * Returns: the position of the first entry that is not the same, pairs
 *   whose every change is random skipped; -1 when there is none
 */
int                hl_trace_diff_get_first_divergence (HlTraceDiff *self);

/**
 * hl_trace_diff_has_random:
 * @self: a diff
 *
 * Returns: whether the diff was given B run with A's seed, so that its
 *   changes carry whether they are random
 */
gboolean           hl_trace_diff_has_random       (HlTraceDiff *self);

/**
 * hl_diff_status_to_string:
 * @status: an entry's status
 *
 * Returns: a stable, untranslated name of @status ("same", "changed",
 *   "added", "removed"), as in the JSON diff
 */
const char        *hl_diff_status_to_string       (HlDiffStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlTraceDiff, hl_trace_diff_unref)

G_END_DECLS
