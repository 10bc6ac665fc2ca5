/* hl-ladder-diff.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-ladder"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hl-ladder-diff.h"
#include "hl-ladder-private.h"

/*
 * Two ladders side by side.  Each run keeps its own HlLadderLayout (its
 * lanes, its wrapped labels, the place of every step in a ladder of its
 * own); the comparison only decides where each row goes and moves each
 * step there, drawing it with the single ladder's code.
 */

/* In units of the font size, as everything in the ladder. */
#define COLUMN_WIDTH(f)  ((f) * 38)
#define MIDDLE_WIDTH(f)  ((f) * 11)
#define MIDDLE_PAD(f)    ((f) * 0.7)
#define ROW_PAD(f)       ((f) * 0.5)
#define BAND_ALPHA       0.12

enum { SIDE_A, SIDE_B };

typedef struct
{
  HlLadderDiffRow row;
  int             index[2];    /* the step of A, of B, or -1 */
  double          dy[2];       /* how far each side's step moves from its own ladder */
  PangoLayout    *first;       /* "first difference", or NULL */
  PangoLayout    *mark;        /* "~ changed" …, or NULL */
  PangoLayout    *detail;      /* what changed, or NULL */
  double          text_top;    /* where the middle column's texts start */
  guint           run;         /* steps only one run has, in a row from here; 0 inside such a run */
  double          run_bottom;  /* where that run of rows ends */
} Row;

struct _HlLadderDiffLayout
{
  HlTraceDiff    *diff;
  HlLadderStyle   style;
  char           *font_family;
  HlLadderLayout *side[2];
  PangoLayout    *name[2];
  double          column_width;
  double          middle_width;
  double          title_height;
  double          rows_top;
  double          width;
  double          height;
  guint           n_rows;
  Row            *rows;
};

static double
column_x (const HlLadderDiffLayout *layout,
          int                       side)
{
  return side == SIDE_A ? 0 : layout->column_width + layout->middle_width;
}

