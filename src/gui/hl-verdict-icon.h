/* hl-verdict-icon.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-verdict-icon: the one icon that shows a check's verdict wherever the
 * window shows it (the step list, the Keys and Certificates panels), so
 * that a passed, failed and warned check look the same in every place.
 */

#include <gtk/gtk.h>

#include "hl-step.h"

G_BEGIN_DECLS

/**
 * hl_verdict_icon_new:
 * @verdict: a check's verdict, not %HL_VERDICT_NONE
 *
 * Returns: (transfer floating): an icon for @verdict, coloured with the
 *   style classes "success", "error" or "warning", with a tooltip that
 *   says it in words
 */
GtkWidget  *hl_verdict_icon_new          (HlVerdict verdict);

/**
 * hl_verdict_describe:
 * @verdict: a check's verdict
 *
 * Returns: (nullable): the verdict in words for a screen reader, or %NULL
 *   for %HL_VERDICT_NONE
 */
const char *hl_verdict_describe          (HlVerdict verdict);

G_END_DECLS
