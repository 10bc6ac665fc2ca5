/* hl-test-util.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-test-util"

#include "config.h"

#include <glib/gstdio.h>

#include "hl-test-util.h"

static char *scratch;

const char *
hl_test_scratch_init (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("hl-test-%s-XXXXXX", name);

  g_assert_null (scratch);
  scratch = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  return scratch;
}

char *
hl_test_scratch_path (const char *name)
{
  g_assert_nonnull (scratch);

  return g_build_filename (scratch, name, NULL);
}

GBytes *
hl_test_scratch_read (const char *name)
{
  g_autofree char *path = hl_test_scratch_path (name);

  return hl_test_read_file (path);
}

void
hl_test_scratch_write (const char *name,
                       const void *data,
                       gsize       len)
{
  g_autofree char *path = hl_test_scratch_path (name);

  hl_test_write_file (path, data, len);
}

void
hl_test_scratch_clear (void)
{
  if (scratch != NULL)
    hl_test_remove_tree (scratch);
  g_clear_pointer (&scratch, g_free);
}

void
hl_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *entry;

      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, entry, NULL);

          hl_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

GBytes *
hl_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, len);
}

void
hl_test_write_file (const char *path,
                    const void *data,
                    gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

void
hl_test_write_bytes (const char *path,
                     GBytes     *bytes)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  hl_test_write_file (path, data, len);
}

gboolean
hl_test_run (const char  *cwd,
             char       **output,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command = NULL;
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (char *)first);
  va_start (ap, first);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (cwd, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);

  command = g_strjoinv (" ", (char **)argv->pdata);
  g_test_message ("$ %s\n%s%s", command, out, err);

  if (output != NULL)
    *output = g_strconcat (out, err, NULL);

  return g_spawn_check_wait_status (status, NULL);
}

char *
hl_test_hex (const guint8 *data,
             gsize         len)
{
  static const char digits[] = "0123456789abcdef";
  char *hex = g_malloc (2 * len + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[data[i] >> 4];
      hex[2 * i + 1] = digits[data[i] & 0x0f];
    }
  hex[2 * len] = '\0';

  return hex;
}

char *
hl_test_bytes_hex (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return hl_test_hex (data, len);
}

GBytes *
hl_test_unhex (const char *text)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  int high = -1;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isxdigit (*p))
        g_error ("“%c” (byte %td) is not a hex digit", *p, p - text);
      if (high < 0)
        high = g_ascii_xdigit_value (*p);
      else
        {
          guint8 byte = high << 4 | g_ascii_xdigit_value (*p);

          g_byte_array_append (bytes, &byte, 1);
          high = -1;
        }
    }
  if (high >= 0)
    g_error ("an odd number of hex digits: “%s”", text);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

HlField *
hl_test_child (HlField    *parent,
               const char *id)
{
  HlField *child = hl_field_get_child_by_id (parent, id);

  if (child == NULL)
    g_error ("no field of id “%s” in “%s” (%s)", id, hl_field_get_name (parent), hl_field_get_id (parent));

  return child;
}

HlField *
hl_test_child_named (HlField    *parent,
                     const char *name)
{
  for (guint i = 0; i < hl_field_get_n_children (parent); i++)
    if (g_str_equal (hl_field_get_name (hl_field_get_child (parent, i)), name))
      return hl_field_get_child (parent, i);

  return NULL;
}

HlField *
hl_test_field_named (HlField    *root,
                     const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);
  HlField *field = root;

  for (guint i = 0; names[i] != NULL; i++)
    {
      HlField *child = hl_test_child_named (field, names[i]);

      if (child == NULL)
        g_error ("no field “%s” in “%s” (looking for %s)", names[i], hl_field_get_name (field), path);
      field = child;
    }

  return field;
}
