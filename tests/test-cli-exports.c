/* test-cli-exports.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Exports: what is written, what is never destroyed, standard output. */

#include "config.h"

#include "test-cli.h"

/* Device nodes, made here as /dev/null (1, 3) and /dev/full (1, 7)
 * are: written, never replaced; a full one is an error, and the other
 * export of the run stays unwritten. */
static void
assert_device_exports (const char *dir,
                       const char *fresh,
                       const char *kept)
{
  g_autofree char *null = g_build_filename (dir, "null", NULL);
  g_autofree char *full = g_build_filename (dir, "full", NULL);
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  g_auto(Result) r = { 0 };
  g_auto(Result) rf = { 0 };
  g_autofree char *after = NULL;
  struct stat st;

  if (getuid () != 0)
    {
      g_test_message ("not root: no device nodes to export onto (mknod needs root)");
      return;
    }

  g_assert_cmpint (mknod (null, S_IFCHR | 0666, makedev (1, 3)), ==, 0);
  g_assert_cmpint (mknod (full, S_IFCHR | 0666, makedev (1, 7)), ==, 0);

  run_cli (&r, "run", "rsa-basic", "--export-keylog", null, "--export-pcapng", fresh, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (stat (null, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (st.st_rdev, ==, makedev (1, 3));

  run_cli (&rf, "run", "rsa-basic", "--export-keylog", full, "--export-pcapng", kept, NULL);
  g_test_message ("full: %s", rf.err);
  g_assert_cmpint (rf.status, ==, 2);
  g_assert_cmpuint (count_lines (rf.err), ==, 1);
  g_assert_nonnull (strstr (rf.err, "No space left on device"));
  g_assert_cmpint (stat (full, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  after = read_text (kept);
  g_assert_cmpstr (after, ==, "before\n");

  /* Standard output on a full device: an error, not exit 0 with the
   * JSON cut short. */
  command = g_strdup_printf ("'%s' run rsa-basic --format json > '%s'", g_getenv ("HL_CLI"), full);
  g_assert_cmpint (run_shell (command, &err), ==, 2);
  g_test_message ("stdout full: %s", err);
  g_assert_cmpuint (count_lines (err), ==, 1);
  g_assert_nonnull (strstr (err, "could not write the output: No space left on device"));

  g_unlink (null);
  g_unlink (full);
}

/* rsa-basic run with the exports @args: refused in one line that says
 * @problem, and @kept still holds "before". */
static void
assert_exports_refused (const char *const *args,
                        const char        *problem,
                        const char        *kept)
{
  g_auto(Result) r = { 0 };
  g_autofree char *after = NULL;

  run_cli (&r, "run", "rsa-basic", args[0], args[1], args[2], args[3], NULL);
  g_test_message ("%s %s: %s", args[0], args[2], r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, problem));
  after = read_text (kept);
  g_assert_cmpstr (after, ==, "before\n");
}

/* Issue 15's exports that destroyed: a device node replaced by a file, a
 * symbolic or hard link broken, a file's mode lost, one export written
 * while another failed, two exports into one file, a full standard
 * output taken for success. */
static void
test_exports (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-exports-XXXXXX", &error);
  g_autofree char *real = g_build_filename (dir, "real.log", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "link.log", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.log", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.pcapng", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.log", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.log", NULL);
  g_autofree char *same_svg = g_build_filename (dir, "same.svg", NULL);
  g_autofree char *expected = NULL;
  struct stat st, st_hard;

  g_assert_no_error (error);

  {
    g_auto(Result) r = { 0 };

    run_cli (&r, "run", "rsa-basic", "--export-keylog", fresh, NULL);
    g_assert_cmpint (r.status, ==, 0);
    expected = read_text (fresh);
    g_assert_true (g_str_has_prefix (expected, "CLIENT_RANDOM "));
    /* A new file gets 0666 less the umask, as any file a program makes. */
    g_assert_cmpint (stat (fresh, &st), ==, 0);
    {
      mode_t mask = umask (022);

      umask (mask);
      g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);
    }
  }

  /* A symbolic link stays a link; the file it names gets the key log and
   * keeps its mode (0600, as a key log should be); its hard link sees the
   * same bytes. */
  g_assert_true (g_file_set_contents (real, "old\n", -1, NULL));
  g_assert_cmpint (chmod (real, 0600), ==, 0);
  g_assert_cmpint (symlink ("real.log", symlink_path), ==, 0);
  g_assert_cmpint (link (real, hard), ==, 0);
  {
    g_auto(Result) r = { 0 };
    g_autofree char *target = NULL;
    g_autofree char *via_hard = NULL;

    run_cli (&r, "run", "rsa-basic", "--export-keylog", symlink_path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (lstat (symlink_path, &st), ==, 0);
    g_assert_true (S_ISLNK (st.st_mode));
    target = read_text (real);
    g_assert_cmpstr (target, ==, expected);
    via_hard = read_text (hard);
    g_assert_cmpstr (via_hard, ==, expected);
    g_assert_cmpint (stat (real, &st), ==, 0);
    g_assert_cmpint (stat (hard, &st_hard), ==, 0);
    g_assert_true (st.st_ino == st_hard.st_ino);
    g_assert_cmpuint (st.st_nlink, ==, 2);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* The same for a file with one name: replaced, mode kept. */
  g_assert_cmpint (g_unlink (hard), ==, 0);
  g_assert_true (g_file_set_contents (real, "old\n", -1, NULL));
  g_assert_cmpint (chmod (real, 0600), ==, 0);
  {
    g_auto(Result) r = { 0 };
    g_autofree char *target = NULL;

    run_cli (&r, "run", "rsa-basic", "--export-keylog", real, NULL);
    g_assert_cmpint (r.status, ==, 0);
    target = read_text (real);
    g_assert_cmpstr (target, ==, expected);
    g_assert_cmpint (stat (real, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Nothing is written when one export cannot be: the capture that was
   * there stays as it was. */
  g_assert_true (g_file_set_contents (kept, "before\n", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* The same file by another name: a link. */
  g_assert_cmpint (symlink ("kept.pcapng", same_svg), ==, 0);
  {
    struct { const char *args[4]; const char *problem; } cases[] = {
      { { "--export-pcapng", kept, "--export-keylog", "/nonexistent-dir/keys.log" }, "/nonexistent-dir/keys.log" },
      { { "--export-pcapng", kept, "--export-keylog", fifo }, "FIFO that no process reads" },
      { { "--export-pcapng", kept, "--export-keylog", dir }, "directory" },
      { { "--export-pcapng", kept, "--export-keylog", kept }, "by --export-pcapng and by --export-keylog" },
      /* Through a link: both names, each with its option (audit F14). */
      { { "--export-pcapng", kept, "--export-diagram", same_svg }, "(--export-pcapng) and “" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      assert_exports_refused (cases[i].args, cases[i].problem, kept);
  }

  assert_device_exports (dir, fresh, kept);

  /* Standard output redirected to a file that is also an export. */
  {
    g_autofree char *command = g_strdup_printf ("'%s' run rsa-basic --export-keylog '%s' > '%s'",
                                                g_getenv ("HL_CLI"), fresh, fresh);
    g_autofree char *err = NULL;

    g_assert_cmpint (run_shell (command, &err), ==, 2);
    g_assert_nonnull (strstr (err, "standard output"));
  }

  g_unlink (real);
  g_unlink (symlink_path);
  g_unlink (kept);
  g_unlink (fifo);
  g_unlink (fresh);
  g_unlink (same_svg);
  g_rmdir (dir);
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 2048, 2048 };

  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs handshake-lab-cli with files limited to 2048 bytes (ulimit -f 2):
 * a capture does not fit, as on a full file system. */
static void G_GNUC_NULL_TERMINATED
run_cli_small_files (Result *r,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *)g_getenv ("HL_CLI"));
  va_start (args, r);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, limit_file_size, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  /* Killed by SIGXFSZ is a failure too: no message, a file cut off. */
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static void
assert_file_is (const char   *path,
                const guint8 *bytes,
                gsize         len)
{
  g_autofree char *now = NULL;
  gsize now_len;

  g_assert_true (g_file_get_contents (path, &now, &now_len, NULL));
  g_assert_cmpmem (now, now_len, bytes, len);
}

/* README's promise, "all or none", for files written in place (a file
 * with a second hard link): a write that cannot finish leaves every
 * file with its old bytes, and no temporary file behind. */
static void
test_exports_undone (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hl-test-undo-XXXXXX", &error);
  g_autofree char *h1 = g_build_filename (dir, "h1", NULL);
  g_autofree char *h2 = g_build_filename (dir, "h2", NULL);
  g_autofree char *single = g_build_filename (dir, "single", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.log", NULL);
  guint8 old[1000];
  g_autoptr(GDir) listing = NULL;
  guint n_entries = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < sizeof old; i++)
    old[i] = (guint8)g_random_int ();
  g_assert_true (g_file_set_contents (h1, (const char *)old, sizeof old, NULL));
  g_assert_cmpint (link (h1, h2), ==, 0);
  g_assert_true (g_file_set_contents (single, (const char *)old, sizeof old, NULL));

  {
    g_auto(Result) r = { 0 };

    run_cli_small_files (&r, "run", "resumption", "--export-pcapng", h1, NULL);
    g_test_message ("hard link: %s", r.err);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_nonnull (strstr (r.err, "File too large"));
    assert_file_is (h1, old, sizeof old);
    assert_file_is (h2, old, sizeof old);
  }
  {
    g_auto(Result) r = { 0 };

    run_cli_small_files (&r, "run", "resumption", "--export-keylog", fresh, "--export-pcapng", h2, NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_file_is (h1, old, sizeof old);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Result) r = { 0 };

    run_cli_small_files (&r, "run", "resumption", "--export-pcapng", single, NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_file_is (single, old, sizeof old);
  }

  /* The bytes a hard-linked file took are put back when a later target
   * fails: a device like /dev/full, written after it. */
  if (getuid () != 0)
    g_test_message ("not root: no device node to fail after a file written in place (mknod needs root)");
  else
    {
      g_autofree char *full = g_build_filename (dir, "full", NULL);
      g_auto(Result) r = { 0 };

      g_assert_cmpint (mknod (full, S_IFCHR | 0666, makedev (1, 7)), ==, 0);
      run_cli (&r, "run", "resumption", "--export-pcapng", h1, "--export-keylog", full, NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "No space left on device"));
      assert_file_is (h1, old, sizeof old);
      g_unlink (full);
    }

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_entries++;
  g_assert_cmpuint (n_entries, ==, 3);

  g_unlink (h1);
  g_unlink (h2);
  g_unlink (single);
  g_rmdir (dir);
}

/* An export must not land in the trace's own stream: standard output
 * as a pipe, named /dev/stdout; /dev/null as both is harmless. */
static void
test_export_to_stdout_pipe (void)
{
  const char *cli = g_getenv ("HL_CLI");
  /* dash has no pipefail: the CLI's status comes out on descriptor 3. */
  struct { const char *command; int status; } cases[] = {
    { "r=$({ { '@CLI@' run rsa-basic --format json --export-pcapng /dev/stdout; echo $? >&3; } | cat >/dev/null; } 3>&1);"
      " exit $r", 2 },
    { "r=$({ { '@CLI@' run rsa-basic --export-keylog /proc/self/fd/1; echo $? >&3; } | cat >/dev/null; } 3>&1);"
      " exit $r", 2 },
    { "'@CLI@' run rsa-basic --export-keylog /dev/stdout >/dev/null", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) line = g_string_new (cases[i].command);
      g_autofree char *err = NULL;
      int status;

      g_string_replace (line, "@CLI@", cli, 0);
      status = run_shell (line->str, &err);
      g_test_message ("%s: %d %s", line->str, status, err);
      g_assert_cmpint (status, ==, cases[i].status);
      if (cases[i].status == 2)
        {
          g_assert_cmpuint (count_lines (err), ==, 1);
          g_assert_nonnull (strstr (err, "is the standard output"));
        }
    }
}

/* `run --help` on a full output is an error, as --help, list and run are. */
static void
test_run_help_full (void)
{
  g_autofree char *command = g_strdup_printf ("'%s' run --help > /dev/full", g_getenv ("HL_CLI"));
  g_autofree char *err = NULL;

  g_assert_cmpint (run_shell (command, &err), ==, 2);
  g_assert_nonnull (strstr (err, "could not write the output: No space left on device"));
}

void
hl_test_cli_add_exports_tests (void)
{
  g_test_add_func ("/cli/exports", test_exports);
  g_test_add_func ("/cli/exports-undone", test_exports_undone);
  g_test_add_func ("/cli/export-to-stdout-pipe", test_export_to_stdout_pipe);
  g_test_add_func ("/cli/run-help-full", test_run_help_full);
}
