/* hl-cli-diff.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hl-cli-private.h"
#include "hl-engine.h"
#include "hl-export.h"
#include "hl-export-format.h"
#include "hl-file.h"
#include "hl-names.h"
#include "hl-scenario.h"
#include "hl-trace-diff.h"

#define DIFF_FORMAT_VERSION 1

/* Where the changed fields of a step start. */
#define CHANGE_INDENT 12

/* One side of the comparison: what was named, the scenario, its run. */
typedef struct
{
  HlScenario *scenario;
  HlTrace    *trace;
} Side;

static void
side_clear (Side *side)
{
  g_clear_object (&side->trace);
  g_clear_object (&side->scenario);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Side, side_clear)

/* A path (anything with a "/" or ending in .scenario) names a file; any
 * other argument a built-in lesson. */
static gboolean
is_file_argument (const char *arg)
{
  return strchr (arg, '/') != NULL || g_str_has_suffix (arg, ".scenario");
}

static HlScenario *
load_scenario (const char  *arg,
               GError     **error)
{
  if (is_file_argument (arg))
    return hl_scenario_new_from_file (arg, error);

  return hl_scenario_load_builtin (arg, error);
}

static gboolean
load_side (Side        *side,
           const char  *arg,
           GError     **error)
{
  side->scenario = load_scenario (arg, error);
  if (side->scenario == NULL)
    return FALSE;

  side->trace = hl_engine_run (side->scenario, error);
  return side->trace != NULL;
}

/* B once more with A's seed: what then still differs does not come from
 * the randoms.  NULL when the seeds are the same anyway. */
static HlTrace *
run_with_seed (const char  *arg_b,
               guint64      seed,
               GError     **error)
{
  g_autoptr(HlScenario) scenario = load_scenario (arg_b, error);

  if (scenario == NULL)
    return NULL;
  hl_scenario_set_seed (scenario, seed);

  return hl_engine_run (scenario, error);
}

static const char *
status_mark (HlDiffStatus status)
{
  switch (status)
    {
    case HL_DIFF_SAME:
      return "=";
    case HL_DIFF_CHANGED:
      return "~";
    case HL_DIFF_ADDED:
      return "+";
    case HL_DIFF_REMOVED:
    default:
      return "-";
    }
}

/* A value as the text shows it: on one line, with its check mark. */
static char *
shown_value (const char   *value,
             HlFieldFlags  flags)
{
  g_autofree char *flat = hl_cli_one_line (value);

  return g_strdup_printf ("%s%s", *flat != '\0' ? flat : _("(empty)"), hl_cli_mark_of_flags (flags));
}

/* @sign and @path, broken after a "/" where it is longer than a line
 * (a field deep in a certificate), then ":" and @mark. */
static void
print_path (GString    *out,
            const char *sign,
            const char *path,
            const char *mark)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint column = CHANGE_INDENT + 2;

  g_string_append_printf (out, "%*s%s ", CHANGE_INDENT, "", sign);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      /* with its "/", or its ":" and the mark */
      guint width = g_utf8_strlen (parts[i], -1) + 1 + (last ? g_utf8_strlen (mark, -1) : 0);

      if (i > 0 && column + width > LINE_COLUMNS)
        {
          g_string_append_printf (out, "\n%*s", CHANGE_INDENT + 4, "");
          column = CHANGE_INDENT + 4;
        }
      g_string_append_printf (out, "%s%s", parts[i], last ? ":" : "/");
      column += width;
    }
  g_string_append_printf (out, "%s\n", mark);
}

/* A change fits on one line, "~ id: A → B" ("+ id: B", "- id: A"), or
 * takes more: the id, then A's value and B's, each wrapped under its
 * start. */
static void
print_change (GString             *out,
              const HlFieldChange *change)
{
  g_autofree char *a = change->value_a ? shown_value (change->value_a, change->flags_a) : NULL;
  g_autofree char *b = change->value_b ? shown_value (change->value_b, change->flags_b) : NULL;
  const char *mark = change->random ? _("  (seed)") : "";
  const char *sign = a == NULL ? "+" : b == NULL ? "-" : "~";
  g_autofree char *head = g_strdup_printf ("%s %s: ", sign, change->path);
  g_autofree char *text = NULL;

  if (a != NULL && b != NULL)
    text = g_strdup_printf ("%s → %s%s", a, b, mark);
  else
    text = g_strdup_printf ("%s%s", a ? a : b, mark);

  if (CHANGE_INDENT + g_utf8_strlen (head, -1) + g_utf8_strlen (text, -1) <= LINE_COLUMNS)
    {
      g_string_append_printf (out, "%*s%s%s\n", CHANGE_INDENT, "", head, text);
      return;
    }

  print_path (out, sign, change->path, mark);
  if (a != NULL)
    hl_cli_print_wrapped (out, CHANGE_INDENT + 4, "A: ", a, "");
  if (b != NULL)
    hl_cli_print_wrapped (out, CHANGE_INDENT + 4, "B: ", b, "");
}

