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

#include "hl-field-list.h"
#include "hl-message-view.h"
#include "hl-text.h"

#define HEX_COLUMNS 16
/* "0000  " before the first byte of a line, then "xx " per byte. */
#define HEX_PREFIX  6

struct _HlMessageView
{
  GtkWidget           parent_instance;

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
  GtkTextView        *hex;
  GtkTextTag         *highlight;
  gboolean            hex_is_layer;   /* the hex shows the layer's bytes, not a field's own */
};

G_DEFINE_FINAL_TYPE (HlMessageView, hl_message_view, GTK_TYPE_WIDGET)

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

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
  gtk_widget_add_css_class (name, "field-name");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
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
  gtk_widget_remove_css_class (value, "error");
  gtk_widget_remove_css_class (value, "success");
  if (flags & (HL_FIELD_FLAG_ERROR | HL_FIELD_FLAG_DIFFER | HL_FIELD_FLAG_FAIL))
    gtk_widget_add_css_class (value, "error");
  else if (flags & (HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_PASS))
    gtk_widget_add_css_class (value, "success");
  else if (flags & HL_FIELD_FLAG_SECRET)
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

static void
hl_message_view_show_hex (HlMessageView *self,
                          GBytes        *bytes)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->hex);
  g_autoptr(GString) text = g_string_new (NULL);
  const guint8 *data;
  gsize size = 0;

  /* "0000  xx xx … xx \n": an offset, then each byte followed by a space. */
  data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  for (gsize i = 0; i < size; i += HEX_COLUMNS)
    {
      g_string_append_printf (text, "%s%04zx  ", i ? "\n" : "", i);
      hl_text_append_hex (text, data + i, MIN (HEX_COLUMNS, size - i), 1, 0);
      g_string_append_c (text, ' ');
    }
  gtk_text_buffer_set_text (buffer, text->str, -1);
  self->hex_is_layer = bytes != NULL && bytes == hl_message_view_get_shown_bytes (self);
}

static void
hl_message_view_highlight (HlMessageView *self,
                           gsize          offset,
                           gsize          length)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->hex);
  GtkTextIter start, end;
  gboolean first = TRUE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->highlight, &start, &end);

  /* One line at a time: the highlight must not cover the offsets. */
  for (gsize i = offset; i < offset + length;)
    {
      gsize line = i / HEX_COLUMNS;
      gsize column = i % HEX_COLUMNS;
      gsize count = MIN (HEX_COLUMNS - column, offset + length - i);

      if (line >= (gsize)gtk_text_buffer_get_line_count (buffer))
        break;
      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, line, HEX_PREFIX + column * 3);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &end, line, HEX_PREFIX + (column + count) * 3 - 1);
      gtk_text_buffer_apply_tag (buffer, self->highlight, &start, &end);
      if (first)
        {
          gtk_text_view_scroll_to_iter (self->hex, &start, 0.1, FALSE, 0, 0);
          first = FALSE;
        }
      i += count;
    }
}

static void
hl_message_view_selection_changed (HlMessageView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(HlFieldItem) item = NULL;
  HlField *field;
  GBytes *data;
  gsize offset;

  if (row == NULL)
    {
      hl_message_view_highlight (self, 0, 0);
      return;
    }

  item = gtk_tree_list_row_get_item (row);
  field = hl_field_item_get_field (item);
  offset = hl_field_get_offset (field);
  data = hl_field_get_data (field);

  if (offset != HL_FIELD_NO_OFFSET)
    {
      /* A field of key material may have put its own bytes there. */
      hl_message_view_show_hex (self, hl_message_view_get_shown_bytes (self));
      hl_message_view_highlight (self, offset, hl_field_get_length (field));
    }
  else if (data != NULL)
    {
      hl_message_view_show_hex (self, data);
      hl_message_view_highlight (self, 0, g_bytes_get_size (data));
    }
  else
    hl_message_view_highlight (self, 0, 0);
}

static gboolean
field_covers (HlField *field,
              gsize    offset)
{
  gsize start = hl_field_get_offset (field);

  return start != HL_FIELD_NO_OFFSET && offset >= start && offset - start < hl_field_get_length (field);
}

/* The deepest field covering @offset is the most precise answer to "what
 * is this byte?": walk the rows, opening each covering field on the way. */
static HlField *
hl_message_view_select_offset (HlMessageView *self,
                               gsize          offset)
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
      if (gtk_tree_list_row_get_depth (row) != depth || !field_covers (field, offset))
        continue;

      found = field;
      found_position = i;
      if (!gtk_tree_list_row_is_expandable (row))
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
hl_message_view_hex_clicked (GtkGestureClick *gesture,
                             int              n_press,
                             double           x,
                             double           y,
                             HlMessageView   *self)
{
  GtkTextIter iter;
  int bx, by, column;

  if (!self->hex_is_layer)
    return;

  gtk_text_view_window_to_buffer_coords (self->hex, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->hex, &iter, bx, by))
    return;

  column = gtk_text_iter_get_line_offset (&iter) - HEX_PREFIX;
  if (column < 0 || column >= HEX_COLUMNS * 3)
    return;

  hl_message_view_select_offset (self, (gsize)gtk_text_iter_get_line (&iter) * HEX_COLUMNS + column / 3);
}

