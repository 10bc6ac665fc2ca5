/* hl-message-view.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-message-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include <string.h>

#include "hl-field-list.h"
#include "hl-hex-view.h"
#include "hl-message-view.h"
#include "hl-player.h"
#include "hl-verdict-icon.h"

/* Where the hex view shows a field's bytes of its own. */
typedef struct
{
  HlField *field;
  guint    block;
  gsize    offset;
  gsize    length;
} Span;

struct _HlMessageView
{
  HlPanel             parent_instance;

  HlStep             *step;
  gboolean            show_plaintext;

  GtkWidget          *box;
  GtkWidget          *title;
  GtkWidget          *subtitle;
  GtkWidget          *layer_switch;
  GtkWidget          *wire_button;
  GtkWidget          *plain_button;
  GtkWidget          *empty;
  GtkWidget          *paned;
  GtkListView        *tree;
  GtkSingleSelection *selection;
  GtkWidget          *hex_scroller;
  HlHexView          *hex;
  int                 layer_block;    /* the block of the layer's bytes, or -1 */
  GArray             *spans;
  int                 laid_out_width; /* the width the last height was measured for */
};

static void hl_message_view_position_changed (HlPanel *panel);

G_DEFINE_FINAL_TYPE (HlMessageView, hl_message_view, HL_TYPE_PANEL)

static void hl_message_view_show_step (HlMessageView *self,
                                       HlStep        *step);

static GListModel *
create_children_model (gpointer item,
                       gpointer user_data)
{
  HlField *field = hl_field_item_get_field (item);

  if (hl_field_get_n_children (field) == 0)
    return NULL;

  return G_LIST_MODEL (hl_field_list_new_children (field));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *value = gtk_label_new (NULL);

  /* Nothing a student reads is cut: long names wrap between words (a
   * name is never broken inside a word), values anywhere (hex). */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_yalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
  gtk_widget_add_css_class (name, "field-name");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_yalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (value), 12);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (value, "field-value");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), value);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *value = gtk_widget_get_next_sibling (name);
  g_autoptr(HlFieldItem) item_object = gtk_tree_list_row_get_item (row);
  HlField *field = hl_field_item_get_field (item_object);
  HlFieldFlags flags = hl_field_get_flags (field);
  g_autofree char *text = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (name), hl_field_get_name (field));
  /* A short name stays on one line; a long one wraps at 20 characters. */
  gtk_label_set_width_chars (GTK_LABEL (name), MIN ((int)g_utf8_strlen (hl_field_get_name (field), -1), 20));

  if (flags & (HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_PASS))
    text = g_strdup_printf ("%s  ✓", hl_field_get_value (field));
  else if (flags & (HL_FIELD_FLAG_DIFFER | HL_FIELD_FLAG_FAIL))
    text = g_strdup_printf ("%s  ✗", hl_field_get_value (field));
  else
    text = g_strdup (hl_field_get_value (field));
  gtk_label_set_text (GTK_LABEL (value), text);
  gtk_widget_set_tooltip_text (value, hl_field_get_value (field));
  gtk_widget_set_tooltip_text (name, hl_field_get_name (field));

  gtk_widget_remove_css_class (value, "secret");
  hl_widget_set_verdict_css_class (value, hl_field_flags_get_css_class (flags));
  if (hl_field_flags_get_css_class (flags) == NULL && (flags & HL_FIELD_FLAG_SECRET))
    gtk_widget_add_css_class (value, "secret");
}

static GBytes *
hl_message_view_get_shown_bytes (HlMessageView *self)
{
  if (self->step == NULL)
    return NULL;
  if (self->show_plaintext)
    return hl_step_get_plaintext (self->step);
  return hl_step_get_bytes (self->step);
}

static gboolean
find_bytes (GBytes *haystack,
            GBytes *needle,
            gsize  *at)
{
  gsize size, needle_size;
  const guint8 *data = g_bytes_get_data (haystack, &size);
  const guint8 *wanted = g_bytes_get_data (needle, &needle_size);

  for (gsize i = 0; needle_size > 0 && i + needle_size <= size; i++)
    if (memcmp (data + i, wanted, needle_size) == 0)
      {
        *at = i;
        return TRUE;
      }

  return FALSE;
}

/* Each field with bytes of its own (a key, a random, a hash) gets a block
 * of the hex view, unless its bytes lie inside those of the field above
 * it (a key in the key block, a recomputation equal to the value): then it
 * points into that block. */
