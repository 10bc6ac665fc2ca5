/* hl-ladder-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the files of the ladder diagram share:
 *
 *   hl-ladder-layout.c  the styles, the lanes, the rows: where everything goes
 *   hl-ladder.c         the drawing
 *   hl-ladder-file.c    the diagram as an SVG, PDF or PNG file
 */

#include <pango/pangocairo.h>

#include "hl-ladder.h"
#include "hl-trace-diff.h"

G_BEGIN_DECLS

/* Every length is a multiple of the font size, so that zooming the font
 * zooms the whole diagram and a projector shows the same picture. */
#define HEADER_HEIGHT(f)   ((f) * 5.0)
#define SIDE_MARGIN(f)     ((f) * 0.8)
#define GUTTER(f)          ((f) * 2.4)
#define LANE_INSET(f)      ((f) * 4.4)
#define MESSAGE_HEIGHT(f)  ((f) * 4.0)
#define NOTE_HEIGHT(f)     ((f) * 2.9)
#define FAILURE_HEIGHT(f)  ((f) * 8.6)
#define FOOTER(f)          ((f) * 2.0)
/* A fitted diagram: one line of text per step where the width allows. */
#define COMPACT_MESSAGE_HEIGHT(f) ((f) * 1.85)
#define COMPACT_NOTE_HEIGHT(f)    ((f) * 1.5)
#define COMPACT_FOOTER(f)         ((f) * 0.5)

/* Where the lanes of the client, the server and the network stand. */
typedef struct
{
  double   client_x;
  double   server_x;
  double   network_x;
  gboolean has_network;
} HlLadderLanes;

/* A rectangle of the diagram. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} HlLadderBox;

/* Where one step's parts go.  Arrows (messages, tampered records): a line
 * from @from to @to at @line_y, the title (and the byte count) above it.
 * Notes and callouts: a box on or between the lanes, the marker on the
 * actor's lane at @marker_y. */
typedef struct
{
  double      top;
  double      height;
  double      from;
  double      to;
  double      line_y;
  double      marker_y;
  double      lock_width;
  HlLadderBox title;
  HlLadderBox detail;
  HlLadderBox reason;
  HlLadderBox box;
  double      title_room;   /* the widths the texts were wrapped to */
  double      reason_room;
  gboolean    held;         /* a message the network changes later: it stops on the network lane */
  gboolean    continues;    /* a tamper that goes on with a message held earlier */
} HlLadderPlace;

/* The texts of one step, wrapped to their room once per layout. */
typedef struct
{
  PangoLayout  *title;
  PangoLayout  *detail;     /* arrows: the byte count */
  PangoLayout  *reason;     /* callouts: the explanation */
  HlLadderPlace place;
} HlLadderStepLabels;

struct _HlLadderLayout
{
  HlTrace            *trace;
  HlLadderStyle       style;
  char               *font_family;
  double              width;
  HlLadderLanes       lanes;
  PangoContext       *context;
  guint               n_steps;
  HlLadderStepLabels *steps;
  double              height;
  gboolean            compact;      /* made by hl_ladder_layout_new_fit() */
  double              asked_font_size;
  double              fit_height;
  double              fit_min_font_size;
};

/**
 * hl_ladder_create_text:
 * @context: the layout's Pango context
 * @style: the style, whose font family and size it uses
 * @scale: the font size as a multiple of the style's
 * @weight: the font weight
 * @text: the text
 *
 * Returns: (transfer full): a Pango layout of @text, not yet wrapped
 */
PangoLayout         *hl_ladder_create_text       (PangoContext        *context,
                                                  const HlLadderStyle *style,
                                                  double               scale,
                                                  PangoWeight          weight,
                                                  const char          *text);

/**
 * hl_ladder_lane_x:
 * @lanes: the lanes of a layout
 * @actor: whose lane
 *
 * Returns: the x coordinate of @actor's lane
 */
double               hl_ladder_lane_x           (const HlLadderLanes *lanes,
                                                 HlActor              actor);

/**
 * hl_ladder_actor_color:
 * @style: a style
 * @actor: an actor
 *
 * Returns: (transfer none): the colour @style gives @actor, owned by @style
 */
const HlLadderColor *hl_ladder_actor_color      (const HlLadderStyle *style,
                                                 HlActor              actor);

/**
 * hl_ladder_step_is_tamper:
 * @step: a step of the trace
 *
 * The attacker changed a record on its way: drawn as that record's arrow,
 * cut on the network lane.
 *
 * Returns: whether @step is a fault of the network that names a record
 */
gboolean             hl_ladder_step_is_tamper   (HlStep              *step);

/**
 * hl_ladder_step_is_eavesdrop:
 * @step: a step of the trace
 *
 * The attacker only listens (or steals a key later): a note on its lane.
 *
 * Returns: whether @step is a fault of the network that names no record
 */
gboolean             hl_ladder_step_is_eavesdrop (HlStep             *step);

/**
 * hl_ladder_step_is_failure:
 * @step: a step of the trace
 *
 * Returns: whether @step is a side's failure: a failed verdict on a step
 *   that is neither a message nor a fault of the network
 */
gboolean             hl_ladder_step_is_failure  (HlStep              *step);

