/* hl-key-comparison.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The Keys panel's comparison card: each derived value (pre-master
 * secret, master secret, key block, each Finished's handshake hash and
 * verify_data) as the client's engine and the server's engine computed
 * it, side by side, with a mark computed by comparing the bytes; and,
 * once the eavesdropper of a lesson has recomputed the session from its
 * recording, its values in a third column, compared with the session's.
 *
 * Values are found by field id in the compute steps (and the
 * eavesdropper's step) reached so far.  Widgets a test may look for:
 * each value's row has the CSS class "key-comparison" and its field id
 * as widget name ("keys.master_secret", "keys.client_finished.verify_data",
 * …); in it, each side's value has "side-value" and "client", "server" or
 * "eavesdropper", a side without a value "side-missing", and the marks
 * "comparison-mark" with "same" or "different".
 */

#include <gtk/gtk.h>

#include "hl-trace.h"

G_BEGIN_DECLS

/**
 * HlKeyComparison:
 *
 * What the comparison card shows at one position of a trace: each side's
 * value of each row, and whether the run ended there, the eavesdropper
 * is shown, the connection resumes a session.  It refers to the values
 * in the trace and lives no longer than it.
 */
typedef struct _HlKeyComparison HlKeyComparison;

/**
 * hl_key_comparison_collect:
 * @trace: a sealed trace
 * @position: how many of its steps are shown
 *
 * Returns: (transfer full) (nullable): what the card shows at @position,
 *   or %NULL when no value has been computed yet: then there is no card
 */
HlKeyComparison *hl_key_comparison_collect  (HlTrace               *trace,
                                             guint                  position);

/**
 * hl_key_comparison_equal:
 * @a: (nullable): a comparison
 * @b: (nullable): another comparison of the same trace
 *
 * Two positions where the card would show the same have equal
 * comparisons: the Keys panel keeps the card it has.
 *
 * Returns: %TRUE if @a and @b make the same card
 */
gboolean         hl_key_comparison_equal    (const HlKeyComparison *a,
                                             const HlKeyComparison *b);

/**
 * hl_key_comparison_new_card:
 * @comparison: what to show
 *
 * Returns: (transfer floating): the comparison card
 */
GtkWidget       *hl_key_comparison_new_card (const HlKeyComparison *comparison);

/**
 * hl_key_comparison_free:
 * @comparison: (nullable): a comparison
 */
void             hl_key_comparison_free     (HlKeyComparison       *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlKeyComparison, hl_key_comparison_free)

G_END_DECLS
