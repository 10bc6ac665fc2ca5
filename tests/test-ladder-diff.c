/* test-ladder-diff.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ladder-diff"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hl-engine.h"
#include "hl-ladder-diff.h"

/*
 * Two runs side by side.  The comparison's layout is asked where each
 * row goes: one row per entry of the diff, in the diff's order, paired
 * steps on one line, a step only one run has drawn in its column alone,
 * the first divergence framed where the diff says it is.  rsa-basic
 * against ecdhe-rsa: RFC 5246 §7.4.3 has the server of an ephemeral
 * Diffie-Hellman suite send a ServerKeyExchange, and the server of an RSA
 * key exchange none, so that message is a step only B has.  No label is
 * cut, and every text the comparison adds is legible (WCAG AA) on what it
 * is drawn on.
 */

static HlTrace *
run (const char *id,
     guint64     seed,
     gboolean    set_seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (id, &error);
  HlTrace *trace;

  g_assert_no_error (error);
  if (set_seed)
    hl_scenario_set_seed (scenario, seed);
  trace = hl_engine_run (scenario, &error);
  g_assert_no_error (error);

  return trace;
}

/* A against B, B also run with A's seed, as `handshake-lab-cli diff` does. */
static HlTraceDiff *
diff_of (const char *a_id,
         const char *b_id)
{
  g_autoptr(HlTrace) a = run (a_id, 0, FALSE);
  g_autoptr(HlTrace) b = run (b_id, 0, FALSE);
  g_autoptr(HlTrace) b_seeded = NULL;

  if (hl_trace_get_seed (a) != hl_trace_get_seed (b))
    b_seeded = run (b_id, hl_trace_get_seed (a), TRUE);

  return hl_trace_diff_new (a, b, b_seeded);
}

static HlLadderDiffLayout *
light_layout (HlTraceDiff *diff)
{
  HlLadderStyle style;

  hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);

  return hl_ladder_diff_layout_new (diff, NULL, NULL, &style);
}

/* What every comparison's rows must be. */
static void
check_rows (HlTraceDiff        *diff,
            HlLadderDiffLayout *layout)
{
  guint n = hl_trace_diff_get_n_entries (diff);
  int first = hl_trace_diff_get_first_divergence (diff);
  double bottom = 0;
  guint n_first = 0;

  g_assert_cmpuint (hl_ladder_diff_layout_get_n_rows (layout), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);
      const HlLadderDiffRow *row = hl_ladder_diff_layout_get_row (layout, i);

      /* In the diff's order, top to bottom, no two rows overlapping. */
      g_assert_cmpuint (row->entry, ==, i);
      g_assert_cmpint (row->status, ==, entry->status);
      g_assert_cmpfloat (row->height, >, 0);
      g_assert_cmpfloat (row->y, >=, bottom - 1e-6);
      bottom = row->y + row->height;
      g_assert_cmpfloat (bottom, <=, hl_ladder_diff_layout_get_height (layout));

      g_assert_cmpint (row->has_a, ==, entry->step_a != NULL);
      g_assert_cmpint (row->has_b, ==, entry->step_b != NULL);
      switch (entry->status)
        {
        case HL_DIFF_SAME:
        case HL_DIFF_CHANGED:
          /* A pair: both steps, their arrows or markers on one line. */
          g_assert_true (row->has_a && row->has_b);
          g_assert_cmpfloat (fabs (row->y_a - row->y_b), <, 1e-6);
          break;
        case HL_DIFF_ADDED:
          g_assert_true (!row->has_a && row->has_b);
          g_assert_cmpfloat (row->y_a, ==, -1);
          break;
        case HL_DIFF_REMOVED:
          g_assert_true (row->has_a && !row->has_b);
          g_assert_cmpfloat (row->y_b, ==, -1);
          break;
        default:
          g_assert_not_reached ();
        }
      if (row->has_a)
        g_assert_cmpfloat (row->y_a, >, row->y);
      if (row->has_a)
        g_assert_cmpfloat (row->y_a, <, row->y + row->height);
      if (row->has_b)
        g_assert_cmpfloat (row->y_b, >, row->y);
      if (row->has_b)
        g_assert_cmpfloat (row->y_b, <, row->y + row->height);

      /* A series of steps only one run has: one mark for all of them. */
      if (row->series > 0)
        {
          g_assert_true (entry->status == HL_DIFF_ADDED || entry->status == HL_DIFF_REMOVED);
          g_assert_true (i == 0 || hl_trace_diff_get_entry (diff, i - 1)->status != entry->status);
          g_assert_cmpuint (i + row->series, <=, n);
          for (guint k = 1; k < row->series; k++)
            {
              g_assert_cmpint (hl_trace_diff_get_entry (diff, i + k)->status, ==, entry->status);
              g_assert_cmpuint (hl_ladder_diff_layout_get_row (layout, i + k)->series, ==, 0);
            }
          g_assert_true (i + row->series == n ||
                         hl_trace_diff_get_entry (diff, i + row->series)->status != entry->status);
        }
      else if (entry->status == HL_DIFF_ADDED || entry->status == HL_DIFF_REMOVED)
        g_assert_cmpint (hl_trace_diff_get_entry (diff, i - 1)->status, ==, entry->status);

      g_assert_cmpint (row->only_random, ==, entry->status == HL_DIFF_CHANGED && entry->only_random);
      g_assert_cmpint (row->first_divergence, ==, first == (int)i);
      n_first += row->first_divergence;
    }
  g_assert_cmpuint (n_first, ==, first >= 0 ? 1 : 0);
}

