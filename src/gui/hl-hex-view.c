/* hl-hex-view.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-hex-view"

#include "config.h"

#include <math.h>

#include "hl-hex-view.h"
#include "hl-text.h"

#define BYTES_PER_ROW 16
#define HEX_WIDTH     (BYTES_PER_ROW * 3 - 1)   /* "xx xx … xx" */
#define ASCII_GAP     2
#define MARGIN_START  12
#define MARGIN_END    6
#define MARGIN_Y      6

typedef enum
{
  ROW_TITLE,
  ROW_HEX_ASCII,  /* offset, hex, ASCII on one line */
  ROW_HEX,        /* offset and hex; the ASCII follows on the next row */
  ROW_ASCII,      /* the ASCII, each character under its byte */
} RowKind;

typedef struct
{
  RowKind kind;
  guint   block;
  gsize   offset;
  int     y;
  int     height;
} Row;

typedef struct
{
  char   *title;
  GBytes *bytes;
} Block;

struct _HlHexView
{
  GtkWidget      parent_instance;

  GPtrArray     *blocks;
  GtkAdjustment *adjustments[2];  /* by GtkOrientation */
  guint          policies[2];

  /* The layout for laid_out_width. */
  int            laid_out_width;
  int            laid_out_base;   /* the theme's type it was laid out for */
  int            font_size;       /* Pango units */
  gboolean       ascii_below;
  double         char_width;
  int            line_height;
  guint          digits;
  GArray        *rows;
  int            content_height;
  int            content_width;

  guint          hl_block;
  gsize          hl_offset;
  gsize          hl_length;
  gboolean       scroll_pending;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (HlHexView, hl_hex_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  BYTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->title);
  g_bytes_unref (block->bytes);
  g_free (block);
}

static PangoFontDescription *
hl_hex_view_get_mono_font (HlHexView *self,
                           int        size)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));

  pango_font_description_set_family (font, "Monospace");
  if (size > 0)
    pango_font_description_set_size (font, size);

  return font;
}

/* The type the theme asks for, in Pango units of points. */
static int
hl_hex_view_get_base_size (HlHexView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  int size = pango_font_description_get_size (font);

  if (pango_font_description_get_size_is_absolute (font))
    size = size * 72 / 96;
  return MAX (size, HL_HEX_VIEW_MIN_FONT_SIZE * PANGO_SCALE);
}

/* The smallest type for the ASCII beside or below the hex, Pango units. */
static int
hl_hex_view_get_min_size (HlHexView *self,
                          gboolean   ascii_below)
{
  int base = hl_hex_view_get_base_size (self);

  if (ascii_below)
    return MAX (HL_HEX_VIEW_MIN_FONT_SIZE * PANGO_SCALE, base * 2 / 3);
  return MAX (HL_HEX_VIEW_MIN_INLINE_FONT_SIZE * PANGO_SCALE, base * 4 / 5);
}

static PangoLayout *
hl_hex_view_create_mono_layout (HlHexView  *self,
                                int         size,
                                const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = hl_hex_view_get_mono_font (self, size);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  return layout;
}

static void
hl_hex_view_measure_font (HlHexView *self,
                          int        size,
                          double    *char_width,
                          int       *line_height)
{
  g_autoptr(PangoLayout) layout = hl_hex_view_create_mono_layout (self, size, "0123456789abcdef");
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *char_width = (double)logical.width / PANGO_SCALE / 16;
  if (line_height)
    *line_height = (int)ceil ((double)logical.height / PANGO_SCALE);
}

static guint
hl_hex_view_prefix (HlHexView *self)
{
  return self->digits + 2;
}

static guint
hl_hex_view_columns (HlHexView *self,
                     gboolean   ascii_below)
{
  return hl_hex_view_prefix (self) + HEX_WIDTH + (ascii_below ? 0 : ASCII_GAP + BYTES_PER_ROW);
}

static int
hl_hex_view_line_width (HlHexView *self,
                        gboolean   ascii_below,
                        double     char_width)
{
  return MARGIN_START + MARGIN_END + (int)ceil (hl_hex_view_columns (self, ascii_below) * char_width);
}

static void
hl_hex_view_count_digits (HlHexView *self)
{
  gsize largest = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    largest = MAX (largest, g_bytes_get_size (((Block *)self->blocks->pdata[i])->bytes));

  self->digits = 4;
  while (self->digits < 16 && largest > 1 && (largest - 1) >> (4 * self->digits) != 0)
    self->digits++;
}

