/* hl-certificate-view.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-certificate-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hl-certificate-view.h"
#include "hl-scroll.h"
#include "hl-text.h"
#include "hl-verdict-icon.h"

/* One rule every so often, each fading in: slow enough to read along. */
#define TICK_INTERVAL_US (350 * G_TIME_SPAN_MILLISECOND)
#define FADE_US          (200 * G_TIME_SPAN_MILLISECOND)

struct _HlCertificateView
{
  HlPanel     parent_instance;

  HlTrace    *trace;
  guint       position;
  guint       n_shown;
  int         newest;

  GPtrArray  *ticking;      /* rows still to tick in, in order */
  gint64      tick_start;
  guint       tick_id;

  GtkWidget  *scroller;
  GtkWidget  *box;
  GtkWidget  *empty;
};

static void hl_certificate_view_update (HlPanel *panel);

G_DEFINE_FINAL_TYPE (HlCertificateView, hl_certificate_view, HL_TYPE_PANEL)

static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* The recipe's common name tells a student more than its id. */
static char *
describe_anchor (HlScenario *scenario,
                 const char *name)
{
  guint n = hl_scenario_get_n_certificates (scenario);

  for (guint i = 0; i < n; i++)
    {
      const HlCertRecipe *recipe = hl_scenario_get_certificate (scenario, i);

      if (g_strcmp0 (recipe->name, name) == 0 && recipe->subject_cn != NULL)
        return g_strdup (recipe->subject_cn);
    }

  return g_strdup (name);
}

static GtkWidget *
create_trust_store (HlScenario *scenario,
                    HlActor     actor)
{
  const char * const *names;
  GtkWidget *box;
  GtkWidget *heading;

  names = actor == HL_ACTOR_SERVER ? hl_scenario_get_server_trust (scenario)
                                   : hl_scenario_get_client_trust (scenario);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "trust-store");

  heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (heading), gtk_image_new_from_icon_name ("channel-secure-symbolic"));
  gtk_box_append (GTK_BOX (heading),
                  create_label (actor == HL_ACTOR_SERVER ? _("The server's trust store")
                                                         : _("The client's trust store"),
                                "heading"));
  gtk_box_append (GTK_BOX (box), heading);

  if (names == NULL || names[0] == NULL)
    gtk_box_append (GTK_BOX (box), create_label (_("Empty: no root is trusted"), "dim-label"));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *anchor = describe_anchor (scenario, names[i]);
      g_autofree char *text = g_strdup_printf ("• %s", anchor);

      gtk_box_append (GTK_BOX (box), create_label (text, NULL));
    }

  return box;
}

static void
add_property (GtkGrid    *grid,
              int         row,
              const char *name,
              const char *value)
{
  GtkWidget *label = create_label (name, "dim-label");

  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_grid_attach (grid, label, 0, row, 1, 1);

  label = create_label (value, NULL);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (grid, label, 1, row, 1, 1);
}

