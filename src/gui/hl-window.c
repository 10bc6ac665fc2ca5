/* hl-window.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-window"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hl-application.h"
#include "hl-certificate-view.h"
#include "hl-digest-view.h"
#include "hl-engine.h"
#include "hl-lesson-view.h"
#include "hl-message-view.h"
#include "hl-names.h"
#include "hl-player.h"
#include "hl-sequence-view.h"
#include "hl-window-private.h"

G_DEFINE_FINAL_TYPE (HlWindow, hl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_TRACE,
  PROP_PLAYER,
  PROP_PRESENTATION_MODE,
  PROP_REVEAL_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const double speeds[] = { 0.25, 0.5, 1, 2, 4 };

/* What the two sides agreed on, or nothing when they never got that far. */
static char *
describe_negotiated (HlTrace *trace)
{
  const char *version = hl_version_name (hl_trace_get_version (trace));
  const char *suite = hl_cipher_suite_name (hl_trace_get_cipher_suite (trace));

  if (version != NULL && suite != NULL)
    return g_strdup_printf ("%s · %s", version, suite);

  return g_strdup (version ? version : "");
}

static void
hl_window_update_actions (HlWindow *self)
{
  guint position = hl_player_get_position (self->player);
  guint n = hl_player_get_n_steps (self->player);
  gboolean playing = hl_player_get_playing (self->player);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.restart", n > 0 && position != 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.back", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.forward", position < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.end", position < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.play", n > 0);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
}

/* Rows have a place only once the list is laid out: until then, try
 * again a frame later. */
static gboolean
hl_window_scroll_list_to_selected (HlWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->step_scroller);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->step_list);
  graphene_rect_t bounds;

  if (row == NULL)
    return TRUE;

  if (gtk_adjustment_get_page_size (adjustment) <= 0 ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->step_list), &bounds) ||
      bounds.size.height <= 0 ||
      bounds.origin.y + bounds.size.height > gtk_adjustment_get_upper (adjustment))
    return FALSE;

  gtk_adjustment_clamp_page (adjustment,
                             MAX (bounds.origin.y - bounds.size.height, 0),
                             bounds.origin.y + 2 * bounds.size.height);
  return TRUE;
}

static gboolean
hl_window_scroll_list_idle (gpointer user_data)
{
  HlWindow *self = user_data;

  if (!hl_window_scroll_list_to_selected (self))
    return G_SOURCE_CONTINUE;

  self->list_scroll_idle = 0;
  return G_SOURCE_REMOVE;
}

/* "3 / 23" in the header bar; in presentation mode, "Step 3 of 23" in
 * large type. */
static void
hl_window_update_position_label (HlWindow *self)
{
  guint position = hl_player_get_position (self->player);
  guint n = hl_player_get_n_steps (self->player);
  g_autofree char *label = NULL;

  if (self->presentation_mode)
    label = g_strdup_printf (_("Step %u of %u"), position, n);
  else
    label = g_strdup_printf (_("%u / %u"), position, n);

  gtk_label_set_text (self->position_label, label);
}

/* No spoilers: the steps still to come and the suite the server will
 * choose stay hidden until playback gets there, unless the lecturer asked
 * for them from the start (the Lesson panel keeps the outcome hidden
 * itself). */
static void
hl_window_update_spoilers (HlWindow *self)
{
  guint position = hl_player_get_position (self->player);
  guint n = hl_player_get_n_steps (self->player);
  gboolean negotiated = self->reveal_outcome ||
                        (self->first_server_step >= 0 && position > (guint)self->first_server_step);
  g_autofree char *subtitle = NULL;

  if (self->trace != NULL)
    subtitle = negotiated ? describe_negotiated (self->trace) : g_strdup ("");
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");

  /* A list box bound to a model ignores filter functions. */
  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->step_list, i);

      if (row != NULL)
        gtk_widget_set_visible (GTK_WIDGET (row), self->reveal_outcome || i < position);
    }
}