static PangoLayout *
wrapped_text (HlLadderDiffLayout *layout,
              double              scale,
              PangoWeight         weight,
              const char         *text,
              double              room,
              PangoAlignment      alignment)
{
  PangoLayout *text_layout = hl_ladder_create_text (layout->side[SIDE_A]->context, &layout->style,
                                                    scale, weight, text);

  pango_layout_set_wrap (text_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (text_layout, MAX (room, 1) * PANGO_SCALE);
  pango_layout_set_alignment (text_layout, alignment);

  return text_layout;
}

static double
text_height (PangoLayout *text)
{
  PangoRectangle logical;

  if (text == NULL)
    return 0;
  pango_layout_get_extents (text, NULL, &logical);

  return logical.height / (double)PANGO_SCALE;
}

/* @color over @under, opaque. */
static HlLadderColor
blend (const HlLadderColor *under,
       const HlLadderColor *color,
       double               alpha)
{
  double a = color->alpha * alpha;

  return (HlLadderColor) { under->red * (1 - a) + color->red * a,
                           under->green * (1 - a) + color->green * a,
                           under->blue * (1 - a) + color->blue * a, 1 };
}

/* The tint of a row's band, NULL for none: a change that is only the
 * seeds' is not a difference worth a colour. */
static const HlLadderColor *
band_color (const HlLadderStyle *style,
            const Row           *row)
{
  switch (row->row.status)
    {
    case HL_DIFF_CHANGED:
      return row->row.only_random ? NULL : &style->warning;
    case HL_DIFF_ADDED:
      return &style->success;
    case HL_DIFF_REMOVED:
      return &style->error;
    case HL_DIFF_SAME:
    default:
      return NULL;
    }
}

static void
make_row_texts (HlLadderDiffLayout *layout,
                Row                *row,
                const HlStepDiff   *entry)
{
  const HlLadderStyle *style = &layout->style;
  double room = layout->middle_width - 2 * MIDDLE_PAD (style->font_size);
  const char *mark = NULL;
  g_autofree char *detail = NULL;
  switch (entry->status)
    {
    case HL_DIFF_CHANGED:
      mark = _("~ changed");
      detail = entry->only_random ? g_strdup (_("only the seed differs")) : hl_ladder_diff_changed_names (entry);
      row->row.mark_color = entry->only_random ? style->dim : style->warning;
      break;
    case HL_DIFF_ADDED:
      mark = row->run > 0 ? _("+ only in B") : NULL;
      row->row.mark_color = style->success;
      break;
    case HL_DIFF_REMOVED:
      mark = row->run > 0 ? _("− only in A") : NULL;
      row->row.mark_color = style->error;
      break;
    case HL_DIFF_SAME:
    default:
      row->row.mark_color = style->dim;
      break;
    }
  /* Steps one run has and the other lacks, in a row: one mark for all. */
  if (row->run > 1)
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", row->run), row->run);
  /* The band's tint would take the marks below 4.5:1: they stand on a
   * card of the background's colour. */
  row->row.mark_background = style->background;
  row->row.mark_background.alpha = 1;
  row->row.step_background = style->background;
  if (entry->status == HL_DIFF_ADDED || entry->status == HL_DIFF_REMOVED)
    row->row.step_background = blend (&style->background, band_color (style, row), BAND_ALPHA);
  row->row.step_background.alpha = 1;

  if (row->row.first_divergence)
    row->first = wrapped_text (layout, 0.85, PANGO_WEIGHT_BOLD, _("first difference"), room, PANGO_ALIGN_CENTER);
  if (mark != NULL)
    row->mark = wrapped_text (layout, 0.95, PANGO_WEIGHT_BOLD, mark, room, PANGO_ALIGN_CENTER);
  if (detail != NULL)
    row->detail = wrapped_text (layout, 0.8, PANGO_WEIGHT_NORMAL, detail, room, PANGO_ALIGN_CENTER);
}

static double
middle_texts_height (const Row *row,
                     double     f)
{
  double h = 0;
  PangoLayout *texts[] = { row->first, row->mark, row->detail };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      h += text_height (texts[i]) + (h > 0 ? f * 0.25 : 0);

  return h;
}

/* The row's height and where its steps go: the arrows (or the markers of
 * the notes) of both steps on one line, the anchor; the row as tall as
 * the taller part above and below it, or as the middle column's texts. */
static double
place_row (HlLadderDiffLayout *layout,
           Row                *row,
           double              top)
{
  double f = layout->style.font_size;
  double above = 0;
  double below = 0;
  double texts = middle_texts_height (row, f);
  double height;
  double anchor;

  for (int s = SIDE_A; s <= SIDE_B; s++)
    if (row->index[s] >= 0)
      {
        const HlLadderPlace *place = &layout->side[s]->steps[row->index[s]].place;

        above = MAX (above, place->marker_y - place->top);
        below = MAX (below, place->top + place->height - place->marker_y);
      }

  height = MAX (above + below, texts + 2 * ROW_PAD (f));
  anchor = top + above + (height - above - below) / 2;
  row->row.y = top;
  row->row.height = height;
  row->text_top = CLAMP (anchor - texts / 2, top + ROW_PAD (f), top + height - ROW_PAD (f) - texts);

  for (int s = SIDE_A; s <= SIDE_B; s++)
    {
      double *y = s == SIDE_A ? &row->row.y_a : &row->row.y_b;

      if (row->index[s] >= 0)
        {
          const HlLadderPlace *place = &layout->side[s]->steps[row->index[s]].place;

          row->dy[s] = anchor - place->marker_y;
          *y = anchor;
        }
      else
        *y = -1;
    }

  return height;
}

/* How many entries from @position on are steps only one run has, of
 * the same run; 0 when @position continues such a series (or is none). */
static guint
count_run (HlTraceDiff *diff,
           guint        position)
{
  HlDiffStatus status = hl_trace_diff_get_entry (diff, position)->status;
  guint n = hl_trace_diff_get_n_entries (diff);
  guint run = 1;

  if (status != HL_DIFF_ADDED && status != HL_DIFF_REMOVED)
    return 0;
  if (position > 0 && hl_trace_diff_get_entry (diff, position - 1)->status == status)
    return 0;
  while (position + run < n && hl_trace_diff_get_entry (diff, position + run)->status == status)
    run++;

  return run;
}

HlLadderDiffLayout *
hl_ladder_diff_layout_new (HlTraceDiff         *diff,
                           const char          *name_a,
                           const char          *name_b,
                           const HlLadderStyle *style)
{
  HlLadderDiffLayout *layout;
  HlTrace *traces[2];
  const char *names[2];
  int first;
  double f;
  double top;

  g_return_val_if_fail (diff != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  traces[SIDE_A] = hl_trace_diff_get_trace_a (diff);
  traces[SIDE_B] = hl_trace_diff_get_trace_b (diff);
  names[SIDE_A] = name_a != NULL ? name_a : hl_trace_get_scenario_id (traces[SIDE_A]);
  names[SIDE_B] = name_b != NULL ? name_b : hl_trace_get_scenario_id (traces[SIDE_B]);

  layout = g_new0 (HlLadderDiffLayout, 1);
  layout->diff = hl_trace_diff_ref (diff);
  layout->style = *style;
  layout->font_family = g_strdup (style->font_family);
  layout->style.font_family = layout->font_family;
  f = style->font_size;
  layout->column_width = ceil (MAX (COLUMN_WIDTH (f), hl_ladder_get_min_width (style)));
  layout->middle_width = ceil (MIDDLE_WIDTH (f));
  layout->width = 2 * layout->column_width + layout->middle_width;

  for (int s = SIDE_A; s <= SIDE_B; s++)
    {
      g_autofree char *title = g_strdup_printf (s == SIDE_A ? _("A: %s") : _("B: %s"), names[s]);

      layout->side[s] = hl_ladder_layout_new (traces[s], &layout->style, layout->column_width);
      layout->name[s] = wrapped_text (layout, 1.25, PANGO_WEIGHT_BOLD, title,
                                      layout->column_width - 2 * SIDE_MARGIN (f), PANGO_ALIGN_CENTER);
      layout->title_height = MAX (layout->title_height, text_height (layout->name[s]) + f * 1.2);
    }
  layout->rows_top = layout->title_height + HEADER_HEIGHT (f);

  first = hl_trace_diff_get_first_divergence (diff);
  layout->n_rows = hl_trace_diff_get_n_entries (diff);
  layout->rows = g_new0 (Row, layout->n_rows);
  top = layout->rows_top;
  for (guint i = 0; i < layout->n_rows; i++)
    {
      const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);
      Row *row = &layout->rows[i];

      row->row.entry = i;
      row->row.status = entry->status;
      row->row.has_a = entry->step_a != NULL;
      row->row.has_b = entry->step_b != NULL;
      row->row.first_divergence = first >= 0 && (guint)first == i;
      row->row.only_random = entry->status == HL_DIFF_CHANGED && entry->only_random;
      row->index[SIDE_A] = entry->step_a != NULL ? entry->index_a : -1;
      row->index[SIDE_B] = entry->step_b != NULL ? entry->index_b : -1;
      row->run = count_run (diff, i);
      row->row.series = row->run;
      make_row_texts (layout, row, entry);
      top += place_row (layout, row, top);
    }
  layout->height = top + FOOTER (f);

  for (guint i = layout->n_rows; i-- > 0;)
    {
      Row *row = &layout->rows[i];

      row->run_bottom = row->row.y + row->row.height;
      if (row->run > 1)
        row->run_bottom = layout->rows[i + row->run - 1].row.y + layout->rows[i + row->run - 1].row.height;
    }

  return layout;
}

void
hl_ladder_diff_layout_free (HlLadderDiffLayout *layout)
{
  if (layout == NULL)
    return;

  for (guint i = 0; i < layout->n_rows; i++)
    {
      g_clear_object (&layout->rows[i].first);
      g_clear_object (&layout->rows[i].mark);
      g_clear_object (&layout->rows[i].detail);
    }
  g_free (layout->rows);
  for (int s = SIDE_A; s <= SIDE_B; s++)
    {
      g_clear_object (&layout->name[s]);
      hl_ladder_layout_free (layout->side[s]);
    }
  hl_trace_diff_unref (layout->diff);
  g_free (layout->font_family);
  g_free (layout);
}

double
hl_ladder_diff_layout_get_width (const HlLadderDiffLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->width;
}

double
hl_ladder_diff_layout_get_height (const HlLadderDiffLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->height;
}

double
hl_ladder_diff_layout_get_column_x (const HlLadderDiffLayout *layout,
                                    gboolean                  b,
                                    double                   *width)
{
  g_return_val_if_fail (layout != NULL, 0);

  if (width != NULL)
    *width = layout->column_width;

  return column_x (layout, b ? SIDE_B : SIDE_A);
}

guint
hl_ladder_diff_layout_get_n_rows (const HlLadderDiffLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->n_rows;
}

const HlLadderDiffRow *
hl_ladder_diff_layout_get_row (const HlLadderDiffLayout *layout,
                               guint                     index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->n_rows, NULL);

  return &layout->rows[index].row;
}

