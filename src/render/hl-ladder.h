/* hl-ladder.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-ladder: the ladder (sequence) diagram of a trace, drawn with cairo.
 *
 * Pure cairo and pango, no GTK: the same code draws the diagram on screen
 * (HlSequenceView), and into SVG, PDF or PNG surfaces for export.
 *
 * The client's lane is on the left, the server's on the right, and a
 * network lane in the middle when a step of the trace is the network's.
 * Every step has a row of its own, top to bottom in trace order: a wire
 * message is an arrow from its sender's lane to its receiver's, labelled
 * with its title; anything else (a computation, a check, a state change) is
 * a note on its actor's lane.  Only the steps up to the playback position
 * are drawn; the last of them, the current step, is highlighted and drawn
 * @progress of the way (an arrow in flight, a note fading in).
 *
 * Coordinates are in the units of @cr; scale @cr to zoom.
 */

#include <cairo.h>

#include "hl-trace.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} HlLadderColor;

typedef struct
{
  const char    *font_family;   /* e.g. "Cantarell"; NULL for the default */
  double         font_size;     /* in units of the cairo context, e.g. 13 */
  HlLadderColor  background;
  HlLadderColor  foreground;
  HlLadderColor  dim;           /* secondary text, lanes */
  HlLadderColor  card;          /* background of notes and lane headers */
  HlLadderColor  accent;        /* the current step */
  HlLadderColor  client;
  HlLadderColor  server;
  HlLadderColor  network;
  HlLadderColor  encrypted;     /* messages protected by the negotiated keys */
  HlLadderColor  success;
  HlLadderColor  error;
  HlLadderColor  warning;       /* a check passed on something guidance calls too weak */
  double         line_width;    /* how thick lines are, 1 for the screen */
  gboolean       mark_current;  /* highlight the last step shown */
} HlLadderStyle;

typedef enum
{
  HL_LADDER_THEME_LIGHT,
  HL_LADDER_THEME_DARK,
  HL_LADDER_THEME_HIGH_CONTRAST,
} HlLadderTheme;

typedef enum
{
  HL_LADDER_FORMAT_SVG,
  HL_LADDER_FORMAT_PDF,
  HL_LADDER_FORMAT_PNG,
} HlLadderFormat;

/**
 * hl_ladder_style_init:
 * @style: the style to fill
 * @theme: the Adwaita palette, light or dark, or black on white with
 *   saturated colours and thick lines for a projector
 *
 * Fills @style with @theme's colours, the default font at 13 units, and
 * the current step marked.
 */
void     hl_ladder_style_init       (HlLadderStyle       *style,
                                     HlLadderTheme        theme);

/**
 * HlLadderLayout:
 *
 * Where every step of a trace goes at one width: the height of each row,
 * and each label wrapped to the room it has.  Nothing is ever cut with an
 * ellipsis: a label too long for one line wraps, and its row grows to
 * hold it.  The layout does not depend on the playback position, so that
 * the diagram keeps its size while playback advances.
 */
typedef struct _HlLadderLayout HlLadderLayout;

/**
 * hl_ladder_layout_new:
 * @trace: a sealed trace
 * @style: the style it is drawn in (copied)
 * @width: the width it is drawn at, in the units of the style's font size
 *
 * Returns: (transfer full): the layout; free it with hl_ladder_layout_free()
 */
HlLadderLayout *hl_ladder_layout_new            (HlTrace              *trace,
                                                 const HlLadderStyle  *style,
                                                 double                width);

/**
 * hl_ladder_layout_free:
 * @layout: (nullable) (transfer full): a layout, or %NULL
 *
 * Frees the layout and the texts it wrapped.
 */
void            hl_ladder_layout_free           (HlLadderLayout       *layout);

/**
 * hl_ladder_layout_new_fit:
 * @trace: a sealed trace
 * @style: the style it is drawn in (copied); its font size is the largest
 *   the layout uses
 * @width: the width it is drawn at
 * @height: the height the whole diagram should fit in
 * @min_font_size: the smallest font size it may use: the size of normal
 *   text, for the diagram to stay legible
 *
 * The whole run on one screen: every step compact (a message's title just
 * above its arrow, a note one line high beside its lane where the width
 * allows; a failure keeps its explanation), and the font as large as
 * fits @height, between @min_font_size and the style's.  When even
 * @min_font_size is too large the layout is taller than @height.  Labels
 * still wrap rather than being cut.
 *
 * Returns: (transfer full): the layout; free it with hl_ladder_layout_free()
 */
HlLadderLayout *hl_ladder_layout_new_fit        (HlTrace              *trace,
                                                 const HlLadderStyle  *style,
                                                 double                width,
                                                 double                height,
                                                 double                min_font_size);

/**
 * hl_ladder_layout_matches:
 * @layout: a layout
 * @trace: a trace
 * @style: a style
 * @width: a width
 *
 * Returns: %TRUE if @layout was made for this trace, style and width, so
 *   that a caller can keep it from one frame to the next
 */
