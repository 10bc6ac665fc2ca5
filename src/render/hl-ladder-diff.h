/* hl-ladder-diff.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-ladder-diff: two runs side by side, as the ladders of an HlTraceDiff.
 *
 * Run A's ladder on the left, B's on the right, each under its name and
 * its lanes' names; between them a middle column says what each row is.
 * Every entry of the diff is one row, in the diff's order, so that two
 * steps paired by the diff stand at the same height (their arrows, or the
 * markers of their notes, on one line).  A step only B has is drawn in
 * B's column with "+ only in B" and an empty, dashed place in A's; a step
 * only A has likewise; a changed pair is marked "~ changed" with the
 * names of what changed, or "only the seed differs" when every change
 * comes from the runs' different seeds.  The first divergence the diff
 * names is framed in the accent colour and labelled.  Nothing is cut:
 * every text wraps and its row grows.
 */

#include <cairo.h>

#include "hl-ladder.h"
#include "hl-trace-diff.h"

G_BEGIN_DECLS

/**
 * HlLadderDiffRow:
 * @entry: the entry of the diff the row shows (rows go in entry order)
 * @status: the entry's status
 * @y: where the row starts
 * @height: how tall it is
 * @has_a: whether a step of A is drawn in the row
 * @has_b: whether a step of B is drawn in the row
 * @y_a: the height of A's step's arrow or marker, -1 without a step of A
 * @y_b: the same for B's step
 * @first_divergence: whether the row is the diff's first divergence,
 *   framed and labelled
 * @only_random: a changed pair whose every change comes from the seeds
 * @series: for the first of several steps in a row that only one run
 *   has, how many there are (one mark and one empty place stand for all
 *   of them); 1 for such a step alone; 0 for every other row
 * @mark_color: the colour of the row's mark in the middle column
 * @mark_background: what the mark is drawn on, opaque
 * @step_background: what the step's labels not in a box of their own
 *   are drawn on in its column, opaque: the band of a step only one run
 *   has, or the background
 *
 * Where one entry of the diff is drawn.
 */
typedef struct
{
  guint         entry;
  HlDiffStatus  status;
  double        y;
  double        height;
  gboolean      has_a;
  gboolean      has_b;
  double        y_a;
  double        y_b;
  gboolean      first_divergence;
  gboolean      only_random;
  guint         series;
  HlLadderColor mark_color;
  HlLadderColor mark_background;
  HlLadderColor step_background;
} HlLadderDiffRow;

/**
 * HlLadderDiffLayout:
 *
 * Where everything of a side-by-side comparison goes.
 */
typedef struct _HlLadderDiffLayout HlLadderDiffLayout;

/**
 * hl_ladder_diff_layout_new:
 * @diff: a diff of two runs
 * @name_a: (nullable): what to call run A, e.g. its lesson's id; %NULL for
 *   its scenario's id
 * @name_b: (nullable): the same for B
 * @style: the style it is drawn in (copied)
 *
 * Lays out the comparison: each run's ladder at a width wide enough for
 * every label at the style's font size, one row per entry of @diff.
 *
 * Returns: (transfer full): the layout; free it with
 *   hl_ladder_diff_layout_free()
 */
HlLadderDiffLayout    *hl_ladder_diff_layout_new          (HlTraceDiff         *diff,
                                                           const char          *name_a,
                                                           const char          *name_b,
                                                           const HlLadderStyle *style);

/**
 * hl_ladder_diff_layout_free:
 * @layout: (nullable) (transfer full): a layout, or %NULL
 *
 * Frees the layout.
 */
void                   hl_ladder_diff_layout_free         (HlLadderDiffLayout  *layout);

/**
 * hl_ladder_diff_layout_get_width:
 * @layout: a layout
 *
 * Returns: the width of the whole comparison
 */
double                 hl_ladder_diff_layout_get_width    (const HlLadderDiffLayout *layout);

/**
 * hl_ladder_diff_layout_get_height:
 * @layout: a layout
 *
 * Returns: the height of the whole comparison, every row included
 */
double                 hl_ladder_diff_layout_get_height   (const HlLadderDiffLayout *layout);

/**
 * hl_ladder_diff_layout_get_column_x:
 * @layout: a layout
 * @b: %FALSE for A's column, %TRUE for B's
 * @width: (out) (optional): the column's width
 *
 * Returns: where the column of A or B starts
 */
double                 hl_ladder_diff_layout_get_column_x (const HlLadderDiffLayout *layout,
                                                           gboolean                  b,
                                                           double                   *width);

/**
 * hl_ladder_diff_layout_get_n_rows:
 * @layout: a layout
 *
 * Returns: how many rows: one per entry of the diff
 */
guint                  hl_ladder_diff_layout_get_n_rows   (const HlLadderDiffLayout *layout);

/**
 * hl_ladder_diff_layout_get_row:
 * @layout: a layout
 * @index: a row, from 0
 *
 * Returns: (transfer none): the row
 */
const HlLadderDiffRow *hl_ladder_diff_layout_get_row      (const HlLadderDiffLayout *layout,
                                                           guint                     index);

/**
 * hl_ladder_diff_layout_check_labels:
 * @layout: a layout
 * @problems: (out) (optional) (transfer full): one line per label that does
 *   not fit
 *
 * Asks both ladders (hl_ladder_layout_check_labels()) and the comparison's
 * own texts (the runs' names, the marks in the middle column) whether a
 * label was ellipsized or is wider than its room.
 *
 * Returns: the number of labels that do not fit (0 when every text shows
 *   whole)
 */
guint                  hl_ladder_diff_layout_check_labels (const HlLadderDiffLayout *layout,
                                                           char                    **problems);

/**
 * hl_ladder_diff_draw:
 * @cr: where to draw
 * @layout: the comparison's layout
 *
 * Draws the whole comparison from (0, 0), every step finished.
 */
void                   hl_ladder_diff_draw                (cairo_t                  *cr,
                                                           const HlLadderDiffLayout *layout);

/**
 * hl_ladder_diff_render:
 * @diff: a diff of two runs
 * @name_a: (nullable): what to call run A; %NULL for its scenario's id
 * @name_b: (nullable): the same for B
 * @format: the file format
 * @error: where a failure of cairo is reported
 *
 * Draws the comparison for print and slides, in the light theme, as
 * hl_ladder_render() draws one run: SVG and PDF in points, PNG at twice
 * the size.
 *
 * Returns: (transfer full): the file's bytes, or %NULL
 */
GBytes                *hl_ladder_diff_render              (HlTraceDiff         *diff,
                                                           const char          *name_a,
                                                           const char          *name_b,
                                                           HlLadderFormat       format,
                                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlLadderDiffLayout, hl_ladder_diff_layout_free)

G_END_DECLS