static guint
check_text (PangoLayout *text,
            double       room,
            const char  *what,
            GString     *problems)
{
  PangoRectangle logical;

  if (text == NULL)
    return 0;
  pango_layout_get_extents (text, NULL, &logical);
  if (!pango_layout_is_ellipsized (text) && logical.width / (double)PANGO_SCALE <= room + 0.5)
    return 0;
  g_string_append_printf (problems, "%s: “%s” does not fit\n", what, pango_layout_get_text (text));

  return 1;
}

guint
hl_ladder_diff_layout_check_labels (const HlLadderDiffLayout *layout,
                                    char                    **problems)
{
  g_autoptr(GString) out = g_string_new (NULL);
  double f;
  double room;
  guint n = 0;

  g_return_val_if_fail (layout != NULL, 0);

  f = layout->style.font_size;
  room = layout->middle_width - 2 * MIDDLE_PAD (f);
  for (int s = SIDE_A; s <= SIDE_B; s++)
    {
      g_autofree char *side_problems = NULL;

      n += hl_ladder_layout_check_labels (layout->side[s], &side_problems);
      g_string_append (out, side_problems != NULL ? side_problems : "");
      n += check_text (layout->name[s], layout->column_width - 2 * SIDE_MARGIN (f), "name", out);
    }
  for (guint i = 0; i < layout->n_rows; i++)
    {
      n += check_text (layout->rows[i].first, room, "middle", out);
      n += check_text (layout->rows[i].mark, room, "middle", out);
      n += check_text (layout->rows[i].detail, room, "middle", out);
    }

  if (problems != NULL)
    *problems = g_string_free (g_steal_pointer (&out), FALSE);

  return n;
}

