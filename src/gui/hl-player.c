/* hl-player.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-player"

#include "config.h"

#include <adwaita.h>

#include "hl-player.h"

/* At speed 1: how long a message takes to cross, how long a note takes to
 * appear, and how long playback dwells on a step before the next. */
#define MESSAGE_MSEC 900
#define NOTE_MSEC    450
#define DWELL_MSEC   900

struct _HlPlayer
{
  GObject        parent_instance;

  GtkWidget     *widget;
  HlScenario    *scenario;
  HlTrace       *trace;
  AdwAnimation  *animation;
  guint          dwell_source;

  guint          position;
  double         progress;
  double         speed;
  guint          playing : 1;
};

G_DEFINE_FINAL_TYPE (HlPlayer, hl_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WIDGET,
  PROP_SCENARIO,
  PROP_TRACE,
  PROP_N_STEPS,
  PROP_POSITION,
  PROP_PROGRESS,
  PROP_PLAYING,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
hl_player_animations_enabled (HlPlayer *self)
{
  gboolean enabled = TRUE;

  if (self->widget == NULL || !gtk_widget_get_mapped (self->widget))
    return FALSE;

  g_object_get (gtk_widget_get_settings (self->widget), "gtk-enable-animations", &enabled, NULL);

  return enabled;
}

static void
hl_player_set_progress (HlPlayer *self,
                        double    progress)
{
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
hl_player_progress_cb (double   value,
                       gpointer user_data)
{
  hl_player_set_progress (HL_PLAYER (user_data), value);
}

static void
hl_player_cancel_motion (HlPlayer *self)
{
  g_clear_handle_id (&self->dwell_source, g_source_remove);

  /* Skipping would run the done handler, which schedules the next step. */
  if (self->animation != NULL)
    adw_animation_reset (self->animation);
}

static void
hl_player_stop_at_end (HlPlayer *self)
{
  if (self->playing)
    {
      self->playing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
}

static gboolean
hl_player_dwell_done (gpointer user_data)
{
  HlPlayer *self = user_data;

  self->dwell_source = 0;
  if (self->playing)
    hl_player_step_forward (self);

  return G_SOURCE_REMOVE;
}

static void
hl_player_schedule_next (HlPlayer *self)
{
  g_clear_handle_id (&self->dwell_source, g_source_remove);

  if (!self->playing)
    return;

  if (self->position >= hl_player_get_n_steps (self))
    {
      hl_player_stop_at_end (self);
      return;
    }

  self->dwell_source = g_timeout_add (DWELL_MSEC / self->speed, hl_player_dwell_done, self);
}

static void
hl_player_animation_done (AdwAnimation *animation,
                          HlPlayer     *self)
{
  hl_player_set_progress (self, 1);
  hl_player_schedule_next (self);
}

/* Moves to @position; only a single step forward is animated. */
static void
hl_player_move_to (HlPlayer *self,
                   guint     position,
                   gboolean  animate)
{
  guint n = hl_player_get_n_steps (self);
  HlStep *step;

  position = MIN (position, n);
  hl_player_cancel_motion (self);

  if (self->position != position)
    {
      self->position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }

  if (!animate || position == 0 || !hl_player_animations_enabled (self))
    {
      hl_player_set_progress (self, 1);
      hl_player_schedule_next (self);
      return;
    }

  step = hl_trace_get_step (self->trace, position - 1);
  hl_player_set_progress (self, 0);

  if (self->animation == NULL)
    {
      AdwAnimationTarget *target;

      target = adw_callback_animation_target_new (hl_player_progress_cb, self, NULL);
      self->animation = adw_timed_animation_new (self->widget, 0, 1, MESSAGE_MSEC, target);
      adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_LINEAR);
      g_signal_connect (self->animation, "done", G_CALLBACK (hl_player_animation_done), self);
    }

  adw_timed_animation_set_duration (ADW_TIMED_ANIMATION (self->animation),
                                    (hl_step_is_message (step) ? MESSAGE_MSEC : NOTE_MSEC) / self->speed);
  adw_animation_play (self->animation);
}

static void
hl_player_widget_unmapped (HlPlayer *self)
{
  /* Nobody watches a hidden window: stop rather than play on unseen. */
  hl_player_set_playing (self, FALSE);
  if (self->animation != NULL && adw_animation_get_state (self->animation) == ADW_ANIMATION_PLAYING)
    {
      adw_animation_reset (self->animation);
      hl_player_set_progress (self, 1);
    }
}

static void
hl_player_dispose (GObject *object)
{
  HlPlayer *self = (HlPlayer *)object;

  g_clear_handle_id (&self->dwell_source, g_source_remove);
  if (self->animation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->animation, self);
      adw_animation_reset (self->animation);
      g_clear_object (&self->animation);
    }
  if (self->widget != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->widget, self);
      g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *)&self->widget);
      self->widget = NULL;
    }
  g_clear_object (&self->trace);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (hl_player_parent_class)->dispose (object);
}

