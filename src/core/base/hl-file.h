/* hl-file.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * hl-file: reading the files a user names, and quoting them in messages.
 *
 * A scenario file, and the certificate and key files it names, come from
 * whoever shared the lesson.  They are read by hl_file_read() alone, which
 * promises three things: only a regular file is read (a FIFO, a device or
 * a directory is an error, found with fstat() on the open descriptor, and
 * the open itself uses O_NONBLOCK so that a FIFO without a writer cannot
 * block it); never more than a limit the caller gives, checked before
 * reading and again while reading (a file that grows is caught); and every
 * error message starts with the path, on one line.
 *
 * Messages quote a file's name with hl_file_display_name() and a value
 * from a file with hl_file_excerpt(): both stay on one line, whatever
 * bytes they were given, and an excerpt is short.  A file that is not what
 * it should be is never quoted at all.
 */

#include <glib.h>

G_BEGIN_DECLS

/**
 * HL_FILE_MAX_SIZE:
 *
 * The most a scenario, certificate or key file may hold: 1 MiB.  The
 * largest built-in lesson has some 3 KB, a certificate chain a few KB.
 */
#define HL_FILE_MAX_SIZE (1024 * 1024)

/**
 * HL_FILE_EXCERPT_CHARS:
 *
 * The most characters of a value that an error message quotes.
 */
#define HL_FILE_EXCERPT_CHARS 40

/**
 * hl_file_read:
 * @path: the file, in the file system's encoding
 * @max_size: the most bytes it may hold
 * @error: a %G_FILE_ERROR whose message starts with the path: the open
 *   failed (errno's code), the file is not a regular file or is larger
 *   than @max_size (%G_FILE_ERROR_INVAL), or the read failed
 *
 * Reads a regular file of at most @max_size bytes.
 *
 * Returns: (transfer full) (nullable): its contents, or %NULL with @error
 *   set
 */
GBytes *hl_file_read          (const char  *path,
                               gsize        max_size,
                               GError     **error);

/**
 * hl_file_display_name:
 * @path: a path, in the file system's encoding
 *
 * A path as a message shows it: UTF-8, control characters escaped (a
 * newline shows as \n), so that the message stays on one line.
 *
 * Returns: (transfer full): the text
 */
char   *hl_file_display_name  (const char  *path);

/**
 * hl_file_one_line:
 * @text: any text, not necessarily UTF-8
 *
 * A text on one line: UTF-8 (invalid bytes replaced), control characters
 * escaped.  For a message that quotes what a user typed.
 *
 * Returns: (transfer full): the text
 */
char   *hl_file_one_line      (const char  *text);

/**
 * hl_file_excerpt:
 * @text: any text, not necessarily UTF-8
 *
 * At most %HL_FILE_EXCERPT_CHARS characters of @text, for quoting it:
 * UTF-8 (invalid bytes replaced), control characters escaped, and "…"
 * where it was cut.
 *
 * Returns: (transfer full): the excerpt
 */
char   *hl_file_excerpt       (const char  *text);

/**
 * hl_file_describe_kind:
 * @mode: st_mode, as stat() gives it
 *
 * What a file that is not a regular file is, in words: "a FIFO (named
 * pipe)", "a directory", "a character device" …
 *
 * Returns: (transfer none): a translated text
 */
const char *hl_file_describe_kind (guint mode);

G_END_DECLS
