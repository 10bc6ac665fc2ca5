/* hl-export-format.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-export-format: a run written as the file its name asks for.
 *
 * The window's Export… and the command line's --export-… options write the
 * same files; this is where a file name's extension picks what goes in it:
 * the JSON trace, a capture for Wireshark, a key log, or the ladder diagram
 * as SVG, PDF or PNG.
 */

#include "hl-trace.h"
#include "hl-trace-diff.h"

G_BEGIN_DECLS

/**
 * HlExportFormat:
 * @HL_EXPORT_FORMAT_JSON: the trace as JSON (.json)
 * @HL_EXPORT_FORMAT_PCAPNG: a capture Wireshark decrypts (.pcapng)
 * @HL_EXPORT_FORMAT_KEYLOG: the key log (.log, .txt)
 * @HL_EXPORT_FORMAT_SVG: the ladder diagram, a vector drawing (.svg)
 * @HL_EXPORT_FORMAT_PDF: the ladder diagram, a vector drawing (.pdf)
 * @HL_EXPORT_FORMAT_PNG: the ladder diagram at twice the size (.png)
 */
typedef enum
{
  HL_EXPORT_FORMAT_JSON,
  HL_EXPORT_FORMAT_PCAPNG,
  HL_EXPORT_FORMAT_KEYLOG,
  HL_EXPORT_FORMAT_SVG,
  HL_EXPORT_FORMAT_PDF,
  HL_EXPORT_FORMAT_PNG,
} HlExportFormat;

/**
 * hl_export_format_for_path:
 * @path: a file name
 * @format: (out): the format its extension names
 *
 * Returns: whether @path ends in an extension named above (in any case)
 */
gboolean  hl_export_format_for_path   (const char      *path,
                                       HlExportFormat  *format);

/**
 * hl_export_format_is_diagram:
 * @format: a format
 *
 * Returns: whether @format is a drawing of the ladder diagram
 */
gboolean  hl_export_format_is_diagram (HlExportFormat   format);

/**
 * hl_export_format_render:
 * @trace: a sealed trace
 * @format: what to write
 * @diagram_position: for a diagram, how many steps to draw
 *   (hl_ladder_render()); ignored otherwise
 * @error: where a failure of cairo is reported
 *
 * Returns: (transfer full): the file's bytes, or %NULL
 */
GBytes   *hl_export_format_render     (HlTrace         *trace,
                                       HlExportFormat   format,
                                       guint            diagram_position,
                                       GError         **error);

/**
 * hl_export_format_render_diff:
 * @diff: a diff of two runs
 * @format: a diagram format (hl_export_format_is_diagram())
 * @name_a: (nullable): what to call run A; %NULL for its scenario's id
 * @name_b: (nullable): the same for B
 * @error: where a failure of cairo is reported
 *
 * The two runs' ladders side by side (hl_ladder_diff_render()).
 *
 * Returns: (transfer full): the file's bytes, or %NULL
 */
GBytes   *hl_export_format_render_diff (HlTraceDiff    *diff,
                                        HlExportFormat  format,
                                        const char     *name_a,
                                        const char     *name_b,
                                        GError        **error);

G_END_DECLS
