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
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, _("Failed"));
      break;

    case HL_VERDICT_WARNING:
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Passed, but below current guidance"));
      break;

    case HL_VERDICT_OK:
    case HL_VERDICT_NONE:
    default:
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      gtk_widget_set_tooltip_text (icon, _("Check passed"));
      break;
    }

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
