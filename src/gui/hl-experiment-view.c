/* hl-experiment-view.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-experiment-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hl-experiment-view.h"
#include "hl-key.h"

typedef enum
{
  KIND_TEXT,     /* an entry, applied with Enter or its apply button */
  KIND_CHOICE,   /* a combo row of the format's words */
  KIND_SWITCH,   /* true, or the key left out */
  KIND_KEYS,     /* a combo row of the demo keys */
} Kind;

typedef enum
{
  SECTION_CLIENT,
  SECTION_SERVER,
  SECTION_CERTIFICATE,
  SECTION_NETWORK,
  SECTION_APPLICATION,
} Section;

/* A choice: the word the file holds ("" leaves the key out) and its label. */
typedef struct
{
  const char *value;
  const char *label;
} Choice;

static const Choice version_choices[] = {
  { "TLS 1.2", "TLS 1.2" },
  { "TLS 1.1;TLS 1.2", "TLS 1.1 – 1.2" },
  { "TLS 1.0;TLS 1.1;TLS 1.2", "TLS 1.0 – 1.2" },
  { "TLS 1.1", "TLS 1.1" },
  { "TLS 1.0;TLS 1.1", "TLS 1.0 – 1.1" },
  { "TLS 1.0", "TLS 1.0" },
  { NULL }
};

static const Choice preference_choices[] = {
  { "", N_("Server’s order (default)") },
  { "client", N_("Client’s order") },
  { NULL }
};

static const Choice client_auth_choices[] = {
  { "", N_("Not asked (default)") },
  { "optional", N_("Optional") },
  { "required", N_("Required") },
  { NULL }
};

static const Choice sender_choices[] = {
  { "", N_("No tampering") },
  { "client", N_("A record of the client") },
  { "server", N_("A record of the server") },
  { NULL }
};

static const Choice basic_constraints_choices[] = {
  { "", N_("Critical (default)") },
  { "non-critical", N_("Not critical") },
  { "absent", N_("Left out") },
  { NULL }
};

static const Choice hash_choices[] = {
  { "", "SHA-256" },
  { "sha384", "SHA-384" },
  { "sha1", "SHA-1" },
  { NULL }
};

/* Every key of the scenario format a student may change, as a row.  The
 * loader checks each value; a row only offers it. */
typedef struct
{
  Section       section;
  const char   *group;     /* NULL: the certificate's own group */
  const char   *key;
  const char   *title;
  Kind          kind;
  const Choice *choices;   /* KIND_CHOICE */
  gboolean      optional;  /* an empty value leaves the key out */
} RowSpec;

