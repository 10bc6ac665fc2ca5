/* hl-export-file.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hl-export.h"
#include "hl-file.h"

/* Writing the files.  See hl_export_write_files() in the header for what
 * each kind of target gets and why. */

/* How long a FIFO or a terminal may keep its reader waiting: an export
 * never hangs a run that has ended. */
#define WRITE_TIMEOUT_MS 10000

typedef enum
{
  TARGET_REPLACE,   /* a regular file, new or not: a temporary file renamed over it */
  TARGET_IN_PLACE,  /* a device, a FIFO, a file with hard links: written where it is */
} TargetMode;

typedef struct
{
  const HlExportFile *file;
  char               *display;
  char               *resolved;   /* the file written, symbolic links followed */
  gboolean            exists;
  struct stat         st;         /* of the existing file */
  TargetMode          mode;
  int                 fd;         /* in place: the file; replace: the temporary file */
  char               *tmp_path;
  GBytes             *saved;      /* in place, regular: the old bytes the new ones cover */
  gboolean            reserved;   /* in place, regular: its room is taken */
  gboolean            written;    /* in place, regular: new bytes may be in */
} Target;

static void
target_clear (Target *t)
{
  if (t->fd >= 0)
    close (t->fd);
  if (t->tmp_path != NULL)
    g_unlink (t->tmp_path);
  g_free (t->tmp_path);
  g_clear_pointer (&t->saved, g_bytes_unref);
  g_free (t->resolved);
  g_free (t->display);
}

static gboolean
fail_target (Target      *t,
             GError     **error,
             int          code,
             const char  *reason)
{
  /* Translators: the first %s is a file name, the second why it failed */
  g_set_error (error, G_FILE_ERROR, code, _("Could not write “%s”: %s"), t->display, reason);

  return FALSE;
}