static void
hl_message_view_add_spans (HlMessageView *self,
                           HlField       *field,
                           const Span    *outer)
{
  GBytes *data = hl_field_get_data (field);
  Span span = { field, 0, 0, 0 };
  gboolean has_span = FALSE;

  if (data != NULL && g_bytes_get_size (data) > 0 && hl_field_get_offset (field) == HL_FIELD_NO_OFFSET)
    {
      gsize at;

      if (outer != NULL && find_bytes (hl_field_get_data (outer->field), data, &at))
        {
          span.block = outer->block;
          span.offset = outer->offset + at;
        }
      else
        {
          g_autofree char *title = g_strdup_printf (_("%s · %zu bytes"), hl_field_get_name (field),
                                                    g_bytes_get_size (data));

          span.block = hl_hex_view_add_block (self->hex, title, data);
        }
      span.length = g_bytes_get_size (data);
      g_array_append_val (self->spans, span);
      has_span = TRUE;
    }

  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    hl_message_view_add_spans (self, hl_field_get_child (field, i), has_span ? &span : outer);
}

static void
hl_message_view_selection_changed (HlMessageView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(HlFieldItem) item = NULL;
  HlField *field;
  gsize offset;

  if (row == NULL)
    {
      hl_hex_view_highlight (self->hex, 0, 0, 0);
      return;
    }

  item = gtk_tree_list_row_get_item (row);
  field = hl_field_item_get_field (item);
  offset = hl_field_get_offset (field);

  if (offset != HL_FIELD_NO_OFFSET && self->layer_block >= 0)
    {
      hl_hex_view_highlight (self->hex, self->layer_block, offset, hl_field_get_length (field));
      return;
    }
  for (guint i = 0; i < self->spans->len; i++)
    {
      const Span *span = &g_array_index (self->spans, Span, i);

      if (span->field == field)
        {
          hl_hex_view_highlight (self->hex, span->block, span->offset, span->length);
          return;
        }
    }
  hl_hex_view_highlight (self->hex, 0, 0, 0);
}

static gboolean
field_covers (HlField       *field,
              gconstpointer  data)
{
  gsize offset = *(const gsize *)data;
  gsize start = hl_field_get_offset (field);

  return start != HL_FIELD_NO_OFFSET && offset >= start && offset - start < hl_field_get_length (field);
}

static gboolean
field_contains (HlField       *field,
                gconstpointer  target)
{
  if (field == target)
    return TRUE;
  for (guint i = 0; i < hl_field_get_n_children (field); i++)
    if (field_contains (hl_field_get_child (field, i), target))
      return TRUE;
  return FALSE;
}

/* Walks the rows down the fields @wanted accepts, opening each on the way,
 * and selects the deepest: for a byte, the most precise answer to "what
 * is this byte?". */
static HlField *
hl_message_view_select_deepest (HlMessageView *self,
                                gboolean     (*wanted) (HlField *, gconstpointer),
                                gconstpointer  data)
{
  GListModel *rows = gtk_single_selection_get_model (self->selection);
  HlField *found = NULL;
  guint found_position = GTK_INVALID_LIST_POSITION;
  guint depth = 0;

  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(HlFieldItem) item = gtk_tree_list_row_get_item (row);
      HlField *field = hl_field_item_get_field (item);

      if (gtk_tree_list_row_get_depth (row) < depth)
        break;
      if (gtk_tree_list_row_get_depth (row) != depth || !wanted (field, data))
        continue;

      found = field;
      found_position = i;
      if (field == data || !gtk_tree_list_row_is_expandable (row))
        break;
      gtk_tree_list_row_set_expanded (row, TRUE);
      depth++;
    }

  gtk_single_selection_set_selected (self->selection, found_position);
  if (found_position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->tree), "list.scroll-to-item", "u", found_position);

  return found;
}

static void
hl_message_view_byte_activated (HlHexView     *hex,
                                guint          block,
                                guint64        offset,
                                HlMessageView *self)
{
  const Span *best = NULL;
  gsize byte = offset;

  if ((int)block == self->layer_block)
    {
      hl_message_view_select_deepest (self, field_covers, &byte);
      return;
    }

  /* The narrowest field there: a key rather than the key block. */
  for (guint i = 0; i < self->spans->len; i++)
    {
      const Span *span = &g_array_index (self->spans, Span, i);

      if (span->block == block && byte >= span->offset && byte - span->offset < span->length &&
          (best == NULL || span->length < best->length))
        best = span;
    }
  if (best != NULL)
    hl_message_view_select_deepest (self, field_contains, best->field);
}