static GtkWidget *
create_check_row (HlField *rule)
{
  HlFieldFlags flags = hl_field_get_flags (rule);
  GtkWidget *row;
  GtkWidget *mark;
  GtkWidget *text;
  GtkWidget *name;
  const char *symbol;
  const char *css_class;
  const char *tooltip;

  if (flags & HL_FIELD_FLAG_FAIL)
    symbol = "✗", css_class = "fail", tooltip = _("Failed");
  else if (flags & HL_FIELD_FLAG_PASS)
    symbol = "✓", css_class = "pass", tooltip = _("Passed");
  else if (flags & HL_FIELD_FLAG_BELOW_GUIDANCE)
    symbol = "⚠", css_class = "below-guidance",
    tooltip = _("Below guidance: BearSSL accepts it, current guidance calls it too weak");
  else if (flags & HL_FIELD_FLAG_SKIPPED)
    symbol = "⚠", css_class = "not-checked", tooltip = _("Not checked: there was nothing to check it against");
  else
    symbol = "–", css_class = "not-reached", tooltip = _("Not reached: an earlier check failed");

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (row, "check");
  gtk_widget_add_css_class (row, css_class);

  mark = gtk_label_new (symbol);
  gtk_widget_set_valign (mark, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (mark, tooltip);
  gtk_widget_add_css_class (mark, "check-mark");
  gtk_box_append (GTK_BOX (row), mark);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
  gtk_widget_set_hexpand (text, TRUE);
  name = create_label (hl_field_get_name (rule), "check-name");
  if (flags & HL_FIELD_FLAG_FAIL)
    gtk_widget_add_css_class (name, "error");
  gtk_box_append (GTK_BOX (text), name);
  if (hl_field_get_value (rule) != NULL && *hl_field_get_value (rule))
    gtk_box_append (GTK_BOX (text), create_label (hl_field_get_value (rule), "caption"));
  gtk_box_append (GTK_BOX (row), text);

  if (flags & HL_FIELD_FLAG_NOT_REACHED)
    gtk_widget_add_css_class (row, "dim-label");

  return row;
}

static GtkWidget *
create_certificate_card (HlField   *certificate,
                         HlActor    checker,
                         guint      index,
                         guint      n_certificates,
                         GPtrArray *rows)
{
  static const struct { const char *id; const char *label; } properties[] = {
    { "x509.issuer", N_("Issuer") },
    { "x509.validity", N_("Valid") },
    { "x509.key", N_("Key") },
    { "x509.signature_algorithm", N_("Signature") },
  };
  /* Extensions go by their names in RFC 5280, never translated. */
  static const struct { const char *id; const char *label; } extensions[] = {
    { "x509.basic_constraints", "basicConstraints" },
    { "x509.key_usage", "keyUsage" },
    { "x509.subject_alt_name", "subjectAltName" },
  };
  g_autofree char *position = NULL;
  GtkWidget *card;
  GtkWidget *grid;
  GtkWidget *checks;
  HlField *field;
  int row = 0;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "certificate-card");

  if (index == 0)
    position = g_strdup (checker == HL_ACTOR_SERVER ? _("Certificate 1 · the client's own")
                                                    : _("Certificate 1 · the server's own"));
  else if (index + 1 == n_certificates)
    position = g_strdup_printf (_("Certificate %u · last in the chain sent"), index + 1);
  else
    position = g_strdup_printf (_("Certificate %u · intermediate"), index + 1);
  gtk_box_append (GTK_BOX (card), create_label (position, "caption-heading"));
  gtk_box_append (GTK_BOX (card), create_label (hl_field_get_value (certificate), "title-4"));

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    if ((field = hl_field_get_child_by_id (certificate, properties[i].id)))
      add_property (GTK_GRID (grid), row++, _(properties[i].label), hl_field_get_value (field));
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if ((field = hl_field_get_child_by_id (certificate, extensions[i].id)))
      add_property (GTK_GRID (grid), row++, extensions[i].label, hl_field_get_value (field));
  gtk_box_append (GTK_BOX (card), grid);

  if ((field = hl_field_get_child_by_id (certificate, "x509.der")) && hl_field_get_data (field) != NULL)
    {
      GBytes *der = hl_field_get_data (field);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Full subject, serial and DER (%zu byte)",
                                                             "Full subject, serial and DER (%zu bytes)",
                                                             g_bytes_get_size (der)),
                                                g_bytes_get_size (der));
      g_autoptr(GString) hex = g_string_new (NULL);
      GtkWidget *expander = gtk_expander_new (title);
      GtkWidget *details = gtk_grid_new ();
      GtkWidget *label;
      HlField *extra;
      int extra_row = 0;

      hl_text_append_hex (hex, g_bytes_get_data (der, NULL), g_bytes_get_size (der), 1, 16);
      label = create_label (hex->str, "hex-value");
      gtk_grid_set_column_spacing (GTK_GRID (details), 12);
      gtk_grid_set_row_spacing (GTK_GRID (details), 3);
      gtk_widget_set_margin_top (details, 4);
      if ((extra = hl_field_get_child_by_id (certificate, "x509.subject")))
        add_property (GTK_GRID (details), extra_row++, _("Subject"), hl_field_get_value (extra));
      if ((extra = hl_field_get_child_by_id (certificate, "x509.serial")))
        add_property (GTK_GRID (details), extra_row++, _("Serial"), hl_field_get_value (extra));
      gtk_grid_attach (GTK_GRID (details), label, 0, extra_row, 2, 1);

      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_expander_set_child (GTK_EXPANDER (expander), details);
      gtk_widget_add_css_class (expander, "der");
      gtk_box_append (GTK_BOX (card), expander);
    }

  if ((field = hl_field_get_child_by_id (certificate, "chain.checks")) && hl_field_get_n_children (field) > 0)
    {
      checks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_add_css_class (checks, "checks");
      gtk_box_append (GTK_BOX (checks), create_label (_("Checks"), "heading"));
      for (guint i = 0; i < hl_field_get_n_children (field); i++)
        {
          GtkWidget *check = create_check_row (hl_field_get_child (field, i));

          gtk_box_append (GTK_BOX (checks), check);
          g_ptr_array_add (rows, check);
        }
      gtk_box_append (GTK_BOX (card), checks);
    }

  return card;
}

