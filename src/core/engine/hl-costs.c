/* hl-costs.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-costs"

#include "config.h"

#include <time.h>
#include <glib/gi18n-lib.h>

#include "hl-costs.h"

#define MAX_CONNECTIONS 2

typedef struct
{
  guint  count;
  gint64 ns;
} HlCostTotal;

struct _HlCosts
{
  HlCostTotal totals[2][HL_COST_N_KINDS];
  gint64      connection_ns[MAX_CONNECTIONS];
  gint64      public_key_ns[MAX_CONNECTIONS];
  guint       connection;
};

static const struct
{
  const char *id;
  const char *title;
  gboolean    public_key;
} kinds[HL_COST_N_KINDS] = {
  [HL_COST_RSA_ENCRYPT] = { "rsa_encrypt", N_("RSA encryption of the pre-master secret (public key)"), TRUE },
  [HL_COST_RSA_DECRYPT] = { "rsa_decrypt", N_("RSA decryption of the pre-master secret (private key)"), TRUE },
  [HL_COST_RSA_SIGN] = { "rsa_sign", N_("RSA signature (private key)"), TRUE },
  [HL_COST_RSA_VERIFY] = { "rsa_verify", N_("RSA signature check (public key)"), TRUE },
  [HL_COST_ECDSA_SIGN] = { "ecdsa_sign", N_("ECDSA signature (private key)"), TRUE },
  [HL_COST_ECDSA_VERIFY] = { "ecdsa_verify", N_("ECDSA signature check (public key)"), TRUE },
  [HL_COST_ECDH_KEY_PAIR] = { "ecdh_key_pair", N_("ECDH public point from a private scalar"), TRUE },
  [HL_COST_ECDH_SHARED] = { "ecdh_shared", N_("ECDH shared point"), TRUE },
  [HL_COST_PRF] = { "prf", N_("PRF (master secret, key block, Finished)"), FALSE },
  [HL_COST_RECORD_ENCRYPT] = { "record_encrypt", N_("Record encryption"), FALSE },
  [HL_COST_RECORD_DECRYPT] = { "record_decrypt", N_("Record decryption"), FALSE },
};

HlCosts *
hl_costs_new (void)
{
  return g_new0 (HlCosts, 1);
}

void
hl_costs_free (HlCosts *self)
{
  g_free (self);
}

gint64
hl_costs_now (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);

  return (gint64)now.tv_sec * G_GINT64_CONSTANT (1000000000) + now.tv_nsec;
}

void
hl_costs_add (HlCosts    *self,
              HlActor     actor,
              HlCostKind  kind,
              gint64      ns)
{
  g_return_if_fail (self != NULL && actor <= HL_ACTOR_SERVER && kind < HL_COST_N_KINDS);

  self->totals[actor][kind].count++;
  self->totals[actor][kind].ns += ns;
  if (kinds[kind].public_key && self->connection < MAX_CONNECTIONS)
    self->public_key_ns[self->connection] += ns;
}

void
hl_costs_set_connection (HlCosts *self,
                         guint    connection)
{
  g_return_if_fail (self != NULL);

  self->connection = connection;
}

void
hl_costs_add_connection (HlCosts *self,
                         guint    connection,
                         gint64   ns)
{
  g_return_if_fail (self != NULL);

  if (connection < MAX_CONNECTIONS)
    self->connection_ns[connection] += ns;
}

guint
hl_costs_get_count (HlCosts    *self,
                    HlActor     actor,
                    HlCostKind  kind)
{
  g_return_val_if_fail (self != NULL && actor <= HL_ACTOR_SERVER && kind < HL_COST_N_KINDS, 0);

  return self->totals[actor][kind].count;
}

gint64
hl_costs_get_ns (HlCosts    *self,
                 HlActor     actor,
                 HlCostKind  kind)
{
  g_return_val_if_fail (self != NULL && actor <= HL_ACTOR_SERVER && kind < HL_COST_N_KINDS, 0);

  return self->totals[actor][kind].ns;
}

gint64
hl_costs_get_connection_ns (HlCosts *self,
                            guint    connection)
{
  g_return_val_if_fail (self != NULL, 0);

  return connection < MAX_CONNECTIONS ? self->connection_ns[connection] : 0;
}

gint64
hl_costs_get_public_key_ns (HlCosts *self,
                            int      connection)
{
  g_return_val_if_fail (self != NULL, 0);

  if (connection < 0)
    return self->public_key_ns[0] + self->public_key_ns[1];

  return connection < MAX_CONNECTIONS ? self->public_key_ns[connection] : 0;
}

const char *
hl_cost_kind_id (HlCostKind kind)
{
  g_return_val_if_fail (kind < HL_COST_N_KINDS, NULL);

  return kinds[kind].id;
}

const char *
hl_cost_kind_title (HlCostKind kind)
{
  g_return_val_if_fail (kind < HL_COST_N_KINDS, NULL);

  return _(kinds[kind].title);
}

gboolean
hl_cost_kind_is_public_key (HlCostKind kind)
{
  g_return_val_if_fail (kind < HL_COST_N_KINDS, FALSE);

  return kinds[kind].public_key;
}

JsonNode *
hl_costs_to_json (HlCosts *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, "ns");
  json_builder_set_member_name (builder, "operations");
  json_builder_begin_array (builder);
  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    for (HlCostKind kind = 0; kind < HL_COST_N_KINDS; kind++)
      {
        if (self->totals[actor][kind].count == 0)
          continue;
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "side");
        json_builder_add_string_value (builder, actor == HL_ACTOR_CLIENT ? "client" : "server");
        json_builder_set_member_name (builder, "id");
        json_builder_add_string_value (builder, kinds[kind].id);
        json_builder_set_member_name (builder, "public_key");
        json_builder_add_boolean_value (builder, kinds[kind].public_key);
        json_builder_set_member_name (builder, "count");
        json_builder_add_int_value (builder, self->totals[actor][kind].count);
        json_builder_set_member_name (builder, "ns");
        json_builder_add_int_value (builder, self->totals[actor][kind].ns);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "connections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MAX_CONNECTIONS && self->connection_ns[i] > 0; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ns");
      json_builder_add_int_value (builder, self->connection_ns[i]);
      json_builder_set_member_name (builder, "public_key_ns");
      json_builder_add_int_value (builder, self->public_key_ns[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
compare_ns (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* The value at fraction @q of the sorted @times, between neighbours. */
static gdouble
quantile (GArray  *sorted,
          gdouble  q)
{
  gdouble at = q * (sorted->len - 1);
  guint below = (guint)at;
  gdouble part = at - below;
  gint64 low = g_array_index (sorted, gint64, below);
  gint64 high = g_array_index (sorted, gint64, MIN (below + 1, sorted->len - 1));

  return low + part * (high - low);
}

