/* test-gui-keys.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Keys panel compares what each side computed, as the run's JSON
 * trace has it; in German the panels are as full as in English. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "hl-export.h"
#include "hl-test-gui.h"
#include "hl-test-util.h"

/* Panels find what they show by field id, never by a field's translated
 * name: in German, a run fills the Keys and Certificates panels as fully
 * as in English.  (Until the redesign, renaming or translating a field
 * emptied the panel that looked for it.) */
static void
test_panels_german (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;
  GtkWidget *certificates;
  GtkWidget *keys;
  HlWindow *window;
  HlTrace *trace;
  HlField *chain = NULL;
  guint n_certificates = 0;
  guint n_rules = 0;

  g_setenv ("LANGUAGE", "de", TRUE);
  /* LANGUAGE counts only outside the C locale. */
  setlocale (LC_ALL, "C.UTF-8");

  window = hl_application_open_scenario (app, "mutual-tls", &error);
  g_assert_no_error (error);
  trace = hl_window_get_trace (window);
  hl_player_go_to_end (hl_window_get_player (window));
  stack = ADW_VIEW_STACK (hl_test_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  certificates = adw_view_stack_get_child_by_name (stack, "certificates");
  keys = adw_view_stack_get_child_by_name (stack, "keys");

  /* What the trace holds, counted by id; the panels must show all of it. */
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    if (hl_step_get_kind (hl_trace_get_step (trace, i)) == HL_STEP_CHECK)
      {
        chain = hl_step_get_fields (hl_trace_get_step (trace, i));
        for (guint j = 0; j < hl_field_get_n_children (chain); j++)
          {
            HlField *checks = hl_field_lookup (hl_field_get_child (chain, j), "chain.checks");

            if (checks != NULL)
              {
                n_certificates++;
                n_rules += hl_field_get_n_children (checks);
              }
          }
      }
  g_assert_cmpuint (n_certificates, >=, 4);   /* both sides check a chain of two */

  /* One card per certificate, one row per rule, each property shown. */
  g_assert_cmpuint (hl_test_gui_count_with_class (certificates, "certificate-card"), ==, n_certificates);
  g_assert_cmpuint (hl_test_gui_count_with_class (certificates, "check"), ==, n_rules);
  g_assert_cmpuint (hl_test_gui_count_with_class (certificates, "chain-verdict"), ==, 2);
  g_assert_cmpuint (hl_test_gui_count_labels (certificates, "Aussteller", FALSE), ==, n_certificates);
  g_assert_cmpuint (hl_test_gui_count_labels (certificates, "basicConstraints", FALSE), ==, n_certificates);
  g_assert_cmpuint (hl_test_gui_count_labels (certificates, "✓ unser Urteil stimmt überein", FALSE), ==, 2);

  /* Every key value shown, every recomputation marked on its value's row
   * rather than shown as a row of its own. */
  g_assert_cmpuint (hl_test_gui_count_with_class (keys, "digest-card"), >, 10);
  g_assert_cmpuint (hl_test_gui_count_labels (keys, "✓ nachgerechnet: stimmt überein", FALSE), >=, 6);
  g_assert_cmpuint (hl_test_gui_count_labels (keys, "nachgerechnet: PRF", TRUE), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* The Keys panel's comparison, as a student sees it at the end of a run. */
static GtkWidget *
open_keys_at_end (HlApplication  *app,
                  const char     *id,
                  HlWindow      **window)
{
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;

  *window = hl_application_open_scenario (app, id, &error);
  g_assert_no_error (error);
  hl_player_go_to_end (hl_window_get_player (*window));
  stack = ADW_VIEW_STACK (hl_test_gui_find_widget (GTK_WIDGET (*window), ADW_TYPE_VIEW_STACK, NULL));
  adw_view_stack_set_visible_child_name (stack, "keys");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (*window));

  return adw_view_stack_get_child_by_name (stack, "keys");
}

/* The row of the comparison named for the field id @id. */
static gboolean
is_comparison (GtkWidget     *widget,
               gconstpointer  id)
{
  return gtk_widget_has_css_class (widget, "key-comparison") && g_str_equal (gtk_widget_get_name (widget), id);
}

static GtkWidget *
find_comparison (GtkWidget  *root,
                 const char *id)
{
  return hl_test_gui_find_first (root, is_comparison, id);
}

/* The label under @root with both CSS classes. */
static gboolean
is_label_with_classes (GtkWidget     *widget,
                       gconstpointer  data)
{
  const char * const *classes = data;

  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, classes[0]) &&
         gtk_widget_has_css_class (widget, classes[1]);
}

static GtkWidget *
find_label_with_classes (GtkWidget  *root,
                         const char *a,
                         const char *b)
{
  const char *classes[] = { a, b };

  return hl_test_gui_find_first (root, is_label_with_classes, classes);
}

/* The bytes the label of @side's value shows in @row. */
static GBytes *
shown_value (GtkWidget  *row,
             const char *side)
{
  GtkWidget *label = find_label_with_classes (row, "side-value", side);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (label));

  return hl_test_unhex (gtk_label_get_text (GTK_LABEL (label)));
}

