/* hl-export-format.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export-format"

#include "config.h"

#include <string.h>

#include "hl-export.h"
#include "hl-export-format.h"
#include "hl-ladder-diff.h"

static const struct
{
  const char     *suffix;
  HlExportFormat  format;
} suffixes[] = {
  { ".json", HL_EXPORT_FORMAT_JSON },
  { ".pcapng", HL_EXPORT_FORMAT_PCAPNG },
  { ".log", HL_EXPORT_FORMAT_KEYLOG },
  { ".txt", HL_EXPORT_FORMAT_KEYLOG },
  { ".svg", HL_EXPORT_FORMAT_SVG },
  { ".pdf", HL_EXPORT_FORMAT_PDF },
  { ".png", HL_EXPORT_FORMAT_PNG },
};

gboolean
hl_export_format_for_path (const char     *path,
                           HlExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i].suffix))
      {
        *format = suffixes[i].format;
        return TRUE;
      }

  return FALSE;
}

gboolean
hl_export_format_is_diagram (HlExportFormat format)
{
  return format == HL_EXPORT_FORMAT_SVG || format == HL_EXPORT_FORMAT_PDF || format == HL_EXPORT_FORMAT_PNG;
}

static GBytes *
take_text (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

GBytes *
hl_export_format_render (HlTrace         *trace,
                         HlExportFormat   format,
                         guint            diagram_position,
                         GError         **error)
{
  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);

  switch (format)
    {
    case HL_EXPORT_FORMAT_JSON:
      return take_text (hl_export_json_string (trace, TRUE));
    case HL_EXPORT_FORMAT_PCAPNG:
      return hl_export_pcapng (trace);
    case HL_EXPORT_FORMAT_KEYLOG:
      return take_text (hl_export_keylog (trace));
    case HL_EXPORT_FORMAT_SVG:
      return hl_ladder_render (trace, diagram_position, HL_LADDER_FORMAT_SVG, error);
    case HL_EXPORT_FORMAT_PDF:
      return hl_ladder_render (trace, diagram_position, HL_LADDER_FORMAT_PDF, error);
    case HL_EXPORT_FORMAT_PNG:
      return hl_ladder_render (trace, diagram_position, HL_LADDER_FORMAT_PNG, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

GBytes *
hl_export_format_render_diff (HlTraceDiff    *diff,
                              HlExportFormat  format,
                              const char     *name_a,
                              const char     *name_b,
                              GError        **error)
{
  g_return_val_if_fail (diff != NULL, NULL);

  switch (format)
    {
    case HL_EXPORT_FORMAT_SVG:
      return hl_ladder_diff_render (diff, name_a, name_b, HL_LADDER_FORMAT_SVG, error);
    case HL_EXPORT_FORMAT_PDF:
      return hl_ladder_diff_render (diff, name_a, name_b, HL_LADDER_FORMAT_PDF, error);
    case HL_EXPORT_FORMAT_PNG:
      return hl_ladder_diff_render (diff, name_a, name_b, HL_LADDER_FORMAT_PNG, error);
    case HL_EXPORT_FORMAT_JSON:
    case HL_EXPORT_FORMAT_PCAPNG:
    case HL_EXPORT_FORMAT_KEYLOG:
    default:
      g_return_val_if_reached (NULL);
    }
}