static const RowSpec rows[] = {
  { SECTION_CLIENT, "Client", "server-name", N_("Server name it asks for (SNI)"), KIND_TEXT, NULL, FALSE },
  { SECTION_CLIENT, "Client", "versions", N_("Versions it offers"), KIND_CHOICE, version_choices, FALSE },
  { SECTION_CLIENT, "Client", "suites", N_("Suites it offers, in order"), KIND_TEXT, NULL, TRUE },
  { SECTION_CLIENT, "Client", "trust", N_("Trusted roots (certificate names)"), KIND_TEXT, NULL, TRUE },
  { SECTION_CLIENT, "Client", "chain", N_("Its own certificates, for mutual TLS"), KIND_TEXT, NULL, TRUE },
  { SECTION_SERVER, "Server", "versions", N_("Versions it accepts"), KIND_CHOICE, version_choices, FALSE },
  { SECTION_SERVER, "Server", "suites", N_("Suites it accepts, in order"), KIND_TEXT, NULL, FALSE },
  { SECTION_SERVER, "Server", "preference", N_("Whose order decides"), KIND_CHOICE, preference_choices, TRUE },
  { SECTION_SERVER, "Server", "chain", N_("Chain it sends, its own first"), KIND_TEXT, NULL, FALSE },
  { SECTION_SERVER, "Server", "key", N_("Private key (empty: its certificate’s)"), KIND_TEXT, NULL, TRUE },
  { SECTION_SERVER, "Server", "client-auth", N_("Client certificate"), KIND_CHOICE, client_auth_choices, TRUE },
  { SECTION_SERVER, "Server", "trust", N_("Roots for client certificates"), KIND_TEXT, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "subject-cn", N_("Subject common name"), KIND_TEXT, NULL, FALSE },
  { SECTION_CERTIFICATE, NULL, "dns-names", N_("DNS names (subjectAltName)"), KIND_TEXT, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "ip-addresses", N_("IP addresses (subjectAltName)"), KIND_TEXT, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "issuer", N_("Issuer (its own name: self-signed)"), KIND_TEXT, NULL, FALSE },
  { SECTION_CERTIFICATE, NULL, "key", N_("Key"), KIND_KEYS, NULL, FALSE },
  { SECTION_CERTIFICATE, NULL, "valid-from", N_("Valid from (date, or -30d)"), KIND_TEXT, NULL, FALSE },
  { SECTION_CERTIFICATE, NULL, "valid-until", N_("Valid until (date, or +365d)"), KIND_TEXT, NULL, FALSE },
  { SECTION_CERTIFICATE, NULL, "ca", N_("A certificate authority (cA)"), KIND_SWITCH, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "path-len", N_("Path length"), KIND_TEXT, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "basic-constraints", N_("Basic constraints"), KIND_CHOICE, basic_constraints_choices, TRUE },
  { SECTION_CERTIFICATE, NULL, "key-usage", N_("Key usage"), KIND_TEXT, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "ext-key-usage", N_("Extended key usage"), KIND_TEXT, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "signature-hash", N_("Signature hash"), KIND_CHOICE, hash_choices, TRUE },
  { SECTION_CERTIFICATE, NULL, "signed-by-key", N_("Signed by another key (the signature breaks)"), KIND_KEYS, NULL, TRUE },
  { SECTION_CERTIFICATE, NULL, "unknown-critical-extension", N_("An unknown critical extension"), KIND_SWITCH, NULL, TRUE },
  { SECTION_NETWORK, "Fault", "tamper-sender", N_("Tamper with"), KIND_CHOICE, sender_choices, TRUE },
  { SECTION_NETWORK, "Fault", "tamper-record", N_("Which of its records, from 1"), KIND_TEXT, NULL, TRUE },
  { SECTION_NETWORK, "Fault", "tamper-offset", N_("Byte after the 5-byte header, from 0"), KIND_TEXT, NULL, TRUE },
  { SECTION_NETWORK, "Fault", "tamper-xor", N_("XOR mask for that byte, 1–255"), KIND_TEXT, NULL, TRUE },
  { SECTION_NETWORK, "Fault", "eavesdropper", N_("An eavesdropper records it all and later steals the server’s key"), KIND_SWITCH, NULL, TRUE },
  { SECTION_APPLICATION, "Application", "request-path", N_("Path the client asks for"), KIND_TEXT, NULL, TRUE },
  { SECTION_APPLICATION, "Application", "resume", N_("Connect again and resume the session"), KIND_SWITCH, NULL, TRUE },
};

/* One row on screen and the key it edits. */
typedef struct
{
  HlExperimentView *view;
  const RowSpec    *spec;
  char             *group;
  GtkWidget        *row;
  GtkWidget        *control;  /* the switch or the spin button, if any */
  GStrv             values;   /* a combo's value of each item */
} Binding;

struct _HlExperimentView
{
  GtkWidget             parent_instance;

  HlExperiment         *experiment;
  GPtrArray            *bindings;        /* Binding */
  GStrv                 certificates;    /* the groups the certificate rows were built for */
  GPtrArray            *certificate_rows;
  GtkWidget            *clock_row;
  GtkWidget            *clock_spin;
  gboolean              updating;        /* values set by code, not by the student */

