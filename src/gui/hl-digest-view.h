/* hl-digest-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlDigestView: the Keys panel, what the key computations have
 * established so far.
 *
 * One card per compute step reached, in order, with each value the step
 * carries (randoms, pre-master secret, master secret, the key block and
 * its parts, verify_data), its "recomputed: matches" mark and secret
 * values set apart.  Cards appear as playback reaches their step; the
 * newest is marked.  A first card sets the client's and the server's
 * values side by side (hl-key-comparison.h).
 *
 * Its static part (scroller, box, the text shown before any key) is the
 * template ui/hl-digest-view.ui; it follows its "player" as every panel
 * does (#HlPanel).
 */

#include <gtk/gtk.h>

#include "hl-panel.h"
#include "hl-player.h"
#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_DIGEST_VIEW (hl_digest_view_get_type ())

G_DECLARE_FINAL_TYPE (HlDigestView, hl_digest_view, HL, DIGEST_VIEW, HlPanel)

/**
 * hl_digest_view_new:
 *
 * Returns: (transfer floating): an empty Keys panel
 */
GtkWidget *hl_digest_view_new        (void);

G_END_DECLS
