/* hl-key-comparison.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-key-comparison"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hl-key-comparison.h"
#include "hl-text.h"

/* The columns: HL_ACTOR_CLIENT, HL_ACTOR_SERVER, then the eavesdropper. */
#define EAVESDROPPER 2
#define N_SIDES 3

/* The values compared, by the id their row is named for. */
enum
{
  ROW_CLIENT_RANDOM,
  ROW_SERVER_RANDOM,
  ROW_PRE_MASTER,
  ROW_MASTER,
  ROW_KEY_BLOCK,
  ROW_CLIENT_HASH,
  ROW_CLIENT_VERIFY,
  ROW_SERVER_HASH,
  ROW_SERVER_VERIFY,
  N_ROWS
};

static const struct
{
  const char *id;
  const char *title;
} rows[N_ROWS] = {
  { "keys.client_random", N_("Client random") },
  { "keys.server_random", N_("Server random") },
  { "keys.pre_master_secret", N_("Pre-master secret") },
  { "keys.master_secret", N_("Master secret") },
  { "keys.key_block", N_("Key block: every session key and IV") },
  { "keys.client_finished.handshake_hash", N_("Client's Finished: hash of the handshake messages") },
  { "keys.client_finished.verify_data", N_("Client's Finished: verify_data") },
  { "keys.server_finished.handshake_hash", N_("Server's Finished: hash of the handshake messages") },
  { "keys.server_finished.verify_data", N_("Server's Finished: verify_data") },
};

typedef struct
{
  GBytes   *value[N_SIDES];   /* computed by the position shown */
  gboolean  later[N_SIDES];   /* computed only after it */
} Values;

/* What the card shows, and nothing else: two equal ones make the same
 * card. */
struct _HlKeyComparison
{
  Values   values[N_ROWS];
  gboolean eavesdropper;      /* the eavesdropper's step is shown */
  gboolean ended;             /* the position shown is the run's end */
  gboolean abbreviated;       /* the connection shown resumes a session */
};

typedef HlKeyComparison Comparison;

static void
note (Comparison *c,
      guint       row,
      guint       side,
      HlField    *field,
      gboolean    later)
{
  GBytes *data = field != NULL ? hl_field_get_data (field) : NULL;

  if (data == NULL)
    return;
  if (later)
    c->values[row].later[side] = TRUE;
  else
    c->values[row].value[side] = data;
}

/* The values of steps @from to @to - 1 of @connection: as computed by
 * then, or with @later, as computed after the position shown. */
static void
collect (Comparison *c,
         HlTrace    *trace,
         guint       from,
         guint       to,
         guint       connection,
         gboolean    later)
{
  for (guint i = from; i < to; i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);
      HlField *fields = hl_step_get_fields (step);
      HlActor actor = hl_step_get_actor (step);

      if (fields == NULL || hl_step_get_connection (step) != connection)
        continue;

      if (hl_field_has_id (fields, "eavesdropper"))
        {
          if (!later)
            c->eavesdropper = TRUE;
          note (c, ROW_CLIENT_RANDOM, EAVESDROPPER, hl_field_get_child_by_id (fields, "eavesdropper.client_random"), later);
          note (c, ROW_SERVER_RANDOM, EAVESDROPPER, hl_field_get_child_by_id (fields, "eavesdropper.server_random"), later);
          note (c, ROW_PRE_MASTER, EAVESDROPPER, hl_field_get_child_by_id (fields, "eavesdropper.pre_master_secret"), later);
          note (c, ROW_MASTER, EAVESDROPPER, hl_field_get_child_by_id (fields, "eavesdropper.master_secret"), later);
          note (c, ROW_KEY_BLOCK, EAVESDROPPER, hl_field_get_child_by_id (fields, "eavesdropper.key_block"), later);
        }
      else if (hl_step_get_kind (step) == HL_STEP_COMPUTE && (actor == HL_ACTOR_CLIENT || actor == HL_ACTOR_SERVER))
        {
          HlField *label = hl_field_get_child_by_id (fields, "keys.prf_label");

          note (c, ROW_CLIENT_RANDOM, actor, hl_field_get_child_by_id (fields, "keys.client_random"), later);
          note (c, ROW_SERVER_RANDOM, actor, hl_field_get_child_by_id (fields, "keys.server_random"), later);
          note (c, ROW_PRE_MASTER, actor, hl_field_get_child_by_id (fields, "keys.pre_master_secret"), later);
          note (c, ROW_MASTER, actor, hl_field_get_child_by_id (fields, "keys.master_secret"), later);
          note (c, ROW_KEY_BLOCK, actor, hl_field_get_child_by_id (fields, "keys.key_block"), later);
          if (label != NULL && hl_field_get_value (label) != NULL)
            {
              guint row = strcmp (hl_field_get_value (label), "client finished") == 0 ? ROW_CLIENT_HASH : ROW_SERVER_HASH;

              note (c, row, actor, hl_field_get_child_by_id (fields, "keys.handshake_hash"), later);
              note (c, row + 1, actor, hl_field_get_child_by_id (fields, "keys.verify_data"), later);
            }
        }
    }
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* "same ✓" or "different ✗", from the bytes. */
static GtkWidget *
new_mark (gboolean    same,
          const char *same_text,
          const char *different_text)
{
  GtkWidget *mark = new_label (same ? same_text : different_text, "comparison-mark");

  gtk_widget_add_css_class (mark, same ? "same" : "different");
  gtk_widget_add_css_class (mark, same ? "success" : "error");
  gtk_widget_add_css_class (mark, "caption-heading");
  /* A word or two: whole, never broken. */
  gtk_label_set_wrap (GTK_LABEL (mark), FALSE);
  gtk_widget_set_valign (mark, GTK_ALIGN_START);

  return mark;
}

