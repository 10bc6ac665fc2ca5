/* bench-startup.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib-unix.h>

/*
 * What a user waits for: from process start to the first frame on screen,
 * handshake-lab as a user starts it (its default lesson, rsa-basic) against
 * bench-startup-minimal, a libadwaita window with a header bar and a label.
 * Both print "first-frame: T" (T from g_get_monotonic_time(), the same
 * clock as ours) once their first frame is on screen, then quit.  The runs
 * alternate, after one warm-up run of each, so that both see the same
 * machine and the same warm caches; the peak RSS and the CPU time of
 * each come from wait4().  Needs an X server (Xvfb).  Prints
 * "name: value unit" lines.
 *
 * This program links GLib only: Linux counts in a child's peak RSS the
 * memory it had before exec, ours, which must stay well below theirs.
 */

#define RUNS 10
#define TIMEOUT_MS 60000

/* The same for both programs: no desktop settings, no accessibility bus,
 * no GL, and X11 even when a Wayland session is around. */
static const char * const fixed_env[][2] = {
  { "GSETTINGS_BACKEND", "memory" },
  { "GTK_A11Y", "none" },
  { "GSK_RENDERER", "cairo" },
  { "GDK_BACKEND", "x11" },
};

typedef struct
{
  const char *name;
  const char *argv[3];
  GArray     *startup;   /* gint64, µs */
  GArray     *maxrss;    /* gint64, KiB */
  GArray     *cpu;       /* gint64, µs of user + system time, the whole run */
} Program;

static gboolean
run_once (Program  *program,
          char    **envp,
          gint64   *startup,
          gint64   *maxrss,
          gint64   *cpu)
{
  g_autoptr(GString) output = g_string_new (NULL);
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  const char *line;
  gint64 start, first_frame;
  gboolean timed_out = FALSE;
  int fds[2];
  int status;
  pid_t pid;
  int err;

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, NULL))
    g_error ("could not open a pipe");

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2 (&actions, fds[1], STDOUT_FILENO);

  start = g_get_monotonic_time ();
  err = posix_spawn (&pid, program->argv[0], &actions, NULL, (char * const *) program->argv, envp);
  posix_spawn_file_actions_destroy (&actions);
  close (fds[1]);
  if (err != 0)
    g_error ("could not start %s: %s", program->argv[0], g_strerror (err));

  for (;;)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      char buf[256];
      ssize_t n;

      if (poll (&pfd, 1, TIMEOUT_MS) == 0)
        {
          timed_out = TRUE;
          kill (pid, SIGKILL);
          break;
        }
      if ((n = read (fds[0], buf, sizeof buf)) <= 0)
        {
          if (n < 0 && errno == EINTR)
            continue;
          break;
        }
      g_string_append_len (output, buf, n);
    }
  close (fds[0]);

  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      g_error ("wait4: %s", g_strerror (errno));

  if (timed_out)
    {
      g_printerr ("%s: no first frame after %d s\n", program->name, TIMEOUT_MS / 1000);
      return FALSE;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s: exited abnormally (wait status %d)\n", program->name, status);
      return FALSE;
    }
  if (!(line = strstr (output->str, "first-frame: ")) ||
      (first_frame = g_ascii_strtoll (line + strlen ("first-frame: "), NULL, 10)) <= start)
    {
      g_printerr ("%s: printed no first-frame time; its output: %s\n", program->name, output->str);
      return FALSE;
    }

  *startup = first_frame - start;
  *maxrss = usage.ru_maxrss;
  *cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
  return TRUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, compare_int64);
  return (g_array_index (values, gint64, (n - 1) / 2) + g_array_index (values, gint64, n / 2)) / 2.0;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GString) conditions = g_string_new (NULL);
  const char *display = g_getenv ("DISPLAY");
  Program programs[2] = {
    { "app", { NULL, "--quit-after-first-frame", NULL } },
    { "minimal", { NULL, NULL, NULL } },
  };
  double t[2], m[2], c[2];

  if (argc != 3)
    {
      g_printerr ("usage: %s HANDSHAKE-LAB BENCH-STARTUP-MINIMAL\n", argv[0]);
      return 2;
    }

  /* meson's exit code for a skipped test. */
  if (display == NULL || *display == '\0')
    {
      g_print ("bench-startup: skipped: DISPLAY is not set; run it under Xvfb:\n"
               "  xvfb-run -a meson test -C _build --benchmark\n");
      return 77;
    }

  programs[0].argv[0] = argv[1];
  programs[1].argv[0] = argv[2];

  for (guint i = 0; i < G_N_ELEMENTS (fixed_env); i++)
    {
      envp = g_environ_setenv (envp, fixed_env[i][0], fixed_env[i][1], TRUE);
      g_string_append_printf (conditions, "%s%s=%s", i ? " " : "", fixed_env[i][0], fixed_env[i][1]);
    }

  g_print ("startup-environment: %s, DISPLAY=%s, for both\n", conditions->str, display);
  g_print ("startup-runs: %u each, interleaved, after 1 warm-up run each (not counted)\n", RUNS);

  for (guint p = 0; p < 2; p++)
    {
      gint64 startup, maxrss, cpu;

      programs[p].startup = g_array_new (FALSE, FALSE, sizeof (gint64));
      programs[p].maxrss = g_array_new (FALSE, FALSE, sizeof (gint64));
      programs[p].cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!run_once (&programs[p], envp, &startup, &maxrss, &cpu))
        return 1;
    }

  for (guint i = 0; i < RUNS; i++)
    for (guint p = 0; p < 2; p++)
      {
        gint64 startup, maxrss, cpu;

        if (!run_once (&programs[p], envp, &startup, &maxrss, &cpu))
          return 1;
        g_array_append_val (programs[p].startup, startup);
        g_array_append_val (programs[p].maxrss, maxrss);
        g_array_append_val (programs[p].cpu, cpu);
      }

  for (guint p = 0; p < 2; p++)
    {
      t[p] = median (programs[p].startup) / 1000.0;
      m[p] = median (programs[p].maxrss) / 1024.0;
      c[p] = median (programs[p].cpu) / 1000.0;
    }

  g_print ("startup-app: %.1f ms\n", t[0]);
  g_print ("startup-minimal: %.1f ms\n", t[1]);
  g_print ("startup-ratio: %.2f ratio\n", t[0] / t[1]);
  g_print ("startup-app-range: %.1f-%.1f ms\n",
           g_array_index (programs[0].startup, gint64, 0) / 1000.0,
           g_array_index (programs[0].startup, gint64, RUNS - 1) / 1000.0);
  g_print ("startup-minimal-range: %.1f-%.1f ms\n",
           g_array_index (programs[1].startup, gint64, 0) / 1000.0,
           g_array_index (programs[1].startup, gint64, RUNS - 1) / 1000.0);
  /* Less sensitive than wall time to other work on a shared machine;
   * it counts the exit too, and not the X server's drawing. */
  g_print ("cpu-app: %.1f ms\n", c[0]);
  g_print ("cpu-minimal: %.1f ms\n", c[1]);
  g_print ("cpu-ratio: %.2f ratio\n", c[0] / c[1]);
  g_print ("rss-app: %.1f MiB\n", m[0]);
  g_print ("rss-minimal: %.1f MiB\n", m[1]);
  g_print ("rss-ratio: %.2f ratio\n", m[0] / m[1]);

  for (guint p = 0; p < 2; p++)
    {
      g_array_unref (programs[p].startup);
      g_array_unref (programs[p].maxrss);
      g_array_unref (programs[p].cpu);
    }

  return 0;
}
