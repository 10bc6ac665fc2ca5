/* hl-ladder.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-ladder"

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "hl-ladder.h"

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

typedef struct
{
  double client_x;
  double server_x;
  double network_x;
  gboolean has_network;
} Lanes;

#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255., ((hex) >> 8 & 0xff) / 255., ((hex) & 0xff) / 255., (a) }

void
hl_ladder_style_init (HlLadderStyle *style,
                      HlLadderTheme  theme)
{
  static const HlLadderStyle light_style = {
    NULL, 13,
    RGBA (0xffffff, 1), RGBA (0x000000, 0.8), RGBA (0x000000, 0.45), RGBA (0xf6f5f4, 1),
    RGBA (0x3584e4, 1), RGBA (0x1c71d8, 1), RGBA (0x813d9c, 1), RGBA (0xc64600, 1),
    RGBA (0x26a269, 1), RGBA (0x1b8553, 1), RGBA (0xc01c28, 1),
    1, TRUE,
  };
  static const HlLadderStyle dark_style = {
    NULL, 13,
    RGBA (0x1e1e1e, 1), RGBA (0xffffff, 1), RGBA (0xffffff, 0.5), RGBA (0x303030, 1),
    RGBA (0x78aeed, 1), RGBA (0x62a0ea, 1), RGBA (0xc061cb, 1), RGBA (0xffa348, 1),
    RGBA (0x57e389, 1), RGBA (0x8ff0a4, 1), RGBA (0xff7b63, 1),
    1, TRUE,
  };
  /* A washed-out projector in a lit room: pure black on white, no
   * translucent greys, the darkest shades of the palette, thick lines. */
  static const HlLadderStyle high_contrast_style = {
    NULL, 13,
    RGBA (0xffffff, 1), RGBA (0x000000, 1), RGBA (0x000000, 0.85), RGBA (0xdeddda, 1),
    RGBA (0x1a5fb4, 1), RGBA (0x1a5fb4, 1), RGBA (0x613583, 1), RGBA (0x9c3e00, 1),
    RGBA (0x26a269, 1), RGBA (0x0b6e3a, 1), RGBA (0xa51d2d, 1),
    2, TRUE,
  };

  g_return_if_fail (style != NULL);

  switch (theme)
    {
    case HL_LADDER_THEME_DARK:
      *style = dark_style;
      break;
    case HL_LADDER_THEME_HIGH_CONTRAST:
      *style = high_contrast_style;
      break;
    case HL_LADDER_THEME_LIGHT:
    default:
      *style = light_style;
      break;
    }
}

