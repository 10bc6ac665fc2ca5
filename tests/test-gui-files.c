/* test-gui-files.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Files: Open… refuses bad ones with one clear line, Export… writes
 * the core's own bytes. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "hl-export.h"
#include "hl-ladder.h"
#include "hl-test-gui.h"

/* The dialog of @type that @window opened. */
static gpointer
find_dialog (HlWindow *window,
             GType     type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) &&
        gtk_window_get_transient_for (GTK_WINDOW (l->data)) == GTK_WINDOW (window))
      return l->data;

  return NULL;
}

static AdwMessageDialog *
find_error_dialog (HlWindow *window)
{
  return find_dialog (window, ADW_TYPE_MESSAGE_DIALOG);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} OpenResult;

static void
open_file_finished (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OpenResult *r = user_data;

  r->ok = hl_window_open_file_finish (HL_WINDOW (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
open_file_timed_out (gpointer user_data)
{
  g_error ("Open… took more than 30 seconds: the window is stuck");
  return G_SOURCE_REMOVE;
}

/* Opens @path as Open… does.  The call returns at once, the window still
 * showing its run and saying what it opens; then the main loop runs (the
 * window stays responsive) until the run or the error is shown. */
static gboolean
open_file (HlWindow   *window,
           const char *path)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (hl_test_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL));
  HlScenario *shown = hl_window_get_scenario (window);
  OpenResult r = { 0 };
  guint timeout;

  hl_window_open_file_async (window, path, open_file_finished, &r);
  g_assert_false (r.done);
  g_assert_true (hl_window_get_scenario (window) == shown);
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "Opening"));

  timeout = g_timeout_add_seconds (30, open_file_timed_out, NULL);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_true (r.ok == (r.error == NULL));
  g_clear_error (&r.error);
  g_assert_null (strstr (adw_window_title_get_subtitle (title), "Opening"));

  return r.ok;
}

/* The file's contents: the last case (-1) is made by the test. */
typedef struct
{
  const char *name;
  const char *contents;
  gssize      length;
  const char *problem;
} BadFile;

