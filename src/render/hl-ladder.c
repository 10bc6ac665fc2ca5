/* hl-ladder.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-ladder"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "hl-ladder-private.h"

/*
 * The drawing: lane headers, then each step shown as an arrow between
 * lanes or a note on one, the current one highlighted and animated.
 */

void
hl_ladder_set_color (cairo_t             *cr,
                     const HlLadderColor *color,
                     double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
hl_ladder_rounded_rectangle (cairo_t *cr,
                             double   x,
                             double   y,
                             double   width,
                             double   height,
                             double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A padlock, closed, centred on (x, y), @size high. */
static void
draw_lock (cairo_t             *cr,
           double               x,
           double               y,
           double               size,
           const HlLadderColor *color,
           double               alpha)
{
  double body_w = size * 0.78;
  double body_h = size * 0.55;
  double body_y = y - size / 2 + size * 0.45;

  cairo_save (cr);
  hl_ladder_set_color (cr, color, alpha);
  hl_ladder_rounded_rectangle (cr, x - body_w / 2, body_y, body_w, body_h, size * 0.1);
  cairo_fill (cr);
  cairo_set_line_width (cr, size * 0.13);
  cairo_new_path (cr);
  cairo_arc (cr, x, body_y, size * 0.24, G_PI, 2 * G_PI);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_check (cairo_t *cr,
            double   x,
            double   y,
            double   r)
{
  cairo_move_to (cr, x - r * 0.5, y + r * 0.02);
  cairo_line_to (cr, x - r * 0.12, y + r * 0.4);
  cairo_line_to (cr, x + r * 0.52, y - r * 0.38);
  cairo_stroke (cr);
}

static void
draw_cross (cairo_t *cr,
            double   x,
            double   y,
            double   r)
{
  cairo_move_to (cr, x - r * 0.4, y - r * 0.4);
  cairo_line_to (cr, x + r * 0.4, y + r * 0.4);
  cairo_move_to (cr, x + r * 0.4, y - r * 0.4);
  cairo_line_to (cr, x - r * 0.4, y + r * 0.4);
  cairo_stroke (cr);
}

/* "!" for a check that passed on something guidance calls too weak. */
static void
draw_exclamation (cairo_t *cr,
                  double   x,
                  double   y,
                  double   r)
{
  cairo_move_to (cr, x, y - r * 0.5);
  cairo_line_to (cr, x, y + r * 0.1);
  cairo_move_to (cr, x, y + r * 0.45);
  cairo_line_to (cr, x, y + r * 0.46);
  cairo_stroke (cr);
}

static void
draw_lane_header (cairo_t              *cr,
                  const HlLadderLayout *ladder,
                  double                x,
                  const char          *name,
                  const char          *detail,
                  const HlLadderColor *color)
{
  const HlLadderStyle *style = &ladder->style;
  double f = style->font_size;
  double w = f * 7.6;
  double h = f * 3.2;
  double y = f * 0.7;
  PangoLayout *layout;
  int tw, th;

  hl_ladder_set_color (cr, color, 0.12);
  hl_ladder_rounded_rectangle (cr, x - w / 2, y, w, h, f * 0.6);
  cairo_fill_preserve (cr);
  hl_ladder_set_color (cr, color, 0.6);
  cairo_set_line_width (cr, 1.5 * style->line_width);
  cairo_stroke (cr);

  layout = hl_ladder_create_text (ladder->context, style, 1.15, PANGO_WEIGHT_BOLD, name);
  pango_layout_get_pixel_size (layout, &tw, &th);
  hl_ladder_set_color (cr, color, 1);
  cairo_move_to (cr, x - tw / 2., y + f * 0.35);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);

  layout = hl_ladder_create_text (ladder->context, style, 0.8, PANGO_WEIGHT_NORMAL, detail);
  pango_layout_get_pixel_size (layout, &tw, &th);
  hl_ladder_set_color (cr, &style->dim, 1);
  cairo_move_to (cr, x - tw / 2., y + h - th - f * 0.3);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_story_badge (cairo_t              *cr,
                  const HlLadderLayout *ladder,
                  double                y,
                  guint                 story,
                  gboolean              current)
{
  const HlLadderStyle *style = &ladder->style;
  double f = style->font_size;
  double x = SIDE_MARGIN (f) + GUTTER (f) / 2;
  double r = f * (ladder->compact ? 0.7 : 0.85);
  g_autofree char *text = g_strdup_printf ("%u", story);
  PangoLayout *layout;
  int tw, th;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  hl_ladder_set_color (cr, &style->accent, current ? 1 : 0.15);
  cairo_fill (cr);

  layout = hl_ladder_create_text (ladder->context, style, 0.85, PANGO_WEIGHT_BOLD, text);
  pango_layout_get_pixel_size (layout, &tw, &th);
  if (current)
    hl_ladder_set_color (cr, &style->background, 1);
  else
    hl_ladder_set_color (cr, &style->accent, 1);
  cairo_move_to (cr, x - tw / 2., y - th / 2.);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static double
ease_out_cubic (double t)
{
  t = CLAMP (t, 0, 1);
  return 1 - pow (1 - t, 3);
}

static void
draw_message (cairo_t                  *cr,
              const HlLadderStyle      *style,
              HlStep                   *step,
              const HlLadderStepLabels *labels,
              double                    progress)
{
  const HlLadderPlace *place = &labels->place;
  double f = style->font_size;
  HlActor sender = hl_step_get_actor (step);
  double from = place->from;
  double to = place->to;
  gboolean encrypted = hl_step_get_encrypted (step);
  gboolean failed_alert = hl_step_get_kind (step) == HL_STEP_ALERT && hl_step_get_verdict (step) == HL_VERDICT_FAILED;
  const HlLadderColor *color;
  double dir = to > from ? 1 : -1;
  double line_y = place->line_y;
  double travel = ease_out_cubic (progress);
  double tip = from + (to - from - dir * 2) * travel;
  double head = f * 0.75;
  double label_alpha = CLAMP (progress * 2, 0, 1);

  if (failed_alert)
    color = &style->error;
  else if (encrypted)
    color = &style->encrypted;
  else
    color = hl_ladder_actor_color (style, sender);

  /* The shaft, then the head at the tip: the message in flight. */
  hl_ladder_set_color (cr, color, 1);
  cairo_set_line_width (cr, (encrypted ? 3 : 2) * style->line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (encrypted)
    {
      double dashes[] = { f * 0.9, f * 0.35 };

      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_move_to (cr, from, line_y);
  cairo_line_to (cr, tip - dir * head * 0.6, line_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_move_to (cr, tip, line_y);
  cairo_line_to (cr, tip - dir * head, line_y - head * 0.5);
  cairo_line_to (cr, tip - dir * head, line_y + head * 0.5);
  cairo_close_path (cr);
  cairo_fill (cr);

  cairo_new_path (cr);
  cairo_arc (cr, from, line_y, f * 0.25, 0, 2 * G_PI);
  cairo_fill (cr);

  /* Held on the network lane: it goes on further down.  Neutral, not
   * red: what happens to it there is not given away before it happens. */
  if (place->held && travel >= 1)
    {
      double dashes[] = { f * 0.3, f * 0.25 };

      cairo_save (cr);
      hl_ladder_set_color (cr, &style->dim, 1);
      cairo_set_line_width (cr, 1.5 * style->line_width);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_new_path (cr);
      cairo_arc (cr, to, line_y, f * 0.7, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* The label rides above the arrow, centred between the lanes. */
  if (encrypted)
    draw_lock (cr, place->title.x - place->lock_width + f * 0.5,
               place->title.y + place->title.height - f * 0.6 - f * 0.1, f * 1.0, color, label_alpha);

  hl_ladder_set_color (cr, failed_alert ? &style->error : &style->foreground, label_alpha);
  cairo_move_to (cr, place->title.x, place->title.y);
  pango_cairo_show_layout (cr, labels->title);

  if (labels->detail != NULL)
    {
      hl_ladder_set_color (cr, &style->dim, label_alpha);
      cairo_move_to (cr, place->detail.x, place->detail.y);
      pango_cairo_show_layout (cr, labels->detail);
    }
}

/* A pair of scissors: two rings and two crossed blades, centred on (x, y). */
static void
draw_scissors (cairo_t *cr,
               double   x,
               double   y,
               double   r)
{
  cairo_new_path (cr);
  cairo_arc (cr, x - r * 0.45, y + r * 0.45, r * 0.22, 0, 2 * G_PI);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + r * 0.45, y + r * 0.45, r * 0.22, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_move_to (cr, x - r * 0.3, y + r * 0.28);
  cairo_line_to (cr, x + r * 0.42, y - r * 0.6);
  cairo_move_to (cr, x + r * 0.3, y + r * 0.28);
  cairo_line_to (cr, x - r * 0.42, y - r * 0.6);
  cairo_stroke (cr);
}

/* The attacker's cut: the record's arrow runs from its sender to the
 * network lane in the sender's colour, a red ✂ marks where it was changed,
 * and what goes on to the receiver is red. */
static void
draw_tamper (cairo_t                  *cr,
             const HlLadderLayout     *ladder,
             HlStep                   *step,
             const HlLadderStepLabels *labels,
             double                    progress)
{
  const HlLadderStyle *style = &ladder->style;
  const HlLadderPlace *place = &labels->place;
  double f = style->font_size;
  const HlRecord *record = hl_trace_get_record (ladder->trace, hl_step_get_record (step));
  HlActor sender = record != NULL ? record->sender : HL_ACTOR_CLIENT;
  double from = place->from;
  double to = place->to;
  double mid = ladder->lanes.network_x;
  double dir = to > from ? 1 : -1;
  double line_y = place->line_y;
  double head = f * 0.75;
  double r = f * 0.95;
  double first = ease_out_cubic (CLAMP (progress * 2, 0, 1));
  double second = ease_out_cubic (CLAMP (progress * 2 - 1, 0, 1));
  double label_alpha = CLAMP (progress * 2, 0, 1);
  const HlLadderColor *color = record != NULL && record->encrypted ? &style->encrypted : hl_ladder_actor_color (style, sender);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The record's first half is already drawn when its message was held
   * on the network lane. */
  if (!place->continues)
    {
      hl_ladder_set_color (cr, color, 1);
      cairo_set_line_width (cr, 2 * style->line_width);
      cairo_move_to (cr, from, line_y);
      cairo_line_to (cr, from + (mid - dir * r - from) * first, line_y);
      cairo_stroke (cr);
      cairo_new_path (cr);
      cairo_arc (cr, from, line_y, f * 0.25, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  if (second > 0)
    {
      double start = mid + dir * r;
      double tip = start + (to - dir * 2 - start) * second;
      double dashes[] = { f * 0.5, f * 0.3 };

      hl_ladder_set_color (cr, &style->error, 1);
      cairo_set_line_width (cr, 2.5 * style->line_width);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_move_to (cr, start, line_y);
      cairo_line_to (cr, tip - dir * head * 0.6, line_y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, tip, line_y);
      cairo_line_to (cr, tip - dir * head, line_y - head * 0.5);
      cairo_line_to (cr, tip - dir * head, line_y + head * 0.5);
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  if (first >= 1)
    {
      cairo_new_path (cr);
      cairo_arc (cr, mid, line_y, r, 0, 2 * G_PI);
      hl_ladder_set_color (cr, &style->error, 1);
      cairo_fill_preserve (cr);
      hl_ladder_set_color (cr, &style->background, 1);
      cairo_set_line_width (cr, 2 * style->line_width);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 1.8 * style->line_width);
      draw_scissors (cr, mid, line_y, r);
    }

  hl_ladder_set_color (cr, &style->error, label_alpha);
  cairo_move_to (cr, place->title.x, place->title.y);
  pango_cairo_show_layout (cr, labels->title);

  cairo_restore (cr);
}

/* The marker on the lane says what kind of thing happened there. */
static void
draw_marker (cairo_t             *cr,
             const HlLadderStyle *style,
             HlStep              *step,
             double               x,
             double               y,
             double               alpha)
{
  double f = style->font_size;
  HlVerdict verdict = hl_step_get_verdict (step);
  const HlLadderColor *color = hl_ladder_actor_color (style, hl_step_get_actor (step));
  double r = f * 0.55;

  if (verdict == HL_VERDICT_FAILED)
    {
      r = f * 0.95;
      color = &style->error;
    }
  else if (verdict == HL_VERDICT_OK)
    color = &style->success;
  else if (verdict == HL_VERDICT_WARNING)
    color = &style->warning;

  cairo_save (cr);
  cairo_new_path (cr);
  if (hl_step_get_kind (step) == HL_STEP_COMPUTE)
    {
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.15, y);
      cairo_line_to (cr, x, y + r * 1.15);
      cairo_line_to (cr, x - r * 1.15, y);
      cairo_close_path (cr);
    }
  else
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  hl_ladder_set_color (cr, color, alpha);
  cairo_fill_preserve (cr);
  hl_ladder_set_color (cr, &style->background, alpha);
  cairo_set_line_width (cr, 2 * style->line_width);
  cairo_stroke (cr);

  hl_ladder_set_color (cr, &style->background, alpha);
  cairo_set_line_width (cr, (verdict == HL_VERDICT_FAILED ? 2.5 : 1.8) * style->line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (verdict == HL_VERDICT_OK)
    draw_check (cr, x, y, r);
  else if (verdict == HL_VERDICT_FAILED)
    draw_cross (cr, x, y, r);
  else if (verdict == HL_VERDICT_WARNING)
    draw_exclamation (cr, x, y, r);
  cairo_restore (cr);
}

static void
draw_note (cairo_t                  *cr,
           const HlLadderStyle      *style,
           HlStep                   *step,
           const HlLadderStepLabels *labels,
           double                    progress)
{
  const HlLadderPlace *place = &labels->place;
  const HlLadderBox *box = &place->box;
  HlActor actor = hl_step_get_actor (step);
  double x = place->from;
  gboolean callout = hl_ladder_step_is_callout (step);
  double alpha = CLAMP (progress * 1.5, 0, 1);
  double f = style->font_size;
  double marker_y = place->marker_y;
  const HlLadderColor *tint = callout && !hl_ladder_step_is_eavesdrop (step) ?
                              &style->error : hl_ladder_actor_color (style, actor);

  /* The connector first, then the box over it: the line ends at the box's
   * edge and never runs through its text. */
  if (callout)
    {
      /* Tie the reason to the side that failed: straight down into the
       * box when the lane crosses it, else down and across to its edge. */
      hl_ladder_set_color (cr, tint, alpha);
      cairo_set_line_width (cr, 2 * style->line_width);
      cairo_move_to (cr, x, marker_y);
      if (x > box->x && x < box->x + box->width)
        cairo_line_to (cr, x, box->y);
      else
        {
          cairo_line_to (cr, x, box->y + box->height / 2);
          cairo_line_to (cr, x > box->x ? box->x + box->width : box->x, box->y + box->height / 2);
        }
      cairo_stroke (cr);
    }
  else
    {
      hl_ladder_set_color (cr, tint, 0.5 * alpha);
      cairo_set_line_width (cr, 1 * style->line_width);
      cairo_move_to (cr, x, marker_y);
      cairo_line_to (cr, actor == HL_ACTOR_SERVER ? box->x + box->width : box->x, marker_y);
      cairo_stroke (cr);
    }

  /* Opaque under the tint: lifelines stop at the box. */
  hl_ladder_set_color (cr, &style->background, alpha);
  hl_ladder_rounded_rectangle (cr, box->x, box->y, box->width, box->height, f * 0.45);
  cairo_fill (cr);
  hl_ladder_set_color (cr, tint, callout ? 0.14 * alpha : 0.08 * alpha);
  hl_ladder_rounded_rectangle (cr, box->x, box->y, box->width, box->height, f * 0.45);
  cairo_fill_preserve (cr);
  hl_ladder_set_color (cr, tint, (callout ? 0.8 : 0.3) * alpha);
  cairo_set_line_width (cr, (callout ? 2 : 1) * style->line_width);
  cairo_stroke (cr);

  hl_ladder_set_color (cr, callout ? tint : &style->foreground, alpha);
  cairo_move_to (cr, place->title.x, place->title.y);
  pango_cairo_show_layout (cr, labels->title);
  if (labels->reason != NULL)
    {
      hl_ladder_set_color (cr, &style->foreground, alpha);
      cairo_move_to (cr, place->reason.x, place->reason.y);
      pango_cairo_show_layout (cr, labels->reason);
    }

  draw_marker (cr, style, step, x, marker_y, alpha);
}

/* Smaller in a fitted diagram, whose rows are lower. */
void
hl_ladder_draw_lane_lock (cairo_t             *cr,
                          const HlLadderStyle *style,
                          double               x,
                          double               y,
                          gboolean             compact)
{
  double f = style->font_size * (compact ? 0.75 : 1);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, f * 0.9, 0, 2 * G_PI);
  hl_ladder_set_color (cr, &style->background, 1);
  cairo_fill_preserve (cr);
  hl_ladder_set_color (cr, &style->encrypted, 1);
  cairo_set_line_width (cr, 2 * style->line_width);
  cairo_stroke (cr);
  draw_lock (cr, x, y, f * 0.95, &style->encrypted, 1);
}

void
hl_ladder_draw_lane_segment (cairo_t             *cr,
                             const HlLadderStyle *style,
                             double               x,
                             double               from,
                             double               to,
                             gboolean             encrypted)
{
  if (to <= from)
    return;

  if (encrypted)
    {
      hl_ladder_set_color (cr, &style->encrypted, 0.55);
      cairo_set_line_width (cr, 4 * style->line_width);
    }
  else
    {
      hl_ladder_set_color (cr, &style->dim, 0.45);
      cairo_set_line_width (cr, 2 * style->line_width);
    }
  cairo_move_to (cr, x, from);
  cairo_line_to (cr, x, to);
  cairo_stroke (cr);
}

/* After its ChangeCipherSpec, everything a side sends is encrypted: its
 * lane turns to the colour of encrypted messages below that row, with a
 * padlock where it happened, until a new connection starts in plaintext
 * again (a resumed session's second handshake). */
static void
draw_lane (cairo_t              *cr,
           const HlLadderLayout *ladder,
           guint                 position,
           HlActor               actor,
           double                x,
           double                bottom)
{
  const HlLadderStyle *style = &ladder->style;
  double f = style->font_size;
  double start = HEADER_HEIGHT (f) - f * 0.9;
  double lane_bottom = HEADER_HEIGHT (f);
  gboolean encrypted = FALSE;
  g_autoptr(GArray) locks = g_array_new (FALSE, FALSE, sizeof (double));
  guint connection = position > 0 ? hl_step_get_connection (hl_trace_get_step (ladder->trace, 0)) : 0;

  for (guint i = 0; i < position; i++)
    {
      HlStep *step = hl_trace_get_step (ladder->trace, i);
      const HlLadderPlace *place = &ladder->steps[i].place;

      if (hl_step_get_connection (step) != connection)
        {
          hl_ladder_draw_lane_segment (cr, style, x, start, place->top, encrypted);
          start = place->top;
          encrypted = FALSE;
          connection = hl_step_get_connection (step);
        }
      if (!encrypted && hl_step_get_actor (step) == actor &&
          hl_step_get_kind (step) == HL_STEP_CHANGE_CIPHER_SPEC)
        {
          hl_ladder_draw_lane_segment (cr, style, x, start, place->line_y, FALSE);
          start = place->line_y;
          encrypted = TRUE;
          g_array_append_val (locks, place->line_y);
        }
      lane_bottom = place->top + place->height;
    }
  hl_ladder_draw_lane_segment (cr, style, x, start, MAX (lane_bottom, bottom), encrypted);

  for (guint i = 0; i < locks->len; i++)
    hl_ladder_draw_lane_lock (cr, style, x, g_array_index (locks, double, i), ladder->compact);
}

void
hl_ladder_draw_lane_headers (cairo_t              *cr,
                             const HlLadderLayout *ladder)
{
  const HlLadderStyle *style = &ladder->style;
  const HlLadderLanes *lanes = &ladder->lanes;

  draw_lane_header (cr, ladder, lanes->client_x, _("Client"), _("BearSSL client"), &style->client);
  draw_lane_header (cr, ladder, lanes->server_x, _("Server"), _("BearSSL server"), &style->server);
  if (lanes->has_network)
    draw_lane_header (cr, ladder, lanes->network_x, _("Network"), _("on the wire"), &style->network);
}

/* Where a second connection starts (a resumed session): a dashed rule
 * across the lanes, named. */
void
hl_ladder_draw_connection_break (cairo_t              *cr,
                                 const HlLadderLayout *ladder,
                                 double                y,
                                 guint                 connection)
{
  const HlLadderStyle *style = &ladder->style;
  double f = style->font_size;
  double dashes[] = { f * 0.6, f * 0.4 };
  g_autofree char *text = g_strdup_printf (_("Connection %u"), connection + 1);
  PangoLayout *label = hl_ladder_create_text (ladder->context, style, 0.8, PANGO_WEIGHT_BOLD, text);
  int tw, th;

  pango_layout_get_pixel_size (label, &tw, &th);
  cairo_save (cr);
  hl_ladder_set_color (cr, &style->foreground, 1);
  cairo_set_line_width (cr, 1 * style->line_width);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_move_to (cr, SIDE_MARGIN (f), y);
  cairo_line_to (cr, ladder->width - SIDE_MARGIN (f), y);
  cairo_stroke (cr);
  cairo_restore (cr);

  hl_ladder_set_color (cr, &style->background, 1);
  cairo_rectangle (cr, ladder->width - SIDE_MARGIN (f) - tw - f * 0.8, y - th / 2., tw + f * 0.6, th);
  cairo_fill (cr);
  hl_ladder_set_color (cr, &style->foreground, 1);
  cairo_move_to (cr, ladder->width - SIDE_MARGIN (f) - tw - f * 0.5, y - th / 2.);
  pango_cairo_show_layout (cr, label);
  g_object_unref (label);
}

void
hl_ladder_draw_step (cairo_t              *cr,
                     const HlLadderLayout *layout,
                     guint                 index,
                     double                progress)
{
  HlStep *step = hl_trace_get_step (layout->trace, index);
  const HlLadderStepLabels *labels = &layout->steps[index];

  if (hl_ladder_step_is_tamper (step))
    draw_tamper (cr, layout, step, labels, progress);
  else if (hl_ladder_step_is_arrow (step))
    draw_message (cr, &layout->style, step, labels, progress);
  else
    draw_note (cr, &layout->style, step, labels, progress);
}

void
hl_ladder_draw_headers (cairo_t              *cr,
                        const HlLadderLayout *layout)
{
  double f;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  f = layout->style.font_size;
  cairo_save (cr);
  hl_ladder_set_color (cr, &layout->style.background, 1);
  cairo_rectangle (cr, 0, 0, layout->width, HEADER_HEIGHT (f) - f * 0.6);
  cairo_fill (cr);
  hl_ladder_set_color (cr, &layout->style.dim, 0.45);
  cairo_set_line_width (cr, 1 * layout->style.line_width);
  cairo_move_to (cr, 0, HEADER_HEIGHT (f) - f * 0.6);
  cairo_line_to (cr, layout->width, HEADER_HEIGHT (f) - f * 0.6);
  cairo_stroke (cr);
  hl_ladder_draw_lane_headers (cr, layout);
  cairo_restore (cr);
}

void
hl_ladder_draw (cairo_t              *cr,
                const HlLadderLayout *layout,
                guint                 position,
                double                progress,
                double                height)
{
  const HlLadderStyle *style;
  const HlLadderLanes *lanes;
  double f;
  double width;
  guint last_story = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  style = &layout->style;
  lanes = &layout->lanes;
  f = style->font_size;
  width = layout->width;
  position = MIN (position, layout->n_steps);
  progress = CLAMP (progress, 0, 1);

  cairo_save (cr);

  hl_ladder_set_color (cr, &style->background, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  draw_lane (cr, layout, position, HL_ACTOR_CLIENT, lanes->client_x, height - FOOTER (f));
  draw_lane (cr, layout, position, HL_ACTOR_SERVER, lanes->server_x, height - FOOTER (f));
  if (lanes->has_network)
    draw_lane (cr, layout, position, HL_ACTOR_NETWORK, lanes->network_x, height - FOOTER (f));

  hl_ladder_draw_lane_headers (cr, layout);

  if (position == 0)
    {
      PangoLayout *hint;
      int tw, th;

      hint = hl_ladder_create_text (layout->context, style, 1.0, PANGO_WEIGHT_NORMAL,
                                    _("Press Play or → to start the handshake"));
      pango_layout_set_wrap (hint, PANGO_WRAP_WORD);
      pango_layout_set_width (hint, (lanes->server_x - lanes->client_x - f * 2) * PANGO_SCALE);
      pango_layout_set_alignment (hint, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (hint, &tw, &th);
      hl_ladder_set_color (cr, &style->foreground, 1);
      cairo_move_to (cr, (lanes->client_x + lanes->server_x) / 2 - tw / 2., HEADER_HEIGHT (f) + f);
      pango_cairo_show_layout (cr, hint);
      g_object_unref (hint);
    }

  for (guint i = 0; i < position; i++)
    {
      HlStep *step = hl_trace_get_step (layout->trace, i);
      const HlLadderStepLabels *labels = &layout->steps[i];
      double y = labels->place.top;
      double h = labels->place.height;
      gboolean current = style->mark_current && i + 1 == position;
      guint story = hl_step_get_story (step);

      if (i > 0 && hl_step_get_connection (step) != hl_step_get_connection (hl_trace_get_step (layout->trace, i - 1)))
        hl_ladder_draw_connection_break (cr, layout, y, hl_step_get_connection (step));

      if (current)
        {
          hl_ladder_set_color (cr, &style->accent, 0.1);
          hl_ladder_rounded_rectangle (cr, SIDE_MARGIN (f) * 0.5, y + 1, width - SIDE_MARGIN (f), h - 2, f * 0.5);
          cairo_fill_preserve (cr);
          hl_ladder_set_color (cr, &style->accent, 0.45);
          cairo_set_line_width (cr, 1.5 * style->line_width);
          cairo_stroke (cr);
        }

      if (story != 0 && (story != last_story || current))
        draw_story_badge (cr, layout, labels->place.marker_y, story, current);
      last_story = story;

      hl_ladder_draw_step (cr, layout, i, current ? progress : 1);
    }

  cairo_restore (cr);
}