static PangoLayout *
hl_hex_view_create_title_layout (HlHexView  *self,
                                 const char *title,
                                 int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), title);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, MAX (1, width - MARGIN_START - MARGIN_END) * PANGO_SCALE);

  return layout;
}

static void
hl_hex_view_add_row (HlHexView *self,
                     RowKind    kind,
                     guint      block,
                     gsize      offset,
                     int        height)
{
  Row row = { kind, block, offset, self->content_height, height };

  g_array_append_val (self->rows, row);
  self->content_height += height;
}

/* Picks the type and the place of the ASCII for @width, then the rows. */
static void
hl_hex_view_lay_out (HlHexView *self,
                     int        width)
{
  int base = hl_hex_view_get_base_size (self);
  gboolean found = FALSE;

  if (self->laid_out_width == width)
    return;

  hl_hex_view_count_digits (self);
  self->laid_out_base = base;
  for (int below = 0; below < 2 && !found; below++)
    {
      int min = hl_hex_view_get_min_size (self, below);

      for (int size = base; size >= min && !found; size -= PANGO_SCALE / 2)
        {
          double char_width;

          hl_hex_view_measure_font (self, size, &char_width, NULL);
          if (hl_hex_view_line_width (self, below, char_width) <= width || (below && size - PANGO_SCALE / 2 < min))
            {
              self->font_size = size;
              self->ascii_below = below;
              found = TRUE;
            }
        }
    }
  hl_hex_view_measure_font (self, self->font_size, &self->char_width, &self->line_height);

  g_array_set_size (self->rows, 0);
  self->content_height = MARGIN_Y;
  self->content_width = hl_hex_view_line_width (self, self->ascii_below, self->char_width);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = self->blocks->pdata[i];
      gsize size = g_bytes_get_size (block->bytes);

      if (block->title != NULL)
        {
          g_autoptr(PangoLayout) layout = hl_hex_view_create_title_layout (self, block->title, width);
          int title_height;

          pango_layout_get_pixel_size (layout, NULL, &title_height);
          if (i > 0)
            self->content_height += MARGIN_Y;
          hl_hex_view_add_row (self, ROW_TITLE, i, 0, title_height);
        }
      for (gsize offset = 0; offset < size; offset += BYTES_PER_ROW)
        {
          hl_hex_view_add_row (self, self->ascii_below ? ROW_HEX : ROW_HEX_ASCII, i, offset, self->line_height);
          if (self->ascii_below)
            hl_hex_view_add_row (self, ROW_ASCII, i, offset, self->line_height);
        }
    }
  self->content_height += MARGIN_Y;
  self->laid_out_width = width;
}

