/* test-ladder.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ladder"

#include "config.h"

#include <math.h>

#include "hl-engine.h"
#include "hl-ladder.h"

/*
 * The ladder diagram cuts no text: the layout is asked, for every label of
 * every step of every lesson, whether drawing it would ellipsize it, make
 * it wider than its room, or let it run out of its step's row.  At the
 * widths the diagram gets in a window at 1024×600, 1280×720 and 1920×1080
 * in presentation mode, at its narrowest, and in the exported files.
 */

static const struct
{
  const char *what;
  double      font_size;
  double      width;       /* in units of the font size's pixels */
} sizes[] = {
  { "narrowest (13 px)", 13, 0 },
  { "window at 1024x600", 13, 620 },
  { "window at 1280x720", 13, 800 },
  { "presentation at 1920x1080", 19.5, 1240 },
  { "presentation at 1280x720", 19.5, 760 },
  { "export", 13, 13 * 60 },
};

static void
test_no_label_cut (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  guint n_checked = 0;

  g_assert_cmpuint (g_strv_length (ids), >=, 25);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], &error);
      g_autoptr(HlTrace) trace = NULL;

      g_assert_no_error (error);
      trace = hl_engine_run (scenario, &error);
      g_assert_no_error (error);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(HlLadderLayout) layout = NULL;
          g_autofree char *problems = NULL;
          HlLadderStyle style;
          guint n_bad;

          hl_ladder_style_init (&style, s == 3 || s == 4 ? HL_LADDER_THEME_HIGH_CONTRAST : HL_LADDER_THEME_LIGHT);
          style.font_size = sizes[s].font_size;
          layout = hl_ladder_layout_new (trace, &style, sizes[s].width);
          n_bad = hl_ladder_layout_check_labels (layout, &problems);
          if (n_bad != 0)
            g_test_message ("%s, %s:\n%s", ids[i], sizes[s].what, problems);
          g_assert_cmpuint (n_bad, ==, 0);
          n_checked += hl_trace_get_n_steps (trace);
        }
    }

  g_assert_cmpuint (n_checked, >, 1000);
}

/* A long explanation makes its callout, and its row, taller: expired's
 * "Client fails" names the alert, OpenSSL's and the browsers' errors and
 * the fix, far more than the few lines a fixed row had room for.  The rows
 * still follow one another without a gap or an overlap. */
static void
test_callout_grows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("expired", &error);
  g_autoptr(HlTrace) trace = hl_engine_run (scenario, &error);
  g_autoptr(HlLadderLayout) narrow = NULL;
  g_autoptr(HlLadderLayout) wide = NULL;
  HlLadderStyle style;
  double tallest_narrow = 0, tallest_wide = 0;
  double end = 0;

  g_assert_no_error (error);
  hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
  narrow = hl_ladder_layout_new (trace, &style, 500);
  wide = hl_ladder_layout_new (trace, &style, 1400);

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      double y, h;

      hl_ladder_layout_get_step_extent (narrow, i, &y, &h);
      if (i > 0)
        g_assert_cmpfloat (fabs (y - end), <, 0.001);
      end = y + h;
      g_assert_cmpint (hl_ladder_layout_step_at (narrow, i + 1, y + h / 2), ==, i);
      tallest_narrow = MAX (tallest_narrow, h);
      hl_ladder_layout_get_step_extent (wide, i, NULL, &h);
      tallest_wide = MAX (tallest_wide, h);
    }

  /* More than the old fixed callout row (8.6 font sizes), and narrower
   * means taller. */
  g_assert_cmpfloat (tallest_narrow, >, style.font_size * 8.6 * 1.5);
  g_assert_cmpfloat (tallest_narrow, >, tallest_wide);
  g_assert_cmpfloat (hl_ladder_layout_get_height (narrow), >, hl_ladder_layout_get_height (wide));
}

/* A fitted layout (the window's Fit view): the three lessons of the
 * lecture-hall issue fit the diagram's share of a 1920x1080 projector in
 * presentation mode (22 px text, the desktop's 14.67 px at the least),
 * every label whole; a lesson that fits at full size keeps it; and no
 * fit ever shrinks the text below the floor. */
