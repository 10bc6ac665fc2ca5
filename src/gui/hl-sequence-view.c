/* hl-sequence-view.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-sequence-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hl-ladder.h"
#include "hl-sequence-view.h"

struct _HlSequenceView
{
  GtkWidget      parent_instance;

  HlPlayer      *player;
  HlLadderLayout *layout;        /* for the last width drawn or measured */
  GtkAdjustment *vadjustment;    /* of the scroller: the headers follow it */
  double         zoom;
  guint          scroll_idle;
  guint          resize_idle;
  guint          high_contrast : 1;
  guint          fit : 1;
};

/* A fitted diagram is as large as the screen allows: zoom is for the
 * normal one. */
#define ZOOM(self) ((self)->fit ? 1.0 : (self)->zoom)

G_DEFINE_FINAL_TYPE (HlSequenceView, hl_sequence_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYER,
  PROP_ZOOM,
  PROP_HIGH_CONTRAST,
  PROP_FIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hl_sequence_view_get_style (HlSequenceView *self,
                            HlLadderStyle  *style)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontDescription *font = pango_context_get_font_description (context);

  if (self->high_contrast)
    hl_ladder_style_init (style, HL_LADDER_THEME_HIGH_CONTRAST);
  else if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    hl_ladder_style_init (style, HL_LADDER_THEME_DARK);
  else
    hl_ladder_style_init (style, HL_LADDER_THEME_LIGHT);
  if (font != NULL)
    {
      double size = pango_font_description_get_size (font) / (double)PANGO_SCALE;

      style->font_family = pango_font_description_get_family (font);
      /* Points to pixels at 96 dpi, as GTK does. */
      if (size > 0 && !pango_font_description_get_size_is_absolute (font))
        style->font_size = size * 96 / 72;
      else if (size > 0)
        style->font_size = size;
    }
}

static HlTrace *
hl_sequence_view_get_trace (HlSequenceView *self)
{
  return self->player ? hl_player_get_trace (self->player) : NULL;
}

/* The size of the desktop's text, in pixels: a fitted diagram's text
 * never gets smaller, whatever the presentation mode made it. */
static double
hl_sequence_view_get_normal_font_size (HlSequenceView *self)
{
  g_autofree char *name = NULL;
  PangoFontDescription *font;
  double size = 0;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &name, NULL);
  if (name != NULL && (font = pango_font_description_from_string (name)))
    {
      size = pango_font_description_get_size (font) / (double)PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        size = size * 96 / 72;
      pango_font_description_free (font);
    }

  return size > 0 ? size : 13;
}

/* The height the scroller shows; a fitted diagram fits in it. */
static double
hl_sequence_view_get_visible_height (HlSequenceView *self)
{
  if (self->vadjustment != NULL && gtk_adjustment_get_page_size (self->vadjustment) > 0)
    return floor (gtk_adjustment_get_page_size (self->vadjustment));

  return G_MAXDOUBLE;
}

/* The layout at @width (in the diagram's units), kept while neither the
 * width, the style nor the trace changes: a frame of playback costs no
 * text measuring. */
static HlLadderLayout *
hl_sequence_view_layout_at (HlSequenceView *self,
                            double          width)
{
  HlTrace *trace = hl_sequence_view_get_trace (self);
  HlLadderStyle style;

  if (trace == NULL)
    return NULL;

  hl_sequence_view_get_style (self, &style);
  if (self->fit)
    {
      double height = hl_sequence_view_get_visible_height (self);
      double normal = hl_sequence_view_get_normal_font_size (self);

      if (self->layout == NULL ||
          !hl_ladder_layout_matches_fit (self->layout, trace, &style, width, height, normal))
        {
          g_clear_pointer (&self->layout, hl_ladder_layout_free);
          self->layout = hl_ladder_layout_new_fit (trace, &style, width, height, normal);
        }
    }
  else if (self->layout == NULL || !hl_ladder_layout_matches (self->layout, trace, &style, width))
    {
      g_clear_pointer (&self->layout, hl_ladder_layout_free);
      self->layout = hl_ladder_layout_new (trace, &style, width);
    }

  return self->layout;
}