/* Bands behind the rows: a step only one run has in its own column and
 * the middle one, a changed pair in the middle column only, so that the
 * steps one run lacks stand out. */
static void
draw_bands (cairo_t                  *cr,
            const HlLadderDiffLayout *layout)
{
  for (guint i = 0; i < layout->n_rows; i++)
    {
      const Row *row = &layout->rows[i];
      const HlLadderColor *tint = band_color (&layout->style, row);
      double x = 0;
      double w = layout->width;

      if (tint == NULL)
        continue;
      if (row->row.status == HL_DIFF_CHANGED)
        {
          x = layout->column_width;
          w = layout->middle_width;
        }
      if (row->row.status == HL_DIFF_ADDED)
        x = layout->column_width;
      if (row->row.status == HL_DIFF_ADDED || row->row.status == HL_DIFF_REMOVED)
        w = layout->column_width + layout->middle_width;
      hl_ladder_set_color (cr, tint, BAND_ALPHA);
      cairo_rectangle (cr, x, row->row.y, w, row->row.height);
      cairo_fill (cr);
    }
}

/* One lane of one column, as hl_ladder_draw() draws it: it turns to the
 * colour of encrypted messages after its side's ChangeCipherSpec, until
 * a new connection starts. */
static void
draw_lane (cairo_t                  *cr,
           const HlLadderDiffLayout *layout,
           int                       side,
           HlActor                   actor)
{
  const HlLadderLayout *ladder = layout->side[side];
  const HlLadderStyle *style = &layout->style;
  double f = style->font_size;
  double x = hl_ladder_lane_x (&ladder->lanes, actor);
  double start = layout->rows_top - f * 0.9;
  gboolean encrypted = FALSE;
  int connection = -1;
  g_autoptr(GArray) locks = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < layout->n_rows; i++)
    {
      const Row *row = &layout->rows[i];
      HlStep *step;

      if (row->index[side] < 0)
        continue;
      step = hl_trace_get_step (ladder->trace, row->index[side]);
      if (connection >= 0 && hl_step_get_connection (step) != (guint)connection)
        {
          hl_ladder_draw_lane_segment (cr, style, x, start, row->row.y, encrypted);
          start = row->row.y;
          encrypted = FALSE;
        }
      connection = hl_step_get_connection (step);
      if (!encrypted && hl_step_get_actor (step) == actor && hl_step_get_kind (step) == HL_STEP_CHANGE_CIPHER_SPEC)
        {
          double y = ladder->steps[row->index[side]].place.line_y + row->dy[side];

          hl_ladder_draw_lane_segment (cr, style, x, start, y, FALSE);
          start = y;
          encrypted = TRUE;
          g_array_append_val (locks, y);
        }
    }
  hl_ladder_draw_lane_segment (cr, style, x, start, layout->height - FOOTER (f), encrypted);

  for (guint i = 0; i < locks->len; i++)
    hl_ladder_draw_lane_lock (cr, style, x, g_array_index (locks, double, i), FALSE);
}