/* @index + 1 right-aligned in 3 columns, "–" for none. */
static char *
position_text (int index)
{
  return index >= 0 ? g_strdup_printf ("%3d", index + 1) : g_strdup ("  –");
}

static void
print_entry (GString          *out,
             const HlStepDiff *entry)
{
  HlStep *step = entry->step_b ? entry->step_b : entry->step_a;
  g_autofree char *pos_a = position_text (entry->index_a);
  g_autofree char *pos_b = position_text (entry->index_b);
  g_autofree char *head = g_strdup_printf ("%s %s %s  %s  ", status_mark (entry->status), pos_a, pos_b,
                                           hl_cli_arrow (step));
  g_autofree char *title = g_strdup_printf ("%s%s", hl_step_get_title (step),
                                            entry->only_random ? _(" (only values that depend on the seed differ)")
                                                               : "");

  hl_cli_print_wrapped (out, 0, head, title, "");

  for (guint c = 0; c < entry->n_changes; c++)
    print_change (out, &entry->changes[c]);
}

static void
print_outcome (GString    *out,
               const char *letter,
               Side       *side)
{
  g_autofree char *head = g_strdup_printf ("%s: %s — ", letter, hl_scenario_get_id (side->scenario));
  g_autofree char *text = g_strdup_printf ("%s: %s", hl_cli_outcome_text (hl_trace_get_outcome (side->trace)),
                                           hl_trace_get_summary_text (side->trace));

  hl_cli_print_wrapped (out, 0, head, text, "");
}

static void
print_headline (GString     *out,
                HlTraceDiff *diff)
{
  int first = hl_trace_diff_get_first_divergence (diff);
  const HlStepDiff *entry;
  HlStep *step;
  g_autofree char *text = NULL;
  g_autofree char *lane = NULL;

  if (first < 0)
    {
      g_string_append_printf (out, "%s\n", hl_trace_diff_has_random (diff)
                                           ? _("No difference but the values that depend on the seeds.")
                                           : _("No difference."));
      return;
    }

  entry = hl_trace_diff_get_entry (diff, first);
  step = entry->step_b ? entry->step_b : entry->step_a;
  lane = g_strstrip (g_strdup (hl_cli_arrow (step)));
  /* TRANSLATORS: the first step where two runs differ: its title, its
   * lane ("client ───▶ server") and its number in each run */
  if (entry->status == HL_DIFF_CHANGED)
    text = g_strdup_printf (_("%s (%s): changed; step %d of A, step %d of B"), hl_step_get_title (step), lane,
                            entry->index_a + 1, entry->index_b + 1);
  else if (entry->status == HL_DIFF_ADDED)
    text = g_strdup_printf (_("%s (%s): only in B, its step %d"), hl_step_get_title (step), lane,
                            entry->index_b + 1);
  else
    text = g_strdup_printf (_("%s (%s): only in A, its step %d"), hl_step_get_title (step), lane,
                            entry->index_a + 1);
  hl_cli_print_wrapped (out, 0, _("First difference: "), text, "");
}