static void
hl_player_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HlPlayer *self = HL_PLAYER (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      g_value_set_object (value, self->widget);
      break;
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_N_STEPS:
      g_value_set_uint (value, hl_player_get_n_steps (self));
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_player_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HlPlayer *self = HL_PLAYER (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      self->widget = g_value_get_object (value);
      if (self->widget != NULL)
        {
          g_object_add_weak_pointer (G_OBJECT (self->widget), (gpointer *)&self->widget);
          g_signal_connect_swapped (self->widget, "unmap", G_CALLBACK (hl_player_widget_unmapped), self);
        }
      break;
    case PROP_TRACE:
      hl_player_set_trace (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      hl_player_seek (self, g_value_get_uint (value));
      break;
    case PROP_PLAYING:
      hl_player_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      hl_player_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_player_class_init (HlPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hl_player_dispose;
  object_class->get_property = hl_player_get_property;
  object_class->set_property = hl_player_set_property;

  properties[PROP_WIDGET] =
    g_param_spec_object ("widget", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL,
                         HL_TYPE_SCENARIO,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         HL_TYPE_TRACE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0, 1, 1,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         0.25, 4, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hl_player_init (HlPlayer *self)
{
  self->progress = 1;
  self->speed = 1;
}

HlPlayer *
hl_player_new (GtkWidget *widget)
{
  g_return_val_if_fail (widget == NULL || GTK_IS_WIDGET (widget), NULL);

  return g_object_new (HL_TYPE_PLAYER, "widget", widget, NULL);
}

HlTrace *
hl_player_get_trace (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), NULL);

  return self->trace;
}

HlScenario *
hl_player_get_scenario (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), NULL);

  return self->scenario;
}

void
hl_player_set_trace (HlPlayer *self,
                     HlTrace  *trace)
{
  hl_player_set_run (self, NULL, trace);
}

void
hl_player_set_run (HlPlayer   *self,
                   HlScenario *scenario,
                   HlTrace    *trace)
{
  g_return_if_fail (HL_IS_PLAYER (self));
  g_return_if_fail (scenario == NULL || HL_IS_SCENARIO (scenario));
  g_return_if_fail (trace == NULL || HL_IS_TRACE (trace));

  if (self->trace == trace && self->scenario == scenario)
    return;

  hl_player_cancel_motion (self);
  g_set_object (&self->scenario, scenario);
  g_set_object (&self->trace, trace);
  self->position = 0;
  self->progress = 1;
  self->playing = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
hl_player_bind_view (HlPlayer  **player_ptr,
                     HlPlayer   *player,
                     gpointer    view,
                     GCallback   trace_changed,
                     GCallback   position_changed)
{
  g_return_val_if_fail (player_ptr != NULL, FALSE);
  g_return_val_if_fail (player == NULL || HL_IS_PLAYER (player), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (view), FALSE);

  if (*player_ptr == player)
    return FALSE;

  if (*player_ptr != NULL)
    g_signal_handlers_disconnect_by_data (*player_ptr, view);
  g_set_object (player_ptr, player);

  if (player != NULL)
    {
      g_signal_connect_swapped (player, "notify::trace", trace_changed, view);
      g_signal_connect_swapped (player, "notify::position", position_changed, view);
    }

  return TRUE;
}

guint
hl_player_get_n_steps (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), 0);

  return self->trace ? hl_trace_get_n_steps (self->trace) : 0;
}

guint
hl_player_get_position (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), 0);

  return self->position;
}

void
hl_player_seek (HlPlayer *self,
                guint     position)
{
  g_return_if_fail (HL_IS_PLAYER (self));

  hl_player_move_to (self, position, FALSE);
}

HlStep *
hl_player_get_current_step (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), NULL);

  if (self->trace == NULL || self->position == 0)
    return NULL;

  return hl_trace_get_step (self->trace, self->position - 1);
}

double
hl_player_get_progress (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), 1);

  return self->progress;
}

gboolean
hl_player_get_playing (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), FALSE);

  return self->playing;
}

void
hl_player_set_playing (HlPlayer *self,
                       gboolean  playing)
{
  g_return_if_fail (HL_IS_PLAYER (self));

  playing = !!playing;
  if (self->playing == playing)
    return;

  if (playing && hl_player_get_n_steps (self) == 0)
    return;

  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);

  if (!playing)
    {
      g_clear_handle_id (&self->dwell_source, g_source_remove);
      return;
    }

  if (self->position >= hl_player_get_n_steps (self))
    hl_player_move_to (self, 0, FALSE);

  if (self->animation == NULL || adw_animation_get_state (self->animation) != ADW_ANIMATION_PLAYING)
    {
      g_clear_handle_id (&self->dwell_source, g_source_remove);
      hl_player_step_forward (self);
    }
}

double
hl_player_get_speed (HlPlayer *self)
{
  g_return_val_if_fail (HL_IS_PLAYER (self), 1);

  return self->speed;
}

void
hl_player_set_speed (HlPlayer *self,
                     double    speed)
{
  g_return_if_fail (HL_IS_PLAYER (self));

  speed = CLAMP (speed, 0.25, 4);
  if (self->speed == speed)
    return;

  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

void
hl_player_step_forward (HlPlayer *self)
{
  g_return_if_fail (HL_IS_PLAYER (self));

  if (self->position >= hl_player_get_n_steps (self))
    {
      hl_player_stop_at_end (self);
      return;
    }

  hl_player_move_to (self, self->position + 1, TRUE);
}

void
hl_player_step_back (HlPlayer *self)
{
  g_return_if_fail (HL_IS_PLAYER (self));

  hl_player_set_playing (self, FALSE);
  if (self->position > 0)
    hl_player_move_to (self, self->position - 1, FALSE);
}

void
hl_player_restart (HlPlayer *self)
{
  g_return_if_fail (HL_IS_PLAYER (self));

  hl_player_set_playing (self, FALSE);
  hl_player_move_to (self, 0, FALSE);
}

void
hl_player_go_to_end (HlPlayer *self)
{
  g_return_if_fail (HL_IS_PLAYER (self));

  hl_player_set_playing (self, FALSE);
  hl_player_move_to (self, hl_player_get_n_steps (self), FALSE);
}
