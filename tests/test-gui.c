/* test-gui.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "hl-application.h"
#include "hl-engine.h"
#include "hl-export.h"
#include "hl-ladder.h"
#include "hl-hex-view.h"
#include "hl-message-view.h"
#include "hl-i18n.h"

typedef gboolean (*WidgetTest) (GtkWidget     *widget,
                                gconstpointer  data);

/* The first widget under @root, @root included, in depth-first order,
 * that @test accepts. */
static GtkWidget *
find_first (GtkWidget     *root,
            WidgetTest     test,
            gconstpointer  data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, test, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GType       type;
  const char *css_class;
} TypeAndClass;

static gboolean
has_type_and_class (GtkWidget     *widget,
                    gconstpointer  data)
{
  const TypeAndClass *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         (wanted->css_class == NULL || gtk_widget_has_css_class (widget, wanted->css_class));
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  TypeAndClass wanted = { type, css_class };

  return find_first (root, has_type_and_class, &wanted);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  return find_first (root, is_label_with_text, text);
}

/* How many widgets under @root have @css_class. */
static guint
count_with_class (GtkWidget  *root,
                  const char *css_class)
{
  guint n = gtk_widget_has_css_class (root, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_with_class (child, css_class);

  return n;
}

/* How many labels under @root show @text, or a text that holds it with
 * @within. */
static guint
count_labels (GtkWidget  *root,
              const char *text,
              gboolean    within)
{
  const char *shown = GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root)) : NULL;
  guint n = shown != NULL && (within ? strstr (shown, text) != NULL : g_str_equal (shown, text)) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text, within);

  return n;
}

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
  stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
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
  g_assert_cmpuint (count_with_class (certificates, "certificate-card"), ==, n_certificates);
  g_assert_cmpuint (count_with_class (certificates, "check"), ==, n_rules);
  g_assert_cmpuint (count_with_class (certificates, "chain-verdict"), ==, 2);
  g_assert_cmpuint (count_labels (certificates, "Aussteller", FALSE), ==, n_certificates);
  g_assert_cmpuint (count_labels (certificates, "basicConstraints", FALSE), ==, n_certificates);
  g_assert_cmpuint (count_labels (certificates, "✓ unser Urteil stimmt überein", FALSE), ==, 2);

  /* Every key value shown, every recomputation marked on its value's row
   * rather than shown as a row of its own. */
  g_assert_cmpuint (count_with_class (keys, "digest-card"), >, 10);
  g_assert_cmpuint (count_labels (keys, "✓ nachgerechnet: stimmt überein", FALSE), >=, 6);
  g_assert_cmpuint (count_labels (keys, "nachgerechnet: PRF", TRUE), ==, 0);

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
  stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (*window), ADW_TYPE_VIEW_STACK, NULL));
  adw_view_stack_set_visible_child_name (stack, "keys");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (*window));

  return adw_view_stack_get_child_by_name (stack, "keys");
}

/* The row of the comparison named for the field id @id. */
static GtkWidget *
find_comparison (GtkWidget  *root,
                 const char *id)
{
  if (gtk_widget_has_css_class (root, "key-comparison") && g_str_equal (gtk_widget_get_name (root), id))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_comparison (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Hex as shown or as in the JSON trace, spaces and line breaks aside. */
static GBytes *
parse_hex (const char *text)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  int high = -1;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      g_assert_true (g_ascii_isxdigit (*p));
      if (high < 0)
        high = g_ascii_xdigit_value (*p);
      else
        {
          guint8 byte = high << 4 | g_ascii_xdigit_value (*p);

          g_byte_array_append (bytes, &byte, 1);
          high = -1;
        }
    }
  g_assert_cmpint (high, ==, -1);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
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

  return find_first (root, is_label_with_classes, classes);
}

/* The bytes the label of @side's value shows in @row. */
static GBytes *
shown_value (GtkWidget  *row,
             const char *side)
{
  GtkWidget *label = find_label_with_classes (row, "side-value", side);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (label));

  return parse_hex (gtk_label_get_text (GTK_LABEL (label)));
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

  return parse_hex (json_object_get_string_member (secrets, name));
}

/* The comparison mark of @row's client and server. */
static const char *
comparison_mark (GtkWidget *row)
{
  GtkWidget *heading = gtk_widget_get_first_child (row);
  GtkWidget *mark = find_widget (heading, GTK_TYPE_LABEL, "comparison-mark");

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
  g_assert_cmpuint (count_with_class (keys, "eavesdropper"), ==, 0);

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
  g_assert_null (find_widget (gtk_widget_get_first_child (row), GTK_TYPE_LABEL, "comparison-mark"));
  missing = find_widget (row, GTK_TYPE_LABEL, "side-missing");
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
  mark = find_widget (mark, GTK_TYPE_LABEL, "comparison-mark");
  g_assert_nonnull (mark);
  g_assert_true (gtk_widget_has_css_class (mark, "same"));
  /* And with it every key of the session. */
  {
    g_autoptr(GBytes) block = shown_value (find_comparison (keys, "keys.key_block"), "eavesdropper");
    g_autoptr(GBytes) session_block = json_secret (trace, "server", "key_block");

    g_assert_true (g_bytes_equal (block, session_block));
  }
  /* Its Finished is none of the eavesdropper's business. */
  g_assert_null (find_widget (find_comparison (keys, "keys.client_finished.verify_data"), GTK_TYPE_LABEL, "eavesdropper"));

  /* Before the key is stolen, there is no eavesdropper column. */
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlField *fields = hl_step_get_fields (hl_trace_get_step (trace, i));

      if (fields != NULL && hl_field_has_id (fields, "eavesdropper"))
        hl_player_seek (hl_window_get_player (window), i);
    }
  g_assert_cmpuint (hl_player_get_position (hl_window_get_player (window)), <, hl_trace_get_n_steps (trace));
  g_assert_null (find_widget (find_comparison (keys, "keys.master_secret"), GTK_TYPE_LABEL, "eavesdropper"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One registered application serves the in-process tests: an application
 * keeps its D-Bus object path until it is finalized. */
static HlApplication *
create_registered_application (void)
{
  g_autoptr(GError) error = NULL;
  HlApplication *app;

  app = hl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static void
test_window_shows_run (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(HlScenario) fresh_scenario = NULL;
  g_autoptr(HlTrace) fresh_trace = NULL;
  g_autoptr(GError) error = NULL;
  HlScenario *scenario;
  HlTrace *trace;
  HlWindow *window;
  GtkWidget *title;
  GtkWidget *list;
  GtkWidget *row;
  const char *summary;
  guint n_steps;
  guint n_rows = 0;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  g_assert_true (HL_IS_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  scenario = hl_window_get_scenario (window);
  trace = hl_window_get_trace (window);
  g_assert_true (HL_IS_SCENARIO (scenario));
  g_assert_true (HL_IS_TRACE (trace));
  g_assert_cmpstr (hl_scenario_get_id (scenario), ==, "rsa-basic");

  /* The header bar names the scenario. */
  g_assert_nonnull (hl_scenario_get_title (scenario));
  g_assert_cmpstr (hl_scenario_get_title (scenario), !=, "");
  title = find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL);
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_drawable (title));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==,
                   hl_scenario_get_title (scenario));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   hl_scenario_get_title (scenario));

  /* No spoiler: before the first step, how the run ends is not on
   * screen, nor is any step still to come; at the end it is, and so is
   * every step; the menu's toggle shows both from the start. */
  summary = hl_trace_get_summary_text (trace);
  g_assert_nonnull (summary);
  g_assert_cmpstr (summary, !=, "");
  g_assert_cmpuint (hl_player_get_position (hl_window_get_player (window)), ==, 0);
  g_assert_false (gtk_widget_is_drawable (find_label_with_text (GTK_WIDGET (window), summary)));
  list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "steps");
  g_assert_nonnull (list);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))));
  hl_player_seek (hl_window_get_player (window), 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))));
  hl_player_go_to_end (hl_window_get_player (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_drawable (find_label_with_text (GTK_WIDGET (window), summary)));
  hl_player_restart (hl_window_get_player (window));
  g_assert_cmpuint (hl_player_get_position (hl_window_get_player (window)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reveal-outcome", NULL);
  g_assert_true (hl_window_get_reveal_outcome (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_drawable (find_label_with_text (GTK_WIDGET (window), summary)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))));
  hl_window_set_reveal_outcome (window, FALSE);

  /* One row per step of the trace, in order. */
  n_steps = hl_trace_get_n_steps (trace);
  g_assert_cmpuint (n_steps, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, n_steps);

  g_assert_true (gtk_widget_is_drawable (list));

  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(HlStep) step = NULL;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;

      g_assert_cmpuint (n_rows, <, n_steps);
      step = g_list_model_get_item (G_LIST_MODEL (trace), n_rows);
      g_assert_nonnull (find_label_with_text (row, hl_step_get_title (step)));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, n_steps);

  /* It is the run of rsa-basic: a run is a pure function of its scenario,
   * so a fresh run gives the same steps. */
  fresh_scenario = hl_scenario_load_builtin ("rsa-basic", &error);
  g_assert_no_error (error);
  fresh_trace = hl_engine_run (fresh_scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hl_trace_get_n_steps (fresh_trace), ==, n_steps);
  g_assert_cmpint (hl_trace_get_outcome (fresh_trace), ==, hl_trace_get_outcome (trace));
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(HlStep) a = g_list_model_get_item (G_LIST_MODEL (trace), i);
      g_autoptr(HlStep) b = g_list_model_get_item (G_LIST_MODEL (fresh_trace), i);

      g_assert_cmpstr (hl_step_get_title (a), ==, hl_step_get_title (b));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unknown_scenario_is_an_error (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlScenario *shown;
  HlWindow *window;
  guint n_windows;

  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  window = hl_application_open_scenario (app, "no-such-scenario", &error);
  g_assert_null (window);
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);
  g_clear_error (&error);

  /* A window keeps showing its run when asked for one that does not exist. */
  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  shown = hl_window_get_scenario (window);
  g_assert_false (hl_window_load_scenario (window, "no-such-scenario", &error));
  g_assert_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_UNKNOWN_ID);
  g_assert_true (hl_window_get_scenario (window) == shown);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, hl_scenario_get_title (shown));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_command_line_unknown_scenario (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      char *argv[] = { (char *)"handshake-lab", (char *)"--scenario", (char *)"no-such-scenario", NULL };
      int status;

      status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
      g_assert_cmpint (status, ==, 2);
      g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*no-such-scenario*");
}