HlField *
hl_message_view_select_byte (HlMessageView *self,
                             gsize          offset)
{
  g_return_val_if_fail (HL_IS_MESSAGE_VIEW (self), NULL);

  if (self->layer_block < 0)
    return NULL;
  return hl_message_view_select_deepest (self, field_covers, &offset);
}

static void
hl_message_view_show_layer (HlMessageView *self)
{
  g_autoptr(GtkTreeListModel) tree_model = NULL;
  GListModel *roots;
  HlField *fields = NULL;
  GBytes *bytes = hl_message_view_get_shown_bytes (self);

  if (self->step != NULL)
    fields = self->show_plaintext ? hl_step_get_plaintext_fields (self->step) : hl_step_get_fields (self->step);

  /* The root only names the message; its children are what to read. */
  if (fields == NULL)
    roots = G_LIST_MODEL (g_list_store_new (HL_TYPE_FIELD_ITEM));
  else if (hl_field_get_n_children (fields) > 0)
    roots = G_LIST_MODEL (hl_field_list_new_children (fields));
  else
    roots = G_LIST_MODEL (hl_field_list_new_single (fields));

  tree_model = gtk_tree_list_model_new (roots, FALSE, FALSE,
                                        create_children_model, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree_model));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  hl_hex_view_clear (self->hex);
  g_array_set_size (self->spans, 0);
  self->layer_block = bytes != NULL ? (int)hl_hex_view_add_block (self->hex, NULL, bytes) : -1;
  if (fields != NULL)
    hl_message_view_add_spans (self, fields, NULL);
  gtk_widget_set_visible (self->hex_scroller, hl_hex_view_get_n_blocks (self->hex) > 0);
}

static void
hl_message_view_layer_toggled (GtkToggleButton *button,
                               HlMessageView   *self)
{
  gboolean plaintext = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->plain_button));

  if (plaintext == self->show_plaintext)
    return;

  self->show_plaintext = plaintext;
  hl_message_view_show_layer (self);
}

/* The title wraps.  A height-for-width request from here would reach the
 * side paned, which GTK 4.8 measures inconsistently (it reports a smaller
 * minimum height for any width than for the largest): so the view asks
 * for a constant size, the height its box needs at the width it was last
 * given, and measures again when that width changes. */
static GtkSizeRequestMode
hl_message_view_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
hl_message_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  HlMessageView *self = HL_MESSAGE_VIEW (widget);

  gtk_widget_measure (self->box, orientation,
                      orientation == GTK_ORIENTATION_VERTICAL ? self->laid_out_width : -1,
                      minimum, natural, NULL, NULL);
}

static void
hl_message_view_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  HlMessageView *self = HL_MESSAGE_VIEW (widget);
  int minimum;

  if (width != self->laid_out_width)
    {
      self->laid_out_width = width;
      gtk_widget_queue_resize (widget);
    }
  /* Until then, the box gets at least what it needs. */
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  gtk_widget_allocate (self->box, width, MAX (height, minimum), -1, NULL);
}

static void
hl_message_view_dispose (GObject *object)
{
  HlMessageView *self = (HlMessageView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_MESSAGE_VIEW);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->step);
  g_clear_pointer (&self->spans, g_array_unref);

  G_OBJECT_CLASS (hl_message_view_parent_class)->dispose (object);
}

static void
hl_message_view_class_init (HlMessageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  HL_PANEL_CLASS (klass)->update = hl_message_view_position_changed;

  object_class->dispose = hl_message_view_dispose;

  gtk_widget_class_set_css_name (widget_class, "messageview");

  g_type_ensure (HL_TYPE_HEX_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/handshakelab/HandshakeLab/hl-message-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, box);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, title);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, subtitle);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, layer_switch);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, wire_button);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, plain_button);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, empty);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, paned);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, tree);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, hex_scroller);
  gtk_widget_class_bind_template_child (widget_class, HlMessageView, hex);
}

static void
hl_message_view_init (HlMessageView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  self->layer_block = -1;
  self->laid_out_width = -1;
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (hl_message_view_request_mode,
                                                        hl_message_view_measure,
                                                        hl_message_view_allocate));

  g_signal_connect (self->plain_button, "toggled", G_CALLBACK (hl_message_view_layer_toggled), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (hl_message_view_selection_changed), self);
  gtk_list_view_set_model (self->tree, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->tree, factory);

  g_signal_connect (self->hex, "byte-activated", G_CALLBACK (hl_message_view_byte_activated), self);

  hl_message_view_show_step (self, NULL);
}