static void
hl_window_position_changed (HlWindow *self)
{
  guint position = hl_player_get_position (self->player);

  hl_window_update_spoilers (self);
  hl_window_update_position_label (self);
  hl_window_update_actions (self);

  self->syncing_list = TRUE;
  if (position == 0)
    gtk_list_box_unselect_all (self->step_list);
  else
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->step_list, position - 1);

      gtk_list_box_select_row (self->step_list, row);
      if (self->list_scroll_idle == 0)
        self->list_scroll_idle = g_timeout_add (20, hl_window_scroll_list_idle, self);
    }
  self->syncing_list = FALSE;
}

static void
hl_window_row_selected (HlWindow      *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  if (self->syncing_list || row == NULL)
    return;

  hl_player_set_playing (self->player, FALSE);
  hl_player_seek (self->player, gtk_list_box_row_get_index (row) + 1);
}

static void
hl_window_speed_changed (HlWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->speed_dropdown);

  if (selected < G_N_ELEMENTS (speeds))
    {
      hl_player_set_speed (self->player, speeds[selected]);
      if (self->settings != NULL)
        g_settings_set_double (self->settings, "playback-speed", speeds[selected]);
    }
}

static void
hl_window_zoom_changed (HlWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "zoom", hl_sequence_view_get_zoom (self->sequence_view));
}

static gboolean
hl_window_close_request (GtkWindow *window)
{
  HlWindow *self = HL_WINDOW (window);
  int width;
  int height;

  /* The size it has when neither maximized nor fullscreen. */
  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (hl_window_parent_class)->close_request (window);
}

/* A value of the settings, or the key's default when it is out of the
 * key's range.  GSettings checks ranges itself, but a NaN passes its check
 * (every comparison with NaN is false), and a settings backend may hold
 * a value the schema of the day did not limit. */
static GVariant *
get_checked_setting (GSettings  *settings,
                     const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);

  if ((!g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE) || isfinite (g_variant_get_double (value))) &&
      g_settings_schema_key_range_check (schema_key, value))
    return g_steal_pointer (&value);

  return g_settings_schema_key_get_default_value (schema_key);
}

static double
get_checked_double (GSettings  *settings,
                    const char *key)
{
  g_autoptr(GVariant) value = get_checked_setting (settings, key);

  return g_variant_get_double (value);
}

static int
get_checked_int (GSettings  *settings,
                 const char *key)
{
  g_autoptr(GVariant) value = get_checked_setting (settings, key);

  return g_variant_get_int32 (value);
}

/* Last time's size, speed and zoom. */
static void
hl_window_restore_settings (HlWindow *self)
{
  double speed = get_checked_double (self->settings, "playback-speed");
  guint nearest = 0;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               get_checked_int (self->settings, "window-width"),
                               get_checked_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  for (guint i = 1; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (speeds[i] - speed) < fabs (speeds[nearest] - speed))
      nearest = i;
  gtk_drop_down_set_selected (self->speed_dropdown, nearest);

  hl_sequence_view_set_zoom (self->sequence_view, get_checked_double (self->settings, "zoom"));
}

static void
hl_window_show_run (HlWindow *self)
{
  const char *title;

  title = hl_scenario_get_title (self->scenario);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);

  self->first_server_step = -1;
  for (guint i = 0; i < hl_trace_get_n_steps (self->trace); i++)
    {
      HlStep *step = hl_trace_get_step (self->trace, i);

      if (hl_step_is_message (step) && hl_step_get_actor (step) == HL_ACTOR_SERVER)
        {
          self->first_server_step = i;
          break;
        }
    }

  gtk_list_box_bind_model (self->step_list,
                           G_LIST_MODEL (self->trace),
                           _hl_window_create_step_row, self, NULL);

  hl_player_set_run (self->player, self->scenario, self->trace);
  hl_window_position_changed (self);
}

static void
player_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HlWindow *self = HL_WINDOW (widget);

  /* Home selects the first step, so that the list shows where it starts;
   * ← from there goes back to before the handshake. */
  if (g_str_equal (action_name, "player.restart"))
    {
      hl_player_set_playing (self->player, FALSE);
      hl_player_seek (self->player, MIN (1, hl_player_get_n_steps (self->player)));
    }
  else if (g_str_equal (action_name, "player.back"))
    hl_player_step_back (self->player);
  else if (g_str_equal (action_name, "player.play"))
    hl_player_set_playing (self->player, !hl_player_get_playing (self->player));
  else if (g_str_equal (action_name, "player.forward"))
    {
      hl_player_set_playing (self->player, FALSE);
      hl_player_step_forward (self->player);
    }
  else if (g_str_equal (action_name, "player.end"))
    hl_player_go_to_end (self->player);
}

