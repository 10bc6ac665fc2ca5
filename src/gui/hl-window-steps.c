/* hl-window-steps.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hl-catalog.h"
#include "hl-engine.h"
#include "hl-verdict-icon.h"
#include "hl-window-private.h"

/* The window's lists of things to choose: the rows of the step list and
 * the lessons of the Scenario menu. */

static const char *
actor_name (HlActor actor)
{
  switch (actor)
    {
    case HL_ACTOR_CLIENT:
      return _("Client");
    case HL_ACTOR_SERVER:
      return _("Server");
    case HL_ACTOR_NETWORK:
      return _("Network");
    default:
      g_return_val_if_reached ("?");
    }
}

static const char *
actor_css_class (HlActor actor)
{
  switch (actor)
    {
    case HL_ACTOR_CLIENT:
      return "client";
    case HL_ACTOR_SERVER:
      return "server";
    case HL_ACTOR_NETWORK:
      return "network";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Messages travel from one side to the other; everything else is
 * something a side does on its own, so only the actor is named. */
static const char *
describe_direction (HlStep *step)
{
  if (hl_step_is_message (step))
    {
      switch (hl_step_get_actor (step))
        {
        case HL_ACTOR_CLIENT:
          return _("Client → Server");
        case HL_ACTOR_SERVER:
          return _("Server → Client");
        case HL_ACTOR_NETWORK:
          return _("Network");
        default:
          g_return_val_if_reached ("?");
        }
    }

  return actor_name (hl_step_get_actor (step));
}

static GtkWidget *
create_story_badge (HlStep *step)
{
  guint story = hl_step_get_story (step);
  HlStoryKind kind = hl_step_get_story_kind (step);
  GtkWidget *badge;

  badge = gtk_label_new (NULL);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "story-badge");

  if (story == 0)
    {
      gtk_widget_add_css_class (badge, "none");
      return badge;
    }

  {
    g_autofree char *number = g_strdup_printf ("%u", story);
    g_autofree char *tooltip = g_strdup_printf (_("Step %u of %u of the story of this handshake: %s"),
                                                story, hl_story_length (kind), hl_story_title (kind, story));

    gtk_label_set_text (GTK_LABEL (badge), number);
    gtk_widget_set_tooltip_text (badge, tooltip);
  }

  return badge;
}

/* A row of the step list: the story badge, the title over the direction,
 * and the lock and the verdict.  Built by hand rather than as an
 * AdwActionRow, whose many boxes cost a third of the window's start-up on
 * a long lesson. */
GtkWidget *
_hl_window_create_step_row (gpointer item,
                            gpointer user_data)
{
  HlStep *step = item;
  const char *direction = describe_direction (step);
  g_autoptr(GString) description = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *text;
  GtkWidget *title;
  GtkWidget *subtitle;

  g_assert (HL_IS_STEP (step));

  row = gtk_list_box_row_new ();
  gtk_widget_add_css_class (row, "step");
  gtk_widget_add_css_class (row, actor_css_class (hl_step_get_actor (step)));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_box_append (GTK_BOX (box), create_story_badge (step));

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  /* Wrapped, never cut: a class reads the list from afar. */
  title = gtk_label_new (hl_step_get_title (step));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "title");
  gtk_box_append (GTK_BOX (text), title);

  subtitle = gtk_label_new (direction);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "subtitle");
  gtk_box_append (GTK_BOX (text), subtitle);

  if (hl_step_is_message (step) && hl_step_get_encrypted (step))
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("channel-secure-symbolic");

      gtk_widget_add_css_class (lock, "encrypted");
      gtk_widget_set_tooltip_text (lock, _("Sent encrypted"));
      gtk_box_append (GTK_BOX (box), lock);
    }

  if (hl_step_get_verdict (step) != HL_VERDICT_NONE)
    gtk_box_append (GTK_BOX (box), hl_verdict_icon_new (hl_step_get_verdict (step)));

  /* What the icons say, for a screen reader. */
  description = g_string_new (direction);
  if (hl_step_is_message (step) && hl_step_get_encrypted (step))
    g_string_append_printf (description, ", %s", _("sent encrypted"));
  if (hl_step_get_verdict (step) != HL_VERDICT_NONE)
    g_string_append_printf (description, ", %s", hl_verdict_describe (hl_step_get_verdict (step)));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hl_step_get_title (step),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);

  return row;
}

/* One submenu per group, in teaching order.  Built when the menu first
 * opens: its popover and 31 items are not worth building for a window
 * that may never show them. */
void
_hl_window_build_scenario_menu (GtkMenuButton *button,
                                gpointer       user_data)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *group = NULL;
  GMenu *submenu = NULL;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;

  /* The catalog's order keeps each group's lessons together. */
  ids = hl_scenario_list_builtin ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (ids[i], NULL);
      g_autoptr(GMenuItem) item = NULL;

      if (scenario == NULL)
        continue;

      if (submenu == NULL || g_strcmp0 (group, hl_scenario_get_group (scenario)) != 0)
        {
          g_autofree char *title = NULL;

          g_free (group);
          group = g_strdup (hl_scenario_get_group (scenario));
          title = hl_catalog_dup_group_title (group);
          submenu = g_menu_new ();
          g_menu_append_submenu (menu, title != NULL ? title : group, G_MENU_MODEL (submenu));
          g_object_unref (submenu);
        }
      item = g_menu_item_new (hl_scenario_get_title (scenario), NULL);
      g_menu_item_set_action_and_target (item, "win.load-scenario", "s", ids[i]);
      g_menu_append_item (submenu, item);
    }

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}
