/* hl-cli-costs.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-cli"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "hl-cost-report.h"
#include "hl-export.h"
#include "hl-file.h"
#include "hl-cli-private.h"

/*
 * `handshake-lab-cli costs`: asymmetric against symmetric cryptography,
 * measured here (hl-cost-report.h); and the Costs section or `costs`
 * member that `run --costs` adds to a run's output.
 */

#define DEFAULT_BYTES (1024 * 1024)
/* Each family runs at least 11 times: 64 MiB of 3DES keep this machine
 * busy for five minutes already. */
#define MAX_BYTES (G_GINT64_CONSTANT (64) << 20)

char *
hl_cli_run_costs_json (HlTrace *trace,
                       HlCosts *costs)
{
  g_autoptr(JsonNode) root = hl_export_json (trace);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_object_set_member (json_node_get_object (root), "costs", hl_costs_to_json (costs));
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

char *
hl_cli_run_costs_text (HlCosts *costs)
{
  GString *out = g_string_new (NULL);
  guint n_connections = 0;

  g_string_append_printf (out, "\n%s\n", _("Costs (on this machine, monotonic clock; not part of the trace)"));
  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      g_string_append_printf (out, "  %s\n", actor == HL_ACTOR_CLIENT ? _("Client") : _("Server"));
      for (HlCostKind kind = 0; kind < HL_COST_N_KINDS; kind++)
        {
          guint count = hl_costs_get_count (costs, actor, kind);

          if (count == 0)
            continue;
          g_string_append_printf (out, "    %-58s %4u× %10.1f µs\n", hl_cost_kind_title (kind), count,
                                  hl_costs_get_ns (costs, actor, kind) / 1000.0);
        }
    }

  while (n_connections < 2 && hl_costs_get_connection_ns (costs, n_connections) > 0)
    n_connections++;
  for (guint i = 0; i < n_connections; i++)
    g_string_append_printf (out, _("  Connection %u: %.1f µs in all, %.1f µs of it public-key operations\n"), i + 1,
                            hl_costs_get_connection_ns (costs, i) / 1000.0,
                            hl_costs_get_public_key_ns (costs, (int)i) / 1000.0);

  return g_string_free (out, FALSE);
}

static void
print_text (HlCostReport *report)
{
  const char *groups[] = { "operation", "bulk", "handshake" };
  const char *headings[] = { N_("Public-key operations (median of one)"),
                             N_("Application data from client to server through an established session "
                                "(encrypted and decrypted)"),
                             N_("Handshakes (median of one whole connection, recording included)") };
  guint n_figures, n_comparisons;
  const HlCostFigure *figures = hl_cost_report_get_figures (report, &n_figures);
  const HlCostComparison *comparisons = hl_cost_report_get_comparisons (report, &n_comparisons);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *bytes = g_strdup_printf ("%" G_GSIZE_FORMAT, hl_cost_report_get_bytes (report));
  g_autofree char *intro = g_strdup_printf (_("Costs on this machine: each figure is the median of its runs after a "
                                               "warm-up; IQR is the interquartile range. Bulk: %s bytes per run."),
                                             bytes);

  hl_cli_print_wrapped (out, 0, "", intro, "");
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      gboolean bulk = g == 1;

      g_string_append_printf (out, "\n%s\n", _(headings[g]));
      for (guint i = 0; i < n_figures; i++)
        {
          const HlCostFigure *f = &figures[i];
          g_autofree char *line = NULL;

          if (g_strcmp0 (f->group, groups[g]) != 0)
            continue;
          if (bulk)
            line = g_strdup_printf (_("%.1f MiB/s (%u runs, IQR %.1f–%.1f µs per run)"), f->value, f->sample.runs,
                                    f->sample.q1_ns / 1e3, f->sample.q3_ns / 1e3);
          else
            line = g_strdup_printf (_("%.1f µs (%u runs, IQR %.1f–%.1f µs)"), f->value, f->sample.runs,
                                    f->sample.q1_ns / 1e3, f->sample.q3_ns / 1e3);
          g_string_append_printf (out, "  %s [%s]\n", f->title, f->id);
          g_string_append_printf (out, "      %s\n", line);
          if (f->suite != NULL)
            g_string_append_printf (out, "      %s\n", f->suite);
          g_string_append_printf (out, "      %s\n", f->implementation);
        }
    }

  g_string_append_printf (out, "\n%s\n", _("In one sentence each"));
  for (guint i = 0; i < n_comparisons; i++)
    hl_cli_print_wrapped (out, 2, "• ", comparisons[i].sentence, "");

  hl_cli_print ("%s", out->str);
}

int
hl_cli_costs (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— measure asymmetric against symmetric cryptography"));
  g_autoptr(GError) error = NULL;
  g_autoptr(HlCostReport) report = NULL;
  g_autofree char *format = NULL;
  g_autofree char *bytes_text = NULL;
  gboolean help = FALSE;
  guint64 bytes = DEFAULT_BYTES;
  GOptionEntry entries[] = {
    { "bytes", 0, 0, G_OPTION_ARG_STRING, &bytes_text,
      N_("Encrypt N bytes with each symmetric family (default 1048576)"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hl_cli_usage_error ("%s", error->message);
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      hl_cli_print ("%s", text);
      return hl_cli_finish_output (EXIT_MATCHED);
    }
  if (argc > 1)
    {
      g_autofree char *excerpt = hl_file_excerpt (argv[1]);

      return hl_cli_usage_error (_("costs: unexpected argument “%s”"), excerpt);
    }
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0)
    {
      g_autofree char *excerpt = hl_file_excerpt (format);

      return hl_cli_usage_error (_("costs: --format takes text or json, not “%s”"), excerpt);
    }
  if (bytes_text != NULL &&
      (!g_ascii_string_to_unsigned (bytes_text, 10, 1, MAX_BYTES, &bytes, NULL)))
    {
      g_autofree char *excerpt = hl_file_excerpt (bytes_text);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, MAX_BYTES);

      return hl_cli_usage_error (_("costs: --bytes takes a whole number from 1 to %s, not “%s”"), max, excerpt);
    }

  if (!(report = hl_cost_report_measure (bytes, &error)))
    return hl_cli_usage_error ("%s", error->message);

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = hl_cost_report_to_json (report);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *json = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, root);
      json = json_generator_to_data (gen, NULL);
      hl_cli_print ("%s\n", json);
    }
  else
    print_text (report);

  return hl_cli_finish_output (EXIT_MATCHED);
}
