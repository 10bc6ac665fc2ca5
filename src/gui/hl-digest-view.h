/* hl-digest-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlDigestView: what the steps of one kind have established so far.
 *
 * For HL_STEP_COMPUTE it is the key material (randoms, pre-master secret,
 * master secret, the key block and its parts, verify_data), for
 * HL_STEP_CHECK the certificate checks: one card per step reached, in
 * order, with each value the step carries, its "recomputed: matches" mark
 * and secret values set apart.  Cards appear as playback reaches their
 * step; the newest is marked.  For HL_STEP_COMPUTE, a first card sets
 * the client's and the server's values side by side
 * (hl-key-comparison.h).
 */

#include <gtk/gtk.h>

#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_DIGEST_VIEW (hl_digest_view_get_type ())

G_DECLARE_FINAL_TYPE (HlDigestView, hl_digest_view, HL, DIGEST_VIEW, GtkWidget)

/**
 * hl_digest_view_new:
 * @kind: the kind of steps it sums up: %HL_STEP_COMPUTE (the Keys panel) or
 *   %HL_STEP_CHECK
 * @empty_text: the text it shows before playback reaches a step of @kind,
 *   copied
 *
 * Returns: (transfer floating): a new, empty digest view
 */
GtkWidget *hl_digest_view_new          (HlStepKind    kind,
                                        const char   *empty_text);

/**
 * hl_digest_view_set_position:
 * @self: a #HlDigestView
 * @trace: (nullable): the trace played
 * @position: how many of its steps are shown
 *
 * Shows the steps of the view's kind among the first @position steps.
 */
void       hl_digest_view_set_position (HlDigestView *self,
                                        HlTrace      *trace,
                                        guint         position);

G_END_DECLS