static void
test_rsa_against_ecdhe (void)
{
  g_autoptr(HlTraceDiff) diff = diff_of ("rsa-basic", "ecdhe-rsa");
  g_autoptr(HlLadderDiffLayout) layout = light_layout (diff);
  gboolean ske_added = FALSE;
  double width_a, width_b;
  double x_a = hl_ladder_diff_layout_get_column_x (layout, FALSE, &width_a);
  double x_b = hl_ladder_diff_layout_get_column_x (layout, TRUE, &width_b);

  check_rows (diff, layout);

  /* A on the left, B on the right, apart. */
  g_assert_cmpfloat (x_a + width_a, <=, x_b);
  g_assert_cmpfloat (x_b + width_b, <=, hl_ladder_diff_layout_get_width (layout) + 1e-6);

  for (guint i = 0; i < hl_ladder_diff_layout_get_n_rows (layout); i++)
    {
      const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);
      const HlLadderDiffRow *row = hl_ladder_diff_layout_get_row (layout, i);

      if (entry->step_b != NULL && g_strcmp0 (hl_step_get_title (entry->step_b), "ServerKeyExchange") == 0)
        {
          g_assert_cmpint (row->status, ==, HL_DIFF_ADDED);
          g_assert_false (row->has_a);
          ske_added = TRUE;
        }
    }
  g_assert_true (ske_added);
  g_assert_cmpint (hl_trace_diff_get_first_divergence (diff), >=, 0);
}

/* expired: the first difference is the certificate, after which the
 * client gives up: A's later steps are A's alone. */
static void
test_rsa_against_expired (void)
{
  g_autoptr(HlTraceDiff) diff = diff_of ("rsa-basic", "expired");
  g_autoptr(HlLadderDiffLayout) layout = light_layout (diff);
  guint n_removed = 0;
  guint n_series = 0;

  check_rows (diff, layout);

  for (guint i = 0; i < hl_ladder_diff_layout_get_n_rows (layout); i++)
    {
      const HlLadderDiffRow *row = hl_ladder_diff_layout_get_row (layout, i);

      n_removed += row->status == HL_DIFF_REMOVED;
      if (row->status == HL_DIFF_REMOVED && row->series > 0)
        n_series++;
    }
  /* The client stops at the rejected chain: what A does after it is one
   * series, the rest of the handshake. */
  g_assert_cmpuint (n_removed, >, 10);
  g_assert_cmpuint (n_series, ==, 1);
}

/* A run against itself: every row a pair, nothing framed. */
static void
test_against_itself (void)
{
  g_autoptr(HlTraceDiff) diff = diff_of ("ecdhe-rsa", "ecdhe-rsa");
  g_autoptr(HlLadderDiffLayout) layout = light_layout (diff);

  check_rows (diff, layout);
  g_assert_cmpint (hl_trace_diff_get_first_divergence (diff), ==, -1);
  for (guint i = 0; i < hl_ladder_diff_layout_get_n_rows (layout); i++)
    g_assert_cmpint (hl_ladder_diff_layout_get_row (layout, i)->status, ==, HL_DIFF_SAME);
}

/* rsa-basic against every lesson, and back: every label whole. */
static void
test_no_label_cut (void)
{
  g_auto(GStrv) ids = hl_scenario_list_builtin ();

  g_assert_cmpuint (g_strv_length (ids), >=, 25);
  for (guint i = 0; ids[i] != NULL; i++)
    for (guint back = 0; back < 2; back++)
      {
        g_autoptr(HlTraceDiff) diff = back ? diff_of (ids[i], "rsa-basic") : diff_of ("rsa-basic", ids[i]);
        g_autoptr(HlLadderDiffLayout) layout = light_layout (diff);
        g_autofree char *problems = NULL;
        guint n_bad = hl_ladder_diff_layout_check_labels (layout, &problems);

        if (n_bad != 0)
          g_test_message ("%s:\n%s", ids[i], problems);
        g_assert_cmpuint (n_bad, ==, 0);
        check_rows (diff, layout);
      }
}

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
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

static HlLadderColor
over (HlLadderColor top,
      HlLadderColor under)
{
  return (HlLadderColor) { under.red + (top.red - under.red) * top.alpha,
                           under.green + (top.green - under.green) * top.alpha,
                           under.blue + (top.blue - under.blue) * top.alpha, 1 };
}