static const char *
caption (guint row,
         guint side)
{
  gboolean finished = row >= ROW_CLIENT_HASH;
  gboolean sender = finished && (side == HL_ACTOR_CLIENT) == (row < ROW_SERVER_HASH);

  if (side == EAVESDROPPER)
    return _("Eavesdropper, from its recording");
  if (!finished)
    return side == HL_ACTOR_CLIENT ? _("Client") : _("Server");
  if (side == HL_ACTOR_CLIENT)
    return sender ? _("Client, the sender") : _("Client, the receiver");
  return sender ? _("Server, the sender") : _("Server, the receiver");
}

/* In words, why a side shows no value. */
static const char *
missing_text (const Comparison *c,
              guint             row,
              guint             side)
{
  gboolean random = row <= ROW_SERVER_RANDOM;

  /* The randoms are not computed but used: the steps that show them are
   * the master secret's. */
  if (c->values[row].later[side])
    return random ? _("not used yet at this step") : _("not computed yet at this step");
  if (side == EAVESDROPPER)
    return _("The eavesdropper could not compute this value from its recording.");
  if (!c->ended)
    return random ? _("not used so far") : _("not computed so far");
  if (random)
    return side == HL_ACTOR_CLIENT ? _("The client never used the randoms: the run ended before it computed a master secret.")
                                   : _("The server never used the randoms: the run ended before it computed a master secret.");
  return side == HL_ACTOR_CLIENT ? _("The client never computed this value: the run ended before it got this far.")
                                 : _("The server never computed this value: the run ended before it got this far.");
}

/* @value as hex, eight bytes a line, its bytes that differ from @other's
 * (if any) underlined and bold. */
static void
append_hex_markup (GString *markup,
                   GBytes  *value,
                   GBytes  *other)
{
  gsize len;
  gsize other_len = 0;
  const guint8 *data = g_bytes_get_data (value, &len);
  const guint8 *theirs = other != NULL ? g_bytes_get_data (other, &other_len) : NULL;

  for (gsize i = 0; i < len; i++)
    {
      gboolean differs = other != NULL && (i >= other_len || theirs[i] != data[i]);

      if (i > 0 && i % 8 == 0)
        g_string_append_c (markup, '\n');
      else if (i > 0 && i % 4 == 0)
        g_string_append_c (markup, ' ');
      if (differs)
        g_string_append (markup, "<u><b>");
      hl_text_append_hex (markup, data + i, 1, 0, 0);
      if (differs)
        g_string_append (markup, "</b></u>");
    }
}

/* The session's value of @row, which the eavesdropper's is held to: the
 * client's, or the server's when the client has none. */
static GBytes *
session_value (const Comparison *c,
               guint             row)
{
  return c->values[row].value[HL_ACTOR_CLIENT] ? c->values[row].value[HL_ACTOR_CLIENT]
                                               : c->values[row].value[HL_ACTOR_SERVER];
}