/**
 * hl_ladder_step_is_callout:
 * @step: a step of the trace
 *
 * A callout is a note drawn with its explanation under the title.
 *
 * Returns: whether @step is a failure or an eavesdropper's step
 */
gboolean             hl_ladder_step_is_callout  (HlStep              *step);

/**
 * hl_ladder_step_is_arrow:
 * @step: a step of the trace
 *
 * Other network steps are notes on the network lane: they have no single
 * receiver.
 *
 * Returns: whether @step is drawn as an arrow between lanes: a message of
 *   the client or the server, or a tampered record
 */
gboolean             hl_ladder_step_is_arrow    (HlStep              *step);

/**
 * hl_ladder_set_color:
 * @cr: where to draw
 * @color: a colour of the style
 * @alpha: how opaque, times the colour's own alpha
 *
 * Sets @color as the source of @cr.
 */
void                 hl_ladder_set_color        (cairo_t             *cr,
                                                 const HlLadderColor *color,
                                                 double               alpha);

/**
 * hl_ladder_rounded_rectangle:
 * @cr: where to draw
 * @x: the left edge
 * @y: the top edge
 * @width: the width
 * @height: the height
 * @radius: the corners' radius
 *
 * Adds a rectangle with rounded corners to the path of @cr.
 */
void                 hl_ladder_rounded_rectangle (cairo_t            *cr,
                                                  double              x,
                                                  double              y,
                                                  double              width,
                                                  double              height,
                                                  double              radius);

/**
 * hl_ladder_draw_step:
 * @cr: where to draw
 * @layout: the layout of the trace
 * @index: the step, counted from 0
 * @progress: how far its animation is, from 0 to 1
 *
 * Draws one step where @layout places it: an arrow, a tampered record or
 * a note.  The single ladder and the comparison of two runs both draw
 * their steps with it.
 */
void                 hl_ladder_draw_step        (cairo_t              *cr,
                                                 const HlLadderLayout *layout,
                                                 guint                 index,
                                                 double                progress);

/**
 * hl_ladder_draw_lane_headers:
 * @cr: where to draw
 * @layout: the layout of the trace
 *
 * Draws the names of the lanes, at the top of the lanes.
 */
void                 hl_ladder_draw_lane_headers (cairo_t              *cr,
                                                  const HlLadderLayout *layout);

/**
 * hl_ladder_draw_lane_segment:
 * @cr: where to draw
 * @style: the style
 * @x: the lane
 * @from: where the segment starts
 * @to: where it ends
 * @encrypted: whether the side sends encrypted there
 *
 * Draws a piece of a lane.
 */
void                 hl_ladder_draw_lane_segment (cairo_t             *cr,
                                                  const HlLadderStyle *style,
                                                  double               x,
                                                  double               from,
                                                  double               to,
                                                  gboolean             encrypted);

/**
 * hl_ladder_draw_lane_lock:
 * @cr: where to draw
 * @style: the style
 * @x: the lane
 * @y: where its side starts to encrypt
 * @compact: whether it is drawn smaller, for a fitted diagram
 *
 * Draws the padlock on a lane where its side starts to encrypt.
 */
void                 hl_ladder_draw_lane_lock   (cairo_t             *cr,
                                                 const HlLadderStyle *style,
                                                 double               x,
                                                 double               y,
                                                 gboolean             compact);

/**
 * hl_ladder_draw_connection_break:
 * @cr: where to draw
 * @layout: the layout of the trace
 * @y: where the new connection starts
 * @connection: which connection, counted from 0
 *
 * Draws a named dashed rule across the layout's width.
 */
void                 hl_ladder_draw_connection_break (cairo_t              *cr,
                                                      const HlLadderLayout *layout,
                                                      double                y,
                                                      guint                 connection);

/**
 * HlLadderPaintFunc:
 * @cr: where to draw
 * @data: what the caller gave
 *
 * Draws a whole diagram from (0, 0) into a file's surface.
 */
typedef void (*HlLadderPaintFunc) (cairo_t  *cr,
                                   gpointer  data);

/**
 * hl_ladder_render_file:
 * @format: the file format
 * @width: the drawing's width, in points
 * @height: its height
 * @title: the PDF's title
 * @clock: the PDF's date, in seconds since 1970 (the run's clock)
 * @paint: draws the diagram
 * @data: for @paint
 * @error: where a failure of cairo is reported
 *
 * A drawing as an SVG, PDF or PNG file (twice the size).
 *
 * Returns: (transfer full): the file's bytes, or %NULL
 */
GBytes              *hl_ladder_render_file      (HlLadderFormat       format,
                                                 double               width,
                                                 double               height,
                                                 const char          *title,
                                                 gint64               clock,
                                                 HlLadderPaintFunc    paint,
                                                 gpointer             data,
                                                 GError             **error);

/**
 * hl_ladder_diff_changed_names:
 * @entry: a changed entry of a diff
 *
 * What changed other than by the seeds, to read at a glance: the names
 * of the innermost fields that differ, each once, the message's own
 * before the record layer's; the first few of them and how many more.
 *
 * Returns: (transfer full) (nullable): the names, or %NULL when every
 *   change comes from the seeds
 */
char                *hl_ladder_diff_changed_names (const HlStepDiff *entry);

G_END_DECLS