static gboolean
fail_target_errno (Target  *t,
                   GError **error,
                   int      saved_errno)
{
  return fail_target (t, error, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
}

/* A regular file written in place is opened for reading too: its old
 * bytes are read back before they are covered, so that a failed write
 * can put them back (see reserve_in_place()). */
static gboolean
open_in_place (Target  *t,
               GError **error)
{
  t->mode = TARGET_IN_PLACE;
  t->fd = g_open (t->resolved, O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
  if (t->fd < 0 && errno == EACCES)
    return fail_target (t, error, G_FILE_ERROR_ACCES,
                        _("it has to be written in place (it has other hard links, or another owner), "
                          "and it cannot be read, so a failed write could not be undone"));
  if (t->fd < 0)
    return fail_target_errno (t, error, errno);

  return TRUE;
}

/* Finds out what @t names and whether it can be written, writing
 * nothing.  A device or a FIFO is opened already: opening is what tells
 * whether a FIFO has a reader. */
static gboolean
check_target (Target  *t,
              GError **error)
{
  const char *path = t->file->path;
  g_autofree char *dir = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *base = NULL;
  struct stat lst;

  t->display = hl_file_display_name (path);

  if (path[0] == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    return fail_target (t, error, G_FILE_ERROR_ISDIR, _("it names a directory"));

  if (lstat (path, &lst) != 0)
    {
      if (errno != ENOENT)
        return fail_target_errno (t, error, errno);

      /* A new file, in the directory as it really is. */
      dir = g_path_get_dirname (path);
      base = g_path_get_basename (path);
      if (!(real_dir = realpath (dir, NULL)))
        return fail_target_errno (t, error, errno);
      if (access (real_dir, W_OK | X_OK) != 0)
        return fail_target_errno (t, error, errno);
      t->resolved = g_build_filename (real_dir, base, NULL);
      t->mode = TARGET_REPLACE;
      return TRUE;
    }

  if (stat (path, &t->st) != 0)
    {
      if (errno == ENOENT)
        return fail_target (t, error, G_FILE_ERROR_NOENT,
                            _("it is a symbolic link to a file that does not exist"));
      return fail_target_errno (t, error, errno);
    }
  t->exists = TRUE;

  if (S_ISDIR (t->st.st_mode))
    return fail_target (t, error, G_FILE_ERROR_ISDIR, _("it is a directory"));

  if (S_ISREG (t->st.st_mode))
    {
      if (!(t->resolved = realpath (path, NULL)))
        return fail_target_errno (t, error, errno);

      /* The user's own protection of the file counts, even though a
       * rename in a writable directory would not need it. */
      if (access (t->resolved, W_OK) != 0)
        return fail_target_errno (t, error, errno);

      if (t->st.st_nlink > 1)
        return open_in_place (t, error);

      dir = g_path_get_dirname (t->resolved);
      if (access (dir, W_OK | X_OK) != 0)
        return fail_target_errno (t, error, errno);
      t->mode = TARGET_REPLACE;
      return TRUE;
    }

  if (S_ISCHR (t->st.st_mode) || S_ISFIFO (t->st.st_mode))
    {
      t->mode = TARGET_IN_PLACE;
      t->resolved = g_strdup (path);
      /* O_NONBLOCK: a FIFO with no reader fails to open (ENXIO) rather
       * than wait for one. */
      t->fd = g_open (path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
      if (t->fd < 0 && errno == ENXIO && S_ISFIFO (t->st.st_mode))
        return fail_target (t, error, G_FILE_ERROR_NXIO, _("it is a FIFO that no process reads"));
      if (t->fd < 0)
        return fail_target_errno (t, error, errno);
      return TRUE;
    }

  {
    g_autofree char *reason =
      /* Translators: %s is what the file is: "a socket" */
      g_strdup_printf (_("it is %s; an export goes to a regular file, a character device such as /dev/null, "
                         "or a FIFO"),
                       hl_file_describe_kind (t->st.st_mode));

    return fail_target (t, error, G_FILE_ERROR_INVAL, reason);
  }
}

static gboolean
same_target (const Target *a,
             const Target *b)
{
  if (a->exists && b->exists)
    return a->st.st_dev == b->st.st_dev && a->st.st_ino == b->st.st_ino;

  return a->exists == b->exists && g_strcmp0 (a->resolved, b->resolved) == 0;
}

/* Writes all of @data to @fd; a FIFO or a terminal that takes nothing for
 * WRITE_TIMEOUT_MS is an error. */
static gboolean
write_all (Target        *t,
           int            fd,
           const guint8  *data,
           gsize          len,
           GError       **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize)G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          struct pollfd pfd = { fd, POLLOUT, 0 };
          int ready = poll (&pfd, 1, WRITE_TIMEOUT_MS);

          if (ready == 0)
            return fail_target (t, error, G_FILE_ERROR_AGAIN, _("no process read it for 10 seconds"));
          if (ready < 0 && errno != EINTR)
            return fail_target_errno (t, error, errno);
          continue;
        }
      if (n < 0)
        return fail_target_errno (t, error, errno);
      if (n == 0)
        return fail_target (t, error, G_FILE_ERROR_IO, _("it took no more bytes"));

      data += n;
      len -= n;
    }

  return TRUE;
}

/* Writes the whole new file beside the file it will replace, with that
 * file's mode and owner (a key log kept 0600 stays 0600), or, for a new
 * file, the mode the umask gives. */
static gboolean
prepare_replacement (Target  *t,
                     GError **error)
{
  g_autofree char *dir = g_path_get_dirname (t->resolved);
  g_autofree char *base = g_path_get_basename (t->resolved);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  const guint8 *data;
  gsize len;

  t->tmp_path = g_build_filename (dir, name, NULL);
  t->fd = g_mkstemp_full (t->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (t->fd < 0)
    {
      g_clear_pointer (&t->tmp_path, g_free);
      return fail_target_errno (t, error, errno);
    }

  if (t->exists)
    {
      struct stat tmp_st;

      if (fchmod (t->fd, t->st.st_mode & 07777) != 0)
        return fail_target_errno (t, error, errno);
      if (fstat (t->fd, &tmp_st) != 0)
        return fail_target_errno (t, error, errno);
      if ((tmp_st.st_uid != t->st.st_uid || tmp_st.st_gid != t->st.st_gid) &&
          fchown (t->fd, t->st.st_uid, t->st.st_gid) != 0)
        {
          /* Someone else's file that we may write: a replacement would
           * be ours, so write the file itself. */
          if (errno != EPERM)
            return fail_target_errno (t, error, errno);
          close (t->fd);
          g_unlink (t->tmp_path);
          g_clear_pointer (&t->tmp_path, g_free);
          return open_in_place (t, error);
        }
      /* fchown() may clear the set-user-ID bits fchmod() set. */
      if (fchmod (t->fd, t->st.st_mode & 07777) != 0)
        return fail_target_errno (t, error, errno);
    }

  data = g_bytes_get_data (t->file->data, &len);
  if (!write_all (t, t->fd, data, len, error))
    return FALSE;

  if (fsync (t->fd) != 0 || close (t->fd) != 0)
    {
      t->fd = -1;
      return fail_target_errno (t, error, errno);
    }
  t->fd = -1;

  return TRUE;
}

/* Makes room for the new bytes of a regular file written in place, and
 * keeps the old bytes they will cover, before a byte of it changes.
 *
 * A file written in place cannot be swapped whole like a replacement, so
 * the failures that can be foreseen are made to happen here, while the
 * file is still as it was: posix_fallocate() gets every block the new
 * content needs (a full file system, a quota, a file size limit fail
 * now; it keeps the bytes already there).  For what cannot be foreseen
 * (an I/O error, a copy-on-write file system out of room for the
 * rewrite), the old bytes the new ones cover are kept in memory, at most
 * as many as the export itself, and restore_in_place() puts them back;
 * the new content is written over the old without truncating first, and
 * the old tail is cut only once all of it is in. */
static gboolean
reserve_in_place (Target  *t,
                  GError **error)
{
  gsize len = g_bytes_get_size (t->file->data);
  g_autofree guint8 *old = NULL;
  gsize old_len;
  gsize got = 0;
  struct stat now;
  int err;

  if (fstat (t->fd, &now) != 0)
    return fail_target_errno (t, error, errno);
  t->st.st_size = now.st_size;

  old_len = MIN (len, (gsize)now.st_size);
  old = g_malloc (MAX (old_len, 1));
  while (got < old_len)
    {
      gssize n = pread (t->fd, old + got, old_len - got, got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return fail_target_errno (t, error, errno);
      if (n == 0)
        break;
      got += n;
    }
  t->saved = g_bytes_new_take (g_steal_pointer (&old), got);

  if (len > 0 && (err = posix_fallocate (t->fd, 0, len)) != 0)
    {
      /* What the reservation added beyond the old end goes again. */
      if (ftruncate (t->fd, now.st_size) != 0)
        g_debug ("could not give back the room reserved in %s: %s", t->display, g_strerror (errno));
      return fail_target_errno (t, error, err);
    }
  t->reserved = TRUE;

  return TRUE;
}

/* Puts back what reserve_in_place() kept and took: the file as it was. */
static void
restore_in_place (Target *t)
{
  gsize len;
  const guint8 *old = g_bytes_get_data (t->saved, &len);
  gsize done = 0;

  while (t->written && done < len)
    {
      gssize n = pwrite (t->fd, old + done, len - done, done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_warning ("could not restore %s after a failed export: %s", t->display, g_strerror (errno));
          return;
        }
      done += n;
    }
  if (ftruncate (t->fd, t->st.st_size) != 0 || fsync (t->fd) != 0)
    g_warning ("could not restore %s after a failed export: %s", t->display, g_strerror (errno));
}

static gboolean
write_in_place (Target  *t,
                GError **error)
{
  const guint8 *data;
  gsize len;

  data = g_bytes_get_data (t->file->data, &len);
  if (S_ISREG (t->st.st_mode))
    {
      /* From here on a failure puts the old bytes back. */
      t->written = TRUE;
      if (lseek (t->fd, 0, SEEK_SET) != 0)
        return fail_target_errno (t, error, errno);
    }

  if (!write_all (t, t->fd, data, len, error))
    return FALSE;

  /* Only a regular file has an old tail to cut, and only now that the
   * new content is whole. */
  if (S_ISREG (t->st.st_mode) && (ftruncate (t->fd, len) != 0 || fsync (t->fd) != 0))
    return fail_target_errno (t, error, errno);

  return TRUE;
}

gboolean
hl_export_write_files (const HlExportFile  *files,
                       guint                n_files,
                       GError             **error)
{
  g_autofree Target *targets = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (files != NULL || n_files == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  targets = g_new0 (Target, n_files);
  for (guint i = 0; i < n_files; i++)
    {
      g_return_val_if_fail (files[i].path != NULL && files[i].data != NULL, FALSE);
      targets[i].file = &files[i];
      targets[i].fd = -1;
    }

  /* Every target first: nothing is written while one of them is wrong. */
  for (guint i = 0; ok && i < n_files; i++)
    ok = check_target (&targets[i], error);

  for (guint i = 0; ok && i < n_files; i++)
    for (guint j = 0; ok && j < i; j++)
      if (same_target (&targets[i], &targets[j]))
        {
          if (g_strcmp0 (files[i].path, files[j].path) != 0 && files[i].option != NULL && files[j].option != NULL)
            /* Translators: the %s in quotes are file names, the others options: --export-pcapng */
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                         _("“%s” (%s) and “%s” (%s) are one file, through a link: one file cannot hold both"),
                         targets[j].display, files[j].option, targets[i].display, files[i].option);
          else if (files[i].option != NULL && files[j].option != NULL)
            /* Translators: “%s” is a file name, the other two are options: --export-pcapng */
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                         _("“%s” is named twice, by %s and by %s: one file cannot hold both"),
                         targets[i].display, files[j].option, files[i].option);
          else
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                         _("“%s” is named twice: one file cannot hold both"), targets[i].display);
          ok = FALSE;
        }

  /* Then the new files, each beside the file it replaces: a full disk
   * shows here, while no target has changed. */
  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_REPLACE)
      ok = prepare_replacement (&targets[i], error);

  /* Room for what is written in place, while no file has changed. */
  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_IN_PLACE && S_ISREG (targets[i].st.st_mode))
      ok = reserve_in_place (&targets[i], error);

  /* What cannot be replaced is written now, before any rename: a device
   * or a FIFO that refuses the bytes leaves the other targets as they
   * were.  Regular files first: they can still be put back when a device
   * fails after them; what a device or a FIFO took cannot be. */
  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_IN_PLACE && S_ISREG (targets[i].st.st_mode))
      ok = write_in_place (&targets[i], error);
  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_IN_PLACE && !S_ISREG (targets[i].st.st_mode))
      ok = write_in_place (&targets[i], error);

  for (guint i = 0; ok && i < n_files; i++)
    if (targets[i].mode == TARGET_REPLACE)
      {
        if (rename (targets[i].tmp_path, targets[i].resolved) != 0)
          ok = fail_target_errno (&targets[i], error, errno);
        else
          g_clear_pointer (&targets[i].tmp_path, g_free);
      }

  if (!ok)
    for (guint i = 0; i < n_files; i++)
      if (targets[i].reserved)
        restore_in_place (&targets[i]);

  for (guint i = 0; i < n_files; i++)
    target_clear (&targets[i]);

  return ok;
}

gboolean
hl_export_write (GBytes      *data,
                 const char  *path,
                 GError     **error)
{
  HlExportFile file = { NULL, path, data };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return hl_export_write_files (&file, 1, error);
}
