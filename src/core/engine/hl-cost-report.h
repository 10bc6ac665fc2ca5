/* hl-cost-report.h
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * HlCostReport: asymmetric against symmetric cryptography, measured on
 * this machine (`handshake-lab-cli costs`).
 *
 * Operations: an RSA private-key operation with the demo keys of 2048,
 * 3072 and 4096 bits, one side's ECDHE work (a key pair and the shared
 * point) on P-256 and X25519, an ECDSA P-256 signature.  Bulk: N bytes of
 * application data from a BearSSL client to a BearSSL server through an
 * established session of each symmetric family (encrypted, then
 * decrypted), with the implementations BearSSL's default set-up chose.
 * Handshakes: the lessons ecdhe-rsa (one-way) and mutual-tls, and the two
 * connections of the lesson resumption.  Each figure is a median
 * (hl_costs_sample()); each comparison's sentence is computed from the
 * figures as printed (rounded to a tenth).
 */

#include "hl-costs.h"

G_BEGIN_DECLS

/**
 * HlCostFigure:
 * @id: untranslated ("rsa2048_private", "aes128_gcm", "mutual_tls")
 * @group: "operation", "bulk" or "handshake"
 * @title: translated
 * @implementation: BearSSL's implementation that ran
 * @suite: (nullable): for bulk, the cipher suite of the session
 * @sample: the measurement
 * @value: as printed: microseconds for operations and handshakes, MiB/s
 *   for bulk, rounded to a tenth
 *
 * One measured figure.
 */
typedef struct
{
  const char   *id;
  const char   *group;
  char         *title;
  char         *implementation;
  const char   *suite;
  HlCostSample  sample;
  gdouble       value;
} HlCostFigure;

/**
 * HlCostComparison:
 * @id: untranslated
 * @a: the id of the first figure
 * @b: the id of the second figure
 * @amount: %TRUE: @result is the MiB b's session sends in a's time, a's
 *   microseconds times b's MiB/s over a million;
 *   %FALSE: @result is the ratio a / b
 * @result: as the sentence says it (rounded to a hundredth)
 * @sentence: what a lecturer would say, translated
 *
 * One comparison of two figures.
 */
typedef struct
{
  const char *id;
  const char *a;
  const char *b;
  gboolean    amount;
  gdouble     result;
  char       *sentence;
} HlCostComparison;

typedef struct _HlCostReport HlCostReport;

/**
 * hl_cost_report_measure:
 * @bytes: the application data to push through each symmetric family
 * @error: set when a demo key or a lesson cannot be loaded
 *
 * Measures every figure and compares them.  Takes some seconds.
 *
 * Returns: (transfer full) (nullable): the report
 */
HlCostReport           *hl_cost_report_measure        (gsize          bytes,
                                                       GError       **error);

/**
 * hl_cost_report_free:
 * @self: (transfer full) (nullable): a report
 *
 * Frees @self.
 */
void                    hl_cost_report_free           (HlCostReport  *self);

/**
 * hl_cost_report_get_bytes:
 * @self: a report
 *
 * Returns: the bytes pushed through each symmetric family
 */
gsize                   hl_cost_report_get_bytes      (HlCostReport  *self);

/**
 * hl_cost_report_get_figures:
 * @self: a report
 * @n_figures: (out): how many
 *
 * Returns: (transfer none) (array length=n_figures): the figures, operations first
 */
const HlCostFigure     *hl_cost_report_get_figures    (HlCostReport  *self,
                                                       guint         *n_figures);

/**
 * hl_cost_report_get_comparisons:
 * @self: a report
 * @n_comparisons: (out): how many
 *
 * Returns: (transfer none) (array length=n_comparisons): the comparisons
 */
const HlCostComparison *hl_cost_report_get_comparisons (HlCostReport *self,
                                                        guint        *n_comparisons);

/**
 * hl_cost_report_to_json:
 * @self: a report
 *
 * Returns: (transfer full): the report as README.md's JSON describes it
 */
JsonNode               *hl_cost_report_to_json        (HlCostReport  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCostReport, hl_cost_report_free)

G_END_DECLS
