/* hl-pem-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the key reader (hl-key.c) and the certificate reader
 * (hl-cert-loader.c) share about PEM: a label fit for an error message,
 * and a br_pem_decoder destination that collects into a GByteArray.
 */

#include <glib.h>

G_BEGIN_DECLS

char *hl_pem_printable_label (const char *label);
void  hl_pem_append          (void       *dest_ctx,
                              const void *src,
                              size_t      len);

G_END_DECLS
