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
 * hl_key_comparison_new:
 * @trace: the trace played
 * @position: how many of its steps are shown
 *
 * Returns: (transfer floating) (nullable): the comparison card for the
 *   connection of the last step shown, or %NULL when no side has
 *   computed any of the values yet
 */
GtkWidget *hl_key_comparison_new (HlTrace *trace,
                                  guint    position);

G_END_DECLS
