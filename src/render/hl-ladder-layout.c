/* hl-ladder-layout.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-ladder"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hl-ladder-private.h"

/*
 * Where everything goes: the colours of each theme (every text at least
 * 4.5:1 against what it is drawn on, test-ladder checks it), the lanes, and one
 * row per step, every row's height fixed by what the step is, so that the
 * diagram keeps its size while playback advances.
 */

#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255., ((hex) >> 8 & 0xff) / 255., ((hex) & 0xff) / 255., (a) }

void
hl_ladder_style_init (HlLadderStyle *style,
                      HlLadderTheme  theme)
{
  static const HlLadderStyle light_style = {
    NULL, 13,
    RGBA (0xffffff, 1), RGBA (0x000000, 0.8), RGBA (0x000000, 0.65), RGBA (0xf6f5f4, 1),
    RGBA (0x1a5fb4, 1), RGBA (0x1a5fb4, 1), RGBA (0x813d9c, 1), RGBA (0x9c3e00, 1),
    RGBA (0x26a269, 1), RGBA (0x1b8553, 1), RGBA (0xc01c28, 1), RGBA (0x9c6e03, 1),
    1, TRUE,
  };
  static const HlLadderStyle dark_style = {
    NULL, 13,
    RGBA (0x1e1e1e, 1), RGBA (0xffffff, 1), RGBA (0xffffff, 0.7), RGBA (0x303030, 1),
    RGBA (0x78aeed, 1), RGBA (0x62a0ea, 1), RGBA (0xdc8add, 1), RGBA (0xffa348, 1),
    RGBA (0x57e389, 1), RGBA (0x8ff0a4, 1), RGBA (0xff7b63, 1), RGBA (0xf8e45c, 1),
    1, TRUE,
  };
  /* A washed-out projector in a lit room: pure black on white, no
   * translucent greys, the darkest shades of the palette, thick lines. */
  static const HlLadderStyle high_contrast_style = {
    NULL, 13,
    RGBA (0xffffff, 1), RGBA (0x000000, 1), RGBA (0x000000, 0.85), RGBA (0xdeddda, 1),
    RGBA (0x1a5fb4, 1), RGBA (0x1a5fb4, 1), RGBA (0x613583, 1), RGBA (0x9c3e00, 1),
    RGBA (0x26a269, 1), RGBA (0x0b6e3a, 1), RGBA (0xa51d2d, 1), RGBA (0x7a5400, 1),
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
               HlLadderLanes       *lanes)
{
  double f = style->font_size;

  lanes->client_x = SIDE_MARGIN (f) + GUTTER (f) + LANE_INSET (f);
  lanes->server_x = MAX (width - SIDE_MARGIN (f) - LANE_INSET (f), lanes->client_x + 1);
  lanes->has_network = trace_has_network (trace);
  lanes->network_x = (lanes->client_x + lanes->server_x) / 2;
}

double
hl_ladder_lane_x (const HlLadderLanes *lanes,
                  HlActor              actor)
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

const HlLadderColor *
hl_ladder_actor_color (const HlLadderStyle *style,
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

gboolean
hl_ladder_step_is_tamper (HlStep *step)
{
  return hl_step_get_kind (step) == HL_STEP_FAULT && hl_step_get_record (step) >= 0;
}

gboolean
hl_ladder_step_is_eavesdrop (HlStep *step)
{
  return hl_step_get_kind (step) == HL_STEP_FAULT && hl_step_get_record (step) < 0;
}

gboolean
hl_ladder_step_is_failure (HlStep *step)
{
  return hl_step_get_verdict (step) == HL_VERDICT_FAILED && !hl_step_is_message (step) &&
         hl_step_get_kind (step) != HL_STEP_FAULT;
}

gboolean
hl_ladder_step_is_callout (HlStep *step)
{
  return hl_ladder_step_is_failure (step) || hl_ladder_step_is_eavesdrop (step);
}

gboolean
hl_ladder_step_is_arrow (HlStep *step)
{
  return (hl_step_is_message (step) && hl_step_get_actor (step) != HL_ACTOR_NETWORK) ||
         hl_ladder_step_is_tamper (step);
}

PangoLayout *
hl_ladder_create_text (PangoContext        *context,
                       const HlLadderStyle *style,
                       double               scale,
                       PangoWeight          weight,
                       const char          *text)
{
  PangoFontDescription *font;
  PangoLayout *layout;

  layout = pango_layout_new (context);
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

/* Teaching text is never cut: it wraps at word boundaries (inside a word
 * only when one word is wider than the room, such as a long error name). */
static PangoLayout *
create_wrapped_text (HlLadderLayout *layout,
                     double          scale,
                     PangoWeight     weight,
                     const char     *text,
                     double          room)
{
  PangoLayout *text_layout = hl_ladder_create_text (layout->context, &layout->style, scale, weight, text);

  pango_layout_set_wrap (text_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (text_layout, MAX (room, 1) * PANGO_SCALE);

  return text_layout;
}

static void
text_size (PangoLayout *text,
           double      *width,
           double      *height,
           double      *line_height)
{
  PangoRectangle logical;
  int lines;

  pango_layout_get_extents (text, NULL, &logical);
  *width = logical.width / (double)PANGO_SCALE;
  *height = logical.height / (double)PANGO_SCALE;
  lines = MAX (pango_layout_get_line_count (text), 1);
  if (line_height != NULL)
    *line_height = *height / lines;
}

/* A message or a tampered record: the arrow near the bottom of its row,
 * the title above it, the row taller by every line the title wraps to. */
static void
place_arrow (HlLadderLayout     *layout,
             HlStep             *step,
             HlLadderStepLabels *labels,
             double              top)
{
  HlLadderPlace *place = &labels->place;
  double f = layout->style.font_size;
  gboolean tamper = hl_ladder_step_is_tamper (step);
  HlActor sender = hl_step_get_actor (step);
  double tw, th, line_h, sw = 0, sh = 0, total_w, x, gap;

  if (tamper)
    {
      const HlRecord *record = hl_trace_get_record (layout->trace, hl_step_get_record (step));

      sender = record != NULL ? record->sender : HL_ACTOR_CLIENT;
    }

  place->from = hl_ladder_lane_x (&layout->lanes, sender);
  place->to = hl_ladder_lane_x (&layout->lanes, sender == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT);
  place->lock_width = !tamper && hl_step_get_encrypted (step) ? f * 1.4 : 0;

  if (!tamper)
    {
      GBytes *bytes = hl_step_get_bytes (step);
      g_autofree char *detail = NULL;

      if (bytes != NULL)
        {
          gsize n = g_bytes_get_size (bytes);

          detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu byte", "%zu bytes", n), n);
        }
      labels->detail = hl_ladder_create_text (layout->context, &layout->style, 0.8, PANGO_WEIGHT_NORMAL,
                                              detail ? detail : "");
      text_size (labels->detail, &sw, &sh, NULL);
    }

  place->title_room = MAX (f * 4, fabs (place->to - place->from) - f * 2 - (sw > 0 ? sw + f * 0.6 : 0) - place->lock_width);
  labels->title = create_wrapped_text (layout, 1.0, PANGO_WEIGHT_BOLD, hl_step_get_title (step), place->title_room);
  text_size (labels->title, &tw, &th, &line_h);

  place->top = top;
  if (layout->compact && !tamper)
    {
      /* The title just clear of the arrow. */
      place->height = COMPACT_MESSAGE_HEIGHT (f) + MAX (th - line_h, 0);
      place->line_y = top + place->height - f * 0.35;
      gap = f * 0.3;
    }
  else
    {
      place->height = MESSAGE_HEIGHT (f) + MAX (th - line_h, 0);
      place->line_y = top + place->height - MESSAGE_HEIGHT (f) * 0.3;
      gap = f * (tamper ? 1.25 : 0.6);
    }
  place->marker_y = place->line_y;

  total_w = place->lock_width + tw + (sw > 0 ? f * 0.6 + sw : 0);
  x = (place->from + place->to) / 2 - total_w / 2;
  place->title = (HlLadderBox) { x + place->lock_width, place->line_y - gap - th, tw, th };
  place->detail = (HlLadderBox) { place->title.x + tw + f * 0.6,
                                  place->title.y + th - line_h + (line_h - sh) * 0.75, sw, sh };
}

/* A note beside its actor's lane, or a callout across the lanes with the
 * reason under its title: the box as tall as its text, the row as tall
 * as the box. */
static void
place_note (HlLadderLayout     *layout,
            HlStep             *step,
            HlLadderStepLabels *labels,
            double              top)
{
  HlLadderPlace *place = &labels->place;
  double f = layout->style.font_size;
  HlActor actor = hl_step_get_actor (step);
  double x = hl_ladder_lane_x (&layout->lanes, actor);
  gboolean callout = hl_ladder_step_is_callout (step);
  gboolean compact = layout->compact && !callout;
  double pad = compact ? f * 0.25 : f * 0.5;
  double span = layout->lanes.server_x - layout->lanes.client_x;
  double max_w = callout ? span - f * 3 : (layout->lanes.has_network ? span / 2 : span * 0.8) - f * 2;
  double tw, th, rw = 0, rh = 0;
  double box_w, box_h;

  place->from = place->to = x;
  place->title_room = MAX (f * 4, max_w - 2 * pad);
  labels->title = create_wrapped_text (layout, callout ? 1.05 : 0.92,
                                       callout ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                       hl_step_get_title (step), place->title_room);
  text_size (labels->title, &tw, &th, NULL);

  if (callout && hl_step_get_explanation (step) != NULL)
    {
      place->reason_room = place->title_room;
      labels->reason = create_wrapped_text (layout, 0.88, PANGO_WEIGHT_NORMAL,
                                            hl_step_get_explanation (step), place->reason_room);
      text_size (labels->reason, &rw, &rh, NULL);
    }

  box_w = MAX (tw, rw) + 2 * pad;
  box_h = th + (labels->reason ? rh + f * 0.3 : 0) + pad * 1.2;

  place->top = top;
  if (callout)
    {
      place->height = MAX (FAILURE_HEIGHT (f), f * 2.6 + box_h + f * 0.8);
      place->marker_y = top + f * 1.4;
      place->box = (HlLadderBox) { (layout->lanes.client_x + layout->lanes.server_x) / 2 - box_w / 2,
                                   top + f * 2.6, box_w, box_h };
    }
  else
    {
      place->height = compact ? MAX (COMPACT_NOTE_HEIGHT (f), box_h + f * 0.1)
                              : MAX (NOTE_HEIGHT (f), box_h + f * 1.2);
      place->marker_y = top + place->height / 2;
      place->box = (HlLadderBox) { actor == HL_ACTOR_SERVER ? x - f * 1.3 - box_w : x + f * 1.3,
                                   top + (place->height - box_h) / 2, box_w, box_h };
    }
  place->line_y = place->marker_y;
  place->title = (HlLadderBox) { place->box.x + pad, place->box.y + pad * 0.6, tw, th };
  if (labels->reason != NULL)
    place->reason = (HlLadderBox) { place->box.x + pad, place->title.y + th + f * 0.3, rw, rh };
}

static HlLadderLayout *
layout_new (HlTrace             *trace,
            const HlLadderStyle *style,
            double               width,
            gboolean             compact)
{
  HlLadderLayout *layout;
  cairo_font_options_t *options;
  double f;
  double top;

  layout = g_new0 (HlLadderLayout, 1);
  layout->trace = g_object_ref (trace);
  layout->style = *style;
  layout->compact = compact;
  layout->asked_font_size = style->font_size;
  layout->font_family = g_strdup (style->font_family);
  layout->style.font_family = layout->font_family;
  layout->width = MAX (width, hl_ladder_get_min_width (style));
  compute_lanes (trace, &layout->style, layout->width, &layout->lanes);

  /* Unhinted metrics: the same line breaks at every zoom, on screen and
   * in every export. */
  layout->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (layout->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (layout->context, FALSE);

  f = layout->style.font_size;
  layout->n_steps = hl_trace_get_n_steps (trace);
  layout->steps = g_new0 (HlLadderStepLabels, layout->n_steps);
  top = HEADER_HEIGHT (f);
  for (guint i = 0; i < layout->n_steps; i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_ladder_step_is_arrow (step))
        place_arrow (layout, step, &layout->steps[i], top);
      else
        place_note (layout, step, &layout->steps[i], top);
      top += layout->steps[i].place.height;
    }
  layout->height = top + (compact ? COMPACT_FOOTER (f) : FOOTER (f));

  /* A record the network changes is one message: its arrow stops on the
   * network lane, and the tamper takes it on from there, changed. */
  for (guint i = 0; i < layout->n_steps; i++)
    {
      HlStep *tamper = hl_trace_get_step (trace, i);

      if (!hl_ladder_step_is_tamper (tamper))
        continue;
      for (guint j = 0; j < i; j++)
        {
          HlStep *message = hl_trace_get_step (trace, j);

          if (hl_step_is_message (message) && hl_step_get_actor (message) != HL_ACTOR_NETWORK &&
              hl_step_get_record (message) == hl_step_get_record (tamper))
            {
              layout->steps[j].place.held = TRUE;
              layout->steps[j].place.to = layout->lanes.network_x;
              layout->steps[i].place.continues = TRUE;
            }
        }
    }

  return layout;
}

HlLadderLayout *
hl_ladder_layout_new (HlTrace             *trace,
                      const HlLadderStyle *style,
                      double               width)
{
  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  return layout_new (trace, style, width, FALSE);
}

/* The largest font between @min_font_size and the style's at which the
 * compact diagram is no taller than @height: a bisection, as a smaller
 * font never makes the diagram taller. */
HlLadderLayout *
hl_ladder_layout_new_fit (HlTrace             *trace,
                          const HlLadderStyle *style,
                          double               width,
                          double               height,
                          double               min_font_size)
{
  HlLadderStyle sized = *style;
  HlLadderLayout *best;
  double low, high;

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  low = MIN (min_font_size, style->font_size);
  high = style->font_size;
  best = layout_new (trace, style, width, TRUE);
  if (best->height > height)
    {
      g_clear_pointer (&best, hl_ladder_layout_free);
      sized.font_size = low;
      best = layout_new (trace, &sized, width, TRUE);
      for (guint i = 0; i < 6 && best->height <= height; i++)
        {
          HlLadderLayout *tried;

          sized.font_size = (low + high) / 2;
          tried = layout_new (trace, &sized, width, TRUE);
          if (tried->height <= height)
            {
              hl_ladder_layout_free (best);
              best = tried;
              low = sized.font_size;
            }
          else
            {
              hl_ladder_layout_free (tried);
              high = sized.font_size;
            }
        }
    }

  best->asked_font_size = style->font_size;
  best->fit_height = height;
  best->fit_min_font_size = min_font_size;

  return best;
}

void
hl_ladder_layout_free (HlLadderLayout *layout)
{
  if (layout == NULL)
    return;

  for (guint i = 0; i < layout->n_steps; i++)
    {
      g_clear_object (&layout->steps[i].title);
      g_clear_object (&layout->steps[i].detail);
      g_clear_object (&layout->steps[i].reason);
    }
  g_free (layout->steps);
  g_clear_object (&layout->context);
  g_clear_object (&layout->trace);
  g_free (layout->font_family);
  g_free (layout);
}

gboolean
hl_ladder_layout_matches (const HlLadderLayout *layout,
                          HlTrace              *trace,
                          const HlLadderStyle  *style,
                          double                width)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  return !layout->compact &&
         layout->trace == trace &&
         layout->width == MAX (width, hl_ladder_get_min_width (style)) &&
         layout->style.font_size == style->font_size &&
         g_strcmp0 (layout->font_family, style->font_family) == 0 &&
         memcmp (&layout->style.background, &style->background,
                 G_STRUCT_OFFSET (HlLadderStyle, mark_current) - G_STRUCT_OFFSET (HlLadderStyle, background)) == 0 &&
         layout->style.mark_current == style->mark_current;
}

gboolean
hl_ladder_layout_matches_fit (const HlLadderLayout *layout,
                              HlTrace              *trace,
                              const HlLadderStyle  *style,
                              double                width,
                              double                height,
                              double                min_font_size)
{
  HlLadderStyle asked;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (!layout->compact || layout->fit_height != height || layout->fit_min_font_size != min_font_size ||
      layout->asked_font_size != style->font_size)
    return FALSE;

  asked = *style;
  asked.font_size = layout->style.font_size;
  return layout->trace == trace &&
         layout->width == MAX (width, hl_ladder_get_min_width (&asked)) &&
         g_strcmp0 (layout->font_family, style->font_family) == 0 &&
         memcmp (&layout->style.background, &style->background,
                 G_STRUCT_OFFSET (HlLadderStyle, mark_current) - G_STRUCT_OFFSET (HlLadderStyle, background)) == 0 &&
         layout->style.mark_current == style->mark_current;
}

double
hl_ladder_layout_get_font_size (const HlLadderLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->style.font_size;
}

double
hl_ladder_layout_get_height (const HlLadderLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->height;
}

double
hl_ladder_layout_get_header_height (const HlLadderLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return HEADER_HEIGHT (layout->style.font_size);
}

double
hl_ladder_get_min_width (const HlLadderStyle *style)
{
  return style->font_size * 34;
}

void
hl_ladder_layout_get_step_extent (const HlLadderLayout *layout,
                                  guint                 index,
                                  double               *y,
                                  double               *height)
{
  g_return_if_fail (layout != NULL);

  if (layout->n_steps == 0)
    {
      if (y != NULL)
        *y = HEADER_HEIGHT (layout->style.font_size);
      if (height != NULL)
        *height = 0;
      return;
    }

  index = MIN (index, layout->n_steps - 1);
  if (y != NULL)
    *y = layout->steps[index].place.top;
  if (height != NULL)
    *height = layout->steps[index].place.height;
}

int
hl_ladder_layout_step_at (const HlLadderLayout *layout,
                          guint                 position,
                          double                y)
{
  g_return_val_if_fail (layout != NULL, -1);

  position = MIN (position, layout->n_steps);
  for (guint i = 0; i < position; i++)
    {
      const HlLadderPlace *place = &layout->steps[i].place;

      if (y >= place->top && y < place->top + place->height)
        return i;
    }

  return -1;
}

/* A label fits when nothing of it is cut off, it is no wider than its
 * room, and it stays inside the diagram and inside its step's row (else
 * it would run into the next step's). */
static gboolean
label_fits (const HlLadderLayout *layout,
            const HlLadderPlace  *place,
            PangoLayout          *text,
            const HlLadderBox    *box,
            double                room)
{
  const double slack = 0.5;

  if (text == NULL)
    return TRUE;

  return !pango_layout_is_ellipsized (text) &&
         (room <= 0 || box->width <= room + slack) &&
         box->x >= -slack && box->x + box->width <= layout->width + slack &&
         box->y >= place->top - slack && box->y + box->height <= place->top + place->height + slack;
}

guint
hl_ladder_layout_check_labels (const HlLadderLayout  *layout,
                               char                 **problems)
{
  g_autoptr(GString) report = g_string_new (NULL);
  guint n_bad = 0;

  g_return_val_if_fail (layout != NULL, 0);

  for (guint i = 0; i < layout->n_steps; i++)
    {
      const HlLadderStepLabels *labels = &layout->steps[i];
      const HlLadderPlace *place = &labels->place;
      struct { PangoLayout *text; const HlLadderBox *box; double room; const char *what; } parts[] = {
        { labels->title, &place->title, place->title_room, "title" },
        { labels->detail, &place->detail, 0, "byte count" },
        { labels->reason, &place->reason, place->reason_room, "explanation" },
      };

      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        if (!label_fits (layout, place, parts[j].text, parts[j].box, parts[j].room))
          {
            n_bad++;
            g_string_append_printf (report, "step %u (%s): the %s does not fit\n",
                                    i + 1, hl_step_get_title (hl_trace_get_step (layout->trace, i)), parts[j].what);
          }
    }

  if (problems != NULL)
    *problems = g_string_free (g_steal_pointer (&report), FALSE);

  return n_bad;
}