static gdouble
median_of (GArray *times)
{
  g_autoptr(GArray) sorted = g_array_copy (times);

  g_array_sort (sorted, compare_ns);

  return quantile (sorted, 0.5);
}

void
hl_costs_sample (HlCostSampleFunc  func,
                 gpointer          user_data,
                 guint             min_runs,
                 gint64            max_ns,
                 HlCostSample     *sample)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) medians = g_array_new (FALSE, FALSE, sizeof (gdouble));
  gint64 start;

  g_return_if_fail (func != NULL && sample != NULL);

  min_runs = MAX (min_runs, 5);

  /* Warm up: caches, branch predictors, the CPU's clock; once at least,
   * else for a twentieth of the time allowed. */
  start = hl_costs_now ();
  do
    func (user_data);
  while (hl_costs_now () - start < max_ns / 20);

  start = hl_costs_now ();
  for (;;)
    {
      gint64 before = hl_costs_now ();
      gint64 ns = func (user_data);
      gdouble median, earlier;

      if (ns < 0)
        ns = hl_costs_now () - before;
      g_array_append_val (times, ns);
      median = median_of (times);
      g_array_append_val (medians, median);

      if (times->len < min_runs)
        continue;
      /* Stable: the median a quarter of the runs ago is within 2 %. */
      earlier = g_array_index (medians, gdouble, medians->len - 1 - medians->len / 4);
      if (ABS (median - earlier) <= 0.02 * median || hl_costs_now () - start > max_ns)
        break;
    }

  g_array_sort (times, compare_ns);
  sample->runs = times->len;
  sample->median_ns = quantile (times, 0.5);
  sample->q1_ns = quantile (times, 0.25);
  sample->q3_ns = quantile (times, 0.75);
}