static char *
format_text (Side        *a,
             Side        *b,
             HlTraceDiff *diff)
{
  GString *out = g_string_new (NULL);
  guint counts[4] = { 0 };
  guint only_random = 0;
  guint n = hl_trace_diff_get_n_entries (diff);
  g_autofree char *seed_a = g_strdup_printf ("%" G_GUINT64_FORMAT, hl_trace_get_seed (a->trace));
  g_autofree char *seed_b = g_strdup_printf ("%" G_GUINT64_FORMAT, hl_trace_get_seed (b->trace));
  g_autofree char *line = NULL;

  for (guint i = 0; i < n; i++)
    {
      const HlStepDiff *entry = hl_trace_diff_get_entry (diff, i);

      counts[entry->status]++;
      only_random += entry->only_random;
    }

  line = g_strdup_printf (_("A: %s, seed %s; B: %s, seed %s"), hl_scenario_get_id (a->scenario), seed_a,
                          hl_scenario_get_id (b->scenario), seed_b);
  hl_cli_print_wrapped (out, 0, "", line, "");
  print_headline (out, diff);
  print_outcome (out, "A", a);
  print_outcome (out, "B", b);
  g_free (line);
  line = g_strdup_printf (_("Steps: %u same, %u changed (%u only by the seeds), %u only in B (+), "
                            "%u only in A (-)"),
                          counts[HL_DIFF_SAME], counts[HL_DIFF_CHANGED], only_random, counts[HL_DIFF_ADDED],
                          counts[HL_DIFF_REMOVED]);
  hl_cli_print_wrapped (out, 0, "", line, "");
  g_free (line);
  if (hl_trace_diff_has_random (diff))
    line = g_strdup_printf (_("A change marked (seed) is gone when B runs with A's seed %s: it comes only "
                              "from the different seeds."), seed_a);
  else
    line = g_strdup_printf (_("Both runs use seed %s: no difference comes from the seeds."), seed_a);
  hl_cli_print_wrapped (out, 0, "", line, "");
  g_string_append_printf (out, "\n    %3s %3s\n", "A", "B");

  for (guint i = 0; i < n; i++)
    print_entry (out, hl_trace_diff_get_entry (diff, i));

  return g_string_free (out, FALSE);
}

static const char *
check_of (HlFieldFlags flags)
{
  if (flags & HL_FIELD_FLAG_PASS)
    return "pass";
  if (flags & HL_FIELD_FLAG_FAIL)
    return "fail";
  if (flags & HL_FIELD_FLAG_BELOW_GUIDANCE)
    return "below_guidance";
  if (flags & HL_FIELD_FLAG_SKIPPED)
    return "not_checked";
  if (flags & HL_FIELD_FLAG_NOT_REACHED)
    return "not_reached";
  if (flags & HL_FIELD_FLAG_MATCH)
    return "matches";
  if (flags & HL_FIELD_FLAG_DIFFER)
    return "differs";
  if (flags & HL_FIELD_FLAG_ERROR)
    return "error";
  return NULL;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_index (JsonBuilder *builder,
           const char  *name,
           int          index)
{
  json_builder_set_member_name (builder, name);
  if (index >= 0)
    json_builder_add_int_value (builder, index);
  else
    json_builder_add_null_value (builder);
}

static void
add_side (JsonBuilder *builder,
          const char  *name,
          Side        *side)
{
  guint suite = hl_trace_get_cipher_suite (side->trace);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_string_or_null (builder, "scenario", hl_scenario_get_id (side->scenario));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64)hl_trace_get_seed (side->trace));
  add_string_or_null (builder, "outcome", hl_outcome_to_string (hl_trace_get_outcome (side->trace)));
  add_string_or_null (builder, "summary", hl_trace_get_summary_text (side->trace));
  add_string_or_null (builder, "cipher_suite", suite != 0 ? hl_cipher_suite_name (suite) : NULL);
  add_index (builder, "cipher_suite_number", suite != 0 ? (int)suite : -1);
  json_builder_end_object (builder);
}

static void
add_change (JsonBuilder         *builder,
            const HlFieldChange *change)
{
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", change->path);
  add_string_or_null (builder, "name", change->name);
  add_string_or_null (builder, "a", change->value_a);
  add_string_or_null (builder, "b", change->value_b);
  add_string_or_null (builder, "check_a", check_of (change->flags_a));
  add_string_or_null (builder, "check_b", check_of (change->flags_b));
  json_builder_set_member_name (builder, "random");
  json_builder_add_boolean_value (builder, change->random);
  json_builder_end_object (builder);
}