/* The pixels of a PNG, 4 bytes each, row by row. */
static guint32 *
read_png (const char *path,
          int        *width,
          int        *height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  guint32 *pixels;

  g_assert_no_error (error);
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_new (guint32, (gsize)*width * *height);
  gdk_texture_download (texture, (guchar *)pixels, (gsize)*width * 4);

  return pixels;
}

/* A window was drawn into @path: big enough, and not one flat colour. */
static void
assert_png_not_blank (const char *path)
{
  g_autofree guint32 *pixels = NULL;
  gboolean all_same = TRUE;
  int width;
  int height;

  pixels = read_png (path, &width, &height);
  g_assert_cmpint (width, >=, 360);
  g_assert_cmpint (height, >=, 360);

  for (gsize i = 1; i < (gsize)width * height && all_same; i++)
    all_same = pixels[i] == pixels[0];
  g_assert_false (all_same);
}

static void
test_command_line_screenshot (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      char *argv[] = { (char *)"handshake-lab", (char *)"--screenshot", NULL, NULL };

      argv[2] = (char *)g_getenv ("HL_TEST_SCREENSHOT");
      g_assert_nonnull (argv[2]);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
      g_assert_cmpint (hl_application_get_exit_status (app), ==, 0);
      return;
    }

  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "shot.png", NULL);
  g_setenv ("HL_TEST_SCREENSHOT", path, TRUE);

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  assert_png_not_blank (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_window_steps_through (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlSequenceView *view;
  HlPlayer *player;
  HlWindow *window;
  guint n_steps;

  /* A warning or critical anywhere while stepping fails the test. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  player = hl_window_get_player (window);
  view = hl_window_get_sequence_view (window);
  n_steps = hl_player_get_n_steps (player);
  g_assert_cmpuint (n_steps, ==, hl_trace_get_n_steps (hl_window_get_trace (window)));
  g_assert_cmpuint (hl_player_get_position (player), ==, 0);

  for (guint i = 1; i <= n_steps; i++)
    {
      HlStep *step;
      g_autofree char *expected = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL));
      g_assert_cmpuint (hl_player_get_position (player), ==, i);
      step = hl_player_get_current_step (player);
      g_assert_true (step == hl_trace_get_step (hl_window_get_trace (window), i - 1));

      /* The diagram tells assistive technologies which step it shows. */
      expected = g_strdup_printf ("Step %u of %u: %s", i, n_steps, hl_step_get_title (step));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

      /* Let animations and views catch up now and then. */
      if (i % 7 == 0)
        gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }

  /* Forward at the end stays at the end. */
  gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL);
  g_assert_cmpuint (hl_player_get_position (player), ==, n_steps);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  for (guint i = n_steps; i > 0; i--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.back", NULL));
      g_assert_cmpuint (hl_player_get_position (player), ==, i - 1);
      g_assert_cmpfloat (hl_player_get_progress (player), ==, 1);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "player.end", NULL);
  g_assert_cmpuint (hl_player_get_position (player), ==, n_steps);
  gtk_widget_activate_action (GTK_WIDGET (window), "player.restart", NULL);
  g_assert_cmpuint (hl_player_get_position (player), ==, 1);

  /* Every panel can show the last step. */
  hl_player_seek (player, n_steps);
  for (guint i = 0; i < 4; i++)
    {
      static const char *panels[] = { "message", "keys", "certificates", "lesson" };

      g_assert_true (hl_window_show_panel (window, panels[i]));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_player_plays_to_the_end (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlPlayer *player;
  HlWindow *window;
  gint64 deadline;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  player = hl_window_get_player (window);

  hl_player_set_speed (player, 4);
  gtk_widget_activate_action (GTK_WIDGET (window), "player.play", NULL);
  g_assert_true (hl_player_get_playing (player));

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (hl_player_get_playing (player) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (hl_player_get_playing (player));
  g_assert_cmpuint (hl_player_get_position (player), ==, hl_player_get_n_steps (player));
  g_assert_cmpfloat (hl_player_get_progress (player), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
write_expired_scenario (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/rsa-basic.scenario", 0, &error);
  g_autoptr(GString) text = NULL;
  char *path;

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (g_string_replace (text, "valid-from=-30d\nvalid-until=+365d",
                                      "valid-from=2025-01-01T00:00:00Z\nvalid-until=2026-01-01T00:00:00Z", 1), ==, 1);
  path = g_build_filename (dir, "expired.scenario", NULL);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

typedef struct
{
  const char *name;
  gboolean    expired;
  const char *step;
} ShotCase;

static void
test_command_line_step_screenshot (gconstpointer data)
{
  const ShotCase *shot = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scenario = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();

      g_ptr_array_add (argv, (char *)"handshake-lab");
      if (g_getenv ("HL_TEST_SCENARIO_FILE") != NULL)
        {
          g_ptr_array_add (argv, (char *)"--scenario-file");
          g_ptr_array_add (argv, (char *)g_getenv ("HL_TEST_SCENARIO_FILE"));
        }
      else
        {
          g_ptr_array_add (argv, (char *)"--scenario");
          g_ptr_array_add (argv, (char *)"rsa-basic");
        }
      g_ptr_array_add (argv, (char *)"--step");
      g_ptr_array_add (argv, (char *)shot->step);
      g_ptr_array_add (argv, (char *)"--size");
      g_ptr_array_add (argv, (char *)"1024x600");
      g_ptr_array_add (argv, (char *)"--screenshot");
      g_ptr_array_add (argv, (char *)g_getenv ("HL_TEST_SCREENSHOT"));
      g_ptr_array_add (argv, NULL);

      g_assert_cmpint (g_application_run (G_APPLICATION (app), argv->len - 1, (char **)argv->pdata), ==, 0);
      g_assert_cmpint (hl_application_get_exit_status (app), ==, 0);
      return;
    }

  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "shot.png", NULL);
  g_setenv ("HL_TEST_SCREENSHOT", path, TRUE);
  if (shot->expired)
    {
      scenario = write_expired_scenario (dir);
      g_setenv ("HL_TEST_SCENARIO_FILE", scenario, TRUE);
    }
  else
    g_unsetenv ("HL_TEST_SCENARIO_FILE");

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  assert_png_not_blank (path);

  g_unlink (path);
  if (scenario != NULL)
    g_unlink (scenario);
  g_rmdir (dir);
}

static void
test_expired_window (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *scenario = NULL;
  HlWindow *window;
  HlPlayer *player;
  HlStep *step;

  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  scenario = write_expired_scenario (dir);

  window = hl_window_new (GTK_APPLICATION (app));
  g_assert_true (hl_window_load_scenario_file (window, scenario, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpint (hl_trace_get_outcome (hl_window_get_trace (window)), ==, HL_OUTCOME_FAILED);
  player = hl_window_get_player (window);
  while (hl_player_get_position (player) < hl_player_get_n_steps (player))
    gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The run ends on a failure, and the diagram names it. */
  step = hl_player_get_current_step (player);
  g_assert_cmpint (hl_step_get_verdict (step), ==, HL_VERDICT_FAILED);
  {
    g_autofree char *description = hl_sequence_view_describe (hl_window_get_sequence_view (window));

    g_assert_nonnull (strstr (description, hl_step_get_title (step)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (scenario);
  g_rmdir (dir);
}

/* Every lesson of the catalog, first step to last and back, with any
 * warning or critical fatal. */
static void
test_window_steps_through_catalog (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  g_autoptr(GError) error = NULL;
  HlWindow *window;
  HlPlayer *player;

  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length (ids), >=, 28);

  window = hl_application_open_scenario (app, ids[0], &error);
  g_assert_no_error (error);
  player = hl_window_get_player (window);
  g_assert_true (hl_window_show_panel (window, "certificates"));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint n;

      g_test_message ("%s", ids[i]);
      g_assert_true (hl_window_load_scenario (window, ids[i], &error));
      g_assert_no_error (error);
      n = hl_player_get_n_steps (player);
      g_assert_cmpuint (n, >, 0);

      for (guint j = 1; j <= n; j++)
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.forward", NULL));
          g_assert_cmpuint (hl_player_get_position (player), ==, j);
        }
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      for (guint j = n; j > 0; j--)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "player.back", NULL));
      g_assert_cmpuint (hl_player_get_position (player), ==, 0);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_label_in_row_with_class (GtkWidget  *root,
                              const char *text,
                              const char *css_class)
{
  GtkWidget *label = find_label_with_text (root, text);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, css_class));
  return label;
}

/* expired: the Certificates panel at the check shows "1. Valid now" failed. */
static void
test_certificates_panel_expired (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;
  GtkWidget *panel;
  GtkWidget *label;
  HlWindow *window;
  HlTrace *trace;
  guint check = 0;

  window = hl_application_open_scenario (app, "expired", &error);
  g_assert_no_error (error);
  trace = hl_window_get_trace (window);
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    if (hl_step_get_kind (hl_trace_get_step (trace, i)) == HL_STEP_CHECK)
      {
        check = i + 1;
        break;
      }
  g_assert_cmpuint (check, >, 0);

  g_assert_true (hl_window_show_panel (window, "certificates"));
  hl_player_seek (hl_window_get_player (window), check);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (stack);
  panel = adw_view_stack_get_child_by_name (stack, "certificates");
  g_assert_nonnull (panel);

  label = find_label_in_row_with_class (panel, "1. Valid now", "error");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_parent (label)), "fail"));
  /* The check stopped there: what follows is not reached, not failed. */
  label = find_label_with_text (panel, "2. Issuer is the next certificate's subject");
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_parent (label)), "not-reached"));
  /* The certificate's name heads its card, and the trust store is named. */
  g_assert_nonnull (find_label_with_text (panel, "www.handshake-lab.test"));
  g_assert_nonnull (find_label_with_text (panel, "The client's trust store"));
  /* The DER is there, but folded away. */
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (find_widget (panel, GTK_TYPE_EXPANDER, NULL))));

  /* Before the check, the panel has no certificate. */
  hl_player_seek (hl_window_get_player (window), check - 1);
  g_assert_null (find_label_with_text (panel, "1. Valid now"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* weak-key-rsa1024: BearSSL accepts a key that current guidance calls too
 * small.  The step list's row warns (⚠, never "trusted ✓"), and so does
 * the Certificates panel's row of rule 7. */
static void
test_weak_key_warns (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;
  GtkWidget *list;
  GtkWidget *row;
  GtkWidget *icon;
  GtkWidget *panel;
  GtkWidget *label;
  GtkWidget *rule_row;
  HlWindow *window;
  HlTrace *trace;
  HlStep *step = NULL;
  guint check = 0;

  window = hl_application_open_scenario (app, "weak-key-rsa1024", &error);
  g_assert_no_error (error);
  trace = hl_window_get_trace (window);
  for (guint i = 0; i < hl_trace_get_n_steps (trace) && step == NULL; i++)
    if (hl_step_get_kind (hl_trace_get_step (trace, i)) == HL_STEP_CHECK)
      {
        step = hl_trace_get_step (trace, i);
        check = i + 1;
      }
  g_assert_nonnull (step);

  g_assert_true (hl_window_show_panel (window, "certificates"));
  hl_player_seek (hl_window_get_player (window), check);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The row of the step: its title says what BearSSL did and what falls
   * short, its icon is the warning, not the ✓. */
  list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "steps");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), check - 1));
  g_assert_true (gtk_widget_is_drawable (row));
  g_assert_nonnull (find_label_with_text (row, hl_step_get_title (step)));
  g_assert_nonnull (strstr (hl_step_get_title (step), "trusted by BearSSL, key below guidance"));
  icon = find_widget (row, GTK_TYPE_IMAGE, "verdict");
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_has_css_class (icon, "warning"));
  g_assert_false (gtk_widget_has_css_class (icon, "success"));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-warning-symbolic");

  /* The Certificates panel: rule 7 is below guidance, marked ⚠. */
  stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  panel = adw_view_stack_get_child_by_name (stack, "certificates");
  label = find_label_with_text (panel, "7. Key type, size and usage fit the handshake");
  g_assert_nonnull (label);
  rule_row = gtk_widget_get_parent (gtk_widget_get_parent (label));
  g_assert_true (gtk_widget_has_css_class (rule_row, "below-guidance"));
  g_assert_false (gtk_widget_has_css_class (rule_row, "pass"));
  g_assert_nonnull (find_label_with_text (rule_row, "⚠"));
  g_assert_null (find_label_with_text (rule_row, "✓"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click on a byte of the hex view selects the deepest field there. */
static void
test_hex_byte_selects_field (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlMessageView *view;
  HlWindow *window;
  HlField *field;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  hl_player_seek (hl_window_get_player (window), 1);
  g_assert_true (hl_window_show_panel (window, "message"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  view = HL_MESSAGE_VIEW (find_widget (GTK_WIDGET (window), HL_TYPE_MESSAGE_VIEW, NULL));
  g_assert_nonnull (view);

  /* Byte 0 is the record's content type, in the record header that opens
   * the ClientHello's bytes; byte 11 is in the client random. */
  field = hl_message_view_select_byte (view, 0);
  g_assert_nonnull (field);
  g_assert_cmpstr (hl_field_get_name (field), ==, "Content type");
  g_assert_cmpuint (hl_field_get_offset (field), ==, 0);
  g_assert_cmpuint (hl_field_get_n_children (field), ==, 0);
  field = hl_message_view_select_byte (view, 5);
  g_assert_cmpstr (hl_field_get_name (field), ==, "Handshake type");
  g_assert_cmpuint (hl_field_get_offset (field), ==, 5);

  field = hl_message_view_select_byte (view, 11);
  g_assert_nonnull (field);
  g_assert_cmpuint (hl_field_get_offset (field), <=, 11);
  g_assert_cmpuint (hl_field_get_offset (field) + hl_field_get_length (field), >, 11);
  g_assert_cmpuint (hl_field_get_n_children (field), ==, 0);

  g_assert_null (hl_message_view_select_byte (view, 100000));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rows of @hex show @bytes: offset, hex and ASCII. */
static void
assert_hex_rows (HlHexView *hex,
                 GBytes    *bytes)
{
  g_autoptr(GRegex) regex = g_regex_new ("^([0-9a-f]{4,})  ((?:[0-9a-f]{2} )*[0-9a-f]{2})(?:  (.*))?$", 0, 0, NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize next = 0;

  for (guint i = 0; i < hl_hex_view_get_n_rows (hex); i++)
    {
      g_autofree char *text = hl_hex_view_get_row_text (hex, i);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *offset = NULL;
      g_autofree char *hex_text = NULL;
      g_autofree char *ascii = NULL;
      gsize count = MIN (16, size - next);

      if (!g_regex_match (regex, text, 0, &match))
        continue;
      offset = g_match_info_fetch (match, 1);
      hex_text = g_match_info_fetch (match, 2);
      ascii = g_match_info_fetch (match, 3);
      /* An offset, then sixteen bytes (fewer only on the last row). */
      g_assert_cmpuint (g_ascii_strtoull (offset, NULL, 16), ==, next);
      g_assert_cmpuint (strlen (hex_text), ==, count * 3 - 1);
      for (gsize k = 0; k < count; k++)
        g_assert_cmpuint (g_ascii_strtoull (hex_text + 3 * k, NULL, 16), ==, data[next + k]);
      /* The ASCII beside the hex, or on the line below it. */
      if (ascii == NULL || *ascii == '\0')
        {
          g_autofree char *below = hl_hex_view_get_row_text (hex, i + 1);
          gsize first = strlen (offset) + 2;

          /* Each character under the first digit of its byte. */
          g_assert_cmpuint (strlen (below), ==, first + 3 * (count - 1) + 1);
          g_free (ascii);
          ascii = g_malloc0 (count + 1);
          for (gsize k = 0; k < count; k++)
            ascii[k] = below[first + 3 * k];
        }
      g_assert_cmpuint (strlen (ascii), ==, count);
      for (gsize k = 0; k < count; k++)
        g_assert_cmpint (ascii[k], ==, g_ascii_isprint (data[next + k]) ? data[next + k] : '.');
      next += count;
    }
  g_assert_cmpuint (next, ==, size);
}

/* At every window size a lecture hall uses, each row of the hex view shows
 * its offset and sixteen bytes without scrolling sideways, and a step
 * that computes keys shows them as bytes. */
static void
test_hex_fits (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  static const int sizes[][2] = { { 1024, 600 }, { 1280, 800 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      GtkAdjustment *hadjustment;
      HlHexView *hex;
      HlWindow *window;
      HlTrace *trace;
      HlStep *step = NULL;
      guint position = 0;
      gboolean checked;

      window = hl_application_open_scenario (app, "rsa-basic", &error);
      g_assert_no_error (error);
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0], sizes[s][1]);
      g_assert_true (hl_window_show_panel (window, "message"));
      trace = hl_window_get_trace (window);
      for (guint i = 0; i < hl_trace_get_n_steps (trace) && step == NULL; i++)
        if (hl_step_get_bytes (hl_trace_get_step (trace, i)) != NULL &&
            g_bytes_get_size (hl_step_get_bytes (hl_trace_get_step (trace, i))) > 1000)
          {
            step = hl_trace_get_step (trace, i);
            position = i + 1;
          }
      g_assert_nonnull (step);
      hl_player_seek (hl_window_get_player (window), position);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      /* The default size includes the client-side decoration's margin. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, sizes[s][0]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, sizes[s][0] - 20);

      hex = HL_HEX_VIEW (find_widget (GTK_WIDGET (window), HL_TYPE_HEX_VIEW, NULL));
      g_assert_nonnull (hex);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hex)));
      hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (hex));
      g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment));
      g_assert_cmpint (hl_hex_view_get_content_width (hex), <=, gtk_widget_get_width (GTK_WIDGET (hex)));
      g_assert_cmpfloat (hl_hex_view_get_font_size (hex), >=, HL_HEX_VIEW_MIN_FONT_SIZE);
      assert_hex_rows (hex, hl_step_get_bytes (step));

      /* Selecting a field at the end moves nothing sideways. */
      g_assert_nonnull (hl_message_view_select_byte (HL_MESSAGE_VIEW (find_widget (GTK_WIDGET (window), HL_TYPE_MESSAGE_VIEW, NULL)),
                                                     g_bytes_get_size (hl_step_get_bytes (step)) - 1));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 0);
      g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment));
      g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (hex))), >, 0);

      /* The client's master secret: the pre-master secret and the seed
       * made of both randoms go in, the master secret comes out; all of
       * them as bytes. */
      checked = FALSE;
      for (guint i = 0; i < hl_trace_get_n_steps (trace) && !checked; i++)
        if (hl_field_lookup (hl_step_get_fields (hl_trace_get_step (trace, i)), "keys.master_secret") != NULL)
          {
            HlField *fields = hl_step_get_fields (hl_trace_get_step (trace, i));
            static const char *const ids[] = { "keys.pre_master_secret", "keys.client_random",
                                               "keys.server_random", "keys.prf_seed", "keys.master_secret" };
            g_autoptr(GByteArray) seed = g_byte_array_new ();
            guint found = 0;

            /* RFC 5246 §8.1: the seed is ClientHello.random +
             * ServerHello.random, as they crossed the wire. */
            for (guint h = 0; h < hl_trace_get_n_steps (trace); h++)
              {
                HlStep *hello = hl_trace_get_step (trace, h);
                HlField *random = hl_step_get_fields (hello) != NULL
                                  ? hl_field_lookup (hl_step_get_fields (hello), "hello.random") : NULL;
                int type = hl_step_get_handshake_type (hello);

                if (random != NULL && (type == 1 || type == 2) && seed->len == (type == 1 ? 0u : 32u))
                  g_byte_array_append (seed, (const guint8 *)g_bytes_get_data (hl_step_get_bytes (hello), NULL)
                                             + hl_field_get_offset (random), hl_field_get_length (random));
              }
            g_assert_cmpuint (seed->len, ==, 64);
            g_assert_cmpmem (seed->data, seed->len,
                             g_bytes_get_data (hl_field_get_data (hl_field_lookup (fields, "keys.prf_seed")), NULL),
                             g_bytes_get_size (hl_field_get_data (hl_field_lookup (fields, "keys.prf_seed"))));

            hl_player_seek (hl_window_get_player (window), i + 1);
            gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
            g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hex)));
            g_assert_cmpuint (hl_hex_view_get_n_blocks (hex), >=, G_N_ELEMENTS (ids));
            for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
              {
                HlField *field = hl_field_lookup (fields, ids[k]);
                g_autofree char *title = NULL;

                g_assert_nonnull (field);
                title = g_strdup_printf ("%s · %zu bytes", hl_field_get_name (field),
                                         g_bytes_get_size (hl_field_get_data (field)));
                for (guint r = 0; r < hl_hex_view_get_n_rows (hex); r++)
                  {
                    g_autofree char *text = hl_hex_view_get_row_text (hex, r);

                    if (g_strcmp0 (text, title) == 0)
                      {
                        g_autofree char *first = hl_hex_view_get_row_text (hex, r + 1);
                        g_autofree char *expected = g_strdup_printf ("0000  %02x %02x",
                                                                     ((const guint8 *)g_bytes_get_data (hl_field_get_data (field), NULL))[0],
                                                                     ((const guint8 *)g_bytes_get_data (hl_field_get_data (field), NULL))[1]);

                        g_assert_true (g_str_has_prefix (first, expected));
                        found++;
                        break;
                      }
                  }
              }
            g_assert_cmpuint (found, ==, G_N_ELEMENTS (ids));
            checked = TRUE;
          }
      g_assert_true (checked);

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* No label under @root that is on screen shows its text cut with "…". */
static void
assert_nothing_ellipsized (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))))
        g_error ("“%s” is cut", gtk_label_get_text (GTK_LABEL (root)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    assert_nothing_ellipsized (child);
}

/* The Message panel counts what crossed the wire: a message alone in its
 * record is the whole record, its 5-byte header included; messages that
 * share a record say so and name the others, and together they are the
 * record.  At the smallest window nothing there is cut with "…". */
static void
test_message_wire_bytes (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlMessageView *view;
  HlWindow *window;
  HlTrace *trace;
  guint shared = 0;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  g_assert_true (hl_window_show_panel (window, "message"));
  view = HL_MESSAGE_VIEW (find_widget (GTK_WIDGET (window), HL_TYPE_MESSAGE_VIEW, NULL));
  trace = hl_window_get_trace (window);

  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      const HlRecord *record;
      g_autoptr(GString) mates = g_string_new (NULL);
      g_autofree char *expected = NULL;
      const char *who;
      gsize size, together = 0;

      if (!hl_step_is_message (step) || hl_step_get_record (step) < 0)
        continue;
      record = hl_trace_get_record (trace, hl_step_get_record (step));
      size = g_bytes_get_size (hl_step_get_bytes (step));
      for (guint k = 0; k < hl_trace_get_n_steps (trace); k++)
        {
          HlStep *other = hl_trace_get_step (trace, k);

          if (!hl_step_is_message (other) || hl_step_get_record (other) != hl_step_get_record (step))
            continue;
          together += g_bytes_get_size (hl_step_get_bytes (other));
          if (other != step)
            g_string_append_printf (mates, "%s%s", mates->len ? ", " : "", hl_step_get_title (other));
        }
      /* The record as the trace stored it, header included. */
      g_assert_cmpuint (together, ==, g_bytes_get_size (record->bytes));
      g_assert_cmpuint (((const guint8 *)g_bytes_get_data (record->bytes, NULL))[0], ==, record->content_type);

      who = hl_step_get_actor (step) == HL_ACTOR_CLIENT ? "Client → Server" : "Server → Client";
      if (mates->len > 0)
        {
          expected = g_strdup_printf ("%s · %zu bytes in a record shared with %s", who, size, mates->str);
          shared++;
        }
      else if (hl_step_get_plaintext (step) != NULL)
        expected = g_strdup_printf ("%s · %zu bytes on the wire, %zu bytes decrypted", who, size,
                                    g_bytes_get_size (hl_step_get_plaintext (step)));
      else
        expected = g_strdup_printf ("%s · %zu bytes on the wire", who, size);

      hl_player_seek (hl_window_get_player (window), i + 1);
      g_assert_nonnull (find_label_with_text (GTK_WIDGET (view), expected));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      assert_nothing_ellipsized (GTK_WIDGET (view));
    }
  /* ServerHello, Certificate and ServerHelloDone travel in one record. */
  g_assert_cmpuint (shared, ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

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
    g_autofree guint32 *pixels = read_png (whole, &w, &h);

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

static double
font_size_of (GtkWidget *widget)
{
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  return pango_font_description_get_size (font) / (double)PANGO_SCALE;
}

/* What a clicker sends: the window's own key bindings, activated as a key
 * press would. */
static void
press_key (HlWindow *window,
           guint     keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (window), NULL));
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
}

