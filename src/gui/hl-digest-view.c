/* hl-digest-view.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-digest-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hl-digest-view.h"
#include "hl-key-comparison.h"
#include "hl-scroll.h"
#include "hl-text.h"
#include "hl-verdict-icon.h"

struct _HlDigestView
{
  HlPanel          parent_instance;

  HlTrace         *trace;
  guint            n_shown;
  int              newest;
  HlKeyComparison *compared;     /* what the comparison card shows */

  GtkWidget       *scroller;
  GtkWidget       *box;
  GtkWidget       *empty;
  GtkWidget       *comparison;   /* the comparison card, first of the cards */
};

static void hl_digest_view_update (HlPanel *panel);

G_DEFINE_FINAL_TYPE (HlDigestView, hl_digest_view, HL_TYPE_PANEL)

static char *
format_hex (GBytes *bytes)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const guint8 *data;
  gsize size;

  /* Long values wrap in the card, never cut. */
  data = g_bytes_get_data (bytes, &size);
  hl_text_append_hex (text, data, size, 4, 0);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static HlFieldFlags
recomputed_flags (HlField *field)
{
  return hl_field_get_flags (field) & (HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_DIFFER);
}

static void
add_value_row (GtkWidget  *group,
               HlField    *field,
               const char *parent_name)
{
  GtkWidget *row;
  GtkWidget *value;
  GtkWidget *title;
  GtkWidget *box;
  GtkWidget *heading;
  HlFieldFlags flags = hl_field_get_flags (field);
  GBytes *data = hl_field_get_data (field);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (data != NULL)
    text = format_hex (data);
  else
    text = g_strdup (hl_field_get_value (field));

  if (parent_name != NULL)
    name = g_strdup_printf ("%s › %s", parent_name, hl_field_get_name (field));
  else
    name = g_strdup (hl_field_get_name (field));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), heading);

  if (flags & HL_FIELD_FLAG_SECRET)
    {
      GtkWidget *key = gtk_image_new_from_icon_name ("dialog-password-symbolic");

      gtk_widget_add_css_class (key, "secret-icon");
      gtk_widget_set_tooltip_text (key, _("Secret: an eavesdropper never sees this"));
      gtk_box_append (GTK_BOX (heading), key);
    }

  title = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (heading), title);

  if (recomputed_flags (field) & HL_FIELD_FLAG_DIFFER)
    {
      GtkWidget *mark = gtk_label_new (_("✗ recomputed: differs"));

      gtk_widget_add_css_class (mark, hl_field_flags_get_css_class (recomputed_flags (field)));
      gtk_widget_add_css_class (mark, "caption-heading");
      gtk_box_append (GTK_BOX (heading), mark);
    }
  else if (recomputed_flags (field) & HL_FIELD_FLAG_MATCH)
    {
      GtkWidget *mark = gtk_label_new (_("✓ recomputed: matches"));

      gtk_widget_add_css_class (mark, hl_field_flags_get_css_class (recomputed_flags (field)));
      gtk_widget_add_css_class (mark, "caption-heading");
      gtk_widget_set_tooltip_text (mark, _("Handshake Lab computed this value again on its own, from the other values shown, and got the same bytes"));
      gtk_box_append (GTK_BOX (heading), mark);
    }

  value = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_add_css_class (value, data != NULL ? "hex-value" : "field-value");
  if (flags & HL_FIELD_FLAG_SECRET)
    gtk_widget_add_css_class (value, "secret");
  if (flags & (HL_FIELD_FLAG_ERROR | HL_FIELD_FLAG_DIFFER))
    gtk_widget_add_css_class (value, "error");
  gtk_box_append (GTK_BOX (box), value);

  gtk_list_box_append (GTK_LIST_BOX (group), row);
}

static void
add_fields (GtkWidget  *list,
            HlField    *field,
            const char *parent_name)
{
  guint n = hl_field_get_n_children (field);

  for (guint i = 0; i < n; i++)
    {
      HlField *child = hl_field_get_child (field, i);

      /* The value's row says "✓ recomputed: matches" already. */
      if (hl_field_has_id (child, "keys.recomputed"))
        continue;

      if (hl_field_get_data (child) != NULL || hl_field_get_n_children (child) == 0)
        add_value_row (list, child, parent_name);

      if (hl_field_get_n_children (child) > 0)
        add_fields (list, child, hl_field_get_data (child) != NULL ? hl_field_get_name (child) : NULL);
    }
}

