/* hl-field-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* For the core's builders only: front ends see fields as they are. */

#include "hl-field.h"

G_BEGIN_DECLS

void hl_field_set_contents (HlField    *self,
                            const char *name,
                            const char *value,
                            gsize       offset,
                            gsize       length);
void hl_field_move          (HlField    *self,
                             gsize       delta);
void hl_field_prepend       (HlField    *parent,
                             HlField    *child);

G_END_DECLS