static void
set_color (cairo_t             *cr,
           const HlLadderColor *color,
           double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static gboolean
trace_has_network (HlTrace *trace)
{
  guint n = hl_trace_get_n_steps (trace);

  for (guint i = 0; i < n; i++)
    if (hl_step_get_actor (hl_trace_get_step (trace, i)) == HL_ACTOR_NETWORK)
      return TRUE;

  return FALSE;
}

static void
compute_lanes (HlTrace             *trace,
               const HlLadderStyle *style,
               double               width,
               Lanes               *lanes)
{
  double f = style->font_size;

  lanes->client_x = SIDE_MARGIN (f) + GUTTER (f) + LANE_INSET (f);
  lanes->server_x = MAX (width - SIDE_MARGIN (f) - LANE_INSET (f), lanes->client_x + 1);
  lanes->has_network = trace_has_network (trace);
  lanes->network_x = (lanes->client_x + lanes->server_x) / 2;
}

static double
lane_x (const Lanes *lanes,
        HlActor      actor)
{
  switch (actor)
    {
    case HL_ACTOR_CLIENT:
      return lanes->client_x;
    case HL_ACTOR_SERVER:
      return lanes->server_x;
    case HL_ACTOR_NETWORK:
      return lanes->network_x;
    default:
      g_return_val_if_reached (0);
    }
}

static const HlLadderColor *
actor_color (const HlLadderStyle *style,
             HlActor              actor)
{
  switch (actor)
    {
    case HL_ACTOR_CLIENT:
      return &style->client;
    case HL_ACTOR_SERVER:
      return &style->server;
    case HL_ACTOR_NETWORK:
      return &style->network;
    default:
      g_return_val_if_reached (&style->foreground);
    }
}

/* The attacker changed a record on its way: drawn as that record's
 * arrow, cut on the network lane. */
static gboolean
step_is_tamper (HlStep *step)
{
  return hl_step_get_kind (step) == HL_STEP_FAULT && hl_step_get_record (step) >= 0;
}

/* The attacker only listens (or steals a key later): a note on its lane. */
static gboolean
step_is_eavesdrop (HlStep *step)
{
  return hl_step_get_kind (step) == HL_STEP_FAULT && hl_step_get_record (step) < 0;
}

static gboolean
step_is_failure (HlStep *step)
{
  return hl_step_get_verdict (step) == HL_VERDICT_FAILED && !hl_step_is_message (step) &&
         hl_step_get_kind (step) != HL_STEP_FAULT;
}

/* A note with its explanation under the title. */
static gboolean
step_is_callout (HlStep *step)
{
  return step_is_failure (step) || step_is_eavesdrop (step);
}

/* Other network steps are notes on the network lane: they have no single
 * receiver. */
static gboolean
step_is_arrow (HlStep *step)
{
  return (hl_step_is_message (step) && hl_step_get_actor (step) != HL_ACTOR_NETWORK) ||
         step_is_tamper (step);
}

static double
row_height (HlStep *step,
            double  f)
{
  if (step_is_arrow (step))
    return MESSAGE_HEIGHT (f);
  if (step_is_callout (step))
    return FAILURE_HEIGHT (f);
  return NOTE_HEIGHT (f);
}

double
hl_ladder_get_height (HlTrace             *trace,
                      const HlLadderStyle *style)
{
  double f = style->font_size;
  double height = HEADER_HEIGHT (f) + FOOTER (f);
  guint n;

  g_return_val_if_fail (HL_IS_TRACE (trace), 0);

  n = hl_trace_get_n_steps (trace);
  for (guint i = 0; i < n; i++)
    height += row_height (hl_trace_get_step (trace, i), f);

  return height;
}

double
hl_ladder_get_min_width (const HlLadderStyle *style)
{
  return style->font_size * 34;
}

void
hl_ladder_get_step_extent (HlTrace             *trace,
                           const HlLadderStyle *style,
                           guint                index,
                           double              *y,
                           double              *height)
{
  double f = style->font_size;
  double top = HEADER_HEIGHT (f);
  guint n;

  g_return_if_fail (HL_IS_TRACE (trace));

  n = hl_trace_get_n_steps (trace);
  index = MIN (index, n > 0 ? n - 1 : 0);
  for (guint i = 0; i < index; i++)
    top += row_height (hl_trace_get_step (trace, i), f);

  if (y != NULL)
    *y = top;
  if (height != NULL)
    *height = n > 0 ? row_height (hl_trace_get_step (trace, index), f) : 0;
}

int
hl_ladder_step_at (HlTrace             *trace,
                   guint                position,
                   const HlLadderStyle *style,
                   double               y)
{
  double f = style->font_size;
  double top = HEADER_HEIGHT (f);

  g_return_val_if_fail (HL_IS_TRACE (trace), -1);

  position = MIN (position, hl_trace_get_n_steps (trace));
  for (guint i = 0; i < position; i++)
    {
      double h = row_height (hl_trace_get_step (trace, i), f);

      if (y >= top && y < top + h)
        return i;
      top += h;
    }

  return -1;
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
  set_color (cr, color, alpha);
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

  set_color (cr, color, 0.12);
  rounded_rectangle (cr, x - w / 2, y, w, h, f * 0.6);
  cairo_fill_preserve (cr);
  set_color (cr, color, 0.6);
  cairo_set_line_width (cr, 1.5 * style->line_width);
  cairo_stroke (cr);

  layout = create_layout (cr, style, 1.15, PANGO_WEIGHT_BOLD, name);
  pango_layout_get_pixel_size (layout, &tw, &th);
  set_color (cr, color, 1);
  cairo_move_to (cr, x - tw / 2., y + f * 0.35);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);

  layout = create_layout (cr, style, 0.8, PANGO_WEIGHT_NORMAL, detail);
  pango_layout_get_pixel_size (layout, &tw, &th);
  set_color (cr, &style->dim, 1);
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
  set_color (cr, &style->accent, current ? 1 : 0.15);
  cairo_fill (cr);

  layout = create_layout (cr, style, 0.85, PANGO_WEIGHT_BOLD, text);
  pango_layout_get_pixel_size (layout, &tw, &th);
  if (current)
    set_color (cr, &style->background, 1);
  else
    set_color (cr, &style->accent, 1);
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
              const Lanes         *lanes,
              HlStep              *step,
              double               y,
              double               h,
              double               progress)
{
  double f = style->font_size;
  HlActor sender = hl_step_get_actor (step);
  double from = lane_x (lanes, sender);
  double to = lane_x (lanes, sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT);
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
    color = actor_color (style, sender);

  /* The shaft, then the head at the tip: the message in flight. */
  set_color (cr, color, 1);
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

  set_color (cr, alert && hl_step_get_verdict (step) == HL_VERDICT_FAILED ? &style->error : &style->foreground, label_alpha);
  cairo_move_to (cr, x + lock_w, line_y - f * 0.6 - th);
  pango_cairo_show_layout (cr, title);

  set_color (cr, &style->dim, label_alpha);
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
             const Lanes         *lanes,
             HlTrace             *trace,
             HlStep              *step,
             double               y,
             double               h,
             double               progress)
{
  double f = style->font_size;
  const HlRecord *record = hl_trace_get_record (trace, hl_step_get_record (step));
  HlActor sender = record != NULL ? record->sender : HL_ACTOR_CLIENT;
  double from = lane_x (lanes, sender);
  double to = lane_x (lanes, sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT);
  double mid = lanes->network_x;
  double dir = to > from ? 1 : -1;
  double line_y = y + h * 0.7;
  double head = f * 0.75;
  double r = f * 0.95;
  double first = ease_out_cubic (CLAMP (progress * 2, 0, 1));
  double second = ease_out_cubic (CLAMP (progress * 2 - 1, 0, 1));
  double label_alpha = CLAMP (progress * 2, 0, 1);
  const HlLadderColor *color = record != NULL && record->encrypted ? &style->encrypted : actor_color (style, sender);
  PangoLayout *title;
  int tw, th;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  set_color (cr, color, 1);
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

      set_color (cr, &style->error, 1);
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
      set_color (cr, &style->error, 1);
      cairo_fill_preserve (cr);
      set_color (cr, &style->background, 1);
      cairo_set_line_width (cr, 2 * style->line_width);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 1.8 * style->line_width);
      draw_scissors (cr, mid, line_y, r);
    }

  title = create_layout (cr, style, 1.0, PANGO_WEIGHT_BOLD, hl_step_get_title (step));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (title, MAX (f, fabs (to - from) - f * 2) * PANGO_SCALE);
  pango_layout_get_pixel_size (title, &tw, &th);
  set_color (cr, &style->error, label_alpha);
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
  const HlLadderColor *color = actor_color (style, hl_step_get_actor (step));
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
  set_color (cr, color, alpha);
  cairo_fill_preserve (cr);
  set_color (cr, &style->background, alpha);
  cairo_set_line_width (cr, 2 * style->line_width);
  cairo_stroke (cr);

  set_color (cr, &style->background, alpha);
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
           const Lanes         *lanes,
           HlStep              *step,
           double               y,
           double               h,
           double               progress)
{
  double f = style->font_size;
  HlActor actor = hl_step_get_actor (step);
  double x = lane_x (lanes, actor);
  gboolean failure = step_is_callout (step);
  gboolean eavesdrop = step_is_eavesdrop (step);
  double alpha = CLAMP (progress * 1.5, 0, 1);
  double pad = f * 0.5;
  double span = lanes->server_x - lanes->client_x;
  double max_w = failure ? span - f * 3 : (lanes->has_network ? span / 2 : span * 0.8) - f * 2;
  double marker_y = failure ? y + f * 1.4 : y + h / 2;
  const HlLadderColor *tint = failure && !eavesdrop ? &style->error : actor_color (style, actor);
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

  set_color (cr, tint, failure ? 0.14 * alpha : 0.08 * alpha);
  rounded_rectangle (cr, box_x, box_y, box_w, box_h, f * 0.45);
  cairo_fill_preserve (cr);
  set_color (cr, tint, (failure ? 0.8 : 0.3) * alpha);
  cairo_set_line_width (cr, (failure ? 2 : 1) * style->line_width);
  cairo_stroke (cr);

  if (failure)
    {
      /* Tie the reason to the side that failed. */
      set_color (cr, tint, alpha);
      cairo_set_line_width (cr, 2 * style->line_width);
      cairo_move_to (cr, x, marker_y);
      cairo_line_to (cr, x, box_y + box_h / 2);
      cairo_line_to (cr, actor == HL_ACTOR_SERVER ? box_x + box_w : box_x, box_y + box_h / 2);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, tint, 0.5 * alpha);
      cairo_set_line_width (cr, 1 * style->line_width);
      cairo_move_to (cr, x, marker_y);
      cairo_line_to (cr, actor == HL_ACTOR_SERVER ? box_x + box_w : box_x, marker_y);
      cairo_stroke (cr);
    }

  set_color (cr, failure ? tint : &style->foreground, alpha);
  cairo_move_to (cr, box_x + pad, box_y + pad * 0.6);
  pango_cairo_show_layout (cr, title);
  if (reason != NULL)
    {
      set_color (cr, &style->foreground, alpha * 0.85);
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
      double h = row_height (step, f);

      if (locked_at < 0 && hl_step_get_actor (step) == actor &&
          hl_step_get_kind (step) == HL_STEP_CHANGE_CIPHER_SPEC)
        locked_at = y + h * 0.7;
      y += h;
    }
  lane_bottom = MAX (y, bottom);

  set_color (cr, &style->dim, 0.45);
  cairo_set_line_width (cr, 2 * style->line_width);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, locked_at >= 0 ? locked_at : lane_bottom);
  cairo_stroke (cr);

  if (locked_at >= 0)
    {
      set_color (cr, &style->encrypted, 0.55);
      cairo_set_line_width (cr, 4 * style->line_width);
      cairo_move_to (cr, x, locked_at);
      cairo_line_to (cr, x, lane_bottom);
      cairo_stroke (cr);

      cairo_new_path (cr);
      cairo_arc (cr, x, locked_at, f * 0.9, 0, 2 * G_PI);
      set_color (cr, &style->background, 1);
      cairo_fill_preserve (cr);
      set_color (cr, &style->encrypted, 1);
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
  Lanes lanes;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (HL_IS_TRACE (trace));
  g_return_if_fail (style != NULL);

  f = style->font_size;
  n = hl_trace_get_n_steps (trace);
  position = MIN (position, n);
  progress = CLAMP (progress, 0, 1);
  compute_lanes (trace, style, width, &lanes);

  cairo_save (cr);

  set_color (cr, &style->background, 1);
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
      set_color (cr, &style->dim, 1);
      cairo_move_to (cr, (lanes.client_x + lanes.server_x) / 2 - tw / 2., HEADER_HEIGHT (f) + f);
      pango_cairo_show_layout (cr, hint);
      g_object_unref (hint);
    }

  y = HEADER_HEIGHT (f);
  for (guint i = 0; i < position; i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      double h = row_height (step, f);
      gboolean current = style->mark_current && i + 1 == position;
      guint story = hl_step_get_story (step);

      if (current)
        {
          set_color (cr, &style->accent, 0.1);
          rounded_rectangle (cr, SIDE_MARGIN (f) * 0.5, y + 1, width - SIDE_MARGIN (f), h - 2, f * 0.5);
          cairo_fill_preserve (cr);
          set_color (cr, &style->accent, 0.45);
          cairo_set_line_width (cr, 1.5 * style->line_width);
          cairo_stroke (cr);
        }

      if (story != 0 && (story != last_story || current))
        draw_story_badge (cr, style, y + (step_is_callout (step) ? f * 1.4 : step_is_arrow (step) ? h * 0.7 : h / 2),
                          story, current);
      last_story = story;

      if (step_is_tamper (step))
        draw_tamper (cr, style, &lanes, trace, step, y, h, current ? progress : 1);
      else if (step_is_arrow (step))
        draw_message (cr, style, &lanes, step, y, h, current ? progress : 1);
      else
        draw_note (cr, style, &lanes, step, y, h, current ? progress : 1);

      y += h;
    }

  cairo_restore (cr);
}

