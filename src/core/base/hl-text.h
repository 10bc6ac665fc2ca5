/* hl-text.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-text: bytes and numbers as text, the one way the project writes them.
 *
 * A trace holds thousands of hex values and numbers (every key, every DER
 * length, every arc of every object identifier), so these write with a
 * table, not printf.  Hex is lowercase, as Wireshark, OpenSSL and the
 * SSLKEYLOGFILE format write it.
 */

#include <glib.h>

G_BEGIN_DECLS

/* Room for a guint64 in decimal, and the NUL. */
#define HL_TEXT_DECIMAL_SIZE 21

/**
 * hl_text_decimal:
 * @value: a number
 * @buffer: room for the text
 *
 * Writes @value in decimal, as "%" G_GUINT64_FORMAT would, into the end of
 * @buffer.
 *
 * Returns: (transfer none): the text, inside @buffer
 */
const char *hl_text_decimal   (guint64       value,
                               char          buffer[HL_TEXT_DECIMAL_SIZE]);

/**
 * hl_text_append_decimal:
 * @s: a string
 * @value: a number
 *
 * Appends @value in decimal, as "%" G_GUINT64_FORMAT would.
 */
void   hl_text_append_decimal (GString      *s,
                               guint64       value);

/**
 * hl_text_append_hex:
 * @s: a string
 * @data: (array length=len): bytes
 * @len: how many
 * @group: put a space after every @group bytes (0: no spaces)
 * @line: put a newline instead after every @line bytes (0: one line)
 *
 * Appends @data as lowercase hex: "0a1b2c", "0a1b 2c3d" (@group 2),
 * "0a 1b\n2c 3d" (@group 1, @line 2).  No separator ends the text.
 */
void   hl_text_append_hex     (GString      *s,
                               const guint8 *data,
                               gsize         len,
                               guint         group,
                               guint         line);

/**
 * hl_text_hex:
 * @data: (array length=len) (nullable): bytes
 * @len: how many
 *
 * Returns: (transfer full): @data as lowercase hex, "" for none
 */
char  *hl_text_hex            (const guint8 *data,
                               gsize         len);

/**
 * hl_text_hex_bytes:
 * @bytes: (nullable): bytes
 *
 * Returns: (transfer full): @bytes as lowercase hex, "" for %NULL
 */
char  *hl_text_hex_bytes      (GBytes       *bytes);

/**
 * hl_text_hex_cut:
 * @data: (array length=len): bytes
 * @len: how many
 * @max: the most bytes to write
 *
 * Returns: (transfer full): at most @max bytes of @data as lowercase hex,
 *   followed by "…" when there were more
 */
char  *hl_text_hex_cut        (const guint8 *data,
                               gsize         len,
                               gsize         max);

G_END_DECLS