static void
hl_hex_view_invalidate (HlHexView *self)
{
  self->laid_out_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Returns the text of @row and, in @hex_start and @ascii_start, the
 * column of its first byte's hex and ASCII (-1 where the row has none). */
static char *
hl_hex_view_format_row (HlHexView *self,
                        const Row *row,
                        int       *hex_start,
                        int       *ascii_start)
{
  Block *block = self->blocks->pdata[row->block];
  gsize size;
  const guint8 *data = g_bytes_get_data (block->bytes, &size);
  gsize count = MIN (BYTES_PER_ROW, size - row->offset);
  guint prefix = hl_hex_view_prefix (self);
  GString *text = g_string_new (NULL);

  *hex_start = *ascii_start = -1;
  switch (row->kind)
    {
    case ROW_TITLE:
      g_string_append (text, block->title);
      break;

    case ROW_HEX_ASCII:
    case ROW_HEX:
      g_string_append_printf (text, "%0*" G_GSIZE_MODIFIER "x  ", (int)self->digits, row->offset);
      *hex_start = prefix;
      hl_text_append_hex (text, data + row->offset, count, 1, 0);
      if (row->kind == ROW_HEX)
        break;
      g_string_append_printf (text, "%*s", (int)(3 * (BYTES_PER_ROW - count) + ASCII_GAP), "");
      *ascii_start = prefix + HEX_WIDTH + ASCII_GAP;
      for (gsize i = 0; i < count; i++)
        g_string_append_c (text, g_ascii_isprint (data[row->offset + i]) ? data[row->offset + i] : '.');
      break;

    case ROW_ASCII:
    default:
      g_string_append_printf (text, "%*s", (int)prefix, "");
      *ascii_start = prefix;
      for (gsize i = 0; i < count; i++)
        g_string_append_printf (text, i ? "  %c" : "%c",
                                g_ascii_isprint (data[row->offset + i]) ? data[row->offset + i] : '.');
      break;
    }

  return g_string_free (text, FALSE);
}

static void
hl_hex_view_append_highlight (HlHexView   *self,
                              GtkSnapshot *snapshot,
                              const Row   *row,
                              int          hex_start,
                              int          ascii_start)
{
  static const GdkRGBA highlight = { 53 / 255., 132 / 255., 228 / 255., 0.35 };
  gsize first, last;

  if (self->hl_length == 0 || row->block != self->hl_block || row->kind == ROW_TITLE)
    return;
  first = MAX (self->hl_offset, row->offset);
  last = MIN (self->hl_offset + self->hl_length, row->offset + BYTES_PER_ROW);
  if (first >= last)
    return;

  first -= row->offset;
  last -= row->offset;
  if (hex_start >= 0)
    gtk_snapshot_append_color (snapshot, &highlight,
                               &GRAPHENE_RECT_INIT (MARGIN_START + (hex_start + 3 * first) * self->char_width,
                                                    row->y, (3 * (last - first) - 1) * self->char_width,
                                                    row->height));
  if (ascii_start >= 0 && row->kind == ROW_ASCII)
    gtk_snapshot_append_color (snapshot, &highlight,
                               &GRAPHENE_RECT_INIT (MARGIN_START + (ascii_start + 3 * first) * self->char_width,
                                                    row->y, (3 * (last - first) - 2) * self->char_width,
                                                    row->height));
  else if (ascii_start >= 0)
    gtk_snapshot_append_color (snapshot, &highlight,
                               &GRAPHENE_RECT_INIT (MARGIN_START + (ascii_start + first) * self->char_width,
                                                    row->y, (last - first) * self->char_width, row->height));
}

static void
hl_hex_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  HlHexView *self = HL_HEX_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double top = gtk_adjustment_get_value (self->adjustments[GTK_ORIENTATION_VERTICAL]);
  GdkRGBA color;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
G_GNUC_END_IGNORE_DEPRECATIONS

  hl_hex_view_lay_out (self, width);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, -(float)round (top)));

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *text = NULL;
      int hex_start, ascii_start;

      if (row->y + row->height < top || row->y > top + height)
        continue;

      text = hl_hex_view_format_row (self, row, &hex_start, &ascii_start);
      hl_hex_view_append_highlight (self, snapshot, row, hex_start, ascii_start);
      if (row->kind == ROW_TITLE)
        layout = hl_hex_view_create_title_layout (self, text, width);
      else
        {
          PangoAttrList *attrs = pango_attr_list_new ();
          PangoAttribute *dim = pango_attr_foreground_alpha_new (G_MAXUINT16 * 55 / 100);

          layout = hl_hex_view_create_mono_layout (self, self->font_size, text);
          dim->start_index = 0;
          dim->end_index = row->kind == ROW_ASCII ? 0 : self->digits;
          pango_attr_list_insert (attrs, dim);
          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);
        }

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN_START, row->y));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_pop (snapshot);
}

static void
hl_hex_view_scroll_to_highlight (HlHexView *self,
                                 int        height)
{
  self->scroll_pending = FALSE;
  if (self->hl_length == 0)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      double value = gtk_adjustment_get_value (self->adjustments[GTK_ORIENTATION_VERTICAL]);

      if (row->kind == ROW_TITLE || row->block != self->hl_block || row->offset + BYTES_PER_ROW <= self->hl_offset)
        continue;
      /* A titled block shows its title too. */
      if (i > 0 && g_array_index (self->rows, Row, i - 1).kind == ROW_TITLE)
        row = &g_array_index (self->rows, Row, i - 1);
      if (row->y < value || row->y + row->height > value + height)
        gtk_adjustment_set_value (self->adjustments[GTK_ORIENTATION_VERTICAL],
                                  MAX (0, row->y - (self->ascii_below ? 2 : 1) * self->line_height));
      return;
    }
}

static void
hl_hex_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  HlHexView *self = HL_HEX_VIEW (widget);
  GtkAdjustment *vadjustment = self->adjustments[GTK_ORIENTATION_VERTICAL];
  int upper;

  hl_hex_view_lay_out (self, width);
  upper = MAX (height, self->content_height);
  gtk_adjustment_configure (self->adjustments[GTK_ORIENTATION_HORIZONTAL],
                            0, 0, MAX (width, self->content_width), 1, width, width);
  gtk_adjustment_configure (vadjustment, MIN (gtk_adjustment_get_value (vadjustment), upper - height),
                            0, upper, self->line_height, height * 0.9, height);
  if (self->scroll_pending)
    hl_hex_view_scroll_to_highlight (self, height);
}