/* The style manager is the process's: the light style is forced while
 * any window presents, and the desktop's comes back when the last one
 * stops (or is closed while presenting). */
static void
hl_window_force_light_style (gboolean force)
{
  static guint n_presenting;
  static AdwColorScheme scheme_before;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  if (force && n_presenting++ == 0)
    {
      scheme_before = adw_style_manager_get_color_scheme (style_manager);
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
    }
  else if (!force && n_presenting > 0 && --n_presenting == 0)
    adw_style_manager_set_color_scheme (style_manager, scheme_before);
}

void
hl_window_set_presentation_mode (HlWindow *self,
                                 gboolean  presentation_mode)
{
  g_return_if_fail (HL_IS_WINDOW (self));

  presentation_mode = !!presentation_mode;
  if (self->presentation_mode == presentation_mode)
    return;

  self->presentation_mode = presentation_mode;
  hl_sequence_view_set_high_contrast (self->sequence_view, presentation_mode);
  hl_window_force_light_style (presentation_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", presentation_mode);

  if (presentation_mode)
    {
      self->fullscreen_before = gtk_window_is_fullscreen (GTK_WINDOW (self));
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      if (!self->fullscreen_before)
        gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  hl_window_update_position_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION_MODE]);
}

void
hl_window_set_reveal_outcome (HlWindow *self,
                              gboolean  reveal_outcome)
{
  g_return_if_fail (HL_IS_WINDOW (self));

  reveal_outcome = !!reveal_outcome;
  if (self->reveal_outcome == reveal_outcome)
    return;

  self->reveal_outcome = reveal_outcome;
  hl_window_update_spoilers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_OUTCOME]);
}

gboolean
hl_window_get_reveal_outcome (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);

  return self->reveal_outcome;
}

gboolean
hl_window_get_presentation_mode (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);

  return self->presentation_mode;
}

static void
hl_window_fullscreened_changed (HlWindow *self)
{
  if (self->presentation_mode && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    hl_window_set_presentation_mode (self, FALSE);
}

static void
leave_presentation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  hl_window_set_presentation_mode (HL_WINDOW (widget), FALSE);
}

void
_hl_window_report_error (HlWindow   *self,
                        const char *heading,
                        GError     *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HlWindow *self = HL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!hl_window_load_scenario (self, g_variant_get_string (parameter, NULL), &error))
    _hl_window_report_error (self, _("Could Not Run the Scenario"), error);
}

static void
hl_window_dispose (GObject *object)
{
  HlWindow *self = (HlWindow *)object;

  g_clear_handle_id (&self->list_scroll_idle, g_source_remove);
  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  if (self->presentation_mode)
    {
      self->presentation_mode = FALSE;
      hl_window_force_light_style (FALSE);
    }
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  _hl_window_experiment_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_WINDOW);

  g_clear_object (&self->player);
  g_clear_object (&self->settings);
  g_clear_object (&self->trace);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (hl_window_parent_class)->dispose (object);
}

