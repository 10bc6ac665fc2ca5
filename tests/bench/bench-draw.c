/* bench-draw.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>

#include "hl-engine.h"
#include "hl-ladder.h"

/*
 * The ladder diagram of the longest lesson drawn into a 1920×1080 cairo
 * image surface at 500 moments of its playback (every step, at several
 * points of its animation).  A frame at 60 frames a second has 16.7 ms;
 * the drawing should take a small part of it.  Prints "name: value unit".
 */

#define FRAMES 500
#define WIDTH  1920
#define HEIGHT 1080

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  g_autoptr(HlTrace) longest = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autoptr(HlLadderLayout) layout = NULL;
  HlLadderStyle style;
  const char *id = NULL;
  guint n;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], NULL);
      g_autoptr(HlTrace) trace = hl_engine_run (scenario, NULL);

      if (longest == NULL || hl_trace_get_n_steps (trace) > hl_trace_get_n_steps (longest))
        {
          g_clear_object (&longest);
          longest = g_object_ref (trace);
          id = ids[i];
        }
    }

  hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
  n = hl_trace_get_n_steps (longest);
  layout = hl_ladder_layout_new (longest, &style, WIDTH);

  for (guint frame = 0; frame < FRAMES; frame++)
    {
      guint position = 1 + frame % n;
      double progress = (double)(frame / n % 5) / 4.0;
      gint64 start = g_get_monotonic_time ();
      cairo_t *cr = cairo_create (surface);

      hl_ladder_draw (cr, layout, position, progress, HEIGHT);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_array_append_val (times, (gint64) { g_get_monotonic_time () - start });
    }

  g_array_sort (times, compare_times);
  g_print ("draw-scenario: %s (%u steps)\n", id, n);
  g_print ("draw-median: %.3f ms\n", g_array_index (times, gint64, FRAMES / 2) / 1000.0);
  g_print ("draw-p99: %.3f ms\n", g_array_index (times, gint64, FRAMES * 99 / 100) / 1000.0);

  cairo_surface_destroy (surface);

  return 0;
}
