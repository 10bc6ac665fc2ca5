/* hl-cli-private.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * What the commands of handshake-lab-cli share: exit statuses, errors of
 * one line, output that notices a failed write, text wrapped and never
 * cut.
 */

#include <glib.h>

#include "hl-costs.h"
#include "hl-trace.h"

G_BEGIN_DECLS

/* Exit statuses, as README.md documents them. */
enum {
  EXIT_MATCHED = 0,   /* the run ended as the scenario expects; diff: the diff was computed */
  EXIT_MISMATCH = 1,  /* it did not */
  EXIT_USAGE = 2,     /* bad usage, unknown scenario, unreadable file */
};

/* Text output wraps at this many columns; nothing is cut: a value too
 * long for its line goes on, indented, on the next. */
#define LINE_COLUMNS 100

/**
 * hl_cli_usage_error:
 * @format: a printf() format
 * @...: its arguments
 *
 * Prints "handshake-lab-cli: " and the message on standard error, as one
 * line whatever the message holds.
 *
 * Returns: %EXIT_USAGE
 */
int          hl_cli_usage_error    (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/**
 * hl_cli_print:
 * @format: a printf() format
 * @...: its arguments
 *
 * Writes to standard output, remembering a write that failed.
 */
void         hl_cli_print          (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/**
 * hl_cli_finish_output:
 * @status: the exit status when all output was written
 *
 * Returns: @status, or %EXIT_USAGE after reporting a write that failed
 */
int          hl_cli_finish_output  (int          status);

/**
 * hl_cli_print_wrapped:
 * @out: where to append
 * @indent: columns before @head
 * @head: the start of the line ("Name: ")
 * @text: wrapped at spaces to %LINE_COLUMNS, continuation lines under its
 *   start; a word longer than a line is broken, never cut
 * @mark: appended after @text
 */
void         hl_cli_print_wrapped  (GString     *out,
                                    guint        indent,
                                    const char  *head,
                                    const char  *text,
                                    const char  *mark);

/**
 * hl_cli_one_line:
 * @value: a field's value
 *
 * Returns: (transfer full): @value with its line breaks shown as ↵
 */
char        *hl_cli_one_line       (const char  *value);

/**
 * hl_cli_mark_of_flags:
 * @flags: a field's flags
 *
 * Returns: the mark a field's flags put after its value ("  ✓ pass"),
 *   translated, or ""
 */
const char  *hl_cli_mark_of_flags  (HlFieldFlags flags);

/**
 * hl_cli_outcome_text:
 * @outcome: how a run ended
 *
 * Returns: @outcome in words, translated
 */
const char  *hl_cli_outcome_text   (HlOutcome    outcome);

/**
 * hl_cli_arrow:
 * @step: a step
 *
 * Returns: the lane of @step drawn in 18 columns ("client ───▶ server")
 */
const char  *hl_cli_arrow          (HlStep      *step);

/**
 * hl_cli_diff:
 * @argc: the number of arguments
 * @argv: the arguments, "diff" first
 *
 * The diff command: argv[0] is "diff".
 *
 * Returns: the exit status
 */
int          hl_cli_diff           (int          argc,
                                    char       **argv);

/**
 * hl_cli_costs:
 * @argc: the arguments after "handshake-lab-cli"
 * @argv: (array length=argc): them, "costs" first
 *
 * The costs command: asymmetric against symmetric cryptography, measured.
 *
 * Returns: the exit status
 */
int          hl_cli_costs          (int          argc,
                                    char       **argv);

/**
 * hl_cli_run_costs_json:
 * @trace: a run's trace
 * @costs: what the run's cryptography cost
 *
 * Returns: (transfer full): the trace's JSON with the member "costs" added
 */
char        *hl_cli_run_costs_json (HlTrace     *trace,
                                    HlCosts     *costs);

/**
 * hl_cli_run_costs_text:
 * @costs: what a run's cryptography cost
 *
 * Returns: (transfer full): the Costs section of `run --costs`
 */
char        *hl_cli_run_costs_text (HlCosts     *costs);

G_END_DECLS