static GtkWidget *
new_column (const Comparison *c,
            guint             row,
            guint             side)
{
  static const char * const side_classes[N_SIDES] = { "client", "server", "eavesdropper" };
  GBytes *value = c->values[row].value[side];
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = new_label (caption (row, side), "caption-heading");
  GtkWidget *shown;

  gtk_widget_add_css_class (title, "actor");
  gtk_widget_add_css_class (title, side == EAVESDROPPER ? "network" : side_classes[side]);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 17);
  gtk_box_append (GTK_BOX (column), title);

  if (value != NULL)
    {
      g_autoptr(GString) hex = g_string_new (NULL);
      GBytes *other = side == EAVESDROPPER ? session_value (c, row)
                      : c->values[row].value[side == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT];

      /* Eight bytes a line on every side: narrow enough for the columns
       * to stand side by side, and each line of one side next to the
       * same bytes of the other. */
      append_hex_markup (hex, value, other);
      shown = new_label (NULL, "hex-value");
      gtk_label_set_markup (GTK_LABEL (shown), hex->str);
      gtk_label_set_wrap_mode (GTK_LABEL (shown), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (shown), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (shown), 17);
      gtk_widget_add_css_class (shown, "side-value");
      gtk_widget_add_css_class (shown, side_classes[side]);
      if (row >= ROW_PRE_MASTER && row <= ROW_KEY_BLOCK)
        gtk_widget_add_css_class (shown, "secret");
    }
  else
    {
      shown = new_label (missing_text (c, row, side), "dim-label");
      gtk_label_set_width_chars (GTK_LABEL (shown), 17);
      gtk_label_set_max_width_chars (GTK_LABEL (shown), 17);
      gtk_widget_add_css_class (shown, "side-missing");
      gtk_widget_add_css_class (shown, side_classes[side]);
    }
  gtk_box_append (GTK_BOX (column), shown);

  /* The eavesdropper's value against the session's: the client's, or
   * the server's when the client has none. */
  if (side == EAVESDROPPER && value != NULL)
    {
      GBytes *session = session_value (c, row);

      if (session != NULL)
        gtk_box_append (GTK_BOX (column), new_mark (g_bytes_equal (value, session),
                                                    _("same as the session's ✓"),
                                                    _("not the session's ✗")));
    }

  return column;
}

/* A row has a place once a side has a value. */
static gboolean
shows_row (const Comparison *c,
           guint             row)
{
  const Values *v = &c->values[row];

  return v->value[HL_ACTOR_CLIENT] != NULL || v->value[HL_ACTOR_SERVER] != NULL ||
         (v->value[EAVESDROPPER] != NULL && c->eavesdropper);
}

static gboolean
differs (GBytes *a,
         GBytes *b)
{
  return a != NULL && b != NULL && !g_bytes_equal (a, b);
}

static GtkWidget *
new_row (const Comparison *c,
         guint             row)
{
  const Values *v = &c->values[row];
  gboolean eavesdropper = c->eavesdropper && row <= ROW_KEY_BLOCK;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = new_label (_(rows[row].title), "heading");
  GtkWidget *columns = gtk_flow_box_new ();

  gtk_widget_add_css_class (box, "key-comparison");
  gtk_widget_set_name (box, rows[row].id);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (heading), title);
  if (v->value[HL_ACTOR_CLIENT] != NULL && v->value[HL_ACTOR_SERVER] != NULL)
    gtk_box_append (GTK_BOX (heading), new_mark (g_bytes_equal (v->value[HL_ACTOR_CLIENT], v->value[HL_ACTOR_SERVER]),
                                                 _("same ✓"), _("different ✗")));
  gtk_box_append (GTK_BOX (box), heading);
  if (differs (v->value[HL_ACTOR_CLIENT], v->value[HL_ACTOR_SERVER]) ||
      (eavesdropper && differs (v->value[EAVESDROPPER], session_value (c, row))))
    {
      GtkWidget *hint = new_label (_("Underlined and bold: the bytes that differ."), "caption");

      gtk_widget_add_css_class (hint, "dim-label");
      gtk_box_append (GTK_BOX (box), hint);
    }

  /* Side by side where they fit, one above the other where not. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (columns), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (columns), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (columns), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (columns), eavesdropper ? 3 : 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (columns), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (columns), 6);
  for (guint side = 0; side < (eavesdropper ? N_SIDES : 2); side++)
    {
      GtkWidget *child = gtk_flow_box_child_new ();

      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_valign (child, GTK_ALIGN_START);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), new_column (c, row, side));
      gtk_flow_box_append (GTK_FLOW_BOX (columns), child);
    }
  gtk_box_append (GTK_BOX (box), columns);

  return box;
}

/* Forgets what the card would not show, so that two comparisons that
 * make the same card are equal: the rows without a value, the
 * eavesdropper's column where it has none, whether a value shown is
 * computed again later, whether the run ended when no side misses a
 * value.  Returns whether a row is left. */
