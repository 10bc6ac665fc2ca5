/* hl-scroll.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-scroll: bring into view, in a panel's scrolled window, what playback
 * just reached (the Keys panel's newest card, the Certificates panel's
 * newest check).  Widgets made in this frame have no position yet: the
 * scroll waits, on the frame clock, until the target is laid out.
 */

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  HL_SCROLL_SHOW,          /* as little as shows the target's top */
  HL_SCROLL_TOP,           /* the target's top at the top */
  HL_SCROLL_WITH_CONTEXT,  /* its height of context above and below */
} HlScroll;

/**
 * hl_scroll_into_view:
 * @scroller: a panel's scrolled window
 * @target: a widget in its content, maybe made in this frame
 * @how: where @target should come to rest
 *
 * Scrolls @scroller to @target as soon as @target is laid out.  A later
 * call for the same @scroller replaces a scroll still waiting.
 */
void hl_scroll_into_view (GtkScrolledWindow *scroller,
                          GtkWidget         *target,
                          HlScroll           how);

G_END_DECLS
