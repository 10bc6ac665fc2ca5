/* hl-verdict-icon.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-verdict-icon"

#include "config.h"

#include <glib/gi18n.h>

#include "hl-verdict-icon.h"

GtkWidget *
hl_verdict_icon_new (HlVerdict verdict)
{
  GtkWidget *icon;

  g_return_val_if_fail (verdict != HL_VERDICT_NONE, NULL);

  switch (verdict)
    {
    case HL_VERDICT_FAILED:
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_set_tooltip_text (icon, _("Failed"));
      break;

    case HL_VERDICT_WARNING:
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (icon, _("Passed, but below current guidance"));
      break;

    case HL_VERDICT_OK:
    case HL_VERDICT_NONE:
    default:
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_set_tooltip_text (icon, _("Check passed"));
      break;
    }

  gtk_widget_add_css_class (icon, hl_verdict_get_css_class (verdict));
  gtk_widget_add_css_class (icon, "verdict");
  return icon;
}

const char *
hl_verdict_describe (HlVerdict verdict)
{
  switch (verdict)
    {
    case HL_VERDICT_OK:
      return _("check passed");
    case HL_VERDICT_FAILED:
      return _("failed");
    case HL_VERDICT_WARNING:
      return _("passed, but below current guidance");
    case HL_VERDICT_NONE:
    default:
      return NULL;
    }
}

const char *
hl_verdict_get_css_class (HlVerdict verdict)
{
  switch (verdict)
    {
    case HL_VERDICT_OK:
      return "success";
    case HL_VERDICT_FAILED:
      return "error";
    case HL_VERDICT_WARNING:
      return "warning";
    case HL_VERDICT_NONE:
    default:
      return NULL;
    }
}

const char *
hl_field_flags_get_css_class (HlFieldFlags flags)
{
  if (flags & (HL_FIELD_FLAG_ERROR | HL_FIELD_FLAG_DIFFER | HL_FIELD_FLAG_FAIL))
    return "error";
  if (flags & (HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_PASS))
    return "success";
  return NULL;
}

void
hl_widget_set_verdict_css_class (GtkWidget  *widget,
                                 const char *css_class)
{
  static const char * const classes[] = { "success", "warning", "error" };

  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], css_class) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}