static void
test_fit (void)
{
  static const char *ids[] = { "rsa-basic", "expired", "mutual-tls" };
  const double width = 1300, height = 960, floor_size = 11 * 96 / 72.;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], &error);
      g_autoptr(HlTrace) trace = hl_engine_run (scenario, &error);
      g_autoptr(HlLadderLayout) normal = NULL;
      g_autoptr(HlLadderLayout) fit = NULL;
      g_autoptr(HlLadderLayout) tiny = NULL;
      g_autofree char *problems = NULL;
      HlLadderStyle style;
      guint n_bad;

      g_assert_no_error (error);
      hl_ladder_style_init (&style, HL_LADDER_THEME_HIGH_CONTRAST);
      style.font_size = 22;
      normal = hl_ladder_layout_new (trace, &style, width);
      fit = hl_ladder_layout_new_fit (trace, &style, width, height, floor_size);

      g_test_message ("%s: %.0f px high, fitted %.0f px at %.1f px text", ids[i],
                      hl_ladder_layout_get_height (normal), hl_ladder_layout_get_height (fit),
                      hl_ladder_layout_get_font_size (fit));
      g_assert_cmpfloat (hl_ladder_layout_get_height (fit), <=, height);
      g_assert_cmpfloat (hl_ladder_layout_get_font_size (fit), >=, floor_size);
      g_assert_cmpfloat (hl_ladder_layout_get_font_size (fit), <=, style.font_size);
      n_bad = hl_ladder_layout_check_labels (fit, &problems);
      if (n_bad != 0)
        g_test_message ("%s:\n%s", ids[i], problems);
      g_assert_cmpuint (n_bad, ==, 0);
      g_assert_true (hl_ladder_layout_matches_fit (fit, trace, &style, width, height, floor_size));
      g_assert_false (hl_ladder_layout_matches (fit, trace, &style, width));

      /* Too little room: the floor holds, and the diagram is taller. */
      tiny = hl_ladder_layout_new_fit (trace, &style, width, 200, floor_size);
      g_assert_cmpfloat (hl_ladder_layout_get_font_size (tiny), ==, floor_size);
      g_assert_cmpfloat (hl_ladder_layout_get_height (tiny), >, 200);
    }

  /* Every lesson, fitted on a projector and in a 1280x720 window (where
   * the text may not shrink at all): no label cut or out of its row. */
  {
    g_auto(GStrv) all = hl_scenario_list_builtin ();
    static const struct { double font_size, width, height, floor; } screens[] = {
      { 22, 1300, 960, 11 * 96 / 72. },
      { 11 * 96 / 72., 800, 620, 11 * 96 / 72. },
    };

    for (guint i = 0; all[i] != NULL; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (all[i], &error);
        g_autoptr(HlTrace) trace = hl_engine_run (scenario, &error);

        g_assert_no_error (error);
        for (guint s = 0; s < G_N_ELEMENTS (screens); s++)
          {
            g_autoptr(HlLadderLayout) fit = NULL;
            g_autofree char *problems = NULL;
            HlLadderStyle style;
            guint n_bad;

            hl_ladder_style_init (&style, HL_LADDER_THEME_HIGH_CONTRAST);
            style.font_size = screens[s].font_size;
            fit = hl_ladder_layout_new_fit (trace, &style, screens[s].width, screens[s].height, screens[s].floor);
            n_bad = hl_ladder_layout_check_labels (fit, &problems);
            if (n_bad != 0)
              g_test_message ("%s, fitted at %.0f px:\n%s", all[i], screens[s].width, problems);
            g_assert_cmpuint (n_bad, ==, 0);
          }
      }
  }

  /* Room to spare: the style's size. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("expired", &error);
    g_autoptr(HlTrace) trace = hl_engine_run (scenario, &error);
    g_autoptr(HlLadderLayout) fit = NULL;
    HlLadderStyle style;

    g_assert_no_error (error);
    hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
    style.font_size = 22;
    fit = hl_ladder_layout_new_fit (trace, &style, width, 5000, floor_size);
    g_assert_cmpfloat (hl_ladder_layout_get_font_size (fit), ==, 22);
  }
}

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* @color over @under, as drawn: its alpha times @alpha blended. */
static HlLadderColor
blend (const HlLadderColor *color,
       double               alpha,
       const HlLadderColor *under)
{
  double a = color->alpha * alpha;

  return (HlLadderColor) { color->red * a + under->red * (1 - a),
                           color->green * a + under->green * (1 - a),
                           color->blue * a + under->blue * (1 - a), 1 };
}