static GtkWidget *
create_verdict (HlField *verdict)
{
  HlFieldFlags flags = hl_field_get_flags (verdict);
  GtkWidget *box;
  GtkWidget *line;
  GtkWidget *mark;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (box, "chain-verdict");

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (line), create_label (hl_field_get_name (verdict), "heading"));
  if (flags & (HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_DIFFER))
    {
      gboolean agrees = (flags & HL_FIELD_FLAG_MATCH) != 0;

      mark = gtk_label_new (agrees ? _("✓ our verdict agrees") : _("✗ our verdict differs"));
      gtk_widget_add_css_class (mark, hl_field_flags_get_css_class (flags & (HL_FIELD_FLAG_MATCH | HL_FIELD_FLAG_DIFFER)));
      gtk_widget_add_css_class (mark, "caption-heading");
      gtk_widget_set_tooltip_text (mark, _("Handshake Lab checked every rule itself and reached the same verdict as "
                                           "BearSSL's X.509 engine"));
      gtk_widget_set_hexpand (mark, TRUE);
      gtk_widget_set_halign (mark, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (line), mark);
    }
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), create_label (hl_field_get_value (verdict), "monospace"));

  return box;
}

static GtkWidget *
create_check_section (HlScenario *scenario,
                      HlStep     *step,
                      gboolean    newest,
                      GPtrArray  *rows)
{
  HlField *fields = hl_step_get_fields (step);
  GtkWidget *section;
  GtkWidget *header;
  GtkWidget *title;
  guint n_certificates = 0;
  guint index = 0;

  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_add_css_class (section, "check-section");
  if (newest)
    gtk_widget_add_css_class (section, "newest");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (hl_step_get_verdict (step) != HL_VERDICT_NONE)
    {
      GtkWidget *icon = hl_verdict_icon_new (hl_step_get_verdict (step));

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (header), icon);
    }
  title = create_label (hl_step_get_title (step), "title-4");
  /* A failed step's title says so in colour; the icon says the rest. */
  if (hl_step_get_verdict (step) == HL_VERDICT_FAILED)
    gtk_widget_add_css_class (title, hl_verdict_get_css_class (HL_VERDICT_FAILED));
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (section), header);

  if (scenario != NULL)
    gtk_box_append (GTK_BOX (section), create_trust_store (scenario, hl_step_get_actor (step)));

  if (fields == NULL)
    return section;

  for (guint i = 0; i < hl_field_get_n_children (fields); i++)
    if (hl_field_get_child_by_id (hl_field_get_child (fields, i), "chain.checks") != NULL)
      n_certificates++;

  for (guint i = 0; i < hl_field_get_n_children (fields); i++)
    {
      HlField *child = hl_field_get_child (fields, i);

      if (hl_field_get_child_by_id (child, "chain.checks") != NULL)
        gtk_box_append (GTK_BOX (section), create_certificate_card (child, hl_step_get_actor (step), index++, n_certificates, rows));
      else if (hl_field_has_id (child, "chain.verdict"))
        {
          GtkWidget *verdict = create_verdict (child);

          gtk_box_append (GTK_BOX (section), verdict);
          g_ptr_array_add (rows, verdict);
        }
    }

  if (n_certificates == 0)
    gtk_box_append (GTK_BOX (section), create_label (_("No certificate was sent."), "dim-label"));

  return section;
}

static void
hl_certificate_view_stop_ticking (HlCertificateView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;

  for (guint i = 0; i < self->ticking->len; i++)
    gtk_widget_set_opacity (g_ptr_array_index (self->ticking, i), 1);
  g_ptr_array_set_size (self->ticking, 0);
}