/* The presenter's keys: Page Down and Page Up step, B and "." blank the
 * screen and bring it back, D shows the diagram alone, L a taller step
 * list; and every text grows in presentation mode, the headings and the
 * panel tabs that Adwaita sizes in points too. */
static void
test_presenter (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlWindow *window;
  HlPlayer *player;
  GtkWidget *heading, *tab, *body, *main_paned, *side;
  double heading_size, tab_size, body_size;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  player = hl_window_get_player (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  press_key (window, GDK_KEY_Page_Down);
  press_key (window, GDK_KEY_Page_Down);
  g_assert_cmpuint (hl_player_get_position (player), ==, 2);
  press_key (window, GDK_KEY_Page_Up);
  g_assert_cmpuint (hl_player_get_position (player), ==, 1);

  main_paned = find_widget (GTK_WIDGET (window), GTK_TYPE_PANED, NULL);
  g_assert_nonnull (main_paned);
  press_key (window, GDK_KEY_b);
  g_assert_false (gtk_widget_get_visible (main_paned));
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL)));
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), GTK_TYPE_BOX, "blank-screen")));
  press_key (window, GDK_KEY_period);
  g_assert_true (gtk_widget_get_visible (main_paned));
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL)));

  side = gtk_paned_get_end_child (GTK_PANED (main_paned));
  press_key (window, GDK_KEY_d);
  g_assert_false (gtk_widget_get_visible (side));
  press_key (window, GDK_KEY_d);
  g_assert_true (gtk_widget_get_visible (side));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  press_key (window, GDK_KEY_l);
  g_assert_cmpint (gtk_paned_get_position (GTK_PANED (side)), >, gtk_widget_get_height (side) / 2);
  press_key (window, GDK_KEY_l);
  g_assert_cmpint (gtk_paned_get_position (GTK_PANED (side)), <, gtk_widget_get_height (side) / 2);

  heading = find_label_with_text (GTK_WIDGET (window), "How This Run Ends");
  tab = find_label_with_text (GTK_WIDGET (window), "Lesson");
  body = find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "explanation");
  g_assert_nonnull (heading);
  g_assert_nonnull (tab);
  g_assert_nonnull (body);
  heading_size = font_size_of (heading);
  tab_size = font_size_of (tab);
  body_size = font_size_of (body);
  hl_window_set_presentation_mode (window, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* Headings as large as the body they head (Adwaita's are a point
   * larger than the body: 1.36 times, not 1.5). */
  g_assert_cmpfloat (font_size_of (heading), >=, heading_size * 1.3);
  g_assert_cmpfloat (font_size_of (heading), >=, font_size_of (body));
  g_assert_cmpfloat (font_size_of (tab), >=, tab_size * 1.4);
  g_assert_cmpfloat (font_size_of (body), >=, body_size * 1.4);
  hl_window_set_presentation_mode (window, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_presentation_mode (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  HlSequenceView *view;
  GtkWidget *counter;
  HlWindow *window;
  guint n;

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  view = hl_window_get_sequence_view (window);
  counter = find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "position");
  g_assert_nonnull (counter);
  n = hl_trace_get_n_steps (hl_window_get_trace (window));
  hl_player_seek (hl_window_get_player (window), 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation-mode", NULL));
  g_assert_true (hl_window_get_presentation_mode (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_true (hl_sequence_view_get_high_contrast (view));
  g_assert_false (adw_style_manager_get_dark (style_manager));
  {
    g_autofree char *expected = g_strdup_printf ("Step 4 of %u", n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, expected);
  }
  hl_player_seek (hl_window_get_player (window), 5);
  {
    g_autofree char *expected = g_strdup_printf ("Step 5 of %u", n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, expected);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  g_assert_false (hl_window_get_presentation_mode (window));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_false (hl_sequence_view_get_high_contrast (view));
  {
    g_autofree char *expected = g_strdup_printf ("5 / %u", n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, expected);
  }
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  /* A window closed while it presents gives the desktop's style back. */
  hl_window_set_presentation_mode (window, TRUE);
  g_assert_false (adw_style_manager_get_dark (style_manager));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* The application's icon (the About window's, the window's) is found
 * without installing: it is in the resources too. */
static void
test_icon (gconstpointer data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));
}

/* The Scenario menu, built when it first opens, offers every lesson once,
 * grouped in submenus, each loading its own id. */
static void
test_scenario_menu (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) ids = hl_scenario_list_builtin ();
  static const struct { const char *title; const char *first; } groups[] = {
    { "Basics", "rsa-basic" },
    { "Mutual TLS", "mutual-tls" },
    { "Certificates", "expired" },
    { "Negotiation", "no-common-suite" },
    { "Attacks and Faults", "tampered-client-hello" },
  };
  GtkMenuButton *button;
  GMenuModel *menu;
  HlWindow *window;

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  button = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "scenarios"));
  g_assert_nonnull (button);

  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  /* One submenu per group, in the catalog's teaching order (README.md),
   * each lesson of a group in the catalog's order: a menu of 31 lessons
   * ran past the bottom of a 1000 px screen. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, G_N_ELEMENTS (groups));

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SUBMENU);
      g_autofree char *label = NULL;

      g_assert_nonnull (submenu);
      g_assert_true (g_menu_model_get_item_attribute (menu, s, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_cmpstr (label, ==, groups[s].title);

      for (int i = 0; i < g_menu_model_get_n_items (submenu); i++)
        {
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (submenu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                              G_VARIANT_TYPE_STRING);
          g_assert_nonnull (target);
          if (i == 0)
            g_assert_cmpstr (g_variant_get_string (target, NULL), ==, groups[s].first);
          g_assert_true (g_hash_table_add (offered, g_variant_dup_string (target, NULL)));
        }
    }

  g_assert_cmpuint (g_hash_table_size (offered), ==, g_strv_length (ids));
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (offered, ids[i]));

  gtk_menu_button_popdown (button);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* GSettings (in memory here): a new window takes last time's size, speed
 * and zoom; changing them, loading a scenario and closing the window store
 * them; follow-system-animations=false turns animations on. */
static void
test_settings (gconstpointer data)
{
  static const char *keys[] = { "window-width", "window-height", "window-maximized", "last-scenario",
                                "playback-speed", "zoom", "follow-system-animations" };
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  GSettings *settings = hl_application_get_settings (app);
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  g_autoptr(GError) error = NULL;
  GtkDropDown *speed;
  gboolean animations;
  HlWindow *window;
  int width;
  int height;

  g_assert_nonnull (settings);
  g_settings_set_double (settings, "playback-speed", 2.0);
  g_settings_set_double (settings, "zoom", 1.44);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);

  window = hl_application_open_scenario (app, "rsa-basic", &error);
  g_assert_no_error (error);
  speed = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 3);
  g_assert_cmpfloat (hl_player_get_speed (hl_window_get_player (window)), ==, 2.0);
  g_assert_cmpfloat_with_epsilon (hl_sequence_view_get_zoom (hl_window_get_sequence_view (window)), 1.44, 1e-9);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  gtk_drop_down_set_selected (speed, 0);
  g_assert_cmpfloat (g_settings_get_double (settings, "playback-speed"), ==, 0.25);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.44 * 1.2, 1e-9);
  g_assert_true (hl_window_load_scenario (window, "expired", &error));
  g_assert_no_error (error);
  {
    g_autofree char *last = g_settings_get_string (settings, "last-scenario");

    g_assert_cmpstr (last, ==, "expired");
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  gtk_window_close (GTK_WINDOW (window));

  /* Stored, not only held: a settings object of its own reads them back. */
  {
    g_autoptr(GSettings) fresh = g_settings_new (APP_ID);
    g_autofree char *last = g_settings_get_string (fresh, "last-scenario");

    g_assert_cmpint (g_settings_get_int (fresh, "window-width"), ==, 1111);
    g_assert_cmpint (g_settings_get_int (fresh, "window-height"), ==, 777);
    g_assert_cmpfloat (g_settings_get_double (fresh, "playback-speed"), ==, 0.25);
    g_assert_cmpstr (last, ==, "expired");
  }

  g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
  g_settings_set_boolean (settings, "follow-system-animations", FALSE);
  g_object_get (gtk_settings, "gtk-enable-animations", &animations, NULL);
  g_assert_true (animations);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static gboolean
check_defaults_and_quit (gpointer user_data)
{
  HlApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  int width;
  int height;

  g_assert_nonnull (window);
  g_assert_cmpstr (hl_scenario_get_id (hl_window_get_scenario (HL_WINDOW (window))), ==, "rsa-basic");
  g_assert_cmpfloat (hl_sequence_view_get_zoom (hl_window_get_sequence_view (HL_WINDOW (window))), ==, 1.0);
  g_assert_cmpfloat (hl_player_get_speed (hl_window_get_player (HL_WINDOW (window))), ==, 1.0);
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 760);

  g_application_quit (G_APPLICATION (app));

  return G_SOURCE_REMOVE;
}