  GtkLabel             *status_label;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *clock_group;
  AdwPreferencesGroup  *client_group;
  AdwPreferencesGroup  *server_group;
  AdwPreferencesGroup  *certificates_group;
  AdwPreferencesGroup  *network_group;
  AdwPreferencesGroup  *application_group;
};

G_DEFINE_FINAL_TYPE (HlExperimentView, hl_experiment_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXPERIMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (HlExperimentView *self);

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_free (binding->group);
  g_strfreev (binding->values);
  g_free (binding);
}

static void
show_error (HlExperimentView *self,
            GtkWidget        *row,
            const GError     *error)
{
  const char *message = error->message;
  HlScenario *lesson = self->experiment != NULL ? hl_experiment_get_lesson (self->experiment) : NULL;

  /* The loader names the lesson's file; the panel is about the lesson. */
  if (lesson != NULL)
    {
      g_autofree char *prefix = g_strconcat (hl_scenario_get_origin (lesson), ": ", NULL);

      if (g_str_has_prefix (message, prefix))
        message += strlen (prefix);
    }
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
}

static void
clear_error (HlExperimentView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (guint i = 0; i < self->bindings->len; i++)
    gtk_widget_remove_css_class (((Binding *)g_ptr_array_index (self->bindings, i))->row, "error");
  if (self->clock_row != NULL)
    gtk_widget_remove_css_class (self->clock_row, "error");
}

/* The edit stays when the scenario loads with it; otherwise the row shows
 * the loader's reason, and an entry keeps the text to be corrected. */
static void
apply_values (HlExperimentView   *self,
              GtkWidget          *row,
              const char         *group,
              const char * const *keys,
              const char * const *values)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->experiment == NULL)
    return;

  if (hl_experiment_set_values (self->experiment, group, keys, values, &error))
    {
      clear_error (self);
      return;
    }

  show_error (self, row, error);
  if (!ADW_IS_ENTRY_ROW (row))
    refresh (self);
}

static void
apply (HlExperimentView *self,
       GtkWidget        *row,
       const char       *group,
       const char       *key,
       const char       *value)
{
  const char *keys[] = { key, NULL };

  apply_values (self, row, group, keys, &value);
}

static void
entry_applied (AdwEntryRow *row,
               Binding     *binding)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  apply (binding->view, GTK_WIDGET (row), binding->group, binding->spec->key,
         *text == '\0' && binding->spec->optional ? NULL : text);
}

static void
combo_selected (AdwComboRow *row,
                GParamSpec  *pspec,
                Binding     *binding)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *value;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (binding->values))
    return;
  value = binding->values[selected];
  if (*value == '\0')
    value = NULL;

  /* Tampering needs a record, a byte and a mask: the first record, its
   * first byte, its lowest bit, unless they are set already; "No
   * tampering" takes them all away. */
  if (g_str_equal (binding->spec->key, "tamper-sender"))
    {
      static const char * const keys[] = { "tamper-sender", "tamper-record", "tamper-offset", "tamper-xor", NULL };
      static const char * const defaults[] = { NULL, "1", "0", "1" };
      g_autofree char *current[G_N_ELEMENTS (defaults)] = { NULL };
      const char *values[G_N_ELEMENTS (defaults)] = { value };

      for (guint i = 1; value != NULL && i < G_N_ELEMENTS (defaults); i++)
        {
          current[i] = hl_experiment_get_value (binding->view->experiment, "Fault", keys[i]);
          values[i] = current[i] != NULL ? current[i] : defaults[i];
        }
      apply_values (binding->view, GTK_WIDGET (row), binding->group, keys, values);
      return;
    }

  /* A server that asks for client certificates checks them against roots
   * of its own, and only then: start from the roots the client trusts. */
  if (g_str_equal (binding->spec->key, "client-auth"))
    {
      static const char * const keys[] = { "client-auth", "trust", NULL };
      g_autofree char *trust = hl_experiment_get_value (binding->view->experiment, "Server", "trust");
      g_autofree char *client_trust = hl_experiment_get_value (binding->view->experiment, "Client", "trust");
      const char *values[] = { value, value == NULL ? NULL : trust != NULL ? trust : client_trust };

      apply_values (binding->view, GTK_WIDGET (row), binding->group, keys, values);
      return;
    }

  apply (binding->view, GTK_WIDGET (row), binding->group, binding->spec->key, value);
}

