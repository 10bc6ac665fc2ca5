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
 *
 * The capture is for Wireshark: a pcapng file that opens and decrypts with
 * no setting to change.  The run had no network, so the capture makes one
 * up: a TCP connection between two documentation addresses, client
 * 192.0.2.1 port 49152 and server 198.51.100.1 port 443, opened with a
 * three-way handshake, then one TCP segment per TLS record in the order
 * the records were sent (those the peer never read included: they were on
 * the wire), then closed with FIN: first by the side that failed, if one
 * did, else by the client, which sends close_notify first.
 * The TLS records are the run's real bytes; only the IPv4 and TCP headers
 * around them are invented.  Each packet holds its record as the receiver
 * got it: when the network changed a record on its way (a scenario's
 * [Fault]), the packet holds the changed bytes and its comment names each
 * changed byte with the value the sender sent.  A record the receiver did
 * not read, or read only in part, says so in its comment too.  The key log travels inside the file, in a
 * Decryption Secrets Block before the first packet, so Wireshark decrypts
 * the application data on its own.  Packet times start at the scenario's
 * clock and advance one millisecond per packet, so the same trace always
 * gives the same file, byte for byte.  The file is little-endian whatever
 * the machine; its comments are in English, for the same reason.
 *
 * The key log is the SSLKEYLOGFILE format that Wireshark, curl and the
 * browsers share: one line "CLIENT_RANDOM <client random> <master secret>"
 * in lowercase hex.  It holds the client's master secret: a key log keys
 * master secrets by client random and Wireshark keeps one per client
 * random, so when the network made the two sides derive different ones
 * (a changed server random) only one can be there, and the client's is
 * the one that matches the randoms the capture shows (the ServerHello as
 * the client got it).  The comment of the record the server then stopped
 * on says so.
 */

#include <json-glib/json-glib.h>

#include "hl-trace.h"

G_BEGIN_DECLS

#define HL_EXPORT_JSON_FORMAT_VERSION 3

/**
 * hl_export_json:
 * @trace: a sealed trace
 *
 * Returns: (transfer full): the whole trace as a JSON object
 */
JsonNode *hl_export_json        (HlTrace     *trace);

/**
 * hl_export_json_string:
 * @trace: a sealed trace
 * @pretty: whether to indent it (two spaces) for a person to read
 *
 * Returns: (transfer full): hl_export_json() as text
 */
char     *hl_export_json_string (HlTrace     *trace,
                                 gboolean     pretty);

/**
 * hl_export_pcapng:
 * @trace: a sealed trace
 *
 * Builds the Wireshark capture of the run described above: a Section
 * Header Block, one Interface Description Block (LINKTYPE_RAW, IPv4), a
 * Decryption Secrets Block holding hl_export_keylog() when the run got a
 * master secret (none otherwise), then one Enhanced Packet Block per
 * packet.
 *
 * Returns: (transfer full): the pcapng file
 */
GBytes   *hl_export_pcapng      (HlTrace     *trace);

/**
 * hl_export_keylog:
 * @trace: a sealed trace
 *
 * The client's client random and master secret as one SSLKEYLOGFILE line
 * per connection, each ending with a newline; the empty string when the
 * client never got a master secret (a run that failed early).
 *
 * Returns: (transfer full): the key log text
 */
char     *hl_export_keylog      (HlTrace     *trace);

/**
 * HlExportFile:
 * @option: how the user named the file, for messages ("--export-pcapng"),
 *   or %NULL
 * @path: the file, in the file system's encoding
 * @data: what goes into it
 *
 * One file of hl_export_write_files().
 */
typedef struct
{
  const char *option;
  const char *path;
  GBytes     *data;
} HlExportFile;

/**
 * hl_export_write_files:
 * @files: (array length=n_files): the files to write
 * @n_files: how many
 * @error: where to put an error naming the file at fault
 *
 * Writes the exports of one run: all of them, or, as far as a file
 * system allows, none.
 *
 * What a path names decides how it is written; nothing a user already has
 * is replaced by something else:
 *
 * - a new file, or an existing regular file: a temporary file is written
 *   in the same directory and renamed over it, so that readers see the
 *   old file or the new one, never a part.  It gets the old file's mode
 *   and owner (a key log kept 0600 stays 0600); a new file gets 0666 less
 *   the umask.  A symbolic link is followed: the file it points to is
 *   replaced, the link stays.  A link that points nowhere is an error.
 * - a regular file with more than one hard link is written in place, so
 *   that every name keeps pointing at it; a rename would leave the other
 *   names with the old contents.  So is a file of someone else's that we
 *   may write but not give away.  Before any target changes, the room for
 *   its new bytes is reserved (posix_fallocate()) and the old bytes they
 *   cover are read back into memory; it is then written over without
 *   being truncated first, and its old tail is cut last.  A failure after
 *   that (an I/O error, a device written after it) puts the old bytes
 *   back.  Such a file must be readable too, or it is an error.
 * - a character device (/dev/null, a terminal) or a FIFO is written in
 *   place, never replaced.  It is opened with O_NONBLOCK: a FIFO that no
 *   process reads is an error at once, and one whose reader stops reading
 *   for 10 seconds is an error then.
 * - a directory, a socket or a block device is an error.
 *
 * Every target is checked before any is written: that it can be
 * written, and that no two name the same file (after symbolic links are
 * followed; two hard links of one file are the same file) — such an
 * error names both options.  Then every replacement is written beside its
 * target; then the room for what is written in place; then regular files
 * in place, devices and FIFOs; then the renames.  An error up to the
 * renames leaves every regular file as it was.  (A process that does not
 * ignore SIGXFSZ is killed by a file size limit instead: the CLI ignores
 * it.)
 *
 * Returns: %TRUE when every file was written
 */
gboolean  hl_export_write_files (const HlExportFile  *files,
                                 guint                n_files,
                                 GError             **error);

/**
 * hl_export_write:
 * @data: what to write
 * @path: the file to write, in the file system's encoding
 * @error: where to put an error naming @path
 *
 * hl_export_write_files() for one file.
 *
 * Returns: %TRUE on success
 */
gboolean  hl_export_write       (GBytes              *data,
                                 const char          *path,
                                 GError             **error);

G_END_DECLS
