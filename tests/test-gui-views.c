/* test-gui-views.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Certificates and Message panels: checks, warnings, the hex view,
 * the bytes on the wire; and the application's icon. */

#define G_LOG_DOMAIN "test-gui"

#include "config.h"

#include <string.h>

#include "hl-hex-view.h"
#include "hl-message-view.h"
#include "hl-test-gui.h"

static GtkWidget *
find_label_in_row_with_class (GtkWidget  *root,
                              const char *text,
                              const char *css_class)
{
  GtkWidget *label = hl_test_gui_find_label (root, text);

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

  stack = ADW_VIEW_STACK (hl_test_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (stack);
  panel = adw_view_stack_get_child_by_name (stack, "certificates");
  g_assert_nonnull (panel);

  label = find_label_in_row_with_class (panel, "1. Valid now", "error");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_parent (label)), "fail"));
  /* The check stopped there: what follows is not reached, not failed. */
  label = hl_test_gui_find_label (panel, "2. Issuer is the next certificate's subject");
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_parent (label)), "not-reached"));
  /* The certificate's name heads its card, and the trust store is named. */
  g_assert_nonnull (hl_test_gui_find_label (panel, "www.handshake-lab.test"));
  g_assert_nonnull (hl_test_gui_find_label (panel, "The client's trust store"));
  /* The DER is there, but folded away. */
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (hl_test_gui_find_widget (panel, GTK_TYPE_EXPANDER, NULL))));

  /* Before the check, the panel has no certificate. */
  hl_player_seek (hl_window_get_player (window), check - 1);
  g_assert_null (hl_test_gui_find_label (panel, "1. Valid now"));

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
  list = hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "steps");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), check - 1));
  g_assert_true (gtk_widget_is_drawable (row));
  g_assert_nonnull (hl_test_gui_find_label (row, hl_step_get_title (step)));
  g_assert_nonnull (strstr (hl_step_get_title (step), "trusted by BearSSL, key below guidance"));
  icon = hl_test_gui_find_widget (row, GTK_TYPE_IMAGE, "verdict");
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_has_css_class (icon, "warning"));
  g_assert_false (gtk_widget_has_css_class (icon, "success"));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-warning-symbolic");

  /* The Certificates panel: rule 7 is below guidance, marked ⚠. */
  stack = ADW_VIEW_STACK (hl_test_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  panel = adw_view_stack_get_child_by_name (stack, "certificates");
  label = hl_test_gui_find_label (panel, "7. Key type, size and usage fit the handshake");
  g_assert_nonnull (label);
  rule_row = gtk_widget_get_parent (gtk_widget_get_parent (label));
  g_assert_true (gtk_widget_has_css_class (rule_row, "below-guidance"));
  g_assert_false (gtk_widget_has_css_class (rule_row, "pass"));
  g_assert_nonnull (hl_test_gui_find_label (rule_row, "⚠"));
  g_assert_null (hl_test_gui_find_label (rule_row, "✓"));

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

  view = HL_MESSAGE_VIEW (hl_test_gui_find_widget (GTK_WIDGET (window), HL_TYPE_MESSAGE_VIEW, NULL));
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

      hex = HL_HEX_VIEW (hl_test_gui_find_widget (GTK_WIDGET (window), HL_TYPE_HEX_VIEW, NULL));
      g_assert_nonnull (hex);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hex)));
      hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (hex));
      g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment));
      g_assert_cmpint (hl_hex_view_get_content_width (hex), <=, gtk_widget_get_width (GTK_WIDGET (hex)));
      g_assert_cmpfloat (hl_hex_view_get_font_size (hex), >=, HL_HEX_VIEW_MIN_FONT_SIZE);
      assert_hex_rows (hex, hl_step_get_bytes (step));

      /* Selecting a field at the end moves nothing sideways. */
      g_assert_nonnull (hl_message_view_select_byte (HL_MESSAGE_VIEW (hl_test_gui_find_widget (GTK_WIDGET (window), HL_TYPE_MESSAGE_VIEW, NULL)),
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
  view = HL_MESSAGE_VIEW (hl_test_gui_find_widget (GTK_WIDGET (window), HL_TYPE_MESSAGE_VIEW, NULL));
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
      g_assert_nonnull (hl_test_gui_find_label (GTK_WIDGET (view), expected));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      hl_test_gui_assert_nothing_ellipsized (GTK_WIDGET (view));
    }
  /* ServerHello, Certificate and ServerHelloDone travel in one record. */
  g_assert_cmpuint (shared, ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
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
  return hl_test_gui_find_first (root, is_mapped_with_css_name, name);
}

/* Item 12c: a click on a triangle of the field tree reaches it.  The
 * narrow handle of the window's paned took presses 6 px either side of
 * itself, the triangles' column. */
static void
test_field_tree_expander_clickable (gconstpointer data)
{
  HlWindow *window = hl_test_gui_open_sized (HL_APPLICATION ((gpointer)data), "rsa-basic", 1280, 720);
  GtkWidget *icon, *paned, *handle;
  graphene_rect_t bounds, handle_bounds;
  double extra;

  hl_player_seek (hl_window_get_player (window), 1);
  g_assert_true (hl_window_show_panel (window, "message"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hl_test_gui_spin (200);

  icon = find_css_name (GTK_WIDGET (window), "expander");
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_compute_bounds (icon, GTK_WIDGET (window), &bounds));
  paned = hl_test_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_PANED, NULL);
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

/* The application's icon (the About window's, the window's) is found
 * without installing: it is in the resources too. */
static void
test_icon (gconstpointer data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));
}

void
hl_test_gui_add_views_tests (void)
{
  HlApplication *app = hl_test_gui_get_application ();

  g_test_add_data_func ("/gui/certificates/expired", app, test_certificates_panel_expired);
  g_test_add_data_func ("/gui/certificates/weak-key-warns", app, test_weak_key_warns);
  g_test_add_data_func ("/gui/message/hex-byte-selects-field", app, test_hex_byte_selects_field);
  g_test_add_data_func ("/gui/message/hex-fits", app, test_hex_fits);
  g_test_add_data_func ("/gui/message/wire-bytes", app, test_message_wire_bytes);
  g_test_add_data_func ("/gui/message/expander-clickable", app, test_field_tree_expander_clickable);
  g_test_add_data_func ("/gui/application/icon", app, test_icon);
}