static void
switch_toggled (GtkSwitch  *control,
                GParamSpec *pspec,
                Binding    *binding)
{
  /* Off leaves the key out, which every switch's key defaults to. */
  apply (binding->view, binding->row, binding->group, binding->spec->key,
         gtk_switch_get_active (control) ? "true" : NULL);
}

static GtkWidget *
create_combo (Binding *binding)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  GtkWidget *row = adw_combo_row_new ();

  if (binding->spec->kind == KIND_KEYS)
    {
      g_auto(GStrv) keys = hl_key_list_demo ();

      if (binding->spec->optional)
        {
          gtk_string_list_append (labels, _("None"));
          g_strv_builder_add (values, "");
        }
      for (guint i = 0; keys[i] != NULL; i++)
        {
          gtk_string_list_append (labels, keys[i]);
          g_strv_builder_add (values, keys[i]);
        }
    }
  else
    for (const Choice *choice = binding->spec->choices; choice->value != NULL; choice++)
      {
        gtk_string_list_append (labels, _(choice->label));
        g_strv_builder_add (values, choice->value);
      }

  binding->values = g_strv_builder_end (values);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected), binding);

  return row;
}

static GtkWidget *
create_row (HlExperimentView *self,
            const RowSpec    *spec,
            const char       *group)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->view = self;
  binding->spec = spec;
  binding->group = g_strdup (group);

  switch (spec->kind)
    {
    case KIND_TEXT:
      binding->row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (binding->row), TRUE);
      g_signal_connect (binding->row, "apply", G_CALLBACK (entry_applied), binding);
      break;
    case KIND_CHOICE:
    case KIND_KEYS:
      binding->row = create_combo (binding);
      break;
    case KIND_SWITCH:
      binding->row = adw_action_row_new ();
      binding->control = gtk_switch_new ();
      gtk_widget_set_valign (binding->control, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (binding->row), binding->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (binding->row), binding->control);
      g_signal_connect (binding->control, "notify::active", G_CALLBACK (switch_toggled), binding);
      break;
    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (binding->row), _(spec->title));
  g_ptr_array_add (self->bindings, binding);

  return binding->row;
}

/* The clock as days from the lesson's: a student asks "and a year later?"
 * The certificates stay; the clock moves past them. */
static void
clock_changed (GtkSpinButton    *spin,
               HlExperimentView *self)
{
  gint64 lesson_clock = hl_scenario_get_clock (hl_experiment_get_lesson (self->experiment));
  gint64 days = (gint64)gtk_spin_button_get_value (spin);
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;

  if (hl_experiment_set_clock (self->experiment, lesson_clock + days * 24 * 3600, &error))
    clear_error (self);
  else
    {
      show_error (self, self->clock_row, error);
      refresh (self);
    }
}

static void
build_clock (HlExperimentView *self)
{
  self->clock_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->clock_row), _("Days after the lesson’s clock"));
  self->clock_spin = gtk_spin_button_new_with_range (-36500, 36500, 1);
  gtk_widget_set_valign (self->clock_spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->clock_row), self->clock_spin);
  g_signal_connect (self->clock_spin, "value-changed", G_CALLBACK (clock_changed), self);
  adw_preferences_group_add (self->clock_group, self->clock_row);
}

static void
build_fixed_rows (HlExperimentView *self)
{
  AdwPreferencesGroup *groups[] = {
    [SECTION_CLIENT] = self->client_group,
    [SECTION_SERVER] = self->server_group,
    [SECTION_NETWORK] = self->network_group,
    [SECTION_APPLICATION] = self->application_group,
  };

  build_clock (self);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].section != SECTION_CERTIFICATE)
      adw_preferences_group_add (groups[rows[i].section], create_row (self, &rows[i], rows[i].group));
}