static gboolean
hl_certificate_view_tick (GtkWidget     *widget,
                          GdkFrameClock *frame_clock,
                          gpointer       user_data)
{
  HlCertificateView *self = HL_CERTIFICATE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gboolean done = TRUE;

  if (self->tick_start == 0)
    self->tick_start = now;

  for (guint i = 0; i < self->ticking->len; i++)
    {
      gint64 elapsed = now - self->tick_start - (gint64)i * TICK_INTERVAL_US;
      double opacity = CLAMP ((double)elapsed / FADE_US, 0, 1);

      gtk_widget_set_opacity (g_ptr_array_index (self->ticking, i), opacity);
      if (opacity < 1)
        done = FALSE;
    }

  if (done)
    {
      g_ptr_array_set_size (self->ticking, 0);
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (GtkWidget *widget)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
hl_certificate_view_dispose (GObject *object)
{
  HlCertificateView *self = (HlCertificateView *)object;

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->ticking, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_CERTIFICATE_VIEW);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (hl_certificate_view_parent_class)->dispose (object);
}

static void
hl_certificate_view_class_init (HlCertificateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  HL_PANEL_CLASS (klass)->update = hl_certificate_view_update;

  object_class->dispose = hl_certificate_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/handshakelab/HandshakeLab/hl-certificate-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HlCertificateView, scroller);
  gtk_widget_class_bind_template_child (widget_class, HlCertificateView, box);
  gtk_widget_class_bind_template_child (widget_class, HlCertificateView, empty);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "certificateview");
}

static void
hl_certificate_view_init (HlCertificateView *self)
{
  self->ticking = g_ptr_array_new ();
  self->newest = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hl_certificate_view_new (void)
{
  return g_object_new (HL_TYPE_CERTIFICATE_VIEW, NULL);
}

/* Shows the chain checks among the steps the player has shown.
 * Stepping one step forward onto a check makes its rules tick in. */
static void
hl_certificate_view_update (HlPanel *panel)
{
  HlCertificateView *self = HL_CERTIFICATE_VIEW (panel);
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *scroll_target = NULL;  /* the newest section, or its first failure */
  GtkWidget *child;
  HlScenario *scenario = hl_panel_get_player (HL_PANEL (self)) != NULL ? hl_player_get_scenario (hl_panel_get_player (HL_PANEL (self))) : NULL;
  HlTrace *trace = hl_panel_get_player (HL_PANEL (self)) != NULL ? hl_player_get_trace (hl_panel_get_player (HL_PANEL (self))) : NULL;
  guint position = hl_panel_get_player (HL_PANEL (self)) != NULL ? hl_player_get_position (hl_panel_get_player (HL_PANEL (self))) : 0;
  gboolean stepped;
  int newest = -1;

  if (trace != NULL)
    {
      position = MIN (position, hl_trace_get_n_steps (trace));
      for (guint i = 0; i < position; i++)
        {
          HlStep *step = hl_trace_get_step (trace, i);

          if (hl_step_get_kind (step) == HL_STEP_CHECK)
            {
              g_ptr_array_add (steps, step);
              if (i + 1 == position)
                newest = steps->len - 1;
            }
        }
    }
  else
    position = 0;

  stepped = trace == self->trace && position == self->position + 1;
  if (trace == self->trace && steps->len == self->n_shown && newest == self->newest)
    {
      self->position = position;
      return;
    }

  hl_certificate_view_stop_ticking (self);
  g_set_object (&self->trace, trace);
  self->position = position;
  self->n_shown = steps->len;
  self->newest = newest;

  while ((child = gtk_widget_get_next_sibling (self->empty)))
    gtk_box_remove (GTK_BOX (self->box), child);

  gtk_widget_set_visible (self->empty, steps->len == 0);
  for (guint i = 0; i < steps->len; i++)
    {
      gboolean is_newest = (int)i == newest;

      g_ptr_array_set_size (rows, 0);
      gtk_box_append (GTK_BOX (self->box),
                      create_check_section (scenario, g_ptr_array_index (steps, i), is_newest, rows));
      if (is_newest)
        {
          scroll_target = gtk_widget_get_last_child (self->box);
          for (guint j = 0; j < rows->len; j++)
            if (gtk_widget_has_css_class (g_ptr_array_index (rows, j), "fail"))
              {
                scroll_target = g_ptr_array_index (rows, j);
                break;
              }
        }
      if (is_newest && stepped && animations_enabled (GTK_WIDGET (self)))
        for (guint j = 0; j < rows->len; j++)
          {
            gtk_widget_set_opacity (g_ptr_array_index (rows, j), 0);
            g_ptr_array_add (self->ticking, g_ptr_array_index (rows, j));
          }
    }

  if (self->ticking->len > 0)
    {
      self->tick_start = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), hl_certificate_view_tick, NULL, NULL);
    }

  /* The newest section, at the top; its first failing check, with context. */
  if (scroll_target != NULL)
    hl_scroll_into_view (GTK_SCROLLED_WINDOW (self->scroller), scroll_target,
                         scroll_target == gtk_widget_get_last_child (self->box) ? HL_SCROLL_TOP
                                                                                 : HL_SCROLL_WITH_CONTEXT);
}