static void
hl_hex_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  HlHexView *self = HL_HEX_VIEW (widget);
  double char_width;
  int line_height;

  hl_hex_view_count_digits (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      hl_hex_view_measure_font (self, hl_hex_view_get_min_size (self, TRUE), &char_width, NULL);
      *minimum = hl_hex_view_line_width (self, TRUE, char_width);
      hl_hex_view_measure_font (self, hl_hex_view_get_base_size (self), &char_width, NULL);
      *natural = hl_hex_view_line_width (self, FALSE, char_width);
    }
  else
    {
      hl_hex_view_measure_font (self, hl_hex_view_get_base_size (self), &char_width, &line_height);
      *minimum = 2 * MARGIN_Y + line_height;
      *natural = 2 * MARGIN_Y + 4 * line_height;
    }
}

/* The byte under a point of the widget, if any. */
static gboolean
hl_hex_view_byte_at (HlHexView *self,
                     double     x,
                     double     y,
                     guint     *block,
                     gsize     *offset)
{
  int column = (int)floor ((x - MARGIN_START) / self->char_width);

  y += gtk_adjustment_get_value (self->adjustments[GTK_ORIENTATION_VERTICAL]);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      g_autofree char *text = NULL;
      int hex_start, ascii_start, index = -1;

      if (y < row->y || y >= row->y + row->height)
        continue;

      text = hl_hex_view_format_row (self, row, &hex_start, &ascii_start);
      if (hex_start >= 0 && column >= hex_start && column < hex_start + HEX_WIDTH)
        index = (column - hex_start) / 3;
      else if (row->kind == ROW_ASCII && column >= ascii_start && column < ascii_start + HEX_WIDTH)
        index = (column - ascii_start) / 3;
      else if (ascii_start >= 0 && column >= ascii_start && column < ascii_start + BYTES_PER_ROW)
        index = column - ascii_start;

      if (index < 0 || row->offset + index >= g_bytes_get_size (((Block *)self->blocks->pdata[row->block])->bytes))
        return FALSE;
      *block = row->block;
      *offset = row->offset + index;
      return TRUE;
    }

  return FALSE;
}

static void
hl_hex_view_clicked (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     HlHexView       *self)
{
  guint block;
  gsize offset;

  if (hl_hex_view_byte_at (self, x, y, &block, &offset))
    g_signal_emit (self, signals[BYTE_ACTIVATED], 0, block, (guint64)offset);
}

static void
hl_hex_view_set_adjustment (HlHexView      *self,
                            GtkAdjustment **slot,
                            GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, self);
  g_clear_object (slot);
  *slot = g_object_ref_sink (adjustment);  /* a new one is floating */
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
hl_hex_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HlHexView *self = HL_HEX_VIEW (object);

  if (prop_id == PROP_HADJUSTMENT || prop_id == PROP_VADJUSTMENT)
    g_value_set_object (value, self->adjustments[prop_id - PROP_HADJUSTMENT]);
  else if (prop_id == PROP_HSCROLL_POLICY || prop_id == PROP_VSCROLL_POLICY)
    g_value_set_enum (value, self->policies[prop_id - PROP_HSCROLL_POLICY]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hl_hex_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HlHexView *self = HL_HEX_VIEW (object);

  if (prop_id == PROP_HADJUSTMENT || prop_id == PROP_VADJUSTMENT)
    hl_hex_view_set_adjustment (self, &self->adjustments[prop_id - PROP_HADJUSTMENT], g_value_get_object (value));
  else if (prop_id == PROP_HSCROLL_POLICY || prop_id == PROP_VSCROLL_POLICY)
    self->policies[prop_id - PROP_HSCROLL_POLICY] = g_value_get_enum (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hl_hex_view_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  HlHexView *self = HL_HEX_VIEW (widget);

  GTK_WIDGET_CLASS (hl_hex_view_parent_class)->css_changed (widget, change);
  /* Not on every hover: only a new type (presentation mode) lays out again. */
  if (hl_hex_view_get_base_size (self) != self->laid_out_base)
    hl_hex_view_invalidate (self);
}

static void
hl_hex_view_dispose (GObject *object)
{
  HlHexView *self = (HlHexView *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->adjustments); i++)
    {
      if (self->adjustments[i] != NULL)
        g_signal_handlers_disconnect_by_func (self->adjustments[i], gtk_widget_queue_draw, self);
      g_clear_object (&self->adjustments[i]);
    }

  G_OBJECT_CLASS (hl_hex_view_parent_class)->dispose (object);
}