static void
remove_certificate_rows (HlExperimentView *self)
{
  for (guint i = 0; i < self->certificate_rows->len; i++)
    adw_preferences_group_remove (self->certificates_group, g_ptr_array_index (self->certificate_rows, i));
  g_ptr_array_set_size (self->certificate_rows, 0);

  for (guint i = self->bindings->len; i > 0; i--)
    if (((Binding *)g_ptr_array_index (self->bindings, i - 1))->spec->section == SECTION_CERTIFICATE)
      g_ptr_array_remove_index (self->bindings, i - 1);
}

/* One expander per [Certificate NAME] group, built again only when the
 * experiment's certificates change. */
static void
build_certificate_rows (HlExperimentView *self)
{
  g_auto(GStrv) groups = hl_experiment_list_groups (self->experiment, "Certificate ");

  if (self->certificates != NULL && g_strv_equal ((const char * const *)groups,
                                                  (const char * const *)self->certificates))
    return;

  remove_certificate_rows (self);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      GtkWidget *expander = adw_expander_row_new ();

      /* The name other keys use for it, as in the file. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), groups[g] + strlen ("Certificate "));
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        if (rows[i].section == SECTION_CERTIFICATE)
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), create_row (self, &rows[i], groups[g]));
      adw_preferences_group_add (self->certificates_group, expander);
      g_ptr_array_add (self->certificate_rows, expander);
    }

  g_strfreev (self->certificates);
  self->certificates = g_steal_pointer (&groups);
}

static guint
choice_position (const Binding *binding,
                 const char    *value)
{
  for (guint i = 0; binding->values[i] != NULL; i++)
    if (g_strcmp0 (binding->values[i], value != NULL ? value : "") == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
refresh_binding (HlExperimentView *self,
                 Binding          *binding)
{
  g_autofree char *value = hl_experiment_get_value (self->experiment, binding->group, binding->spec->key);

  switch (binding->spec->kind)
    {
    case KIND_TEXT:
      /* Setting the same text again would show the apply button again. */
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (binding->row)), value != NULL ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (binding->row), value != NULL ? value : "");
      break;
    case KIND_CHOICE:
    case KIND_KEYS:
      adw_combo_row_set_selected (ADW_COMBO_ROW (binding->row), choice_position (binding, value));
      break;
    case KIND_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (binding->control), g_strcmp0 (value, "true") == 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
refresh_status (HlExperimentView *self)
{
  HlScenario *lesson = hl_experiment_get_lesson (self->experiment);
  g_autofree char *text = NULL;

  if (hl_experiment_is_modified (self->experiment))
    text = g_strdup_printf (_("Changed from “%s”. Each change runs the handshake again."),
                            hl_scenario_get_title (lesson));
  else
    text = g_strdup_printf (_("“%s” as the lesson has it. Change anything: the handshake runs again at once."),
                            hl_scenario_get_title (lesson));
  gtk_label_set_text (self->status_label, text);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.undo", hl_experiment_can_undo (self->experiment));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.redo", hl_experiment_can_redo (self->experiment));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.reset", hl_experiment_is_modified (self->experiment));
}

/* Every row shows the experiment's value: after an edit, an undo, a redo
 * or a reset alike. */
static void
refresh (HlExperimentView *self)
{
  HlScenario *scenario = hl_experiment_get_scenario (self->experiment);
  gint64 offset = hl_scenario_get_clock (scenario) - hl_scenario_get_clock (hl_experiment_get_lesson (self->experiment));
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (hl_scenario_get_clock (scenario));
  g_autofree char *clock_text = g_date_time_format (time, "%Y-%m-%d %H:%M:%S UTC");

  self->updating = TRUE;
  build_certificate_rows (self);
  for (guint i = 0; i < self->bindings->len; i++)
    refresh_binding (self, g_ptr_array_index (self->bindings, i));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->clock_spin), (double)(offset / (24 * 3600)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->clock_row), clock_text);
  self->updating = FALSE;

  refresh_status (self);
}

