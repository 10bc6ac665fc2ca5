/* test-cli.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The command line, handshake-lab-cli, tested from the outside: one program
 * built from one file per area (test-cli-*.c); what they share is here. */

#include "config.h"

#include "test-cli.h"

void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs handshake-lab-cli with @args (NULL-terminated) in the C locale. */
void
run_cli (Result *r,
         ...)
{
  va_list args;

  va_start (args, r);
  run_cli_in (r, NULL, args);
  va_end (args);
}

void
run_cli_in (Result     *r,
            const char *language,
            va_list     args)
{
  const char *cli = g_getenv ("HL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  int wait_status;

  g_assert_nonnull (cli);
  /* C.UTF-8, not C: in the C locale gettext ignores LANGUAGE. */
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  if (language != NULL)
    env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
  else
    env = g_environ_unsetenv (env, "LANGUAGE");

  g_ptr_array_add (argv, (char *)cli);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';

  return n;
}

/* rsa-basic with one change: @from replaced by @to (or @to appended
 * when @from is NULL).  Returns the path of the file written in @dir. */
char *
write_variant (const char *dir,
               const char *name,
               const char *from,
               const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) text = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (from == NULL)
    g_string_append (text, to);
  else
    g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  return path;
}

char *
repeat_text (const char *item,
             const char *separator,
             guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? separator : "", item);

  return g_string_free (out, FALSE);
}

char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  return text;
}

/* Runs a shell command line, for what g_spawn_sync() cannot redirect. */
int
run_shell (const char *command,
           char      **err)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

void
run_openssl (const char *dir,
             const char *command)
{
  g_autofree char *line = g_strdup_printf ("sh -c 'cd \"%s\" && %s'", dir, command);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (line, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Runs a command line, returns its standard output. */
char *
run_tool (const char *command)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  hl_test_cli_add_run_tests ();
  hl_test_cli_add_bad_input_tests ();
  hl_test_cli_add_exports_tests ();
  hl_test_cli_add_lessons_tests ();
  hl_test_cli_add_judges_tests ();

  return g_test_run ();
}