static HlLadderLayout *
hl_sequence_view_get_current_layout (HlSequenceView *self)
{
  return hl_sequence_view_layout_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / ZOOM (self));
}

char *
hl_sequence_view_describe (HlSequenceView *self)
{
  HlStep *step;
  guint position;
  guint n;

  g_return_val_if_fail (HL_IS_SEQUENCE_VIEW (self), NULL);

  if (self->player == NULL || hl_sequence_view_get_trace (self) == NULL)
    return g_strdup (_("No handshake loaded"));

  position = hl_player_get_position (self->player);
  n = hl_player_get_n_steps (self->player);
  if (!(step = hl_player_get_current_step (self->player)))
    return g_strdup_printf (_("Ladder diagram of %u steps, before the first step"), n);

  return g_strdup_printf (_("Step %u of %u: %s"), position, n, hl_step_get_title (step));
}

static void
hl_sequence_view_update_description (HlSequenceView *self)
{
  g_autofree char *description = hl_sequence_view_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
hl_sequence_view_scroll_to_current (gpointer user_data)
{
  HlSequenceView *self = user_data;
  GtkWidget *scroller;
  GtkAdjustment *vadjustment;
  HlLadderLayout *layout;
  guint position;
  double y, h, header, f;
  graphene_point_t top;

  self->scroll_idle = 0;

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0 ||
      !(layout = hl_sequence_view_get_current_layout (self)))
    return G_SOURCE_REMOVE;

  position = hl_player_get_position (self->player);
  header = hl_ladder_layout_get_header_height (layout);
  f = header / 5;
  if (position == 0)
    y = h = 0;
  else
    hl_ladder_layout_get_step_extent (layout, position - 1, &y, &h);

  if (!gtk_widget_compute_point (GTK_WIDGET (self), scroller,
                                 &GRAPHENE_POINT_INIT (0, 0), &top))
    return G_SOURCE_REMOVE;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* Keep a little of the previous step in view below the lane headers,
   * which stay at the top. */
  y = (y - header - f * 2) * ZOOM (self);
  h = (h + header + f * 3) * ZOOM (self);
  gtk_adjustment_clamp_page (vadjustment,
                             gtk_adjustment_get_value (vadjustment) + top.y + MAX (y, 0),
                             gtk_adjustment_get_value (vadjustment) + top.y + y + h);

  return G_SOURCE_REMOVE;
}

static void
hl_sequence_view_queue_scroll (HlSequenceView *self)
{
  if (self->scroll_idle == 0)
    self->scroll_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20,
                                         hl_sequence_view_scroll_to_current,
                                         self, NULL);
}

static void
hl_sequence_view_position_changed (HlSequenceView *self)
{
  hl_sequence_view_update_description (self);
  hl_sequence_view_queue_scroll (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
hl_sequence_view_trace_changed (HlSequenceView *self)
{
  g_clear_pointer (&self->layout, hl_ladder_layout_free);
  hl_sequence_view_update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static GtkSizeRequestMode
hl_sequence_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Labels wrap instead of being cut, so the diagram is taller when it is
 * narrower, and zooming in makes it wider (the window scrolls sideways)
 * rather than cutting its labels. */
static void
hl_sequence_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HlSequenceView *self = HL_SEQUENCE_VIEW (widget);
  HlLadderStyle style;
  HlLadderLayout *layout;

  hl_sequence_view_get_style (self, &style);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ceil (hl_ladder_get_min_width (&style) * ZOOM (self));
      *natural = *minimum * 2;
      return;
    }

  layout = hl_sequence_view_layout_at (self, (for_size >= 0 ? for_size : hl_ladder_get_min_width (&style) * ZOOM (self)) / ZOOM (self));
  *minimum = *natural = layout ? ceil (hl_ladder_layout_get_height (layout) * ZOOM (self)) : 0;
}

static void
hl_sequence_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  HlSequenceView *self = HL_SEQUENCE_VIEW (widget);
  HlLadderLayout *layout;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double visible_top = 0;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || !(layout = hl_sequence_view_get_current_layout (self)))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, ZOOM (self), ZOOM (self));
  hl_ladder_draw (cr, layout,
                  hl_player_get_position (self->player),
                  hl_player_get_progress (self->player),
                  height / ZOOM (self));

  /* Scrolled down: the lane headers again, at the top of what shows. */
  if (self->vadjustment != NULL)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
      graphene_point_t top;

      if (scroller != NULL &&
          gtk_widget_compute_point (scroller, widget, &GRAPHENE_POINT_INIT (0, 0), &top))
        visible_top = top.y;
    }
  if (visible_top > 0)
    {
      cairo_translate (cr, 0, visible_top / ZOOM (self));
      hl_ladder_draw_headers (cr, layout);
    }
  cairo_destroy (cr);
}

