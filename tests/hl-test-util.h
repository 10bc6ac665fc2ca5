/* hl-test-util.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What several test programs need: a scratch directory, files read and
 * written in one call, other programs run with what they said kept in the
 * test log, and bytes as hex and back.  Each function asserts what it cannot do
 * (a file that cannot be read, a program that cannot start): a test that
 * cannot set itself up fails there, saying why.
 */

#include <glib.h>

#include "hl-field.h"

G_BEGIN_DECLS

/**
 * hl_test_scratch_init:
 * @name: a word for the directory's name, e.g. "cert-loader"
 *
 * Makes this test program's scratch directory, a new directory under
 * g_get_tmp_dir().
 *
 * Returns: (transfer none): its path
 */
const char *hl_test_scratch_init  (const char  *name);

/**
 * hl_test_scratch_path:
 * @name: a file name
 *
 * Returns: (transfer full): @name in the scratch directory
 */
char       *hl_test_scratch_path  (const char  *name);

/**
 * hl_test_scratch_read:
 * @name: a file in the scratch directory
 *
 * Returns: (transfer full): its contents
 */
GBytes     *hl_test_scratch_read  (const char  *name);

/**
 * hl_test_scratch_write:
 * @name: a file in the scratch directory, made or replaced
 * @data: (array length=len): its new contents
 * @len: how many bytes
 */
void        hl_test_scratch_write (const char  *name,
                                   const void  *data,
                                   gsize        len);

/**
 * hl_test_scratch_clear:
 *
 * Removes the scratch directory and everything in it.
 */
void        hl_test_scratch_clear (void);

/**
 * hl_test_remove_tree:
 * @path: a file or a directory
 *
 * Removes @path and, for a directory, everything under it; symbolic
 * links are removed, not followed.
 */
void        hl_test_remove_tree   (const char  *path);

/**
 * hl_test_read_file:
 * @path: a file
 *
 * Returns: (transfer full): its contents
 */
GBytes     *hl_test_read_file     (const char  *path);

/**
 * hl_test_write_file:
 * @path: a file, made or replaced
 * @data: (array length=len): its new contents
 * @len: how many bytes
 */
void        hl_test_write_file    (const char  *path,
                                   const void  *data,
                                   gsize        len);

/**
 * hl_test_write_bytes:
 * @path: a file, made or replaced
 * @bytes: its new contents
 */
void        hl_test_write_bytes   (const char  *path,
                                   GBytes      *bytes);

/**
 * hl_test_run:
 * @cwd: (nullable): where to run it, %NULL for here
 * @output: (out) (optional): what it wrote, standard output then standard
 *   error
 * @first: the program, found in PATH, then its arguments, then %NULL
 *
 * Runs a program and waits for it.  The command line and what it wrote go
 * to the test log (g_test_message()), so that a failed check shows what
 * the tool said.
 *
 * Returns: whether it exited with status 0
 */
gboolean    hl_test_run           (const char  *cwd,
                                   char       **output,
                                   const char  *first,
                                   ...) G_GNUC_NULL_TERMINATED;

/**
 * hl_test_hex:
 * @data: (array length=len): bytes
 * @len: how many
 *
 * Returns: (transfer full): @data as lowercase hex, no separators
 */
char       *hl_test_hex           (const guint8 *data,
                                   gsize         len);

/**
 * hl_test_unhex:
 * @text: hex digits, in either case; spaces and line breaks between them
 *   are skipped (hex as a view shows it, or as a JSON trace or an RFC
 *   holds it)
 *
 * The test fails when @text holds anything else, or an odd number of
 * digits.
 *
 * Returns: (transfer full): the bytes @text spells
 */
GBytes     *hl_test_unhex         (const char  *text);

/**
 * hl_test_bytes_hex:
 * @bytes: bytes
 *
 * Returns: (transfer full): @bytes as lowercase hex, no separators
 */
char       *hl_test_bytes_hex     (GBytes      *bytes);

/**
 * hl_test_child:
 * @parent: a field
 * @id: the id of one of its children
 *
 * Returns: (transfer none): the first child of that id; the test fails
 *   when there is none
 */
HlField    *hl_test_child         (HlField     *parent,
                                   const char  *id);

/**
 * hl_test_field_named:
 * @root: a field
 * @path: names of fields, one level each, separated by "/":
 *   "Extensions/server_name/Server name"
 *
 * Finds fields by the names a student reads, as a test of those names:
 * code finds fields by id.
 *
 * Returns: (transfer none): the field at the end of @path; the test fails
 *   when there is none
 */
HlField    *hl_test_field_named   (HlField     *root,
                                   const char  *path);

/**
 * hl_test_child_named:
 * @parent: a field
 * @name: a name
 *
 * Returns: (transfer none) (nullable): the first child of that name
 */
HlField    *hl_test_child_named   (HlField     *parent,
                                   const char  *name);

G_END_DECLS