/* The run's name over its column, then its lanes' names. */
static void
draw_column_head (cairo_t                  *cr,
                  const HlLadderDiffLayout *layout,
                  int                       side)
{
  const HlLadderLayout *ladder = layout->side[side];
  double f = layout->style.font_size;

  cairo_save (cr);
  cairo_translate (cr, column_x (layout, side), 0);
  draw_lane (cr, layout, side, HL_ACTOR_CLIENT);
  draw_lane (cr, layout, side, HL_ACTOR_SERVER);
  if (ladder->lanes.has_network)
    draw_lane (cr, layout, side, HL_ACTOR_NETWORK);

  hl_ladder_set_color (cr, &layout->style.foreground, 1);
  cairo_move_to (cr, SIDE_MARGIN (f), f * 0.6);
  pango_cairo_show_layout (cr, layout->name[side]);

  cairo_translate (cr, 0, layout->title_height);
  hl_ladder_draw_lane_headers (cr, ladder);
  cairo_restore (cr);
}

/* Where a run has no steps: one empty, dashed place between its lanes
 * for all the rows of the series. */
static void
draw_empty_place (cairo_t                  *cr,
                  const HlLadderDiffLayout *layout,
                  const Row                *row,
                  int                       side)
{
  const HlLadderLanes *lanes = &layout->side[side]->lanes;
  double f = layout->style.font_size;
  double dashes[] = { f * 0.5, f * 0.35 };
  double x = column_x (layout, side);

  if (row->run == 0)
    return;

  cairo_save (cr);
  hl_ladder_set_color (cr, &layout->style.dim, 1);
  cairo_set_line_width (cr, 1.5 * layout->style.line_width);
  cairo_set_dash (cr, dashes, 2, 0);
  hl_ladder_rounded_rectangle (cr, x + lanes->client_x + f, row->row.y + ROW_PAD (f),
                               lanes->server_x - lanes->client_x - 2 * f,
                               row->run_bottom - row->row.y - 2 * ROW_PAD (f), f * 0.45);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_middle_texts (cairo_t                  *cr,
                   const HlLadderDiffLayout *layout,
                   const Row                *row)
{
  const HlLadderStyle *style = &layout->style;
  double f = style->font_size;
  double x = layout->column_width + MIDDLE_PAD (f);
  double y = row->text_top;
  PangoLayout *texts[] = { row->first, row->mark, row->detail };
  const HlLadderColor *colors[] = { &style->accent, &row->row.mark_color, &style->foreground };
  const HlLadderColor *tint = band_color (style, row);
  double texts_h = middle_texts_height (row, f);

  if (texts_h > 0 && tint != NULL)
    {
      hl_ladder_rounded_rectangle (cr, x - MIDDLE_PAD (f) * 0.6, y - f * 0.3,
                                   layout->middle_width - 2 * MIDDLE_PAD (f) * 0.4, texts_h + f * 0.6, f * 0.45);
      hl_ladder_set_color (cr, &row->row.mark_background, 1);
      cairo_fill_preserve (cr);
      hl_ladder_set_color (cr, tint, 0.6);
      cairo_set_line_width (cr, 1 * style->line_width);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (texts[i] == NULL)
        continue;
      hl_ladder_set_color (cr, colors[i], 1);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, texts[i]);
      y += text_height (texts[i]) + f * 0.25;
    }
}