static void
assert_open_refused (HlWindow   *window,
                     const char *path,
                     const char *name,
                     const char *problem)
{
  HlScenario *shown = hl_window_get_scenario (window);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_false (open_file (window, path));
  g_assert_true (hl_window_get_scenario (window) == shown);

  dialog = find_error_dialog (window);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s: %s", name, body);
  g_assert_nonnull (strstr (body, name));
  g_assert_nonnull (strstr (body, problem));
  /* One line, short: nothing of a huge line of the file, no newline of a
   * file name. */
  g_assert_null (strchr (body, '\n'));
  g_assert_cmpuint (strlen (body), <, 400);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Scenarios naming certificate files that are not certificates, each
 * written into @dir. */
static void
assert_bad_certificate_files_refused (HlWindow   *window,
                                      const char *dir)
{
  static const struct { const char *file; const char *contents; gssize length; const char *problem; } files[] = {
    { "key-as-certificate.pem", NULL, 0, "PRIVATE KEY" },
    { "truncated.der", "\x30\x82\x03\x7e\x30\x82\x02\x66\xa0\x03", 10, "truncated" },
    { "bad-base64.pem", "-----BEGIN CERTIFICATE-----\nMIID!!!!\n-----END CERTIFICATE-----\n", 0, "base64" },
    { "fifo.pem", NULL, -2, "FIFO" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = g_resources_lookup_data (RESOURCE_PREFIX "/pki/server-rsa2048.pem", 0, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *cert_path = g_build_filename (dir, files[i].file, NULL);
      g_autofree char *path = g_build_filename (dir, "uses-a-file.scenario", NULL);
      g_autofree char *text = NULL;

      if (files[i].length == -2)
        g_assert_cmpint (mkfifo (cert_path, 0600), ==, 0);
      else if (files[i].contents == NULL)
        g_file_set_contents (cert_path, g_bytes_get_data (key, NULL), g_bytes_get_size (key), &error);
      else
        g_file_set_contents (cert_path, files[i].contents,
                             files[i].length ? files[i].length : -1, &error);
      g_assert_no_error (error);

      text = g_strdup_printf ("[Scenario]\nid=x\ngroup=x\ntitle=x\nsummary=x\nseed=1\nclock=2026-03-01T12:00:00Z\n"
                              "[Client]\nversions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_128_GCM_SHA256\n"
                              "server-name=x.test\ntrust=server\n"
                              "[Server]\nversions=TLS 1.2\nsuites=TLS_RSA_WITH_AES_128_GCM_SHA256\nchain=server\n"
                              "[Certificate server]\ncertificate-file=%s\n"
                              "[Expect]\noutcome=success\n", files[i].file);
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);

      assert_open_refused (window, path, files[i].file, files[i].problem);

      g_unlink (cert_path);
      g_unlink (path);
    }
}

/* Issue 8's and 15's bad-input table, GUI side: Open… given a broken,
 * blocking or huge file keeps the run shown and says which file, in a
 * dialog, without freezing the window. */
static void
test_open_bad_files (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *huge = g_malloc (2 * 1024 * 1024);
  g_autoptr(GString) long_line = g_string_new ("[Scenario]\n");
  BadFile cases[] = {
    { "empty.scenario", "", 0, "empty" },
    { "binary.scenario", "\x00\xff\xfe\x01PK\x03\x04\x00\x00\x89PNG", 16, "binary" },
    { "missing.scenario", NULL, 0, "No such file" },
    { "unknown-suite.scenario", NULL, -1, "TLS_RSA_WITH_NO_SUCH_CIPHER" },
    { "fifo.scenario", NULL, -2, "FIFO" },
    { "huge.scenario", huge, 2 * 1024 * 1024, "too large" },
    { "long-line.scenario", NULL, -3, "line 3" },
    { "control.scenario", NULL, -4, "control character" },
    { "new\nline.scenario", "hello\n", 6, "new\\nline.scenario" },
  };
  HlScenario *shown;
  HlWindow *window;

  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  memset (huge, 'x', 2 * 1024 * 1024);
  g_string_append (long_line, "id=x\n");
  for (guint i = 0; i < 900000; i++)
    g_string_append_c (long_line, 'g');

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  shown = hl_window_get_scenario (window);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      const char *name = cases[i].name;

      if (cases[i].length == -1 || cases[i].length == -4)
        {
          /* A good scenario but for one suite name no one knows, or a
           * server name that would put a line break into the request. */
          g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
          g_autoptr(GString) text = NULL;

          g_assert_no_error (error);
          text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          if (cases[i].length == -1)
            g_assert_cmpuint (g_string_replace (text, "versions=TLS 1.2\nserver-name",
                                                "versions=TLS 1.2\nsuites=TLS_RSA_WITH_NO_SUCH_CIPHER\nserver-name",
                                                1), ==, 1);
          else
            g_assert_cmpuint (g_string_replace (text, "server-name=www.handshake-lab.test",
                                                "server-name=www.handshake-lab.test\\r\\nX-Injected: 1", 1), ==, 1);
          g_file_set_contents (path, text->str, text->len, &error);
          g_assert_no_error (error);
        }
      else if (cases[i].length == -2)
        g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      else if (cases[i].length == -3)
        {
          g_file_set_contents (path, long_line->str, long_line->len, &error);
          g_assert_no_error (error);
        }
      else if (cases[i].contents != NULL)
        {
          g_file_set_contents (path, cases[i].contents, cases[i].length, &error);
          g_assert_no_error (error);
        }

      if (strchr (name, '\n') != NULL)
        name = cases[i].problem;
      assert_open_refused (window, path, name, cases[i].problem);

      g_unlink (path);
    }

  assert_bad_certificate_files_refused (window, dir);

  /* And a good file after all that: the window shows its run. */
  {
    g_autofree char *path = hl_test_gui_write_expired_scenario (dir);

    g_assert_true (open_file (window, path));
    g_assert_true (hl_window_get_scenario (window) != shown);
    g_assert_cmpint (hl_trace_get_outcome (hl_window_get_trace (window)), ==, HL_OUTCOME_FAILED);
    g_unlink (path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* Ctrl+E's exports: the trace as JSON, the capture and the key log are
 * the core's own bytes; an unknown kind or an unwritable place is a
 * dialog naming the file. */
static void
test_export (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autofree char *pcapng = g_build_filename (dir, "run.pcapng", NULL);
  g_autofree char *keylog = g_build_filename (dir, "keys.log", NULL);
  g_autofree char *json_text = NULL;
  g_autofree char *keylog_text = NULL;
  g_autofree char *expected_keylog = NULL;
  g_autoptr(GBytes) expected_pcapng = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  HlWindow *window;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);

  g_assert_true (hl_window_export (window, json));
  g_assert_true (g_file_get_contents (json, &json_text, NULL, NULL));
  g_assert_nonnull (strstr (json_text, "\"format\" : \"handshake-lab-trace\""));

  g_assert_true (hl_window_export (window, pcapng));
  expected_pcapng = hl_export_pcapng (hl_window_get_trace (window));
  mapped = g_mapped_file_new (pcapng, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                   g_bytes_get_data (expected_pcapng, NULL), g_bytes_get_size (expected_pcapng));

  g_assert_true (hl_window_export (window, keylog));
  g_assert_true (g_file_get_contents (keylog, &keylog_text, NULL, NULL));
  expected_keylog = hl_export_keylog (hl_window_get_trace (window));
  g_assert_cmpstr (keylog_text, ==, expected_keylog);
  g_assert_true (g_str_has_prefix (keylog_text, "CLIENT_RANDOM "));

  g_assert_false (hl_window_export (window, "/nonexistent-dir/run.json"));
  dialog = find_error_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "/nonexistent-dir/run.json"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_false (hl_window_export (window, "/tmp/run.docx"));
  dialog = find_error_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ".pcapng"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A FIFO no one reads: an error at once, not a frozen window; and the
   * FIFO stays a FIFO. */
  {
    g_autofree char *fifo = g_build_filename (dir, "fifo.pcapng", NULL);
    struct stat st;

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    g_assert_false (hl_window_export (window, fifo));
    dialog = find_error_dialog (window);
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "FIFO"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpint (stat (fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
    g_unlink (fifo);
  }

  /* A character device, made here as /dev/null is (1, 3): written, not
   * replaced. */
  if (getuid () != 0)
    g_test_message ("not root: no device node to export onto (mknod needs root)");
  else
    {
      g_autofree char *null = g_build_filename (dir, "null.json", NULL);
      struct stat st;

      g_assert_cmpint (mknod (null, S_IFCHR | 0666, makedev (1, 3)), ==, 0);
      g_assert_true (hl_window_export (window, null));
      g_assert_cmpint (stat (null, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      g_assert_cmpuint (st.st_rdev, ==, makedev (1, 3));
      g_unlink (null);
    }

  g_unlink (json);
  g_unlink (pcapng);
  g_unlink (keylog);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ctrl+Shift+E: the diagram up to the current step or whole, drawn by the
 * same code as the command line's export (judged there by poppler). */
static void
test_export_diagram (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "steps.png", NULL);
  g_autofree char *whole = g_build_filename (dir, "whole.PNG", NULL);
  g_autoptr(GBytes) expected_png = NULL;
  g_autoptr(GBytes) whole_png = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  HlWindow *window;
  HlTrace *trace;

  g_assert_no_error (error);
  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  trace = hl_window_get_trace (window);
  hl_player_seek (hl_window_get_player (window), 3);

  g_assert_true (hl_window_export_diagram (window, png, TRUE));
  expected_png = hl_ladder_render (trace, 3, HL_LADDER_FORMAT_PNG, &error);
  g_assert_no_error (error);
  whole_png = hl_ladder_render (trace, hl_trace_get_n_steps (trace), HL_LADDER_FORMAT_PNG, &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (expected_png, whole_png));
  mapped = g_mapped_file_new (png, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                   g_bytes_get_data (expected_png, NULL), g_bytes_get_size (expected_png));
  g_clear_pointer (&mapped, g_mapped_file_unref);

  /* Export… with a diagram's extension draws every step.  (PNG: cairo's
   * SVG and PDF carry serial numbers and dates, not comparable.) */
  g_assert_true (hl_window_export (window, whole));
  mapped = g_mapped_file_new (whole, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                   g_bytes_get_data (whole_png, NULL), g_bytes_get_size (whole_png));

  /* Every row of pixels is drawn, the last one too: white, the page. */
  {
    int w, h;
    g_autofree guint32 *pixels = hl_test_gui_read_png (whole, &w, &h);

    for (int x = 0; x < w; x++)
      g_assert_cmphex (pixels[(gsize)(h - 1) * w + x], ==, 0xffffffff);
  }

  g_unlink (png);
  g_unlink (whole);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_file_chooser (HlWindow *window)
{
  return find_dialog (window, GTK_TYPE_FILE_CHOOSER_DIALOG);
}

/* Export the Diagram… opens a file chooser: playback pauses, so that
 * "up to step N" stays N, and that choice comes first, preselected.
 * (Writing the file is test_export_diagram's.) */
static void
test_export_diagram_chooser (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlWindow *window;
  HlPlayer *player;
  GtkWidget *dialog;
  guint position;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  player = hl_window_get_player (window);
  hl_player_seek (player, 5);
  hl_player_set_playing (player, TRUE);
  position = hl_player_get_position (player);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-diagram", NULL));
  g_assert_false (hl_player_get_playing (player));
  g_assert_cmpuint (hl_player_get_position (player), ==, position);
  dialog = find_file_chooser (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "steps"), ==, "current");

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (find_file_chooser (window));

  /* At the first step there is no "up to" to offer. */
  hl_player_seek (player, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-diagram", NULL));
  dialog = find_file_chooser (window);
  g_assert_nonnull (dialog);
  g_assert_null (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "steps"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  gtk_window_destroy (GTK_WINDOW (window));
}

void
hl_test_gui_add_files_tests (void)
{
  HlApplication *app = hl_test_gui_get_application ();

  g_test_add_data_func ("/gui/window/open-bad-files", app, test_open_bad_files);
  g_test_add_data_func ("/gui/window/export", app, test_export);
  g_test_add_data_func ("/gui/window/export-diagram", app, test_export_diagram);
  g_test_add_data_func ("/gui/window/export-diagram-chooser", app, test_export_diagram_chooser);
}
