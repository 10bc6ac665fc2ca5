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

static void
hl_ladder_set_color (cairo_t             *cr,
                     const HlLadderColor *color,
                     double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static PangoLayout *
create_layout (cairo_t             *cr,
               const HlLadderStyle *style,
               double               scale,
               PangoWeight          weight,
               const char          *text)
{
  PangoFontDescription *font;
  PangoLayout *layout;

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_new ();
  if (style->font_family != NULL)
    pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
rounded_rectangle (cairo_t *cr,
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
  rounded_rectangle (cr, x - body_w / 2, body_y, body_w, body_h, size * 0.1);
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

static void
draw_lane_header (cairo_t             *cr,
                  const HlLadderStyle *style,
                  double               x,
                  const char          *name,
                  const char          *detail,
                  const HlLadderColor *color)
{
  double f = style->font_size;
  double w = f * 7.6;
  double h = f * 3.2;
  double y = f * 0.7;
  PangoLayout *layout;
  int tw, th;

  hl_ladder_set_color (cr, color, 0.12);
  rounded_rectangle (cr, x - w / 2, y, w, h, f * 0.6);
  cairo_fill_preserve (cr);
  hl_ladder_set_color (cr, color, 0.6);
  cairo_set_line_width (cr, 1.5 * style->line_width);
  cairo_stroke (cr);

  layout = create_layout (cr, style, 1.15, PANGO_WEIGHT_BOLD, name);
  pango_layout_get_pixel_size (layout, &tw, &th);
  hl_ladder_set_color (cr, color, 1);
  cairo_move_to (cr, x - tw / 2., y + f * 0.35);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);

  layout = create_layout (cr, style, 0.8, PANGO_WEIGHT_NORMAL, detail);
  pango_layout_get_pixel_size (layout, &tw, &th);
  hl_ladder_set_color (cr, &style->dim, 1);
  cairo_move_to (cr, x - tw / 2., y + h - th - f * 0.3);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_story_badge (cairo_t             *cr,
                  const HlLadderStyle *style,
                  double               y,
                  guint                story,
                  gboolean             current)
{
  double f = style->font_size;
  double x = SIDE_MARGIN (f) + GUTTER (f) / 2;
  double r = f * 0.85;
  g_autofree char *text = g_strdup_printf ("%u", story);
  PangoLayout *layout;
  int tw, th;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  hl_ladder_set_color (cr, &style->accent, current ? 1 : 0.15);
  cairo_fill (cr);

  layout = create_layout (cr, style, 0.85, PANGO_WEIGHT_BOLD, text);
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
draw_message (cairo_t             *cr,
              const HlLadderStyle *style,
              const HlLadderLanes *lanes,
              HlStep              *step,
              double               y,
              double               h,
              double               progress)
{
  double f = style->font_size;
  HlActor sender = hl_step_get_actor (step);
  double from = hl_ladder_lane_x (lanes, sender);
  double to = hl_ladder_lane_x (lanes, sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT);
  gboolean encrypted = hl_step_get_encrypted (step);
  gboolean alert = hl_step_get_kind (step) == HL_STEP_ALERT;
  const HlLadderColor *color;
  double dir = to > from ? 1 : -1;
  double line_y = y + h * 0.7;
  double travel = ease_out_cubic (progress);
  double tip = from + (to - from - dir * 2) * travel;
  double head = f * 0.75;
  double label_alpha = CLAMP (progress * 2, 0, 1);
  g_autofree char *detail = NULL;
  GBytes *bytes;
  PangoLayout *title;
  PangoLayout *size;
  double max_w = fabs (to - from) - f * 2;
  double lock_w = encrypted ? f * 1.4 : 0;
  int tw, th, sw, sh;
  double total_w, x;

  if (alert && hl_step_get_verdict (step) == HL_VERDICT_FAILED)
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

  /* The label rides above the arrow, centred between the lanes. */
  bytes = hl_step_get_bytes (step);
  if (bytes != NULL)
    {
      gsize n = g_bytes_get_size (bytes);

      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu byte", "%zu bytes", n), n);
    }
  else
    detail = g_strdup ("");

  title = create_layout (cr, style, 1.0, PANGO_WEIGHT_BOLD, hl_step_get_title (step));
  size = create_layout (cr, style, 0.8, PANGO_WEIGHT_NORMAL, detail);
  pango_layout_get_pixel_size (size, &sw, &sh);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (title, MAX (f, max_w - sw - f * 0.6 - lock_w) * PANGO_SCALE);
  pango_layout_get_pixel_size (title, &tw, &th);

  total_w = lock_w + tw + f * 0.6 + sw;
  x = (from + to) / 2 - total_w / 2;

  if (encrypted)
    draw_lock (cr, x + f * 0.5, line_y - f * 0.6 - th / 2., f * 1.0, color, label_alpha);

  hl_ladder_set_color (cr, alert && hl_step_get_verdict (step) == HL_VERDICT_FAILED ? &style->error : &style->foreground, label_alpha);
  cairo_move_to (cr, x + lock_w, line_y - f * 0.6 - th);
  pango_cairo_show_layout (cr, title);

  hl_ladder_set_color (cr, &style->dim, label_alpha);
  cairo_move_to (cr, x + lock_w + tw + f * 0.6, line_y - f * 0.6 - th + (th - sh) * 0.75);
  pango_cairo_show_layout (cr, size);

  g_object_unref (title);
  g_object_unref (size);
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
draw_tamper (cairo_t             *cr,
             const HlLadderStyle *style,
             const HlLadderLanes *lanes,
             HlTrace             *trace,
             HlStep              *step,
             double               y,
             double               h,
             double               progress)
{
  double f = style->font_size;
  const HlRecord *record = hl_trace_get_record (trace, hl_step_get_record (step));
  HlActor sender = record != NULL ? record->sender : HL_ACTOR_CLIENT;
  double from = hl_ladder_lane_x (lanes, sender);
  double to = hl_ladder_lane_x (lanes, sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT);
  double mid = lanes->network_x;
  double dir = to > from ? 1 : -1;
  double line_y = y + h * 0.7;
  double head = f * 0.75;
  double r = f * 0.95;
  double first = ease_out_cubic (CLAMP (progress * 2, 0, 1));
  double second = ease_out_cubic (CLAMP (progress * 2 - 1, 0, 1));
  double label_alpha = CLAMP (progress * 2, 0, 1);
  const HlLadderColor *color = record != NULL && record->encrypted ? &style->encrypted : hl_ladder_actor_color (style, sender);
  PangoLayout *title;
  int tw, th;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  hl_ladder_set_color (cr, color, 1);
  cairo_set_line_width (cr, 2 * style->line_width);
  cairo_move_to (cr, from, line_y);
  cairo_line_to (cr, from + (mid - dir * r - from) * first, line_y);
  cairo_stroke (cr);
  cairo_new_path (cr);
  cairo_arc (cr, from, line_y, f * 0.25, 0, 2 * G_PI);
  cairo_fill (cr);

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

  title = create_layout (cr, style, 1.0, PANGO_WEIGHT_BOLD, hl_step_get_title (step));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (title, MAX (f, fabs (to - from) - f * 2) * PANGO_SCALE);
  pango_layout_get_pixel_size (title, &tw, &th);
  hl_ladder_set_color (cr, &style->error, label_alpha);
  cairo_move_to (cr, (from + to) / 2 - tw / 2., line_y - r - f * 0.3 - th);
  pango_cairo_show_layout (cr, title);
  g_object_unref (title);

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
  cairo_restore (cr);
}

static void
draw_note (cairo_t             *cr,
           const HlLadderStyle *style,
           const HlLadderLanes *lanes,
           HlStep              *step,
           double               y,
           double               h,
           double               progress)
{
  double f = style->font_size;
  HlActor actor = hl_step_get_actor (step);
  double x = hl_ladder_lane_x (lanes, actor);
  gboolean failure = hl_ladder_step_is_callout (step);
  gboolean eavesdrop = hl_ladder_step_is_eavesdrop (step);
  double alpha = CLAMP (progress * 1.5, 0, 1);
  double pad = f * 0.5;
  double span = lanes->server_x - lanes->client_x;
  double max_w = failure ? span - f * 3 : (lanes->has_network ? span / 2 : span * 0.8) - f * 2;
  double marker_y = failure ? y + f * 1.4 : y + h / 2;
  const HlLadderColor *tint = failure && !eavesdrop ? &style->error : hl_ladder_actor_color (style, actor);
  PangoLayout *title;
  PangoLayout *reason = NULL;
  int tw, th, rw = 0, rh = 0;
  double box_w, box_h, box_x, box_y;

  title = create_layout (cr, style, failure ? 1.05 : 0.92,
                         failure ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                         hl_step_get_title (step));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (title, MAX (f, max_w - 2 * pad) * PANGO_SCALE);
  pango_layout_get_pixel_size (title, &tw, &th);

  if (failure && hl_step_get_explanation (step) != NULL)
    {
      reason = create_layout (cr, style, 0.88, PANGO_WEIGHT_NORMAL, hl_step_get_explanation (step));
      pango_layout_set_wrap (reason, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (reason, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (reason, MAX (f, max_w - 2 * pad) * PANGO_SCALE);
      pango_layout_set_height (reason, -3);
      pango_layout_get_pixel_size (reason, &rw, &rh);
    }

  box_w = MAX (tw, rw) + 2 * pad;
  box_h = th + (reason ? rh + f * 0.3 : 0) + pad * 1.2;
  if (failure)
    box_x = (lanes->client_x + lanes->server_x) / 2 - box_w / 2;
  else if (actor == HL_ACTOR_SERVER)
    box_x = x - f * 1.3 - box_w;
  else if (actor == HL_ACTOR_NETWORK)
    box_x = x + f * 1.3;
  else
    box_x = x + f * 1.3;
  box_y = failure ? y + f * 2.6 : y + (h - box_h) / 2;

  hl_ladder_set_color (cr, tint, failure ? 0.14 * alpha : 0.08 * alpha);
  rounded_rectangle (cr, box_x, box_y, box_w, box_h, f * 0.45);
  cairo_fill_preserve (cr);
  hl_ladder_set_color (cr, tint, (failure ? 0.8 : 0.3) * alpha);
  cairo_set_line_width (cr, (failure ? 2 : 1) * style->line_width);
  cairo_stroke (cr);

  if (failure)
    {
      /* Tie the reason to the side that failed. */
      hl_ladder_set_color (cr, tint, alpha);
      cairo_set_line_width (cr, 2 * style->line_width);
      cairo_move_to (cr, x, marker_y);
      cairo_line_to (cr, x, box_y + box_h / 2);
      cairo_line_to (cr, actor == HL_ACTOR_SERVER ? box_x + box_w : box_x, box_y + box_h / 2);
      cairo_stroke (cr);
    }
  else
    {
      hl_ladder_set_color (cr, tint, 0.5 * alpha);
      cairo_set_line_width (cr, 1 * style->line_width);
      cairo_move_to (cr, x, marker_y);
      cairo_line_to (cr, actor == HL_ACTOR_SERVER ? box_x + box_w : box_x, marker_y);
      cairo_stroke (cr);
    }

  hl_ladder_set_color (cr, failure ? tint : &style->foreground, alpha);
  cairo_move_to (cr, box_x + pad, box_y + pad * 0.6);
  pango_cairo_show_layout (cr, title);
  if (reason != NULL)
    {
      hl_ladder_set_color (cr, &style->foreground, alpha * 0.85);
      cairo_move_to (cr, box_x + pad, box_y + pad * 0.6 + th + f * 0.3);
      pango_cairo_show_layout (cr, reason);
      g_object_unref (reason);
    }
  g_object_unref (title);

  draw_marker (cr, style, step, x, marker_y, alpha);
}

/* After its ChangeCipherSpec, everything a side sends is encrypted: its
 * lane turns to the colour of encrypted messages below that row. */
static void
draw_lane (cairo_t             *cr,
           const HlLadderStyle *style,
           HlTrace             *trace,
           guint                position,
           HlActor              actor,
           double               x,
           double               bottom)
{
  double f = style->font_size;
  double top = HEADER_HEIGHT (f) - f * 0.9;
  double y = HEADER_HEIGHT (f);
  double locked_at = -1;
  double lane_bottom = y;

  for (guint i = 0; i < position; i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      double h = hl_ladder_row_height (step, f);

      if (locked_at < 0 && hl_step_get_actor (step) == actor &&
          hl_step_get_kind (step) == HL_STEP_CHANGE_CIPHER_SPEC)
        locked_at = y + h * 0.7;
      y += h;
    }
  lane_bottom = MAX (y, bottom);

  hl_ladder_set_color (cr, &style->dim, 0.45);
  cairo_set_line_width (cr, 2 * style->line_width);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, locked_at >= 0 ? locked_at : lane_bottom);
  cairo_stroke (cr);

  if (locked_at >= 0)
    {
      hl_ladder_set_color (cr, &style->encrypted, 0.55);
      cairo_set_line_width (cr, 4 * style->line_width);
      cairo_move_to (cr, x, locked_at);
      cairo_line_to (cr, x, lane_bottom);
      cairo_stroke (cr);

      cairo_new_path (cr);
      cairo_arc (cr, x, locked_at, f * 0.9, 0, 2 * G_PI);
      hl_ladder_set_color (cr, &style->background, 1);
      cairo_fill_preserve (cr);
      hl_ladder_set_color (cr, &style->encrypted, 1);
      cairo_set_line_width (cr, 2 * style->line_width);
      cairo_stroke (cr);
      draw_lock (cr, x, locked_at, f * 0.95, &style->encrypted, 1);
    }
}

void
hl_ladder_draw (cairo_t             *cr,
                HlTrace             *trace,
                guint                position,
                double               progress,
                const HlLadderStyle *style,
                double               width,
                double               height)
{
  double f;
  double y;
  guint n;
  guint last_story = 0;
  HlLadderLanes lanes;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (HL_IS_TRACE (trace));
  g_return_if_fail (style != NULL);

  f = style->font_size;
  n = hl_trace_get_n_steps (trace);
  position = MIN (position, n);
  progress = CLAMP (progress, 0, 1);
  hl_ladder_compute_lanes (trace, style, width, &lanes);

  cairo_save (cr);

  hl_ladder_set_color (cr, &style->background, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  draw_lane (cr, style, trace, position, HL_ACTOR_CLIENT, lanes.client_x, height - FOOTER (f));
  draw_lane (cr, style, trace, position, HL_ACTOR_SERVER, lanes.server_x, height - FOOTER (f));
  if (lanes.has_network)
    draw_lane (cr, style, trace, position, HL_ACTOR_NETWORK, lanes.network_x, height - FOOTER (f));

  draw_lane_header (cr, style, lanes.client_x, _("Client"), _("BearSSL client"), &style->client);
  draw_lane_header (cr, style, lanes.server_x, _("Server"), _("BearSSL server"), &style->server);
  if (lanes.has_network)
    draw_lane_header (cr, style, lanes.network_x, _("Network"), _("on the wire"), &style->network);

  if (position == 0)
    {
      PangoLayout *hint;
      int tw, th;

      hint = create_layout (cr, style, 1.0, PANGO_WEIGHT_NORMAL,
                            _("Press Play or → to start the handshake"));
      pango_layout_get_pixel_size (hint, &tw, &th);
      hl_ladder_set_color (cr, &style->dim, 1);
      cairo_move_to (cr, (lanes.client_x + lanes.server_x) / 2 - tw / 2., HEADER_HEIGHT (f) + f);
      pango_cairo_show_layout (cr, hint);
      g_object_unref (hint);
    }

  y = HEADER_HEIGHT (f);
  for (guint i = 0; i < position; i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      double h = hl_ladder_row_height (step, f);
      gboolean current = style->mark_current && i + 1 == position;
      guint story = hl_step_get_story (step);

      if (current)
        {
          hl_ladder_set_color (cr, &style->accent, 0.1);
          rounded_rectangle (cr, SIDE_MARGIN (f) * 0.5, y + 1, width - SIDE_MARGIN (f), h - 2, f * 0.5);
          cairo_fill_preserve (cr);
          hl_ladder_set_color (cr, &style->accent, 0.45);
          cairo_set_line_width (cr, 1.5 * style->line_width);
          cairo_stroke (cr);
        }

      if (story != 0 && (story != last_story || current))
        draw_story_badge (cr, style, y + (hl_ladder_step_is_callout (step) ? f * 1.4 : hl_ladder_step_is_arrow (step) ? h * 0.7 : h / 2),
                          story, current);
      last_story = story;

      if (hl_ladder_step_is_tamper (step))
        draw_tamper (cr, style, &lanes, trace, step, y, h, current ? progress : 1);
      else if (hl_ladder_step_is_arrow (step))
        draw_message (cr, style, &lanes, step, y, h, current ? progress : 1);
      else
        draw_note (cr, style, &lanes, step, y, h, current ? progress : 1);

      y += h;
    }

  cairo_restore (cr);
}