static gboolean
hl_sequence_view_resize_idle (gpointer user_data)
{
  HlSequenceView *self = user_data;

  self->resize_idle = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* The scroller's height changes while it is allocated: fit again once
 * that is done, not in the middle of it. */
static void
hl_sequence_view_page_size_changed (HlSequenceView *self)
{
  if (self->fit && self->resize_idle == 0)
    self->resize_idle = g_idle_add (hl_sequence_view_resize_idle, self);
}

static void
hl_sequence_view_root (GtkWidget *widget)
{
  HlSequenceView *self = HL_SEQUENCE_VIEW (widget);
  GtkWidget *scroller;

  GTK_WIDGET_CLASS (hl_sequence_view_parent_class)->root (widget);

  /* A click on an arrow focuses the diagram: the viewport must not jump
   * to the diagram's top for that. */
  if (GTK_IS_VIEWPORT (gtk_widget_get_parent (widget)))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_widget_get_parent (widget)), FALSE);

  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller != NULL)
    {
      self->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
      g_signal_connect_object (self->vadjustment, "value-changed",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->vadjustment, "notify::page-size",
                               G_CALLBACK (hl_sequence_view_page_size_changed), self, G_CONNECT_SWAPPED);
    }
}

static void
hl_sequence_view_unroot (GtkWidget *widget)
{
  HlSequenceView *self = HL_SEQUENCE_VIEW (widget);

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);

  GTK_WIDGET_CLASS (hl_sequence_view_parent_class)->unroot (widget);
}