gboolean
hl_ladder_format_for_path (const char     *path,
                           HlLadderFormat *format)
{
  static const struct {
    const char     *suffix;
    HlLadderFormat  format;
  } suffixes[] = {
    { ".svg", HL_LADDER_FORMAT_SVG },
    { ".pdf", HL_LADDER_FORMAT_PDF },
    { ".png", HL_LADDER_FORMAT_PNG },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i].suffix))
      {
        *format = suffixes[i].format;
        return TRUE;
      }

  return FALSE;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* Wide enough for every label at the export's font size, narrow enough
 * for a slide or a portrait page. */
#define EXPORT_WIDTH(f)  ((f) * 60)
#define PNG_SCALE        2

GBytes *
hl_ladder_render (HlTrace        *trace,
                  guint           position,
                  HlLadderFormat  format,
                  GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GDateTime) clock = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  HlLadderStyle style;
  double width;
  double height;
  cairo_t *cr;

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  position = MIN (position, hl_trace_get_n_steps (trace));

  hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
  style.font_family = "Cantarell";
  style.mark_current = position < hl_trace_get_n_steps (trace);
  /* Whole units: a PNG's last row of pixels must be drawn too. */
  width = ceil (MAX (EXPORT_WIDTH (style.font_size), hl_ladder_get_min_width (&style)));
  height = ceil (hl_ladder_get_height (trace, &style));

  switch (format)
    {
    case HL_LADDER_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_byte_array, bytes, width, height);
      break;
    case HL_LADDER_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes, width, height);
      title = g_strdup_printf ("%s — %s", PACKAGE_NAME, hl_trace_get_scenario_id (trace));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
      /* The scenario's clock, not the wall clock: the same run gives the
       * same PDF, byte for byte, like every other export. */
      clock = g_date_time_new_from_unix_utc (hl_trace_get_clock (trace));
      if (clock != NULL)
        {
          g_autofree char *date = g_date_time_format (clock, "%Y-%m-%dT%H:%M:%SZ");

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        }
      break;
    case HL_LADDER_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * PNG_SCALE, height * PNG_SCALE);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  cr = cairo_create (surface);
  if (format == HL_LADDER_FORMAT_PNG)
    cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  hl_ladder_draw (cr, trace, position, 1.0, &style, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == HL_LADDER_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_to_byte_array, bytes);

  /* SVG and PDF write their last bytes when finished. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the diagram: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