static void
draw_row (cairo_t                  *cr,
          const HlLadderDiffLayout *layout,
          const Row                *row,
          int                      *connection)
{
  const HlLadderStyle *style = &layout->style;
  double f = style->font_size;

  for (int s = SIDE_A; s <= SIDE_B; s++)
    {
      const HlLadderLayout *ladder = layout->side[s];
      HlStep *step;

      if (row->index[s] < 0)
        {
          draw_empty_place (cr, layout, row, s);
          continue;
        }
      step = hl_trace_get_step (ladder->trace, row->index[s]);
      cairo_save (cr);
      cairo_translate (cr, column_x (layout, s), 0);
      if (connection[s] >= 0 && hl_step_get_connection (step) != (guint)connection[s])
        hl_ladder_draw_connection_break (cr, ladder, row->row.y, hl_step_get_connection (step));
      connection[s] = hl_step_get_connection (step);
      cairo_translate (cr, 0, row->dy[s]);
      hl_ladder_draw_step (cr, ladder, row->index[s], 1.0);
      cairo_restore (cr);
    }

  draw_middle_texts (cr, layout, row);

  if (row->row.first_divergence)
    {
      hl_ladder_set_color (cr, &style->accent, 1);
      cairo_set_line_width (cr, 2.5 * style->line_width);
      hl_ladder_rounded_rectangle (cr, f * 0.3, row->row.y + 1.5, layout->width - f * 0.6,
                                   row->row.height - 3, f * 0.5);
      cairo_stroke (cr);
    }
}

void
hl_ladder_diff_draw (cairo_t                  *cr,
                     const HlLadderDiffLayout *layout)
{
  const HlLadderStyle *style;
  int connection[2] = { -1, -1 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  style = &layout->style;
  cairo_save (cr);

  hl_ladder_set_color (cr, &style->background, 1);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);
  draw_bands (cr, layout);

  /* The middle column's edges. */
  hl_ladder_set_color (cr, &style->dim, 0.3);
  cairo_set_line_width (cr, 1 * style->line_width);
  for (int s = SIDE_A; s <= SIDE_B; s++)
    {
      double x = layout->column_width + (s == SIDE_B ? layout->middle_width : 0);

      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, layout->height);
    }
  cairo_stroke (cr);

  draw_column_head (cr, layout, SIDE_A);
  draw_column_head (cr, layout, SIDE_B);

  for (guint i = 0; i < layout->n_rows; i++)
    draw_row (cr, layout, &layout->rows[i], connection);

  cairo_restore (cr);
}

static void
paint_diff (cairo_t  *cr,
            gpointer  data)
{
  hl_ladder_diff_draw (cr, data);
}

GBytes *
hl_ladder_diff_render (HlTraceDiff    *diff,
                       const char     *name_a,
                       const char     *name_b,
                       HlLadderFormat  format,
                       GError        **error)
{
  g_autoptr(HlLadderDiffLayout) layout = NULL;
  g_autofree char *title = NULL;
  HlLadderStyle style;

  g_return_val_if_fail (diff != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
  style.font_family = "Cantarell";
  style.mark_current = FALSE;
  layout = hl_ladder_diff_layout_new (diff, name_a, name_b, &style);
  /* Whole units: a PNG's last row of pixels must be drawn too. */
  layout->height = ceil (layout->height);
  title = g_strdup_printf ("%s — %s / %s", PACKAGE_NAME,
                           hl_trace_get_scenario_id (hl_trace_diff_get_trace_a (diff)),
                           hl_trace_get_scenario_id (hl_trace_diff_get_trace_b (diff)));

  return hl_ladder_render_file (format, ceil (layout->width), layout->height, title,
                                hl_trace_get_clock (hl_trace_diff_get_trace_a (diff)),
                                paint_diff, layout, error);
}
