/* hl-ladder-layout.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-ladder"

#include "config.h"

#include "hl-ladder-private.h"

/*
 * Where everything goes: the colours of each theme, the lanes, and one
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

static gboolean
trace_has_network (HlTrace *trace)
{
  guint n = hl_trace_get_n_steps (trace);

  for (guint i = 0; i < n; i++)
    if (hl_step_get_actor (hl_trace_get_step (trace, i)) == HL_ACTOR_NETWORK)
      return TRUE;

  return FALSE;
}

void
hl_ladder_compute_lanes (HlTrace             *trace,
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

/* The attacker changed a record on its way: drawn as that record's
 * arrow, cut on the network lane. */
gboolean
hl_ladder_step_is_tamper (HlStep *step)
{
  return hl_step_get_kind (step) == HL_STEP_FAULT && hl_step_get_record (step) >= 0;
}

/* The attacker only listens (or steals a key later): a note on its lane. */
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

/* A note with its explanation under the title. */
gboolean
hl_ladder_step_is_callout (HlStep *step)
{
  return hl_ladder_step_is_failure (step) || hl_ladder_step_is_eavesdrop (step);
}

/* Other network steps are notes on the network lane: they have no single
 * receiver. */
gboolean
hl_ladder_step_is_arrow (HlStep *step)
{
  return (hl_step_is_message (step) && hl_step_get_actor (step) != HL_ACTOR_NETWORK) ||
         hl_ladder_step_is_tamper (step);
}

double
hl_ladder_row_height (HlStep *step,
                      double  f)
{
  if (hl_ladder_step_is_arrow (step))
    return MESSAGE_HEIGHT (f);
  if (hl_ladder_step_is_callout (step))
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
    height += hl_ladder_row_height (hl_trace_get_step (trace, i), f);

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
    top += hl_ladder_row_height (hl_trace_get_step (trace, i), f);

  if (y != NULL)
    *y = top;
  if (height != NULL)
    *height = n > 0 ? hl_ladder_row_height (hl_trace_get_step (trace, index), f) : 0;
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
      double h = hl_ladder_row_height (hl_trace_get_step (trace, i), f);

      if (y >= top && y < top + h)
        return i;
      top += h;
    }

  return -1;
}