static void
add_entry (JsonBuilder      *builder,
           const HlStepDiff *entry)
{
  HlStep *step = entry->step_b ? entry->step_b : entry->step_a;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "status", hl_diff_status_to_string (entry->status));
  add_index (builder, "index_a", entry->index_a);
  add_index (builder, "index_b", entry->index_b);
  add_string_or_null (builder, "actor", hl_actor_to_string (hl_step_get_actor (step)));
  add_string_or_null (builder, "kind", hl_step_kind_to_string (hl_step_get_kind (step)));
  add_index (builder, "handshake_type", hl_step_get_handshake_type (step));
  add_string_or_null (builder, "title_a", entry->step_a ? hl_step_get_title (entry->step_a) : NULL);
  add_string_or_null (builder, "title_b", entry->step_b ? hl_step_get_title (entry->step_b) : NULL);
  json_builder_set_member_name (builder, "only_random");
  json_builder_add_boolean_value (builder, entry->only_random);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint c = 0; c < entry->n_changes; c++)
    add_change (builder, &entry->changes[c]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static char *
format_json (Side        *a,
             Side        *b,
             HlTraceDiff *diff)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "format", "handshake-lab-diff");
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, DIFF_FORMAT_VERSION);
  add_side (builder, "a", a);
  add_side (builder, "b", b);
  json_builder_set_member_name (builder, "random_checked");
  json_builder_add_boolean_value (builder, hl_trace_diff_has_random (diff));
  add_index (builder, "first_divergence", hl_trace_diff_get_first_divergence (diff));
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hl_trace_diff_get_n_entries (diff); i++)
    add_entry (builder, hl_trace_diff_get_entry (diff, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* What a column of the drawing is called: a lesson by its id, a file by
 * its name without the folders. */
static char *
side_name (const char *arg)
{
  g_autofree char *base = NULL;

  if (!is_file_argument (arg))
    return g_strdup (arg);
  base = g_path_get_basename (arg);

  return hl_file_display_name (base);
}

/* The two ladders side by side, written as hl_export_write_files()
 * writes every export: whole, or not at all. */
static gboolean
export_diagram (HlTraceDiff     *diff,
                const char      *arg_a,
                const char      *arg_b,
                const char      *path,
                HlExportFormat   format,
                GError         **error)
{
  g_autofree char *name_a = side_name (arg_a);
  g_autofree char *name_b = side_name (arg_b);
  g_autoptr(GBytes) drawing = hl_export_format_render_diff (diff, format, name_a, name_b, error);
  HlExportFile file = { "--export-diagram", path, drawing };

  return drawing != NULL && hl_export_write_files (&file, 1, error);
}

int
hl_cli_diff (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("A B — compare two runs step by step"));
  g_autoptr(GError) error = NULL;
  g_autoptr(HlTrace) b_seeded = NULL;
  g_autoptr(HlTraceDiff) diff = NULL;
  g_autofree char *format = NULL;
  g_autofree char *diagram_path = NULL;
  g_autofree char *output = NULL;
  HlExportFormat diagram_format = HL_EXPORT_FORMAT_SVG;
  gboolean help = FALSE;
  g_auto(Side) a = { NULL, NULL };
  g_auto(Side) b = { NULL, NULL };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), N_("FORMAT") },
    { "export-diagram", 0, 0, G_OPTION_ARG_FILENAME, &diagram_path,
      N_("Also write both ladders side by side, the differences marked, as .svg, .pdf or .png"), N_("FILE") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("A and B are lesson ids or scenario files (a path with a “/” or ending in "
                                  ".scenario).\nExit status: 0 when the diff was computed, whatever it says; "
                                  "2 on bad usage, an unknown id or a bad file."));
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hl_cli_usage_error ("%s", error->message);
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      hl_cli_print ("%s", text);
      return hl_cli_finish_output (EXIT_MATCHED);
    }

  if (argc != 3)
    return hl_cli_usage_error (_("diff: give two lessons or scenario files, A and B"));
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0)
    {
      g_autofree char *excerpt = hl_file_excerpt (format);

      return hl_cli_usage_error (_("diff: --format takes text or json, not “%s”"), excerpt);
    }
  if (diagram_path != NULL && (!hl_export_format_for_path (diagram_path, &diagram_format) ||
                               !hl_export_format_is_diagram (diagram_format)))
    {
      g_autofree char *display = hl_file_display_name (diagram_path);

      return hl_cli_usage_error (_("diff: --export-diagram: name the file .svg, .pdf or .png, not “%s”"), display);
    }

  if (!load_side (&a, argv[1], &error) || !load_side (&b, argv[2], &error))
    return hl_cli_usage_error ("%s", error->message);

  if (hl_trace_get_seed (a.trace) != hl_trace_get_seed (b.trace) &&
      (b_seeded = run_with_seed (argv[2], hl_trace_get_seed (a.trace), &error)) == NULL)
    return hl_cli_usage_error ("%s", error->message);

  diff = hl_trace_diff_new (a.trace, b.trace, b_seeded);
  if (diagram_path != NULL &&
      !export_diagram (diff, argv[1], argv[2], diagram_path, diagram_format, &error))
    return hl_cli_usage_error ("%s", error->message);
  if (g_strcmp0 (format, "json") == 0)
    {
      output = format_json (&a, &b, diff);
      hl_cli_print ("%s\n", output);
    }
  else
    {
      output = format_text (&a, &b, diff);
      hl_cli_print ("%s", output);
    }

  return hl_cli_finish_output (EXIT_MATCHED);
}
