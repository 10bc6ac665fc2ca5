/* hl-hex-view.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlHexView: blocks of bytes, sixteen to a row, as a hex dump.
 *
 * Each row shows its offset, sixteen bytes in hexadecimal and the same
 * bytes as ASCII ('.' for a byte that is no printable character).  A block
 * may carry a title (a key, a random: a value of its own); the first one,
 * the bytes of the message, usually has none.
 *
 * The view never scrolls sideways: for the width it is given it picks the
 * largest monospace size, down to a legible minimum, at which a whole row
 * fits; when even that is too wide, the ASCII moves to a line of its own
 * below the hex, each character under its byte, and the type shrinks
 * further if it must.  It scrolls vertically
 * (it is a #GtkScrollable: put it in a #GtkScrolledWindow).  A click on a
 * byte emits #HlHexView::byte-activated.
 */

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HL_TYPE_HEX_VIEW (hl_hex_view_get_type ())

G_DECLARE_FINAL_TYPE (HlHexView, hl_hex_view, HL, HEX_VIEW, GtkWidget)

/**
 * HL_HEX_VIEW_MIN_FONT_SIZE:
 *
 * The smallest type, in points, the view ever shrinks to; it stops at
 * two thirds of the type of the window (presentation mode) if that is
 * larger.
 */
#define HL_HEX_VIEW_MIN_FONT_SIZE 8

/**
 * HL_HEX_VIEW_MIN_INLINE_FONT_SIZE:
 *
 * The smallest type, in points, for the ASCII beside the hex (or four
 * fifths of the window's type, if larger): below it, a larger type with
 * the ASCII on a line of its own reads better.
 */
#define HL_HEX_VIEW_MIN_INLINE_FONT_SIZE 9

/**
 * hl_hex_view_new:
 *
 * Returns: (transfer floating): a new, empty hex view
 */
GtkWidget  *hl_hex_view_new            (void);

/**
 * hl_hex_view_clear:
 * @self: a #HlHexView
 *
 * Removes every block.
 */
void        hl_hex_view_clear          (HlHexView  *self);

/**
 * hl_hex_view_add_block:
 * @self: a #HlHexView
 * @title: (nullable): what the bytes are, shown above them
 * @bytes: the bytes
 *
 * Appends a block of bytes.
 *
 * Returns: the block's number, counted from 0
 */
guint       hl_hex_view_add_block      (HlHexView  *self,
                                        const char *title,
                                        GBytes     *bytes);

/**
 * hl_hex_view_get_n_blocks:
 * @self: a #HlHexView
 *
 * Returns: how many blocks the view shows
 */
guint       hl_hex_view_get_n_blocks   (HlHexView  *self);

/**
 * hl_hex_view_highlight:
 * @self: a #HlHexView
 * @block: a block number
 * @offset: the first byte to highlight, in @block
 * @length: how many bytes; 0 removes the highlight
 *
 * Highlights bytes of one block, in the hex and in the ASCII, and scrolls
 * so that their first row is visible.
 */
void        hl_hex_view_highlight      (HlHexView  *self,
                                        guint       block,
                                        gsize       offset,
                                        gsize       length);

/**
 * hl_hex_view_get_n_rows:
 * @self: a #HlHexView
 *
 * Returns: how many lines the view draws at its current width: titles,
 *   rows of bytes and, when the ASCII is below the hex, ASCII lines
 */
guint       hl_hex_view_get_n_rows     (HlHexView  *self);

/**
 * hl_hex_view_get_row_text:
 * @self: a #HlHexView
 * @row: a line, below hl_hex_view_get_n_rows()
 *
 * Returns: (transfer full): the text the view draws on that line
 */
char       *hl_hex_view_get_row_text   (HlHexView  *self,
                                        guint       row);

/**
 * hl_hex_view_get_font_size:
 * @self: a #HlHexView
 *
 * Returns: the size of the type the current width allows, in points
 */
double      hl_hex_view_get_font_size  (HlHexView  *self);

/**
 * hl_hex_view_get_content_width:
 * @self: a #HlHexView
 *
 * Returns: the width, in pixels, of the widest line as the view lays it
 *   out, margins included
 */
int         hl_hex_view_get_content_width (HlHexView *self);

G_END_DECLS