static void
hl_hex_view_finalize (GObject *object)
{
  HlHexView *self = (HlHexView *)object;

  g_ptr_array_unref (self->blocks);
  g_array_unref (self->rows);

  G_OBJECT_CLASS (hl_hex_view_parent_class)->finalize (object);
}

static void
hl_hex_view_class_init (HlHexViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_hex_view_dispose;
  object_class->finalize = hl_hex_view_finalize;
  object_class->get_property = hl_hex_view_get_property;
  object_class->set_property = hl_hex_view_set_property;

  widget_class->snapshot = hl_hex_view_snapshot;
  widget_class->measure = hl_hex_view_measure;
  widget_class->size_allocate = hl_hex_view_size_allocate;
  widget_class->css_changed = hl_hex_view_css_changed;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * HlHexView::byte-activated:
   * @self: the view
   * @block: the block the byte is in
   * @offset: the byte's offset in @block
   *
   * A byte was clicked.
   */
  signals[BYTE_ACTIVATED] = g_signal_new ("byte-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT64);

  gtk_widget_class_set_css_name (widget_class, "hexview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hl_hex_view_init (HlHexView *self)
{
  GtkGesture *gesture;

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->laid_out_width = -1;
  self->font_size = HL_HEX_VIEW_MIN_FONT_SIZE * PANGO_SCALE;
  self->char_width = 1;
  for (guint i = 0; i < G_N_ELEMENTS (self->adjustments); i++)
    hl_hex_view_set_adjustment (self, &self->adjustments[i], NULL);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (hl_hex_view_clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

GtkWidget *
hl_hex_view_new (void)
{
  return g_object_new (HL_TYPE_HEX_VIEW, NULL);
}

void
hl_hex_view_clear (HlHexView *self)
{
  g_return_if_fail (HL_IS_HEX_VIEW (self));

  g_ptr_array_set_size (self->blocks, 0);
  self->hl_length = 0;
  gtk_adjustment_set_value (self->adjustments[GTK_ORIENTATION_VERTICAL], 0);
  hl_hex_view_invalidate (self);
}

guint
hl_hex_view_add_block (HlHexView  *self,
                       const char *title,
                       GBytes     *bytes)
{
  Block *block;

  g_return_val_if_fail (HL_IS_HEX_VIEW (self), 0);
  g_return_val_if_fail (bytes != NULL, 0);

  block = g_new0 (Block, 1);
  block->title = g_strdup (title);
  block->bytes = g_bytes_ref (bytes);
  g_ptr_array_add (self->blocks, block);
  hl_hex_view_invalidate (self);

  return self->blocks->len - 1;
}

guint
hl_hex_view_get_n_blocks (HlHexView *self)
{
  g_return_val_if_fail (HL_IS_HEX_VIEW (self), 0);

  return self->blocks->len;
}

void
hl_hex_view_highlight (HlHexView *self,
                       guint      block,
                       gsize      offset,
                       gsize      length)
{
  g_return_if_fail (HL_IS_HEX_VIEW (self));

  self->hl_block = block;
  self->hl_offset = offset;
  self->hl_length = block < self->blocks->len ? length : 0;
  self->scroll_pending = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
hl_hex_view_get_n_rows (HlHexView *self)
{
  g_return_val_if_fail (HL_IS_HEX_VIEW (self), 0);

  return self->laid_out_width < 0 ? 0 : self->rows->len;
}

char *
hl_hex_view_get_row_text (HlHexView *self,
                          guint      row)
{
  int hex_start, ascii_start;

  g_return_val_if_fail (HL_IS_HEX_VIEW (self), NULL);
  g_return_val_if_fail (row < hl_hex_view_get_n_rows (self), NULL);

  return hl_hex_view_format_row (self, &g_array_index (self->rows, Row, row), &hex_start, &ascii_start);
}

double
hl_hex_view_get_font_size (HlHexView *self)
{
  g_return_val_if_fail (HL_IS_HEX_VIEW (self), 0);

  return (double)self->font_size / PANGO_SCALE;
}

int
hl_hex_view_get_content_width (HlHexView *self)
{
  g_return_val_if_fail (HL_IS_HEX_VIEW (self), 0);

  return self->content_width;
}
