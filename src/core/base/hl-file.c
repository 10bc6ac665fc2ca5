/* hl-file.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hl-file.h"

#define READ_CHUNK 65536

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  const char *end = len < 0 ? text + strlen (text) : text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      guchar c = *p;

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

char *
hl_file_display_name (const char *path)
{
  g_autofree char *display = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  append_escaped (out, display, -1);

  return g_string_free (out, FALSE);
}

char *
hl_file_one_line (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  append_escaped (out, valid, -1);

  return g_string_free (out, FALSE);
}

char *
hl_file_excerpt (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out = g_string_new (NULL);
  const char *cut;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  cut = valid;
  for (guint i = 0; i < HL_FILE_EXCERPT_CHARS && *cut != '\0'; i++)
    cut = g_utf8_next_char (cut);

  append_escaped (out, valid, cut - valid);
  if (*cut != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

const char *
hl_file_describe_kind (guint mode)
{
  if (S_ISDIR (mode))
    return _("a directory");
  if (S_ISFIFO (mode))
    return _("a FIFO (named pipe)");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISSOCK (mode))
    return _("a socket");

  return _("not a regular file");
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *display)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", display, g_strerror (saved_errno));

  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), message);
}

static void
set_too_large (GError     **error,
               const char  *display,
               gsize        max_size)
{
  g_autofree char *max_text = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  /* Translators: %s are a file name and a size, "1.0 MiB" */
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               _("%s: too large; a file read here holds at most %s"), display, max_text);
}

GBytes *
hl_file_read (const char  *path,
              gsize        max_size,
              GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GByteArray) data = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = hl_file_display_name (path);

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
   * writer, before fstat() could say that it is one. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  /* A socket cannot be opened at all (ENXIO): say what it is instead. */
  if (fd < 0 && errno == ENXIO && stat (path, &st) == 0 && S_ISSOCK (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s: %s, not a regular file; only regular files are read"),
                   display, hl_file_describe_kind (st.st_mode));
      return NULL;
    }
  if (fd < 0)
    {
      set_errno_error (error, errno, display);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, display);
      close (fd);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      /* Translators: the first %s is a file name, the second what it is: "a FIFO (named pipe)" */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s: %s, not a regular file; only regular files are read"),
                   display, hl_file_describe_kind (st.st_mode));
      close (fd);
      return NULL;
    }

  if (st.st_size < 0 || (guint64)st.st_size > max_size)
    {
      set_too_large (error, display, max_size);
      close (fd);
      return NULL;
    }

  /* The size fstat() gives is a hint, not a promise: files in /proc say
   * 0, and a file can grow while it is read. */
  data = g_byte_array_sized_new (MIN ((gsize)st.st_size + 1, max_size + 1));
  for (;;)
    {
      gsize room = MIN (READ_CHUNK, max_size + 1 - data->len);
      gsize old_len = data->len;
      gssize n;

      g_byte_array_set_size (data, old_len + room);
      n = read (fd, data->data + old_len, room);
      if (n < 0 && errno == EINTR)
        {
          g_byte_array_set_size (data, old_len);
          continue;
        }
      if (n < 0)
        {
          set_errno_error (error, errno, display);
          close (fd);
          return NULL;
        }

      g_byte_array_set_size (data, old_len + n);
      if (n == 0)
        break;
      if (data->len > max_size)
        {
          set_too_large (error, display, max_size);
          close (fd);
          return NULL;
        }
    }

  close (fd);

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