GtkWidget *
hl_message_view_new (void)
{
  return g_object_new (HL_TYPE_MESSAGE_VIEW, NULL);
}

/* The other messages in @step's record, by their titles, or %NULL. */
static char *
hl_message_view_record_mates (HlMessageView *self,
                              HlStep        *step)
{
  g_autoptr(GString) mates = g_string_new (NULL);
  HlTrace *trace = hl_panel_get_player (HL_PANEL (self)) != NULL ? hl_player_get_trace (hl_panel_get_player (HL_PANEL (self))) : NULL;
  int record = hl_step_get_record (step);

  for (guint i = 0; trace != NULL && record >= 0 && i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *other = hl_trace_get_step (trace, i);

      if (other == step || !hl_step_is_message (other) || hl_step_get_record (other) != record)
        continue;
      if (mates->len > 0)
        g_string_append (mates, ", ");
      g_string_append (mates, hl_step_get_title (other));
    }

  return mates->len > 0 ? g_string_free (g_steal_pointer (&mates), FALSE) : NULL;
}

static char *
describe_step (HlMessageView *self,
               HlStep        *step)
{
  GBytes *bytes = hl_step_get_bytes (step);
  GBytes *plaintext = hl_step_get_plaintext (step);
  g_autofree char *mates = NULL;
  const char *who;

  switch (hl_step_get_actor (step))
    {
    case HL_ACTOR_CLIENT:
      who = hl_step_is_message (step) ? _("Client → Server") : _("Client");
      break;
    case HL_ACTOR_SERVER:
      who = hl_step_is_message (step) ? _("Server → Client") : _("Server");
      break;
    case HL_ACTOR_NETWORK:
    default:
      who = _("Network");
      break;
    }

  if (bytes == NULL)
    return g_strdup (who);
  /* The bytes of a message include its record's header when it opens the
   * record; a record may carry several messages. */
  mates = hl_message_view_record_mates (self, step);
  if (mates != NULL && plaintext != NULL)
    return g_strdup_printf (_("%s · %zu bytes in a record shared with %s, %zu bytes decrypted"), who,
                            g_bytes_get_size (bytes), mates, g_bytes_get_size (plaintext));
  if (mates != NULL)
    return g_strdup_printf (_("%s · %zu bytes in a record shared with %s"), who, g_bytes_get_size (bytes), mates);
  if (plaintext != NULL)
    return g_strdup_printf (_("%s · %zu bytes on the wire, %zu bytes decrypted"), who,
                            g_bytes_get_size (bytes), g_bytes_get_size (plaintext));
  return g_strdup_printf (_("%s · %zu bytes on the wire"), who, g_bytes_get_size (bytes));
}

static void
hl_message_view_show_step (HlMessageView *self,
                           HlStep        *step)
{
  g_autofree char *subtitle = NULL;
  gboolean has_plaintext;

  if (step != NULL && step == self->step)
    return;

  g_set_object (&self->step, step);
  has_plaintext = step != NULL && hl_step_get_plaintext_fields (step) != NULL;

  gtk_widget_set_visible (self->empty, step == NULL);
  gtk_widget_set_visible (self->paned, step != NULL);
  gtk_widget_set_visible (self->title, step != NULL);
  gtk_widget_set_visible (self->subtitle, step != NULL);
  gtk_widget_set_visible (self->layer_switch, has_plaintext);

  if (step != NULL)
    {
      subtitle = describe_step (self, step);
      gtk_label_set_text (GTK_LABEL (self->title), hl_step_get_title (step));
      gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle);
    }

  /* An encrypted message opens on what it says: the decrypted layer. */
  self->show_plaintext = has_plaintext;
  g_signal_handlers_block_by_func (self->plain_button, hl_message_view_layer_toggled, self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (has_plaintext ? self->plain_button : self->wire_button), TRUE);
  g_signal_handlers_unblock_by_func (self->plain_button, hl_message_view_layer_toggled, self);

  hl_message_view_show_layer (self);
}

/* The step the player is at; the same step again changes nothing. */
static void
hl_message_view_position_changed (HlPanel *panel)
{
  HlMessageView *self = HL_MESSAGE_VIEW (panel);
  hl_message_view_show_step (self, hl_panel_get_player (HL_PANEL (self)) != NULL ? hl_player_get_current_step (hl_panel_get_player (HL_PANEL (self))) : NULL);
}
