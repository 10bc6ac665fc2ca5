/* hl-message-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlMessageView: one step, field by field and byte by byte.
 *
 * A tree of the step's HlField above a hex dump of its bytes; selecting a
 * field highlights the bytes it stands for (or, for a field that carries
 * bytes of its own, such as a key, shows those).  An encrypted message
 * offers its protected record as it crossed the wire and, beside it, the
 * plaintext the recomputed keys decrypt, each with its own tree and bytes.
 *
 * Its static part (title, layer switch, tree above hex dump) is the
 * template ui/hl-message-view.ui; it follows its "player" as every panel
 * does (#HlPanel).
 */

#include <gtk/gtk.h>

#include "hl-panel.h"
#include "hl-player.h"
#include "hl-step.h"
#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_TYPE_MESSAGE_VIEW (hl_message_view_get_type ())

G_DECLARE_FINAL_TYPE (HlMessageView, hl_message_view, HL, MESSAGE_VIEW, HlPanel)

/**
 * hl_message_view_new:
 *
 * Returns: (transfer floating): a new message view, showing no step
 */
GtkWidget *hl_message_view_new      (void);

/**
 * hl_message_view_select_byte:
 * @self: a #HlMessageView
 * @offset: a byte of the bytes shown in the hex view
 *
 * Selects the deepest field that covers @offset, as a click on that byte
 * does.
 *
 * Returns: (transfer none) (nullable): the field selected, or %NULL when
 *   no field covers @offset
 */
HlField   *hl_message_view_select_byte (HlMessageView *self,
                                         gsize          offset);

G_END_DECLS