/* A secret of one side, from the run's JSON trace (hl_export_json()). */
static GBytes *
json_secret (HlTrace    *trace,
             const char *side,
             const char *name)
{
  g_autoptr(JsonNode) root = hl_export_json (trace);
  JsonObject *secrets = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (json_node_get_object (root), "sides"), side), "secrets");

  if (json_object_get_null_member (secrets, name))
    return NULL;

  return hl_test_unhex (json_object_get_string_member (secrets, name));
}

/* The comparison mark of @row's client and server. */
static const char *
comparison_mark (GtkWidget *row)
{
  GtkWidget *heading = gtk_widget_get_first_child (row);
  GtkWidget *mark = hl_test_gui_find_widget (heading, GTK_TYPE_LABEL, "comparison-mark");

  g_assert_nonnull (mark);
  g_assert_true (gtk_widget_is_drawable (mark));
  g_assert_true (gtk_widget_has_css_class (mark, "same") != gtk_widget_has_css_class (mark, "different"));

  return gtk_widget_has_css_class (mark, "same") ? "same" : "different";
}

/* rsa-basic: both sides hold the same master secret, and the panel shows
 * both, marked the same. */
static void
test_keys_side_by_side_same (gconstpointer data)
{
  HlWindow *window;
  GtkWidget *keys = open_keys_at_end (HL_APPLICATION ((gpointer)data), "rsa-basic", &window);
  HlTrace *trace = hl_window_get_trace (window);
  g_autoptr(GBytes) client = json_secret (trace, "client", "master_secret");
  g_autoptr(GBytes) server = json_secret (trace, "server", "master_secret");
  g_autoptr(GBytes) client_shown = NULL;
  g_autoptr(GBytes) server_shown = NULL;
  GtkWidget *row;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  row = find_comparison (keys, "keys.master_secret");
  g_assert_nonnull (row);
  g_assert_nonnull (client);
  g_assert_true (g_bytes_equal (client, server));
  g_assert_cmpstr (comparison_mark (row), ==, "same");
  client_shown = shown_value (row, "client");
  server_shown = shown_value (row, "server");
  g_assert_cmpuint (g_bytes_get_size (client_shown), ==, 48);
  g_assert_true (g_bytes_equal (client_shown, client));
  g_assert_true (g_bytes_equal (server_shown, server));

  /* A good run: every value both sides computed is the same. */
  for (guint i = 0; i < 7; i++)
    {
      static const char * const ids[] = {
        "keys.pre_master_secret", "keys.key_block", "keys.client_finished.handshake_hash",
        "keys.client_finished.verify_data", "keys.server_finished.handshake_hash",
        "keys.server_finished.verify_data", "keys.master_secret",
      };

      row = find_comparison (keys, ids[i]);
      g_assert_nonnull (row);
      g_assert_cmpstr (comparison_mark (row), ==, "same");
    }

  /* No eavesdropper in this lesson. */
  g_assert_cmpuint (hl_test_gui_count_with_class (keys, "eavesdropper"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* tampered-server-random: the client and the server derive different
 * master secrets; the panel shows each side's own bytes, as the run's
 * JSON trace has them, and marks them different.  In tampered-client-hello
 * the master secrets agree but the hashes of the handshake, and so the
 * client's verify_data, do not. */
static void
test_keys_side_by_side_different (gconstpointer data)
{
  HlWindow *window;
  GtkWidget *keys = open_keys_at_end (HL_APPLICATION ((gpointer)data), "tampered-server-random", &window);
  HlTrace *trace = hl_window_get_trace (window);
  g_autoptr(GBytes) client = json_secret (trace, "client", "master_secret");
  g_autoptr(GBytes) server = json_secret (trace, "server", "master_secret");
  g_autoptr(GBytes) client_shown = NULL;
  g_autoptr(GBytes) server_shown = NULL;
  GtkWidget *row;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (client);
  g_assert_nonnull (server);
  g_assert_false (g_bytes_equal (client, server));
  row = find_comparison (keys, "keys.master_secret");
  g_assert_nonnull (row);
  g_assert_cmpstr (comparison_mark (row), ==, "different");
  client_shown = shown_value (row, "client");
  server_shown = shown_value (row, "server");
  g_assert_true (g_bytes_equal (client_shown, client));
  g_assert_true (g_bytes_equal (server_shown, server));
  /* The pre-master secret crossed the wire intact. */
  g_assert_cmpstr (comparison_mark (find_comparison (keys, "keys.pre_master_secret")), ==, "same");
  gtk_window_destroy (GTK_WINDOW (window));

  keys = open_keys_at_end (HL_APPLICATION ((gpointer)data), "tampered-client-hello", &window);
  trace = hl_window_get_trace (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  {
    g_autoptr(GBytes) client_verify = json_secret (trace, "client", "client_verify_data");
    g_autoptr(GBytes) server_verify = json_secret (trace, "server", "client_verify_data");
    g_autoptr(GBytes) shown = NULL;

    g_assert_cmpstr (comparison_mark (find_comparison (keys, "keys.master_secret")), ==, "same");
    g_assert_cmpstr (comparison_mark (find_comparison (keys, "keys.client_finished.handshake_hash")), ==, "different");
    row = find_comparison (keys, "keys.client_finished.verify_data");
    g_assert_cmpstr (comparison_mark (row), ==, "different");
    g_assert_false (g_bytes_equal (client_verify, server_verify));
    shown = shown_value (row, "server");
    g_assert_true (g_bytes_equal (shown, server_verify));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* mutual-tls-no-cert: the server stops before it computes a master
 * secret; its side says so in words, with no mark. */
static void
test_keys_side_never_computed (gconstpointer data)
{
  HlWindow *window;
  GtkWidget *keys = open_keys_at_end (HL_APPLICATION ((gpointer)data), "mutual-tls-no-cert", &window);
  HlTrace *trace = hl_window_get_trace (window);
  g_autoptr(GBytes) server = json_secret (trace, "server", "master_secret");
  GtkWidget *row;
  GtkWidget *missing;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (server);
  row = find_comparison (keys, "keys.master_secret");
  g_assert_nonnull (row);
  g_assert_null (hl_test_gui_find_widget (gtk_widget_get_first_child (row), GTK_TYPE_LABEL, "comparison-mark"));
  missing = hl_test_gui_find_widget (row, GTK_TYPE_LABEL, "side-missing");
  g_assert_nonnull (missing);
  g_assert_true (gtk_widget_has_css_class (missing, "server"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (missing)), "never computed"));
  g_bytes_unref (shown_value (row, "client"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* record-now-decrypt-later: the eavesdropper's recomputation from the
 * recording and the stolen key is a third column, compared with the
 * session's. */
static void
test_keys_eavesdropper (gconstpointer data)
{
  HlWindow *window;
  GtkWidget *keys = open_keys_at_end (HL_APPLICATION ((gpointer)data), "record-now-decrypt-later", &window);
  HlTrace *trace = hl_window_get_trace (window);
  g_autoptr(GBytes) session = json_secret (trace, "client", "master_secret");
  g_autoptr(GBytes) shown = NULL;
  GtkWidget *row;
  GtkWidget *mark;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  row = find_comparison (keys, "keys.master_secret");
  g_assert_nonnull (row);
  shown = shown_value (row, "eavesdropper");
  /* RSA key exchange: the stolen key gives the session's master secret. */
  g_assert_true (g_bytes_equal (shown, session));
  mark = gtk_widget_get_parent (find_label_with_classes (row, "side-value", "eavesdropper"));
  mark = hl_test_gui_find_widget (mark, GTK_TYPE_LABEL, "comparison-mark");
  g_assert_nonnull (mark);
  g_assert_true (gtk_widget_has_css_class (mark, "same"));
  /* And with it every key of the session. */
  {
    g_autoptr(GBytes) block = shown_value (find_comparison (keys, "keys.key_block"), "eavesdropper");
    g_autoptr(GBytes) session_block = json_secret (trace, "server", "key_block");

    g_assert_true (g_bytes_equal (block, session_block));
  }
  /* Its Finished is none of the eavesdropper's business. */
  g_assert_null (hl_test_gui_find_widget (find_comparison (keys, "keys.client_finished.verify_data"), GTK_TYPE_LABEL, "eavesdropper"));

  /* Before the key is stolen, there is no eavesdropper column. */
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlField *fields = hl_step_get_fields (hl_trace_get_step (trace, i));

      if (fields != NULL && hl_field_has_id (fields, "eavesdropper"))
        hl_player_seek (hl_window_get_player (window), i);
    }
  g_assert_cmpuint (hl_player_get_position (hl_window_get_player (window)), <, hl_trace_get_n_steps (trace));
  g_assert_null (hl_test_gui_find_widget (find_comparison (keys, "keys.master_secret"), GTK_TYPE_LABEL, "eavesdropper"));
  gtk_window_destroy (GTK_WINDOW (window));
}

void
hl_test_gui_add_keys_tests (void)
{
  HlApplication *app = hl_test_gui_get_application ();

  g_test_add_data_func ("/gui/panels/german", app, test_panels_german);
  g_test_add_data_func ("/gui/keys/side-by-side-same", app, test_keys_side_by_side_same);
  g_test_add_data_func ("/gui/keys/side-by-side-different", app, test_keys_side_by_side_different);
  g_test_add_data_func ("/gui/keys/side-never-computed", app, test_keys_side_never_computed);
  g_test_add_data_func ("/gui/keys/eavesdropper", app, test_keys_eavesdropper);
}