static void
hl_sequence_view_pressed (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          HlSequenceView  *self)
{
  HlLadderLayout *layout = hl_sequence_view_get_current_layout (self);
  int index;

  if (layout == NULL)
    return;

  index = hl_ladder_layout_step_at (layout, hl_player_get_position (self->player), y / ZOOM (self));
  if (index < 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  hl_player_set_playing (self->player, FALSE);
  hl_player_seek (self->player, index + 1);
}

static void
hl_sequence_view_dark_changed (HlSequenceView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
hl_sequence_view_dispose (GObject *object)
{
  HlSequenceView *self = (HlSequenceView *)object;

  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  g_clear_handle_id (&self->resize_idle, g_source_remove);
  hl_sequence_view_set_player (self, NULL);
  g_clear_pointer (&self->layout, hl_ladder_layout_free);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (hl_sequence_view_parent_class)->dispose (object);
}

static void
hl_sequence_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HlSequenceView *self = HL_SEQUENCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_sequence_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HlSequenceView *self = HL_SEQUENCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      hl_sequence_view_set_player (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      hl_sequence_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HIGH_CONTRAST:
      hl_sequence_view_set_high_contrast (self, g_value_get_boolean (value));
      break;
    case PROP_FIT:
      hl_sequence_view_set_fit (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_sequence_view_class_init (HlSequenceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_sequence_view_dispose;
  object_class->get_property = hl_sequence_view_get_property;
  object_class->set_property = hl_sequence_view_set_property;

  widget_class->get_request_mode = hl_sequence_view_get_request_mode;
  widget_class->measure = hl_sequence_view_measure;
  widget_class->root = hl_sequence_view_root;
  widget_class->unroot = hl_sequence_view_unroot;
  widget_class->snapshot = hl_sequence_view_snapshot;

  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL,
                         HL_TYPE_PLAYER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0.5, 3, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* For a projector: black on white, saturated colours, thick lines. */
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The whole run in the height shown (hl_ladder_layout_new_fit()). */
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sequenceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hl_sequence_view_init (HlSequenceView *self)
{
  GtkGesture *click;

  self->zoom = 1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (hl_sequence_view_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (hl_sequence_view_dark_changed), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Ladder diagram of the handshake"),
                                  -1);
  hl_sequence_view_update_description (self);
}

GtkWidget *
hl_sequence_view_new (void)
{
  return g_object_new (HL_TYPE_SEQUENCE_VIEW, NULL);
}

HlPlayer *
hl_sequence_view_get_player (HlSequenceView *self)
{
  g_return_val_if_fail (HL_IS_SEQUENCE_VIEW (self), NULL);

  return self->player;
}

void
hl_sequence_view_set_player (HlSequenceView *self,
                             HlPlayer       *player)
{
  g_return_if_fail (HL_IS_SEQUENCE_VIEW (self));
  g_return_if_fail (player == NULL || HL_IS_PLAYER (player));

  if (!hl_player_bind_view (&self->player, player, self,
                            G_CALLBACK (hl_sequence_view_trace_changed),
                            G_CALLBACK (hl_sequence_view_position_changed)))
    return;

  if (player != NULL)
    g_signal_connect_swapped (player, "notify::progress",
                              G_CALLBACK (gtk_widget_queue_draw), self);

  hl_sequence_view_trace_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}

double
hl_sequence_view_get_zoom (HlSequenceView *self)
{
  g_return_val_if_fail (HL_IS_SEQUENCE_VIEW (self), 1);

  return self->zoom;
}

void
hl_sequence_view_set_zoom (HlSequenceView *self,
                           double          zoom)
{
  g_return_if_fail (HL_IS_SEQUENCE_VIEW (self));

  /* CLAMP() keeps a NaN, which would draw nothing at all. */
  zoom = isfinite (zoom) ? CLAMP (zoom, 0.5, 3) : 1;
  if (self->zoom == zoom)
    return;

  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  hl_sequence_view_queue_scroll (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
hl_sequence_view_get_high_contrast (HlSequenceView *self)
{
  g_return_val_if_fail (HL_IS_SEQUENCE_VIEW (self), FALSE);

  return self->high_contrast;
}

void
hl_sequence_view_set_high_contrast (HlSequenceView *self,
                                    gboolean        high_contrast)
{
  g_return_if_fail (HL_IS_SEQUENCE_VIEW (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;

  self->high_contrast = high_contrast;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

gboolean
hl_sequence_view_get_fit (HlSequenceView *self)
{
  g_return_val_if_fail (HL_IS_SEQUENCE_VIEW (self), FALSE);

  return self->fit;
}

void
hl_sequence_view_set_fit (HlSequenceView *self,
                          gboolean        fit)
{
  g_return_if_fail (HL_IS_SEQUENCE_VIEW (self));

  fit = !!fit;
  if (self->fit == fit)
    return;

  self->fit = fit;
  g_clear_pointer (&self->layout, hl_ladder_layout_free);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  hl_sequence_view_queue_scroll (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

const HlLadderLayout *
hl_sequence_view_get_layout (HlSequenceView *self)
{
  g_return_val_if_fail (HL_IS_SEQUENCE_VIEW (self), NULL);

  return hl_sequence_view_get_current_layout (self);
}