/**
 * hl_message_view_select_byte:
 * @self: a #HlMessageView
 * @offset: a byte of the bytes shown in the hex view
 *
 * Selects the deepest field that covers @offset, as a click on that byte
 * does.
 *
 * Returns: (transfer none) (nullable): the field selected, or %NULL when
 *   no field covers @offset
 */
HlField *
hl_message_view_select_byte (HlMessageView *self,
                             gsize          offset)
{
  g_return_val_if_fail (HL_IS_MESSAGE_VIEW (self), NULL);

  return hl_message_view_select_offset (self, offset);
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
  hl_message_view_show_hex (self, bytes);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->hex)), bytes != NULL || fields != NULL);
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

static void
hl_message_view_dispose (GObject *object)
{
  HlMessageView *self = (HlMessageView *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->step);

  G_OBJECT_CLASS (hl_message_view_parent_class)->dispose (object);
}

static void
hl_message_view_class_init (HlMessageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_message_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "messageview");
}

static void
hl_message_view_init (HlMessageView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkWidget *header;
  GtkWidget *scroller;
  GtkWidget *frame;
  GtkGesture *gesture;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_box_append (GTK_BOX (self->box), header);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (header), self->title);

  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_box_append (GTK_BOX (header), self->subtitle);

  self->layer_switch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->layer_switch, "linked");
  gtk_widget_set_halign (self->layer_switch, GTK_ALIGN_CENTER);
  self->wire_button = gtk_toggle_button_new_with_label (_("Protected Record"));
  self->plain_button = gtk_toggle_button_new_with_label (_("Decrypted"));
  gtk_widget_set_tooltip_text (self->wire_button, _("The record as it crossed the wire, encrypted"));
  gtk_widget_set_tooltip_text (self->plain_button, _("What the recomputed keys decrypt it to"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->plain_button), GTK_TOGGLE_BUTTON (self->wire_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->wire_button), TRUE);
  g_signal_connect (self->plain_button, "toggled", G_CALLBACK (hl_message_view_layer_toggled), self);
  gtk_box_append (GTK_BOX (self->layer_switch), self->wire_button);
  gtk_box_append (GTK_BOX (self->layer_switch), self->plain_button);
  gtk_box_append (GTK_BOX (self->box), self->layer_switch);

  /* Wrapping labels outside a scrolled window confuse the side paned's
   * height-for-width: keep the side panels' fixed labels on one line. */
  self->empty = gtk_label_new (_("Step forward to see the first message."));
  gtk_label_set_ellipsize (GTK_LABEL (self->empty), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_vexpand (self->empty, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->empty);

  self->paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_wide_handle (GTK_PANED (self->paned), TRUE);
  gtk_widget_set_vexpand (self->paned, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->paned);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (hl_message_view_selection_changed), self);
  self->tree = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                 g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (self->tree), "field-tree");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tree),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Fields of the step"),
                                  -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->tree));
  gtk_widget_set_size_request (scroller, -1, 120);
  gtk_paned_set_start_child (GTK_PANED (self->paned), scroller);
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);

  self->hex = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->hex, FALSE);
  gtk_text_view_set_monospace (self->hex, TRUE);
  gtk_text_view_set_cursor_visible (self->hex, FALSE);
  gtk_text_view_set_left_margin (self->hex, 12);
  gtk_text_view_set_top_margin (self->hex, 6);
  gtk_text_view_set_bottom_margin (self->hex, 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->hex), "hex");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->hex),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Bytes of the step, in hexadecimal"),
                                  -1);
  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (hl_message_view_hex_clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self->hex), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hex), _("Click a byte to find the field it belongs to"));
  self->highlight = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->hex), "highlight",
                                                "background", "rgba(53,132,228,0.35)",
                                                "weight", PANGO_WEIGHT_BOLD,
                                                NULL);
  frame = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), GTK_WIDGET (self->hex));
  gtk_widget_set_size_request (frame, -1, 90);
  gtk_paned_set_end_child (GTK_PANED (self->paned), frame);
  gtk_paned_set_shrink_end_child (GTK_PANED (self->paned), FALSE);

  hl_message_view_set_step (self, NULL);
}

GtkWidget *
hl_message_view_new (void)
{
  return g_object_new (HL_TYPE_MESSAGE_VIEW, NULL);
}

static char *
describe_step (HlStep *step)
{
  GBytes *bytes = hl_step_get_bytes (step);
  GBytes *plaintext = hl_step_get_plaintext (step);
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
  if (plaintext != NULL)
    return g_strdup_printf (_("%s · %zu bytes on the wire, %zu bytes decrypted"), who,
                            g_bytes_get_size (bytes), g_bytes_get_size (plaintext));
  return g_strdup_printf (_("%s · %zu bytes on the wire"), who, g_bytes_get_size (bytes));
}

/**
 * hl_message_view_set_step:
 * @self: a #HlMessageView
 * @step: (nullable): the step to show
 */
void
hl_message_view_set_step (HlMessageView *self,
                          HlStep        *step)
{
  g_autofree char *subtitle = NULL;
  gboolean has_plaintext;

  g_return_if_fail (HL_IS_MESSAGE_VIEW (self));
  g_return_if_fail (step == NULL || HL_IS_STEP (step));

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
      subtitle = describe_step (step);
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
