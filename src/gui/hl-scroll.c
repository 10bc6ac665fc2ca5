/* hl-scroll.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-scroll"

#include "config.h"

#include "hl-scroll.h"

typedef struct
{
  GtkWidget *target;
  HlScroll   how;
} Scroll;

static void
scroll_free (gpointer data)
{
  Scroll *scroll = data;

  g_object_unref (scroll->target);
  g_free (scroll);
}

/* The scrolled content: the scroller's child, or the viewport's. */
static GtkWidget *
get_content (GtkScrolledWindow *scroller)
{
  GtkWidget *child = gtk_scrolled_window_get_child (scroller);

  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));

  return child;
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  Scroll *scroll = user_data;
  GtkWidget *content = get_content (scroller);
  graphene_rect_t bounds;
  double page;

  /* Removed from the panel before it was laid out: nothing to show. */
  if (content == NULL || !gtk_widget_is_ancestor (scroll->target, content))
    goto done;

  page = gtk_adjustment_get_page_size (adjustment);
  if (!gtk_widget_compute_bounds (scroll->target, content, &bounds) ||
      bounds.size.height <= 0 ||
      bounds.origin.y + bounds.size.height > gtk_adjustment_get_upper (adjustment) ||
      page <= 0)
    return G_SOURCE_CONTINUE;

  switch (scroll->how)
    {
    case HL_SCROLL_TOP:
      gtk_adjustment_set_value (adjustment, bounds.origin.y);
      break;
    case HL_SCROLL_WITH_CONTEXT:
      gtk_adjustment_clamp_page (adjustment, bounds.origin.y - bounds.size.height,
                                 bounds.origin.y + 2 * bounds.size.height);
      break;
    case HL_SCROLL_SHOW:
    default:
      gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + MIN (bounds.size.height, page));
      break;
    }

done:
  g_object_set_data (G_OBJECT (scroller), "hl-scroll-tick", NULL);
  return G_SOURCE_REMOVE;
}

void
hl_scroll_into_view (GtkScrolledWindow *scroller,
                     GtkWidget         *target,
                     HlScroll           how)
{
  Scroll *scroll;
  guint tick;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));
  g_return_if_fail (GTK_IS_WIDGET (target));

  tick = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (scroller), "hl-scroll-tick"));
  if (tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (scroller), tick);

  scroll = g_new0 (Scroll, 1);
  scroll->target = g_object_ref (target);
  scroll->how = how;
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (scroller), scroll_tick, scroll, scroll_free);
  g_object_set_data (G_OBJECT (scroller), "hl-scroll-tick", GUINT_TO_POINTER (tick));
}