/* Settings a hand-edited file or a broken tool left behind: a zoom and a
 * speed that are no numbers and window sizes out of range (in a key file,
 * GSettings' keyfile backend), a last scenario that is not UTF-8 (put
 * into the memory backend as it is).  The application starts with the
 * defaults, and no warning or critical (fatal here). */
static void
test_settings_bad_values (void)
{
  static const char keyfile[] =
    "[org/handshakelab/HandshakeLab]\n"
    "zoom=nan\n"
    "playback-speed=inf\n"
    "window-width=-5\n"
    "window-height=0\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *old_config = g_strdup (g_getenv ("XDG_CONFIG_HOME"));
  g_autofree char *old_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));

  if (g_test_subprocess ())
    {
      g_autoptr(HlApplication) app = hl_application_new ();
      char *argv[] = { (char *)"handshake-lab", NULL };

      if (g_strcmp0 (g_getenv ("GSETTINGS_BACKEND"), "memory") == 0)
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);
          static const char not_utf8[] = "\xff\xfe-basic";

          g_assert_true (g_settings_set_value (settings, "last-scenario",
                                               g_variant_new_from_data (G_VARIANT_TYPE_STRING, not_utf8,
                                                                        sizeof not_utf8, TRUE, NULL, NULL)));
        }

      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_idle_add (check_defaults_and_quit, app);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* The subprocess gets its own configuration directory and backend. */
  dir = g_dir_make_tmp ("test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  settings_dir = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  file = g_build_filename (settings_dir, "keyfile", NULL);
  g_file_set_contents (file, keyfile, -1, &error);
  g_assert_no_error (error);

  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  if (old_config != NULL)
    g_setenv ("XDG_CONFIG_HOME", old_config, TRUE);
  else
    g_unsetenv ("XDG_CONFIG_HOME");
  g_setenv ("GSETTINGS_BACKEND", old_backend, TRUE);
  g_test_trap_assert_passed ();

  g_unlink (file);
  g_rmdir (settings_dir);
  {
    g_autofree char *glib_dir = g_path_get_dirname (settings_dir);

    g_rmdir (glib_dir);
  }
  g_rmdir (dir);
}