static GtkWidget *
create_card (HlStep  *step,
             gboolean newest)
{
  GtkWidget *card;
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *explanation;
  GtkWidget *list;
  HlField *fields = hl_step_get_fields (step);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "digest-card");
  if (newest)
    gtk_widget_add_css_class (card, "newest");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (card), header);
  if (hl_step_get_verdict (step) != HL_VERDICT_NONE)
    gtk_box_append (GTK_BOX (header), hl_verdict_icon_new (hl_step_get_verdict (step)));
  title = gtk_label_new (hl_step_get_title (step));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-4");
  /* A failed step's title says so in colour; the icon says the rest. */
  if (hl_step_get_verdict (step) == HL_VERDICT_FAILED)
    gtk_widget_add_css_class (title, hl_verdict_get_css_class (HL_VERDICT_FAILED));
  gtk_box_append (GTK_BOX (header), title);

  if (hl_step_get_explanation (step) != NULL)
    {
      explanation = gtk_label_new (hl_step_get_explanation (step));
      gtk_label_set_xalign (GTK_LABEL (explanation), 0);
      gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
      gtk_widget_add_css_class (explanation, "dim-label");
      gtk_widget_add_css_class (explanation, "caption");
      gtk_box_append (GTK_BOX (card), explanation);
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (fields != NULL)
    add_fields (list, fields, NULL);
  gtk_box_append (GTK_BOX (card), list);
  gtk_widget_set_visible (list, gtk_widget_get_first_child (list) != NULL);

  return card;
}

static void
hl_digest_view_dispose (GObject *object)
{
  HlDigestView *self = (HlDigestView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_DIGEST_VIEW);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->compared, hl_key_comparison_free);

  G_OBJECT_CLASS (hl_digest_view_parent_class)->dispose (object);
}

static void
hl_digest_view_class_init (HlDigestViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  HL_PANEL_CLASS (klass)->update = hl_digest_view_update;

  object_class->dispose = hl_digest_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/handshakelab/HandshakeLab/hl-digest-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HlDigestView, scroller);
  gtk_widget_class_bind_template_child (widget_class, HlDigestView, box);
  gtk_widget_class_bind_template_child (widget_class, HlDigestView, empty);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "digestview");
}

static void
hl_digest_view_init (HlDigestView *self)
{
  self->newest = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hl_digest_view_new (void)
{
  return g_object_new (HL_TYPE_DIGEST_VIEW, NULL);
}

/* The comparison of both sides' values, as of @position: built again
 * only when it would show something else. */
static void
update_comparison (HlDigestView *self,
                   HlTrace      *trace,
                   guint         position)
{
  g_autoptr(HlKeyComparison) compared = NULL;

  compared = trace != NULL ? hl_key_comparison_collect (trace, position) : NULL;
  if (self->comparison != NULL && hl_key_comparison_equal (compared, self->compared))
    return;

  if (self->comparison != NULL)
    gtk_box_remove (GTK_BOX (self->box), g_steal_pointer (&self->comparison));
  g_clear_pointer (&self->compared, hl_key_comparison_free);

  if (compared != NULL)
    {
      self->comparison = hl_key_comparison_new_card (compared);
      self->compared = g_steal_pointer (&compared);
      gtk_box_insert_child_after (GTK_BOX (self->box), self->comparison, self->empty);
    }
}

/* Shows the key computations among the steps the player has shown. */
static void
hl_digest_view_update (HlPanel *panel)
{
  HlDigestView *self = HL_DIGEST_VIEW (panel);
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  HlTrace *trace = hl_panel_get_player (HL_PANEL (self)) != NULL ? hl_player_get_trace (hl_panel_get_player (HL_PANEL (self))) : NULL;
  guint position = hl_panel_get_player (HL_PANEL (self)) != NULL ? hl_player_get_position (hl_panel_get_player (HL_PANEL (self))) : 0;
  GtkWidget *child;
  int newest = -1;

  if (trace != NULL)
    {
      position = MIN (position, hl_trace_get_n_steps (trace));
      for (guint i = 0; i < position; i++)
        {
          HlStep *step = hl_trace_get_step (trace, i);

          if (hl_step_get_kind (step) == HL_STEP_COMPUTE)
            {
              g_ptr_array_add (steps, step);
              if (i + 1 == position)
                newest = steps->len - 1;
            }
        }
    }

  if (trace == self->trace && steps->len == self->n_shown && newest == self->newest)
    {
      update_comparison (self, trace, position);
      return;
    }

  /* A comparison holds the values of its own trace only. */
  if (trace != self->trace && self->comparison != NULL)
    gtk_box_remove (GTK_BOX (self->box), g_steal_pointer (&self->comparison));
  if (trace != self->trace)
    g_clear_pointer (&self->compared, hl_key_comparison_free);
  g_set_object (&self->trace, trace);
  self->n_shown = steps->len;
  self->newest = newest;

  /* The cards go; the comparison card stays while it shows the same. */
  while ((child = gtk_widget_get_last_child (self->box)) != self->empty && child != self->comparison)
    gtk_box_remove (GTK_BOX (self->box), child);
  update_comparison (self, trace, position);

  gtk_widget_set_visible (self->empty, steps->len == 0);
  for (guint i = 0; i < steps->len; i++)
    gtk_box_append (GTK_BOX (self->box), create_card (g_ptr_array_index (steps, i), (int)i == newest));

  /* The newest card is what playback just reached. */
  if (newest >= 0)
    hl_scroll_into_view (GTK_SCROLLED_WINDOW (self->scroller), gtk_widget_get_last_child (self->box), HL_SCROLL_SHOW);
}