static void
hl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HlWindow *self = HL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;

    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    case PROP_PRESENTATION_MODE:
      g_value_set_boolean (value, self->presentation_mode);
      break;

    case PROP_REVEAL_OUTCOME:
      g_value_set_boolean (value, self->reveal_outcome);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HlWindow *self = HL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION_MODE:
      hl_window_set_presentation_mode (self, g_value_get_boolean (value));
      break;

    case PROP_REVEAL_OUTCOME:
      hl_window_set_reveal_outcome (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Once the window belongs to the application: last time's settings.
 * ("application" is set after construction, by g_object_new or later.) */
static void
hl_window_application_changed (HlWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;

  if (self->settings == NULL && HL_IS_APPLICATION (application) &&
      (settings = hl_application_get_settings (HL_APPLICATION (application))))
    {
      self->settings = g_object_ref (settings);
      hl_window_restore_settings (self);
      g_settings_bind (settings, "reveal-outcome", self, "reveal-outcome", G_SETTINGS_BIND_DEFAULT);
    }
}

static void
hl_window_class_init (HlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hl_window_dispose;
  object_class->get_property = hl_window_get_property;
  object_class->set_property = hl_window_set_property;

  window_class->close_request = hl_window_close_request;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL,
                         HL_TYPE_SCENARIO,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         HL_TYPE_TRACE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL,
                         HL_TYPE_PLAYER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRESENTATION_MODE] =
    g_param_spec_boolean ("presentation-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REVEAL_OUTCOME] =
    g_param_spec_boolean ("reveal-outcome", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HL_TYPE_SEQUENCE_VIEW);
  g_type_ensure (HL_TYPE_LESSON_VIEW);
  g_type_ensure (HL_TYPE_MESSAGE_VIEW);
  g_type_ensure (HL_TYPE_DIGEST_VIEW);
  g_type_ensure (HL_TYPE_CERTIFICATE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/handshakelab/HandshakeLab/hl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HlWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, blank_screen);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, scenario_button);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, ladder_scroller);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, main_paned);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, sequence_view);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, step_scroller);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, step_list);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, lesson_view);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, message_view);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, keys_view);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, certificates_view);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, experiment_page);

  gtk_widget_class_install_action (widget_class, "player.restart", NULL, player_action);
  gtk_widget_class_install_action (widget_class, "player.back", NULL, player_action);
  gtk_widget_class_install_action (widget_class, "player.play", NULL, player_action);
  gtk_widget_class_install_action (widget_class, "player.forward", NULL, player_action);
  gtk_widget_class_install_action (widget_class, "player.end", NULL, player_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, _hl_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, _hl_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, _hl_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, _hl_window_fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.load-scenario", "s", load_scenario_action);
  _hl_window_class_files_init (widget_class);
  _hl_window_class_experiment_init (widget_class);
  gtk_widget_class_install_property_action (widget_class, "win.presentation-mode", "presentation-mode");
  gtk_widget_class_install_property_action (widget_class, "win.reveal-outcome", "reveal-outcome");
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, leave_presentation_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation", NULL);
  /* The menu names the main keyboard's keys (the items' "accel" in the .ui). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
}

/* A playback key, but for the letters and the space typed into an entry
 * (the Experiment panel's): those are the entry's. */
static gboolean
playback_key (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  g_autoptr(GtkShortcutAction) action = NULL;

  if (focus != NULL && GTK_IS_EDITABLE (focus))
    return FALSE;

  action = gtk_named_action_new (user_data);
  return gtk_shortcut_action_activate (action, 0, widget, args);
}

/* Playback keys win over list navigation: in the capture phase, so that
 * → steps forward wherever the focus is. */
static void
hl_window_add_playback_shortcuts (HlWindow *self)
{
  static const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_space, "player.play" },
    { GDK_KEY_Right, "player.forward" },
    { GDK_KEY_Left, "player.back" },
    /* What a presenter's clicker sends. */
    { GDK_KEY_Page_Down, "player.forward" },
    { GDK_KEY_Page_Up, "player.back" },
    { GDK_KEY_b, "lecture.blank" },
    { GDK_KEY_B, "lecture.blank" },
    { GDK_KEY_period, "lecture.blank" },
    { GDK_KEY_d, "lecture.diagram-only" },
    { GDK_KEY_l, "lecture.tall-step-list" },
    { GDK_KEY_f, "lecture.fit" },
    { GDK_KEY_e, "win.experiment" },
    { GDK_KEY_Home, "player.restart" },
    { GDK_KEY_End, "player.end" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                            gtk_callback_action_new (playback_key,
                                                                                     (gpointer)keys[i].action,
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
hl_window_init (HlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->player = hl_player_new (GTK_WIDGET (self));
  /* Every panel follows the player itself. */
  hl_sequence_view_set_player (self->sequence_view, self->player);
  hl_panel_set_player (HL_PANEL (self->lesson_view), self->player);
  g_object_bind_property (self, "reveal-outcome", self->lesson_view, "reveal-outcome", G_BINDING_SYNC_CREATE);
  hl_panel_set_player (HL_PANEL (self->message_view), self->player);
  hl_panel_set_player (HL_PANEL (self->keys_view), self->player);
  hl_panel_set_player (HL_PANEL (self->certificates_view), self->player);
  g_signal_connect_swapped (self->player, "notify::position",
                            G_CALLBACK (hl_window_position_changed), self);
  g_signal_connect_swapped (self->player, "notify::playing",
                            G_CALLBACK (hl_window_update_actions), self);
  g_signal_connect_swapped (self, "notify::application",
                            G_CALLBACK (hl_window_application_changed), self);
  g_signal_connect_swapped (self, "notify::fullscreened",
                            G_CALLBACK (hl_window_fullscreened_changed), self);
  g_signal_connect_swapped (self->sequence_view, "notify::zoom",
                            G_CALLBACK (hl_window_zoom_changed), self);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected",
                            G_CALLBACK (hl_window_speed_changed), self);
  g_signal_connect_swapped (self->step_list, "row-selected",
                            G_CALLBACK (hl_window_row_selected), self);

  self->first_server_step = -1;

  _hl_window_lecture_init (self);
  hl_window_add_playback_shortcuts (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);
  gtk_menu_button_set_create_popup_func (self->scenario_button, _hl_window_build_scenario_menu, NULL, NULL);
  hl_window_update_actions (self);
}

HlWindow *
hl_window_new (GtkApplication *application)
{
  HlWindow *self;

  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (HL_TYPE_WINDOW,
                       "application", application,
                       NULL);

  return self;
}

void
_hl_window_set_run (HlWindow   *self,
                   HlScenario *scenario,
                   HlTrace    *trace)
{
  g_set_object (&self->scenario, scenario);
  g_set_object (&self->trace, trace);

  hl_window_show_run (self);
  _hl_window_experiment_follow_run (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

static gboolean
hl_window_run_scenario (HlWindow    *self,
                        HlScenario  *scenario,
                        GError     **error)
{
  g_autoptr(HlTrace) trace = NULL;

  if (!(trace = hl_engine_run (scenario, error)))
    return FALSE;

  _hl_window_set_run (self, scenario, trace);

  return TRUE;
}

void
hl_window_show_builtin_run (HlWindow   *self,
                            HlScenario *scenario,
                            HlTrace    *trace)
{
  g_return_if_fail (HL_IS_WINDOW (self));
  g_return_if_fail (HL_IS_SCENARIO (scenario));
  g_return_if_fail (HL_IS_TRACE (trace));

  _hl_window_set_run (self, scenario, trace);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-scenario", hl_scenario_get_id (scenario));
}

gboolean
hl_window_load_scenario (HlWindow    *self,
                         const char  *scenario_id,
                         GError     **error)
{
  g_autoptr(HlScenario) scenario = NULL;
  g_autoptr(HlTrace) trace = NULL;

  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(scenario = hl_scenario_load_builtin (scenario_id, error)) ||
      !(trace = hl_engine_run (scenario, error)))
    return FALSE;

  hl_window_show_builtin_run (self, scenario, trace);

  return TRUE;
}

gboolean
hl_window_load_scenario_file (HlWindow    *self,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(HlScenario) scenario = NULL;

  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(scenario = hl_scenario_new_from_file (path, error)))
    return FALSE;

  return hl_window_run_scenario (self, scenario, error);
}

HlScenario *
hl_window_get_scenario (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);

  return self->scenario;
}

HlTrace *
hl_window_get_trace (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);

  return self->trace;
}

HlPlayer *
hl_window_get_player (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);

  return self->player;
}

gboolean
hl_window_show_panel (HlWindow   *self,
                      const char *name)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, "experiment"))
    {
      _hl_window_experiment_show (self, TRUE);
      return TRUE;
    }

  if (adw_view_stack_get_child_by_name (self->panel_stack, name) == NULL)
    return FALSE;

  _hl_window_experiment_show (self, FALSE);
  adw_view_stack_set_visible_child_name (self->panel_stack, name);
  return TRUE;
}

HlSequenceView *
hl_window_get_sequence_view (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);

  return self->sequence_view;
}