/* WCAG 2.1: relative luminance of sRGB, (L1 + 0.05) / (L2 + 0.05). */
static double
contrast (HlLadderColor a,
          HlLadderColor b)
{
  double la = 0.2126 * channel (a.red) + 0.7152 * channel (a.green) + 0.0722 * channel (a.blue);
  double lb = 0.2126 * channel (b.red) + 0.7152 * channel (b.green) + 0.0722 * channel (b.blue);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* How many pixels of the row of step @index, drawn with every step shown,
 * have @color. */
static guint
count_pixels (HlTrace             *trace,
              const HlLadderStyle *style,
              guint                index,
              const HlLadderColor *color)
{
  g_autoptr(HlLadderLayout) layout = hl_ladder_layout_new (trace, style, 800);
  int height = (int)ceil (hl_ladder_layout_get_height (layout));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, height);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  double y, h;
  guint n = 0;

  hl_ladder_draw (cr, layout, hl_trace_get_n_steps (trace), 1, height);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  hl_ladder_layout_get_step_extent (layout, index, &y, &h);

  for (int row = (int)y; row < (int)(y + h) && row < height; row++)
    for (int x = 0; x < 800; x++)
      {
        guint32 pixel = *(const guint32 *)(data + row * stride + x * 4);

        n += abs ((int)((pixel >> 16) & 0xff) - (int)lround (color->red * 255)) <= 2 &&
             abs ((int)((pixel >> 8) & 0xff) - (int)lround (color->green * 255)) <= 2 &&
             abs ((int)(pixel & 0xff) - (int)lround (color->blue * 255)) <= 2;
      }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

/* The chain check's marker on the lane is its verdict: weak-key-rsa1024's
 * (a key below guidance) is drawn in the warning colour, rsa-basic's in
 * the success colour, and neither in the other's. */
static void
test_verdict_marker (void)
{
  const char *ids[] = { "weak-key-rsa1024", "rsa-basic" };
  HlLadderStyle style;

  hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[k], &error);
      g_autoptr(HlTrace) trace = hl_engine_run (scenario, &error);
      guint check = 0;
      guint warning, success;

      g_assert_no_error (error);
      while (hl_step_get_kind (hl_trace_get_step (trace, check)) != HL_STEP_CHECK)
        check++;
      warning = count_pixels (trace, &style, check, &style.warning);
      success = count_pixels (trace, &style, check, &style.success);
      g_test_message ("%s: %s; %u pixels of the warning colour, %u of the success colour", ids[k],
                      hl_step_get_title (hl_trace_get_step (trace, check)), warning, success);
      g_assert_cmpuint (k == 0 ? warning : success, >, 30);
      g_assert_cmpuint (k == 0 ? success : warning, ==, 0);
    }
}

/* Every text the diagram draws, on what it draws it on, in the light,
 * dark and projector themes: at least 4.5:1 (WCAG AA). */
static void
test_contrast (void)
{
  const HlLadderColor white = { 1, 1, 1, 1 };
  const HlLadderColor black = { 0, 0, 0, 1 };

  /* The formula, on the figure everyone quotes. */
  g_assert_cmpfloat (fabs (contrast (black, white) - 21), <, 0.01);

  for (HlLadderTheme theme = HL_LADDER_THEME_LIGHT; theme <= HL_LADDER_THEME_HIGH_CONTRAST; theme++)
    {
      HlLadderStyle style;
      const HlLadderColor *bg;
      struct { const char *what; HlLadderColor text; HlLadderColor under; } pairs[12];
      guint n = 0;

      hl_ladder_style_init (&style, theme);
      bg = &style.background;
#define PAIR(w, t, u) pairs[n++] = (typeof (pairs[0])) { w, t, u }
      PAIR ("titles", blend (&style.foreground, 1, bg), *bg);
      PAIR ("byte counts", blend (&style.dim, 1, bg), *bg);
      PAIR ("Client header", style.client, blend (&style.client, 0.12, bg));
      PAIR ("Server header", style.server, blend (&style.server, 0.12, bg));
      PAIR ("Network header", style.network, blend (&style.network, 0.12, bg));
      PAIR ("header detail", blend (&style.dim, 1, bg), blend (&style.client, 0.12, bg));
      PAIR ("failure callout title", style.error, blend (&style.error, 0.14, bg));
      PAIR ("failure callout text", blend (&style.foreground, 1, bg), blend (&style.error, 0.14, bg));
      PAIR ("eavesdropper callout title", style.network, blend (&style.network, 0.14, bg));
      PAIR ("story badge", style.accent, blend (&style.accent, 0.15, bg));
      PAIR ("current story badge", *bg, style.accent);
      PAIR ("note on the current row", blend (&style.foreground, 1, bg), blend (&style.accent, 0.1, bg));
#undef PAIR
      /* The marks inside the verdict markers are graphics: 3:1 (WCAG
       * 1.4.11), and so are the markers against the background. */
      g_assert_cmpfloat (contrast (*bg, style.warning), >=, 3);
      g_assert_cmpfloat (contrast (*bg, style.success), >=, 3);
      for (guint i = 0; i < n; i++)
        {
          double r = contrast (pairs[i].text, pairs[i].under);

          g_test_message ("theme %d, %s: %.2f:1", theme, pairs[i].what, r);
          g_assert_cmpfloat (r, >=, 4.5);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ladder/no-label-cut", test_no_label_cut);
  g_test_add_func ("/ladder/callout-grows", test_callout_grows);
  g_test_add_func ("/ladder/fit", test_fit);
  g_test_add_func ("/ladder/contrast", test_contrast);
  g_test_add_func ("/ladder/verdict-marker", test_verdict_marker);

  return g_test_run ();
}