gboolean        hl_ladder_layout_matches        (const HlLadderLayout *layout,
                                                 HlTrace              *trace,
                                                 const HlLadderStyle  *style,
                                                 double                width);

/**
 * hl_ladder_layout_matches_fit:
 * @layout: a layout
 * @trace: a trace
 * @style: a style
 * @width: a width
 * @height: a height
 * @min_font_size: a font size
 *
 * Returns: %TRUE if @layout was made by hl_ladder_layout_new_fit() with
 *   these arguments
 */
gboolean        hl_ladder_layout_matches_fit    (const HlLadderLayout *layout,
                                                 HlTrace              *trace,
                                                 const HlLadderStyle  *style,
                                                 double                width,
                                                 double                height,
                                                 double                min_font_size);

/**
 * hl_ladder_layout_get_font_size:
 * @layout: a layout
 *
 * Returns: the font size the layout uses: the style's, or for a fitted
 *   layout the size it chose
 */
double          hl_ladder_layout_get_font_size  (const HlLadderLayout *layout);

/**
 * hl_ladder_layout_get_height:
 * @layout: a layout
 *
 * Returns: the height of the whole diagram, every step included
 */
double          hl_ladder_layout_get_height     (const HlLadderLayout *layout);

/**
 * hl_ladder_layout_get_header_height:
 * @layout: a layout
 *
 * Returns: the height of the band of lane headers at the top
 */
double          hl_ladder_layout_get_header_height (const HlLadderLayout *layout);

/**
 * hl_ladder_layout_get_step_extent:
 * @layout: a layout
 * @index: a step of the trace, counted from 0
 * @y: (out): where the step's row starts
 * @height: (out): the height of its row
 *
 * Where a step is drawn, to scroll it into view.
 */
void            hl_ladder_layout_get_step_extent (const HlLadderLayout *layout,
                                                  guint                 index,
                                                  double               *y,
                                                  double               *height);

/**
 * hl_ladder_layout_step_at:
 * @layout: a layout
 * @position: how many steps are shown
 * @y: a vertical coordinate in the diagram
 *
 * Returns: the index of the shown step whose row holds @y, or -1
 */
int             hl_ladder_layout_step_at        (const HlLadderLayout *layout,
                                                 guint                 position,
                                                 double                y);

/**
 * hl_ladder_layout_check_labels:
 * @layout: a layout
 * @problems: (out) (optional) (transfer full): one line per label that does
 *   not fit, naming the step and the label
 *
 * Asks the layout, for every label of every step, what drawing would do:
 * whether the label was ellipsized, is wider than the room it was given,
 * or reaches out of its step's row.
 *
 * Returns: the number of labels that do not fit (0 when every text shows
 *   whole)
 */
guint           hl_ladder_layout_check_labels   (const HlLadderLayout *layout,
                                                 char                **problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlLadderLayout, hl_ladder_layout_free)

/**
 * hl_ladder_get_min_width:
 * @style: the style it is drawn in
 *
 * Returns: the narrowest width at which labels stay readable.
 */
double   hl_ladder_get_min_width    (const HlLadderStyle *style);

/**
 * hl_ladder_draw:
 * @cr: where to draw
 * @layout: the layout of the trace at the width to draw in
 * @position: how many steps are shown (0 to the number of steps); the last
 *   of them is the current step
 * @progress: how far the current step's animation is, from 0 to 1
 * @height: the height to draw in (the background fills it)
 *
 * Draws the diagram from (0, 0).
 */
void     hl_ladder_draw             (cairo_t              *cr,
                                     const HlLadderLayout *layout,
                                     guint                 position,
                                     double                progress,
                                     double                height);

/**
 * hl_ladder_draw_headers:
 * @cr: where to draw
 * @layout: the layout of the trace
 *
 * Draws the band of lane headers from (0, 0) on an opaque background: a
 * window draws it again at the top of what it shows, so that the lanes
 * keep their names when the diagram scrolls.
 */
void     hl_ladder_draw_headers     (cairo_t              *cr,
                                     const HlLadderLayout *layout);

/**
 * hl_ladder_render:
 * @trace: a sealed trace
 * @position: how many steps to draw, as for hl_ladder_draw(); the last of
 *   them is marked unless it is the last step of @trace
 * @format: the file format
 * @error: where a failure of cairo is reported
 *
 * Draws the diagram for print and slides: the light theme, the whole
 * height of the trace (steps after @position leave their rows empty, so
 * that exports of one run at different steps line up), every step
 * finished.  SVG and PDF are vector drawings in points; PNG is drawn at
 * twice the size for sharp slides.
 *
 * Returns: (transfer full): the file's bytes, or %NULL
 */
GBytes  *hl_ladder_render           (HlTrace             *trace,
                                     guint                position,
                                     HlLadderFormat       format,
                                     GError             **error);

G_END_DECLS
