/* hl-panel.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-panel"

#include "config.h"

#include "hl-panel.h"

typedef struct
{
  HlPlayer *player;
} HlPanelPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HlPanel, hl_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hl_panel_update (HlPanel *self)
{
  HL_PANEL_GET_CLASS (self)->update (self);
}

static void
hl_panel_dispose (GObject *object)
{
  HlPanel *self = HL_PANEL (object);
  HlPanelPrivate *priv = hl_panel_get_instance_private (self);

  if (priv->player != NULL)
    g_signal_handlers_disconnect_by_data (priv->player, self);
  g_clear_object (&priv->player);

  G_OBJECT_CLASS (hl_panel_parent_class)->dispose (object);
}

static void
hl_panel_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HlPanel *self = HL_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, hl_panel_get_player (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_panel_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HlPanel *self = HL_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      hl_panel_set_player (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_panel_class_init (HlPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hl_panel_dispose;
  object_class->get_property = hl_panel_get_property;
  object_class->set_property = hl_panel_set_property;

  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, HL_TYPE_PLAYER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hl_panel_init (HlPanel *self)
{
}

HlPlayer *
hl_panel_get_player (HlPanel *self)
{
  HlPanelPrivate *priv;

  g_return_val_if_fail (HL_IS_PANEL (self), NULL);

  priv = hl_panel_get_instance_private (self);
  return priv->player;
}

void
hl_panel_set_player (HlPanel  *self,
                     HlPlayer *player)
{
  HlPanelPrivate *priv;

  g_return_if_fail (HL_IS_PANEL (self));
  g_return_if_fail (player == NULL || HL_IS_PLAYER (player));

  priv = hl_panel_get_instance_private (self);
  if (!hl_player_bind_view (&priv->player, player, self, G_CALLBACK (hl_panel_update), G_CALLBACK (hl_panel_update)))
    return;

  hl_panel_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}
