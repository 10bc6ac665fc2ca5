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
 * that a passed, failed and warned check look the same in every place;
 * and the one mapping of a verdict, or of a field's check flags, to the
 * style classes "success", "warning" and "error" that every panel uses.
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

/**
 * hl_verdict_get_css_class:
 * @verdict: a check's verdict
 *
 * Returns: (nullable): "success", "warning" or "error", or %NULL for
 *   %HL_VERDICT_NONE
 */
const char *hl_verdict_get_css_class     (HlVerdict verdict);

/**
 * hl_field_flags_get_css_class:
 * @flags: a field's flags, or the part of them a mark is about
 *
 * What a field's own checks say, as a style class: "error" when it is
 * an error, was recomputed and differs, or failed a check; "success" when
 * it was recomputed and matches, or passed a check.
 *
 * Returns: (nullable): "error", "success" or %NULL
 */
const char *hl_field_flags_get_css_class (HlFieldFlags flags);

/**
 * hl_widget_set_verdict_css_class:
 * @widget: a widget
 * @css_class: (nullable): "success", "warning" or "error", as the two
 *   functions above return
 *
 * Gives @widget @css_class and none of the other two: for a widget that
 * shows one step after another.
 */
void        hl_widget_set_verdict_css_class (GtkWidget  *widget,
                                             const char *css_class);

G_END_DECLS