static void
experiment_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HlExperimentView *self = HL_EXPERIMENT_VIEW (widget);

  if (self->experiment == NULL)
    return;

  clear_error (self);
  if (g_str_equal (action_name, "experiment.undo"))
    hl_experiment_undo (self->experiment);
  else if (g_str_equal (action_name, "experiment.redo"))
    hl_experiment_redo (self->experiment);
  else if (g_str_equal (action_name, "experiment.reset"))
    hl_experiment_reset (self->experiment);
}

static void
hl_experiment_view_dispose (GObject *object)
{
  HlExperimentView *self = (HlExperimentView *)object;
  GtkWidget *child;

  if (self->experiment != NULL)
    g_signal_handlers_disconnect_by_data (self->experiment, self);
  g_clear_object (&self->experiment);
  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_EXPERIMENT_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hl_experiment_view_parent_class)->dispose (object);
}

static void
hl_experiment_view_finalize (GObject *object)
{
  HlExperimentView *self = (HlExperimentView *)object;

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->certificate_rows, g_ptr_array_unref);
  g_strfreev (self->certificates);

  G_OBJECT_CLASS (hl_experiment_view_parent_class)->finalize (object);
}

static void
hl_experiment_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HlExperimentView *self = HL_EXPERIMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_experiment_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HlExperimentView *self = HL_EXPERIMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      hl_experiment_view_set_experiment (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_experiment_view_class_init (HlExperimentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_experiment_view_dispose;
  object_class->finalize = hl_experiment_view_finalize;
  object_class->get_property = hl_experiment_view_get_property;
  object_class->set_property = hl_experiment_view_set_property;

  properties[PROP_EXPERIMENT] =
    g_param_spec_object ("experiment", NULL, NULL, HL_TYPE_EXPERIMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/handshakelab/HandshakeLab/hl-experiment-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, status_label);
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, error_label);
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, clock_group);
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, client_group);
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, server_group);
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, certificates_group);
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, network_group);
  gtk_widget_class_bind_template_child (widget_class, HlExperimentView, application_group);

  gtk_widget_class_install_action (widget_class, "experiment.undo", NULL, experiment_action);
  gtk_widget_class_install_action (widget_class, "experiment.redo", NULL, experiment_action);
  gtk_widget_class_install_action (widget_class, "experiment.reset", NULL, experiment_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "experiment.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "experiment.redo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hl_experiment_view_init (HlExperimentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new_with_free_func (binding_free);
  self->certificate_rows = g_ptr_array_new ();
  build_fixed_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.redo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.reset", FALSE);
}

GtkWidget *
hl_experiment_view_new (void)
{
  return g_object_new (HL_TYPE_EXPERIMENT_VIEW, NULL);
}

HlExperiment *
hl_experiment_view_get_experiment (HlExperimentView *self)
{
  g_return_val_if_fail (HL_IS_EXPERIMENT_VIEW (self), NULL);

  return self->experiment;
}

void
hl_experiment_view_set_experiment (HlExperimentView *self,
                                   HlExperiment     *experiment)
{
  g_return_if_fail (HL_IS_EXPERIMENT_VIEW (self));
  g_return_if_fail (experiment == NULL || HL_IS_EXPERIMENT (experiment));

  if (self->experiment == experiment)
    return;

  if (self->experiment != NULL)
    g_signal_handlers_disconnect_by_data (self->experiment, self);
  g_set_object (&self->experiment, experiment);
  g_clear_pointer (&self->certificates, g_strfreev);
  clear_error (self);

  if (experiment != NULL)
    {
      g_signal_connect_swapped (experiment, "notify::scenario", G_CALLBACK (refresh), self);
      refresh (self);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), experiment != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
}