/* Each row's mark and the middle column's other texts on what they are
 * drawn on, and the steps' titles and byte counts on a row's band, in
 * the three themes: at least 4.5:1. */
static void
test_contrast (void)
{
  const char *pairs[][2] = { { "rsa-basic", "ecdhe-rsa" }, { "rsa-basic", "expired" } };
  const HlLadderColor white = { 1, 1, 1, 1 };
  const HlLadderColor black = { 0, 0, 0, 1 };
  guint n_checked = 0;

  g_assert_cmpfloat (fabs (contrast (black, white) - 21), <, 0.01);
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      g_autoptr(HlTraceDiff) diff = diff_of (pairs[p][0], pairs[p][1]);

      for (HlLadderTheme theme = HL_LADDER_THEME_LIGHT; theme <= HL_LADDER_THEME_HIGH_CONTRAST; theme++)
        {
          g_autoptr(HlLadderDiffLayout) layout = NULL;
          HlLadderStyle style;

          hl_ladder_style_init (&style, theme);
          layout = hl_ladder_diff_layout_new (diff, NULL, NULL, &style);
          for (guint i = 0; i < hl_ladder_diff_layout_get_n_rows (layout); i++)
            {
              const HlLadderDiffRow *row = hl_ladder_diff_layout_get_row (layout, i);
              HlLadderColor under = row->mark_background;
              HlLadderColor texts[] = { row->mark_color, style.foreground, style.dim, style.accent };

              g_assert_cmpfloat (under.alpha, ==, 1);
              for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
                {
                  double r = contrast (over (texts[t], under), under);

                  if (r < 4.5)
                    g_test_message ("%s/%s theme %d row %u text %u: %.2f:1", pairs[p][0], pairs[p][1],
                                    theme, i, t, r);
                  g_assert_cmpfloat (r, >=, 4.5);
                  n_checked++;
                }
              /* An arrow's title and byte count on the band of a step
               * only one run has. */
              for (guint t = 1; t <= 2; t++)
                {
                  double r = contrast (over (texts[t], row->step_background), row->step_background);

                  g_assert_cmpfloat (row->step_background.alpha, ==, 1);
                  if (r < 4.5)
                    g_test_message ("%s/%s theme %d row %u step text %u: %.2f:1", pairs[p][0], pairs[p][1],
                                    theme, i, t, r);
                  g_assert_cmpfloat (r, >=, 4.5);
                }
            }
        }
    }
  g_assert_cmpuint (n_checked, >, 100);
}

/* The files: what each format's first bytes must be, and the size the
 * layout gives, in points (SVG) and at twice that in pixels (PNG). */
static void
test_render (void)
{
  g_autoptr(HlTraceDiff) diff = diff_of ("rsa-basic", "ecdhe-rsa");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = hl_ladder_diff_render (diff, "rsa-basic", "ecdhe-rsa", HL_LADDER_FORMAT_SVG, &error);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *text = NULL;
  const guint8 *data;
  gsize len;
  guint32 png_width;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_true (g_str_has_suffix (g_strchomp (text), "</svg>"));

  pdf = hl_ladder_diff_render (diff, NULL, NULL, HL_LADDER_FORMAT_PDF, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &len);
  g_assert_cmpuint (len, >, 5);
  g_assert_cmpmem (data, 5, "%PDF-", 5);

  png = hl_ladder_diff_render (diff, NULL, NULL, HL_LADDER_FORMAT_PNG, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (png, &len);
  g_assert_cmpuint (len, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  png_width = (guint32)data[16] << 24 | (guint32)data[17] << 16 | (guint32)data[18] << 8 | data[19];
  {
    g_autoptr(HlLadderDiffLayout) layout = NULL;
    g_autofree char *width_attr = NULL;
    HlLadderStyle style;

    hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
    style.font_family = "Cantarell";
    layout = hl_ladder_diff_layout_new (diff, NULL, NULL, &style);
    width_attr = g_strdup_printf ("width=\"%gpt\"", ceil (hl_ladder_diff_layout_get_width (layout)));
    g_assert_nonnull (strstr (text, width_attr));
    g_assert_cmpuint (png_width, ==, 2 * ceil (hl_ladder_diff_layout_get_width (layout)));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ladder-diff/rsa-against-ecdhe", test_rsa_against_ecdhe);
  g_test_add_func ("/ladder-diff/rsa-against-expired", test_rsa_against_expired);
  g_test_add_func ("/ladder-diff/against-itself", test_against_itself);
  g_test_add_func ("/ladder-diff/no-label-cut", test_no_label_cut);
  g_test_add_func ("/ladder-diff/contrast", test_contrast);
  g_test_add_func ("/ladder-diff/render", test_render);

  return g_test_run ();
}