/* LANGUAGE=de: the window's own labels, the lesson's title from the
 * scenario and the Certificates panel, whose cards are found by translated
 * field names, all in German (po/de.po). */
static void
test_german (gconstpointer data)
{
  HlApplication *app = HL_APPLICATION ((gpointer)data);
  g_autoptr(GError) error = NULL;
  HlWindow *window;

  g_setenv ("LANGUAGE", "de", TRUE);
  /* LANGUAGE counts only outside the C locale. */
  setlocale (LC_ALL, "C.UTF-8");

  window = hl_application_open_scenario (app, "expired", &error);
  g_assert_no_error (error);
  hl_player_seek (hl_window_get_player (window), 6);
  g_assert_true (hl_window_show_panel (window, "certificates"));

  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "Szenario"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "Abgelaufenes Zertifikat"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "Prüfungen"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "Aussteller"));
  g_assert_null (find_label_with_text (GTK_WIDGET (window), "Checks"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
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
  AdwWindowTitle *title = ADW_WINDOW_TITLE (find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL));
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

  /* Scenarios naming certificate files that are not certificates. */
  {
    static const struct { const char *file; const char *contents; gssize length; const char *problem; } files[] = {
      { "key-as-certificate.pem", NULL, 0, "PRIVATE KEY" },
      { "truncated.der", "\x30\x82\x03\x7e\x30\x82\x02\x66\xa0\x03", 10, "truncated" },
      { "bad-base64.pem", "-----BEGIN CERTIFICATE-----\nMIID!!!!\n-----END CERTIFICATE-----\n", 0, "base64" },
      { "fifo.pem", NULL, -2, "FIFO" },
    };
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

  /* And a good file after all that: the window shows its run. */
  {
    g_autofree char *path = write_expired_scenario (dir);

    g_assert_true (open_file (window, path));
    g_assert_true (hl_window_get_scenario (window) != shown);
    g_assert_cmpint (hl_trace_get_outcome (hl_window_get_trace (window)), ==, HL_OUTCOME_FAILED);
    g_unlink (path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* Runs the main loop for @ms: for what waits for an idle or a timeout
 * (scrolling a row into view). */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static HlWindow *
open_sized (HlApplication *app,
            const char    *id,
            int            width,
            int            height)
{
  g_autoptr(GError) error = NULL;
  HlWindow *window = hl_application_open_scenario (app, id, &error);

  g_assert_no_error (error);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_set_size_request (GTK_WIDGET (window), width, height);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (200);

  return window;
}

static GtkAdjustment *
scroller_vadjustment (GtkWidget *child)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (child, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Item 12a of the lecture-hall issue: a click on an arrow selects its
 * step and leaves the diagram where it was (it used to jump to the top). */
static void
test_diagram_click_keeps_scroll (gconstpointer data)
{
  HlWindow *window = open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  HlSequenceView *view = hl_window_get_sequence_view (window);
  HlPlayer *player = hl_window_get_player (window);
  guint n = hl_player_get_n_steps (player);
  GtkAdjustment *adjustment = scroller_vadjustment (GTK_WIDGET (view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  GtkGesture *click = NULL;
  const HlLadderLayout *layout;
  double value, y = 0, h = 0;
  int target = -1;

  hl_player_seek (player, n);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (200);
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);

  /* An arrow wholly in view, below the lane headers drawn over the top. */
  layout = hl_sequence_view_get_layout (view);
  for (int i = n - 2; i >= 0 && target < 0; i--)
    {
      hl_ladder_layout_get_step_extent (layout, i, &y, &h);
      if (hl_step_is_message (hl_trace_get_step (hl_window_get_trace (window), i)) &&
          y * hl_sequence_view_get_zoom (view) >= value + hl_ladder_layout_get_header_height (layout) &&
          (y + h) * hl_sequence_view_get_zoom (view) <= value + gtk_adjustment_get_page_size (adjustment))
        target = i;
    }
  g_assert_cmpint (target, >=, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 1, 300.0, (y + h / 2) * hl_sequence_view_get_zoom (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (200);

  g_assert_cmpuint (hl_player_get_position (player), ==, target + 1);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - value), <, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Item 12b: Home and End select the first and the last step, and the
 * step list scrolls to it. */
static void
test_home_end_scroll_list (gconstpointer data)
{
  HlWindow *window = open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  HlPlayer *player = hl_window_get_player (window);
  guint n = hl_player_get_n_steps (player);
  GtkListBox *list = GTK_LIST_BOX (find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "steps"));
  GtkAdjustment *adjustment;
  GtkListBoxRow *row;

  g_assert_nonnull (list);
  adjustment = scroller_vadjustment (GTK_WIDGET (list));
  /* Every step listed from the start, as with the setting on. */
  hl_window_set_reveal_outcome (window, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (200);
  hl_player_seek (player, n);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  press_key (window, GDK_KEY_Home);
  g_assert_cmpuint (hl_player_get_position (player), ==, 1);
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  press_key (window, GDK_KEY_End);
  g_assert_cmpuint (hl_player_get_position (player), ==, n);
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, n - 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment), >=,
                     gtk_adjustment_get_upper (adjustment) - 1);

  hl_window_set_reveal_outcome (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_main_menu_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static GtkWidget *
find_main_menu_button (GtkWidget *root)
{
  return find_first (root, is_main_menu_button, NULL);
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (root))));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
is_mapped_with_css_name (GtkWidget     *widget,
                         gconstpointer  name)
{
  return g_str_equal (gtk_widget_get_css_name (widget), name) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_css_name (GtkWidget  *root,
               const char *name)
{
  return find_first (root, is_mapped_with_css_name, name);
}

/* Item 12c: a click on a triangle of the field tree reaches it.  The
 * narrow handle of the window's paned took presses 6 px either side of
 * itself, the triangles' column. */
static void
test_field_tree_expander_clickable (gconstpointer data)
{
  HlWindow *window = open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  GtkWidget *icon, *paned, *handle;
  graphene_rect_t bounds, handle_bounds;
  double extra;

  hl_player_seek (hl_window_get_player (window), 1);
  g_assert_true (hl_window_show_panel (window, "message"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (200);

  icon = find_css_name (GTK_WIDGET (window), "expander");
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_compute_bounds (icon, GTK_WIDGET (window), &bounds));
  paned = find_widget (GTK_WIDGET (window), GTK_TYPE_PANED, NULL);
  for (handle = gtk_widget_get_first_child (paned); handle; handle = gtk_widget_get_next_sibling (handle))
    if (g_str_equal (gtk_widget_get_css_name (handle), "separator"))
      break;
  g_assert_nonnull (handle);
  g_assert_true (gtk_widget_compute_bounds (handle, GTK_WIDGET (window), &handle_bounds));
  /* HANDLE_EXTRA_SIZE in GTK's gtkpaned.c, on the handle's border box. */
  extra = gtk_paned_get_wide_handle (GTK_PANED (paned)) ? 0 : 6;
  g_test_message ("handle %g+%g, icon %g+%g, extra %g", handle_bounds.origin.x, handle_bounds.size.width,
                  bounds.origin.x, bounds.size.width, extra);
  g_assert_cmpfloat (bounds.origin.x, >=, handle_bounds.origin.x + handle_bounds.size.width + extra);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Items 12d and 12e: no tooltip over the Scenario and main menus while
 * they are open, and the zoom items name the main keyboard's keys (GTK's
 * own label for Ctrl and the key), not the keypad's. */
static void
test_menus (gconstpointer data)
{
  HlWindow *window = open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  GtkWidget *buttons[] = {
    find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "scenarios"),
    find_main_menu_button (GTK_WIDGET (window)),
  };
  g_autofree char *zoom_in = gtk_accelerator_get_label (GDK_KEY_plus, GDK_CONTROL_MASK);
  g_autofree char *zoom_out = gtk_accelerator_get_label (GDK_KEY_minus, GDK_CONTROL_MASK);
  g_autofree char *keypad_in = gtk_accelerator_get_label (GDK_KEY_KP_Add, GDK_CONTROL_MASK);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_assert_nonnull (buttons[i]);
      g_assert_true (gtk_widget_get_has_tooltip (buttons[i]));
      gtk_menu_button_popup (GTK_MENU_BUTTON (buttons[i]));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_assert_false (gtk_widget_get_has_tooltip (buttons[i]));
      if (i == 1)
        collect_labels (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (buttons[i]))), texts);

      gtk_menu_button_popdown (GTK_MENU_BUTTON (buttons[i]));
      g_assert_true (gtk_widget_get_has_tooltip (buttons[i]));
    }

  g_assert_cmpstr (zoom_in, !=, keypad_in);
  g_assert_true (g_ptr_array_find_with_equal_func (texts, zoom_in, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, zoom_out, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (texts, keypad_in, g_str_equal, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Item 12g: at 800x600 the diagram is no wider than what shows of it, so
 * that both lanes are in view. */
static void
test_small_window (gconstpointer data)
{
  HlWindow *window = open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 800, 600);
  HlSequenceView *view = hl_window_get_sequence_view (window);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  int minimum;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (scroller), >=, minimum);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment) + 0.5);
  gtk_window_destroy (GTK_WINDOW (window));

  /* And a window made smaller: the side panels give way, not the diagram. */
  window = open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  view = hl_window_get_sequence_view (window);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_widget_set_size_request (GTK_WIDGET (window), 800, 600);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (200);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  g_assert_cmpint (gtk_widget_get_width (scroller), >=, minimum);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment) + 0.5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Item 2: in presentation mode at 1920x1080 the Fit view (on in
 * presentation mode, F toggles it) shows the whole run: the diagram is no
 * taller than what shows of it, no label cut, the text no smaller than
 * the desktop's. */
static void
test_fit_view (gconstpointer data)
{
  static const char *ids[] = { "rsa-basic", "expired", "mutual-tls" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      HlWindow *window = open_sized (HL_APPLICATION ((gpointer)data), ids[i], 1920, 1080);
      HlSequenceView *view = hl_window_get_sequence_view (window);
      GtkAdjustment *adjustment = scroller_vadjustment (GTK_WIDGET (view));
      g_autofree char *font_name = NULL;
      g_autofree char *problems = NULL;
      PangoFontDescription *font;
      const HlLadderLayout *layout;
      double normal;

      g_assert_false (hl_sequence_view_get_fit (view));
      hl_window_set_presentation_mode (window, TRUE);
      g_assert_true (hl_sequence_view_get_fit (view));
      hl_player_seek (hl_window_get_player (window), 1000);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      spin (200);

      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 1080);
      g_test_message ("%s: value %g upper %g page %g view %d x %d", ids[i], gtk_adjustment_get_value (adjustment),
                      gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment),
                      gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)));
      g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), >, 800);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment));
      layout = hl_sequence_view_get_layout (view);
      g_assert_cmpfloat (hl_ladder_layout_get_height (layout), <=, gtk_adjustment_get_page_size (adjustment));
      g_assert_cmpuint (hl_ladder_layout_check_labels (layout, &problems), ==, 0);

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (view)), "gtk-font-name", &font_name, NULL);
      font = pango_font_description_from_string (font_name);
      normal = pango_font_description_get_size (font) / (double)PANGO_SCALE * 96 / 72;
      pango_font_description_free (font);
      g_assert_cmpfloat (hl_ladder_layout_get_font_size (layout), >=, normal);

      press_key (window, GDK_KEY_f);
      g_assert_false (hl_sequence_view_get_fit (view));
      press_key (window, GDK_KEY_f);
      g_assert_true (hl_sequence_view_get_fit (view));
      /* Zooming leaves the fitted view, which would ignore it. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
      g_assert_false (hl_sequence_view_get_fit (view));
      press_key (window, GDK_KEY_f);
      hl_window_set_presentation_mode (window, FALSE);
      g_assert_false (hl_sequence_view_get_fit (view));

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The lecture test of the lecture-hall issue, at the four sizes a class
 * meets: 1024x600, 1280x720, 1280x800, and a 1920x1080 projector in
 * presentation mode.  For rsa-basic, expired and mutual-tls, at the first
 * step, the middle and the end, with each panel in turn: no label in the
 * window is cut with "…", no label of the diagram is cut, the diagram
 * never scrolls sideways (both lanes in view), and the hex view never
 * scrolls sideways. */
