/* hl-ladder-file.c
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

#include "hl-ladder-private.h"

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
hl_ladder_render_file (HlLadderFormat     format,
                       double             width,
                       double             height,
                       const char        *title,
                       gint64             clock,
                       HlLadderPaintFunc  paint,
                       gpointer           data,
                       GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GDateTime) date_time = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case HL_LADDER_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_byte_array, bytes, width, height);
      break;
    case HL_LADDER_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
      /* The scenario's clock, not the wall clock: the same run gives the
       * same PDF, byte for byte, like every other export. */
      date_time = g_date_time_new_from_unix_utc (clock);
      if (date_time != NULL)
        {
          g_autofree char *date = g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%SZ");

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
  paint (cr, data);
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

typedef struct
{
  HlLadderLayout *layout;
  guint           position;
  double          height;
} LadderPaint;

static void
paint_ladder (cairo_t  *cr,
              gpointer  data)
{
  LadderPaint *paint = data;

  hl_ladder_draw (cr, paint->layout, paint->position, 1.0, paint->height);
}

GBytes *
hl_ladder_render (HlTrace       *trace,
                  guint          position,
                  HlLadderFormat format,
                  GError       **error)
{
  g_autofree char *title = NULL;
  g_autoptr(HlLadderLayout) layout = NULL;
  HlLadderStyle style;
  LadderPaint paint;
  double width;

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  position = MIN (position, hl_trace_get_n_steps (trace));

  hl_ladder_style_init (&style, HL_LADDER_THEME_LIGHT);
  style.font_family = "Cantarell";
  style.mark_current = position < hl_trace_get_n_steps (trace);
  /* Whole units: a PNG's last row of pixels must be drawn too. */
  width = ceil (MAX (EXPORT_WIDTH (style.font_size), hl_ladder_get_min_width (&style)));
  layout = hl_ladder_layout_new (trace, &style, width);
  title = g_strdup_printf ("%s — %s", PACKAGE_NAME, hl_trace_get_scenario_id (trace));
  paint = (LadderPaint) { layout, position, ceil (hl_ladder_layout_get_height (layout)) };

  return hl_ladder_render_file (format, width, paint.height, title, hl_trace_get_clock (trace),
                                paint_ladder, &paint, error);
}
