/* hl-export.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * Exports of a trace.
 *
 * The JSON trace holds everything a trace holds; its field names are
 * stable and documented in README.md ("The JSON trace").  Bytes are
 * lowercase hex strings; texts are translated into the user's language.
 */

#include <json-glib/json-glib.h>

#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_EXPORT_JSON_FORMAT_VERSION 1

JsonNode *hl_export_json        (HlTrace  *trace);
char     *hl_export_json_string (HlTrace  *trace,
                                 gboolean  pretty);

G_END_DECLS