static void
test_lecture_sizes (gconstpointer data)
{
  static const struct { int width, height; gboolean presentation; } sizes[] = {
    { 1024, 600, FALSE }, { 1280, 720, FALSE }, { 1280, 800, FALSE }, { 1920, 1080, TRUE },
  };
  static const char *const ids[] = { "rsa-basic", "expired", "mutual-tls" };
  static const char *const panels[] = { "lesson", "message", "keys", "certificates" };
  guint turn = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        HlWindow *window = open_sized (HL_APPLICATION ((gpointer)data), ids[i], sizes[s].width, sizes[s].height);
        HlSequenceView *view = hl_window_get_sequence_view (window);
        GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
        GtkAdjustment *diagram = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
        guint n_steps = hl_trace_get_n_steps (hl_window_get_trace (window));
        const guint positions[] = { 1, n_steps / 2, n_steps };

        if (sizes[s].presentation)
          hl_window_set_presentation_mode (window, TRUE);

        for (guint p = 0; p < G_N_ELEMENTS (positions); p++, turn++)
          {
            g_autofree char *problems = NULL;
            GtkWidget *hex;

            g_assert_true (hl_window_show_panel (window, panels[turn % G_N_ELEMENTS (panels)]));
            hl_player_seek (hl_window_get_player (window), positions[p]);
            gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
            spin (50);
            g_test_message ("%dx%d %s step %u, %s panel", sizes[s].width, sizes[s].height, ids[i], positions[p],
                            panels[turn % G_N_ELEMENTS (panels)]);

            assert_nothing_ellipsized (GTK_WIDGET (window));
            g_assert_cmpuint (hl_ladder_layout_check_labels (hl_sequence_view_get_layout (view), &problems), ==, 0);
            g_assert_cmpfloat (gtk_adjustment_get_upper (diagram), <=, gtk_adjustment_get_page_size (diagram) + 0.5);

            hex = find_widget (GTK_WIDGET (window), HL_TYPE_HEX_VIEW, NULL);
            if (hex != NULL && gtk_widget_get_mapped (hex))
              {
                GtkAdjustment *sideways = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (hex));

                g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), <=, gtk_adjustment_get_page_size (sideways));
              }
          }

        if (sizes[s].presentation)
          hl_window_set_presentation_mode (window, FALSE);
        gtk_window_destroy (GTK_WINDOW (window));
      }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HlApplication) app = NULL;

  /* The test accessibility backend lets tests read accessible properties. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  hl_i18n_init ();

  /* Subprocesses run their own application. */
  if (!g_test_subprocess ())
    app = create_registered_application ();

  g_test_add_data_func ("/gui/window/shows-run", app, test_window_shows_run);
  g_test_add_data_func ("/gui/window/unknown-scenario", app, test_unknown_scenario_is_an_error);
  g_test_add_func ("/gui/command-line/unknown-scenario", test_command_line_unknown_scenario);
  g_test_add_func ("/gui/command-line/screenshot", test_command_line_screenshot);
  g_test_add_data_func ("/gui/window/steps-through", app, test_window_steps_through);
  g_test_add_data_func ("/gui/window/plays-to-the-end", app, test_player_plays_to_the_end);
  g_test_add_data_func ("/gui/window/expired", app, test_expired_window);
  g_test_add_data_func ("/gui/window/steps-through-catalog", app, test_window_steps_through_catalog);
  g_test_add_data_func ("/gui/certificates/expired", app, test_certificates_panel_expired);
  g_test_add_data_func ("/gui/certificates/weak-key-warns", app, test_weak_key_warns);
  g_test_add_data_func ("/gui/message/hex-byte-selects-field", app, test_hex_byte_selects_field);
  g_test_add_data_func ("/gui/message/hex-fits", app, test_hex_fits);
  g_test_add_data_func ("/gui/message/wire-bytes", app, test_message_wire_bytes);
  g_test_add_data_func ("/gui/window/open-bad-files", app, test_open_bad_files);
  g_test_add_data_func ("/gui/window/export", app, test_export);
  g_test_add_data_func ("/gui/window/export-diagram", app, test_export_diagram);
  g_test_add_data_func ("/gui/window/export-diagram-chooser", app, test_export_diagram_chooser);
  g_test_add_data_func ("/gui/window/presentation-mode", app, test_presentation_mode);
  g_test_add_data_func ("/gui/window/presenter", app, test_presenter);
  g_test_add_data_func ("/gui/window/settings", app, test_settings);
  g_test_add_func ("/gui/window/settings-bad-values", test_settings_bad_values);
  g_test_add_data_func ("/gui/window/scenario-menu", app, test_scenario_menu);
  g_test_add_data_func ("/gui/application/icon", app, test_icon);
  g_test_add_data_func ("/gui/window/german", app, test_german);
  g_test_add_data_func ("/gui/panels/german", app, test_panels_german);
  g_test_add_data_func ("/gui/keys/side-by-side-same", app, test_keys_side_by_side_same);
  g_test_add_data_func ("/gui/keys/side-by-side-different", app, test_keys_side_by_side_different);
  g_test_add_data_func ("/gui/keys/side-never-computed", app, test_keys_side_never_computed);
  g_test_add_data_func ("/gui/keys/eavesdropper", app, test_keys_eavesdropper);
  g_test_add_data_func ("/gui/window/diagram-click-keeps-scroll", app, test_diagram_click_keeps_scroll);
  g_test_add_data_func ("/gui/window/home-end-scroll-list", app, test_home_end_scroll_list);
  g_test_add_data_func ("/gui/window/menus", app, test_menus);
  g_test_add_data_func ("/gui/message/expander-clickable", app, test_field_tree_expander_clickable);
  g_test_add_data_func ("/gui/window/small-window", app, test_small_window);
  g_test_add_data_func ("/gui/window/fit-view", app, test_fit_view);
  g_test_add_data_func ("/gui/window/lecture-sizes", app, test_lecture_sizes);
  {
    static const ShotCase shots[] = {
      { "/gui/command-line/step-screenshot/rsa-basic/first", FALSE, "1" },
      { "/gui/command-line/step-screenshot/rsa-basic/last", FALSE, "1000" },
      { "/gui/command-line/step-screenshot/expired/first", TRUE, "1" },
      { "/gui/command-line/step-screenshot/expired/last", TRUE, "1000" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
      g_test_add_data_func (shots[i].name, &shots[i], test_command_line_step_screenshot);
  }

  return g_test_run ();
}