static gboolean
normalize (Comparison *c)
{
  gboolean any_row = FALSE;
  gboolean any_missing = FALSE;

  for (guint row = 0; row < N_ROWS; row++)
    {
      Values *v = &c->values[row];
      gboolean eavesdropper = c->eavesdropper && row <= ROW_KEY_BLOCK;

      if (!shows_row (c, row))
        {
          memset (v, 0, sizeof *v);
          continue;
        }

      any_row = TRUE;
      if (!eavesdropper)
        {
          v->value[EAVESDROPPER] = NULL;
          v->later[EAVESDROPPER] = FALSE;
        }
      for (guint side = 0; side < N_SIDES; side++)
        {
          if (v->value[side] != NULL)
            v->later[side] = FALSE;
          else if (!v->later[side] && side != EAVESDROPPER)
            any_missing = TRUE;
        }
    }

  if (!any_missing)
    c->ended = FALSE;

  return any_row;
}

HlKeyComparison *
hl_key_comparison_collect (HlTrace *trace,
                           guint    position)
{
  g_autoptr(HlKeyComparison) c = NULL;
  guint n_steps;
  guint connection;

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);

  n_steps = hl_trace_get_n_steps (trace);
  position = MIN (position, n_steps);
  if (position == 0)
    return NULL;

  c = g_new0 (HlKeyComparison, 1);
  connection = hl_step_get_connection (hl_trace_get_step (trace, position - 1));
  c->ended = position == n_steps;
  /* The trace says which connection is an abbreviated handshake. */
  c->abbreviated = hl_step_get_story_kind (hl_trace_get_step (trace, position - 1)) == HL_STORY_ABBREVIATED;
  collect (c, trace, 0, position, connection, FALSE);
  collect (c, trace, position, n_steps, connection, TRUE);

  return normalize (c) ? g_steal_pointer (&c) : NULL;
}

gboolean
hl_key_comparison_equal (const HlKeyComparison *a,
                         const HlKeyComparison *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (a->eavesdropper != b->eavesdropper || a->ended != b->ended || a->abbreviated != b->abbreviated)
    return FALSE;

  /* A value shown again by a later step is the same value. */
  for (guint row = 0; row < N_ROWS; row++)
    for (guint side = 0; side < N_SIDES; side++)
      {
        GBytes *value_a = a->values[row].value[side];
        GBytes *value_b = b->values[row].value[side];

        if (a->values[row].later[side] != b->values[row].later[side] ||
            (value_a == NULL) != (value_b == NULL) ||
            (value_a != NULL && !g_bytes_equal (value_a, value_b)))
          return FALSE;
      }

  return TRUE;
}

void
hl_key_comparison_free (HlKeyComparison *comparison)
{
  g_free (comparison);
}

GtkWidget *
hl_key_comparison_new_card (const HlKeyComparison *c)
{
  GtkWidget *card;
  GtkWidget *title;
  GtkWidget *explanation;
  GtkWidget *list;

  g_return_val_if_fail (c != NULL, NULL);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint row = 0; row < N_ROWS; row++)
    {
      GtkWidget *list_row;

      if (!shows_row (c, row))
        continue;

      list_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), new_row (c, row));
      gtk_list_box_append (GTK_LIST_BOX (list), list_row);
    }

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "key-comparison-card");

  title = new_label (_("Client and server side by side"), "title-4");
  gtk_box_append (GTK_BOX (card), title);
  explanation = new_label (c->eavesdropper
                           ? _("Each value as the client's engine and the server's engine computed it, and as the "
                               "eavesdropper recomputed it from its recording and the stolen key; the marks compare "
                               "the bytes.")
                           : _("Each value as the client's engine and the server's engine computed it; the marks "
                               "compare the bytes."),
                           "caption");
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_box_append (GTK_BOX (card), explanation);
  if (c->abbreviated)
    {
      GtkWidget *resumed = new_label (_("This connection resumes an earlier session: neither side computes a master "
                                        "secret, both reuse the one they computed then."), "caption");

      gtk_widget_add_css_class (resumed, "dim-label");
      gtk_box_append (GTK_BOX (card), resumed);
    }
  gtk_box_append (GTK_BOX (card), list);

  return card;
}
