/* hl-cost-report.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-costs"

#include "config.h"

#include <string.h>
#include <bearssl.h>
#include <glib/gi18n-lib.h>

#include "hl-cost-private.h"
#include "hl-cost-report.h"
#include "hl-engine.h"
#include "hl-key.h"

/* A figure stops once stable, or after this long. */
#define MAX_NS_PER_FIGURE G_GINT64_CONSTANT (1000000000)
#define MIN_RUNS 11
#define MIN_RUNS_BULK 11

struct _HlCostReport
{
  gsize   bytes;
  GArray *figures;      /* HlCostFigure */
  GArray *comparisons;  /* HlCostComparison */
};

static gdouble
tenth (gdouble value)
{
  /* Values are positive. */
  return (gint64)(value * 10 + 0.5) / 10.0;
}

static gdouble
hundredth (gdouble value)
{
  return (gint64)(value * 100 + 0.5) / 100.0;
}

/* BearSSL's name of what its default set-up chose. */
static const char *
name_of (gconstpointer impl)
{
  const struct { gconstpointer impl; const char *name; } names[] = {
    { br_aes_x86ni_ctr_get_vtable (), "br_aes_x86ni (AES-NI)" },
    { br_aes_x86ni_cbcenc_get_vtable (), "br_aes_x86ni (AES-NI)" },
    { br_aes_pwr8_ctr_get_vtable (), "br_aes_pwr8 (POWER8)" },
    { br_aes_pwr8_cbcenc_get_vtable (), "br_aes_pwr8 (POWER8)" },
    { &br_aes_ct64_ctr_vtable, "br_aes_ct64 (constant-time software)" },
    { &br_aes_ct64_cbcenc_vtable, "br_aes_ct64 (constant-time software)" },
    { &br_aes_ct_ctr_vtable, "br_aes_ct (constant-time software)" },
    { &br_aes_ct_cbcenc_vtable, "br_aes_ct (constant-time software)" },
    { (gconstpointer)br_ghash_pclmul_get (), "br_ghash_pclmul (PCLMULQDQ)" },
    { (gconstpointer)br_ghash_pwr8_get (), "br_ghash_pwr8 (POWER8)" },
    { (gconstpointer)br_ghash_ctmul64, "br_ghash_ctmul64 (constant-time software)" },
    { (gconstpointer)br_ghash_ctmul, "br_ghash_ctmul (constant-time software)" },
    { (gconstpointer)br_chacha20_sse2_get (), "br_chacha20_sse2 (SSE2)" },
    { (gconstpointer)br_chacha20_ct_run, "br_chacha20_ct (constant-time software)" },
    { (gconstpointer)br_poly1305_ctmulq_get (), "br_poly1305_ctmulq (64-bit multiplications)" },
    { (gconstpointer)br_poly1305_ctmul_run, "br_poly1305_ctmul (constant-time software)" },
    { &br_des_ct_cbcenc_vtable, "br_des_ct (constant-time software)" },
    { &br_des_tab_cbcenc_vtable, "br_des_tab (table-based)" },
    { (gconstpointer)br_rsa_i62_private_get (), "br_rsa_i62 (62-bit words)" },
    { (gconstpointer)br_rsa_i31_private, "br_rsa_i31 (31-bit words)" },
    { (gconstpointer)br_rsa_i15_private, "br_rsa_i15 (15-bit words)" },
    { &br_ec_all_m31, "br_ec_all_m31" },
    { &br_ec_all_m15, "br_ec_all_m15" },
    { (gconstpointer)br_ecdsa_i31_sign_asn1, "br_ecdsa_i31" },
    { (gconstpointer)br_ecdsa_i15_sign_asn1, "br_ecdsa_i15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (impl != NULL && names[i].impl == impl)
      return names[i].name;

  return "?";
}

static HlCostFigure *
add_figure (HlCostReport *self,
            const char   *id,
            const char   *group,
            const char   *title,
            char         *implementation)
{
  HlCostFigure figure = { id, group, g_strdup (title), implementation, NULL, { 0 }, 0 };

  g_array_append_val (self->figures, figure);

  return &g_array_index (self->figures, HlCostFigure, self->figures->len - 1);
}

static const HlCostFigure *
find_figure (HlCostReport *self,
             const char   *id)
{
  for (guint i = 0; i < self->figures->len; i++)
    if (strcmp (g_array_index (self->figures, HlCostFigure, i).id, id) == 0)
      return &g_array_index (self->figures, HlCostFigure, i);

  g_return_val_if_reached (NULL);
}

/* Operations */

typedef struct
{
  const br_rsa_private_key *rsa;
  const br_ec_private_key  *ec;
  int                       curve;
  unsigned char             x[512];
  unsigned char             point[160];
  size_t                    point_len;
} Operation;

static gint64
rsa_private (gpointer user_data)
{
  Operation *op = user_data;
  size_t len = (op->rsa->n_bitlen + 7) / 8;

  /* A number below the modulus, as a PKCS #1 block is. */
  memset (op->x, 0x5a, len);
  op->x[0] = 0;
  br_rsa_private_get_default () (op->x, op->rsa);

  return -1;
}

/* One side's ECDHE work: its key pair, then the shared point. */
static gint64
ecdhe (gpointer user_data)
{
  Operation *op = user_data;
  const br_ec_impl *ec = br_ec_get_default ();
  unsigned char shared[160];

  ec->mulgen (op->x, op->x + 256, 32, op->curve);
  memcpy (shared, op->point, op->point_len);
  ec->mul (shared, op->point_len, op->x + 256, 32, op->curve);

  return -1;
}

static gint64
ecdsa_sign (gpointer user_data)
{
  Operation *op = user_data;

  br_ecdsa_sign_asn1_get_default () (br_ec_get_default (), &br_sha256_vtable, op->point, op->ec, op->x);

  return -1;
}

static gboolean
measure_operations (HlCostReport *self,
                    GError      **error)
{
  static const char * const rsa_keys[] = { "server-rsa2048", "server-rsa3072", "server-rsa4096" };
  static const char * const rsa_ids[] = { "rsa2048_private", "rsa3072_private", "rsa4096_private" };
  const char *rsa_name = name_of ((gconstpointer)br_rsa_private_get_default ());
  g_autoptr(HlKey) ec_key = NULL;
  Operation op = { 0 };
  HlCostFigure *figure;

  for (guint i = 0; i < G_N_ELEMENTS (rsa_keys); i++)
    {
      g_autoptr(HlKey) key = hl_key_load_demo (rsa_keys[i], error);
      g_autofree char *title = NULL;

      if (key == NULL)
        return FALSE;
      op.rsa = hl_key_get_rsa (key);
      title = g_strdup_printf (_("RSA-%u private-key operation"), hl_key_get_bits (key));
      figure = add_figure (self, rsa_ids[i], "operation", title, g_strdup (rsa_name));
      hl_costs_sample (rsa_private, &op, MIN_RUNS, MAX_NS_PER_FIGURE, &figure->sample);
    }

  for (guint i = 0; i < 2; i++)
    {
      const br_ec_impl *ec = br_ec_get_default ();

      op.curve = i == 0 ? BR_EC_secp256r1 : BR_EC_curve25519;
      /* A private scalar, below either curve's order, and a peer's point. */
      memset (op.x + 256, 0x37, 32);
      op.point_len = ec->mulgen (op.point, op.x + 256, 32, op.curve);
      memset (op.x + 256, 0x29, 32);
      figure = add_figure (self, i == 0 ? "ecdhe_p256" : "ecdhe_x25519", "operation",
                           i == 0 ? _("ECDHE with P-256: key pair and shared point")
                                  : _("ECDHE with X25519: key pair and shared point"),
                           g_strdup (name_of (ec)));
      hl_costs_sample (ecdhe, &op, MIN_RUNS, MAX_NS_PER_FIGURE, &figure->sample);
    }

  if (!(ec_key = hl_key_load_demo ("server-ec-p256", error)))
    return FALSE;
  op.ec = hl_key_get_ec (ec_key);
  memset (op.point, 0x44, 32);  /* the hash to sign */
  figure = add_figure (self, "ecdsa_p256_sign", "operation", _("ECDSA P-256 signature"),
                       g_strdup (name_of ((gconstpointer)br_ecdsa_sign_asn1_get_default ())));
  hl_costs_sample (ecdsa_sign, &op, MIN_RUNS, MAX_NS_PER_FIGURE, &figure->sample);

  return TRUE;
}

/* Bulk: application data through an established session. */

static gint64
transfer (gpointer user_data)
{
  if (!hl_cost_session_transfer (user_data))
    g_warning ("A session stopped while sending application data");

  return -1;
}

static gboolean
measure_bulk (HlCostReport *self,
              GError      **error)
{
  const struct { const char *id; const char *title; guint16 suite; const char *suite_name; } families[] = {
    { "aes128_gcm", "AES-128-GCM", BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
    { "aes256_gcm", "AES-256-GCM", BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
    { "chacha20_poly1305", "ChaCha20-Poly1305", BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
    { "aes128_cbc_sha256", "AES-128-CBC + HMAC-SHA-256", BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
    { "aes128_cbc_sha1", "AES-128-CBC + HMAC-SHA-1", BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
    { "3des_cbc_sha1", "3DES-CBC + HMAC-SHA-1", BR_TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
      "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA" },
  };
  g_autoptr(HlScenario) scenario = hl_scenario_load_builtin ("ecdhe-rsa", error);

  if (scenario == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autoptr(HlCostSession) session = hl_cost_session_new (scenario, families[i].suite, self->bytes, error);
      br_ssl_engine_context *eng;
      HlCostFigure *figure;
      char *impl;

      if (session == NULL)
        return FALSE;
      /* The implementations BearSSL's default set-up chose on this CPU. */
      eng = hl_cost_session_get_engine (session);
      if (i < 2)
        impl = g_strdup_printf ("%s + %s", name_of (eng->iaes_ctr), name_of ((gconstpointer)eng->ighash));
      else if (i == 2)
        impl = g_strdup_printf ("%s + %s", name_of ((gconstpointer)eng->ichacha), name_of ((gconstpointer)eng->ipoly));
      else if (i < 5)
        impl = g_strdup_printf ("%s + %s", name_of (eng->iaes_cbcenc), i == 3 ? "br_sha256" : "br_sha1");
      else
        impl = g_strdup_printf ("%s + br_sha1", name_of (eng->ides_cbcenc));
      figure = add_figure (self, families[i].id, "bulk", families[i].title, impl);
      figure->suite = families[i].suite_name;
      hl_costs_sample (transfer, session, MIN_RUNS_BULK, MAX_NS_PER_FIGURE, &figure->sample);
    }

  return TRUE;
}

/* Handshakes: whole runs, recording included. */

typedef struct
{
  HlScenario *scenario;
  int         connection;   /* its time; -1: the public-key time of the first */
} Handshake;

static gint64
run_handshake (gpointer user_data)
{
  Handshake *handshake = user_data;
  HlCosts *costs = hl_costs_new ();
  g_autoptr(HlTrace) trace = hl_engine_run_with_costs (handshake->scenario, costs, NULL);
  gint64 ns = handshake->connection < 0 ? hl_costs_get_public_key_ns (costs, 0)
                                        : hl_costs_get_connection_ns (costs, handshake->connection);

  hl_costs_free (costs);

  return ns;
}

static gboolean
measure_handshakes (HlCostReport *self,
                    GError      **error)
{
  const struct { const char *id; const char *lesson; int connection; const char *title; } runs[] = {
    { "one_way", "ecdhe-rsa", 0, N_("One-way TLS handshake and exchange (lesson ecdhe-rsa)") },
    { "one_way_public_key", "ecdhe-rsa", -1, N_("Its public-key operations") },
    { "mutual_tls", "mutual-tls", 0, N_("Mutual TLS handshake and exchange (lesson mutual-tls)") },
    { "mutual_tls_public_key", "mutual-tls", -1, N_("Its public-key operations") },
    { "full", "resumption", 0, N_("Full handshake and exchange (lesson resumption, first connection)") },
    { "resumed", "resumption", 1, N_("Resumed handshake and exchange (second connection)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autoptr(HlScenario) scenario = hl_scenario_load_builtin (runs[i].lesson, error);
      Handshake handshake = { scenario, runs[i].connection };
      HlCostFigure *figure;

      if (scenario == NULL)
        return FALSE;
      figure = add_figure (self, runs[i].id, "handshake", _(runs[i].title), g_strdup ("BearSSL"));
      hl_costs_sample (run_handshake, &handshake, MIN_RUNS, MAX_NS_PER_FIGURE, &figure->sample);
    }

  return TRUE;
}

/* Comparisons, from the figures as printed: for an amount, the MiB that
 * b's family encrypts in the time a took; else the ratio a / b. */
static HlCostComparison *
compare (HlCostReport *self,
         const char   *id,
         const char   *a_id,
         const char   *b_id,
         gboolean      amount)
{
  const HlCostFigure *a = find_figure (self, a_id);
  const HlCostFigure *b = find_figure (self, b_id);
  HlCostComparison comparison = { id, a_id, b_id, amount, 0, NULL };

  if (amount)
    comparison.result = hundredth (a->value * b->value / 1e6);
  else
    comparison.result = b->value > 0 ? hundredth (a->value / b->value) : 0;
  g_array_append_val (self->comparisons, comparison);

  return &g_array_index (self->comparisons, HlCostComparison, self->comparisons->len - 1);
}

static gdouble
value_of (HlCostReport *self,
          const char   *id)
{
  return find_figure (self, id)->value;
}

static void
compare_all (HlCostReport *self)
{
  HlCostComparison *c;

  c = compare (self, "rsa2048_against_aes128_gcm", "rsa2048_private", "aes128_gcm", TRUE);
  c->sentence = g_strdup_printf (_("One RSA-2048 private-key operation took %.1f µs: as long as sending %.2f MiB "
                                   "through an AES-128-GCM session (%.1f MiB/s)."),
                                 value_of (self, c->a), c->result, value_of (self, c->b));
  c = compare (self, "rsa4096_against_aes128_gcm", "rsa4096_private", "aes128_gcm", TRUE);
  c->sentence = g_strdup_printf (_("One RSA-4096 private-key operation took %.1f µs: as long as sending %.2f MiB "
                                   "through an AES-128-GCM session (%.1f MiB/s)."),
                                 value_of (self, c->a), c->result, value_of (self, c->b));
  c = compare (self, "x25519_against_aes128_gcm", "ecdhe_x25519", "aes128_gcm", TRUE);
  c->sentence = g_strdup_printf (_("One side's ECDHE work with X25519 took %.1f µs: as long as sending %.2f MiB "
                                   "through an AES-128-GCM session (%.1f MiB/s)."),
                                 value_of (self, c->a), c->result, value_of (self, c->b));
  c = compare (self, "rsa4096_against_rsa2048", "rsa4096_private", "rsa2048_private", FALSE);
  c->sentence = g_strdup_printf (_("Doubling the RSA key from 2048 to 4096 bits made its private-key operation "
                                   "%.2f times as slow (%.1f µs against %.1f µs)."),
                                 c->result, value_of (self, c->a), value_of (self, c->b));
  c = compare (self, "rsa2048_against_x25519", "rsa2048_private", "ecdhe_x25519", FALSE);
  c->sentence = g_strdup_printf (_("One RSA-2048 private-key operation took %.2f times as long as one side's whole "
                                   "ECDHE work with X25519 (%.1f µs against %.1f µs)."),
                                 c->result, value_of (self, c->a), value_of (self, c->b));
  c = compare (self, "p256_against_x25519", "ecdhe_p256", "ecdhe_x25519", FALSE);
  c->sentence = g_strdup_printf (_("ECDHE with P-256 took %.2f times as long as with X25519 (%.1f µs against "
                                   "%.1f µs)."),
                                 c->result, value_of (self, c->a), value_of (self, c->b));
  c = compare (self, "mutual_against_one_way", "mutual_tls_public_key", "one_way_public_key", FALSE);
  c->sentence = g_strdup_printf (_("The public-key work of a mutual TLS handshake took %.2f times as long as that "
                                   "of a one-way handshake (%.1f µs against %.1f µs): the client's "
                                   "CertificateVerify signature and the server's check of the client's chain."),
                                 c->result, value_of (self, c->a), value_of (self, c->b));
  c = compare (self, "resumed_against_full", "resumed", "full", FALSE);
  c->sentence = g_strdup_printf (_("A resumed connection took %.2f times as long as a full one (%.1f µs against "
                                   "%.1f µs): no certificate and no key exchange, so no public-key operation."),
                                 c->result, value_of (self, c->a), value_of (self, c->b));
}

static void
figure_clear (gpointer data)
{
  HlCostFigure *figure = data;

  g_free (figure->title);
  g_free (figure->implementation);
}

static void
comparison_clear (gpointer data)
{
  g_free (((HlCostComparison *)data)->sentence);
}

HlCostReport *
hl_cost_report_measure (gsize    bytes,
                        GError **error)
{
  g_autoptr(HlCostReport) self = g_new0 (HlCostReport, 1);

  g_return_val_if_fail (bytes > 0, NULL);

  self->bytes = bytes;
  self->figures = g_array_new (FALSE, TRUE, sizeof (HlCostFigure));
  g_array_set_clear_func (self->figures, figure_clear);
  self->comparisons = g_array_new (FALSE, TRUE, sizeof (HlCostComparison));
  g_array_set_clear_func (self->comparisons, comparison_clear);

  if (!measure_operations (self, error))
    return NULL;
  if (!measure_bulk (self, error) || !measure_handshakes (self, error))
    return NULL;

  for (guint i = 0; i < self->figures->len; i++)
    {
      HlCostFigure *figure = &g_array_index (self->figures, HlCostFigure, i);

      if (strcmp (figure->group, "bulk") == 0)
        figure->value = tenth ((gdouble)bytes / (1024.0 * 1024.0) / (figure->sample.median_ns / 1e9));
      else
        figure->value = tenth (figure->sample.median_ns / 1000);
    }

  compare_all (self);

  return g_steal_pointer (&self);
}

void
hl_cost_report_free (HlCostReport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->figures, g_array_unref);
  g_clear_pointer (&self->comparisons, g_array_unref);
  g_free (self);
}

gsize
hl_cost_report_get_bytes (HlCostReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bytes;
}

const HlCostFigure *
hl_cost_report_get_figures (HlCostReport *self,
                            guint        *n_figures)
{
  g_return_val_if_fail (self != NULL && n_figures != NULL, NULL);

  *n_figures = self->figures->len;

  return (const HlCostFigure *)self->figures->data;
}

const HlCostComparison *
hl_cost_report_get_comparisons (HlCostReport *self,
                                guint        *n_comparisons)
{
  g_return_val_if_fail (self != NULL && n_comparisons != NULL, NULL);

  *n_comparisons = self->comparisons->len;

  return (const HlCostComparison *)self->comparisons->data;
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            gdouble      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

JsonNode *
hl_cost_report_to_json (HlCostReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, self->bytes);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->figures->len; i++)
    {
      const HlCostFigure *figure = &g_array_index (self->figures, HlCostFigure, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", figure->id);
      add_string (builder, "group", figure->group);
      add_string (builder, "title", figure->title);
      add_string (builder, "implementation", figure->implementation);
      add_string (builder, "suite", figure->suite);
      add_string (builder, "unit", strcmp (figure->group, "bulk") == 0 ? "MiB/s" : "us");
      add_double (builder, "value", figure->value);
      json_builder_set_member_name (builder, "runs");
      json_builder_add_int_value (builder, figure->sample.runs);
      add_double (builder, "median_ns", figure->sample.median_ns);
      add_double (builder, "q1_ns", figure->sample.q1_ns);
      add_double (builder, "q3_ns", figure->sample.q3_ns);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "comparisons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->comparisons->len; i++)
    {
      const HlCostComparison *comparison = &g_array_index (self->comparisons, HlCostComparison, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", comparison->id);
      add_string (builder, "a", comparison->a);
      add_string (builder, "b", comparison->b);
      add_string (builder, "kind", comparison->amount ? "mib" : "ratio");
      add_double (builder, "result", comparison->result);
      add_string (builder, "sentence", comparison->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
