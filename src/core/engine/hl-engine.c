/* hl-engine.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-engine-private.h"
#include "hl-certificate.h"
#include "hl-names.h"
#include "hl-text.h"

/*
 * The run: both BearSSL engines set up from the scenario (keys, chains,
 * trust anchors, versions, suites, the seed and the clock), pumped until
 * neither moves, a second connection for a resumption, and the end.
 * hl-engine-private.h tells how the pump works.
 */

/* A run takes a few dozen rounds; this many means something loops. */
#define MAX_ROUNDS 10000

/* Calls into BearSSL go through enter()/leave() so that hooks know the side
 * and the steps they produce land in the trace. */
static gboolean
drain (HlSide *side)
{
  gboolean progress = FALSE;
  unsigned char *buf;
  size_t len;

  while ((buf = br_ssl_engine_sendrec_buf (side->eng, &len)) != NULL && len > 0)
    {
      g_byte_array_append (side->out, buf, len);
      hl_engine_split_records (side);
      hl_engine_enter (side);
      br_ssl_engine_sendrec_ack (side->eng, len);
      hl_engine_note_state (side);
      hl_engine_leave (side);
      progress = TRUE;
    }

  hl_engine_flush (side);

  return progress;
}

/* Delivers (the rest of) the oldest record @side sent to its peer. */
static gboolean
feed (HlSide *side)
{
  HlEngine *self = side->engine;
  HlSide *peer = hl_engine_peer_of (side);
  HlPending *pending = g_queue_peek_head (&side->pending);
  gboolean progress = FALSE;
  const guint8 *p;
  gsize len;

  if (pending == NULL)
    return FALSE;

  if (!pending->tampered)
    {
      pending->tampered = TRUE;
      hl_engine_tamper (side, pending);
    }

  p = g_bytes_get_data (pending->bytes, &len);

  while (pending->delivered < len)
    {
      size_t room;
      unsigned char *buf = br_ssl_engine_recvrec_buf (peer->eng, &room);
      gsize n;

      if (buf == NULL || room == 0)
        break;

      n = MIN (room, len - pending->delivered);
      memcpy (buf, p + pending->delivered, n);
      pending->delivered += n;

      self->delivering = pending->steps->len > 0 ? hl_step_get_story (g_ptr_array_index (pending->steps, 0))
                                                 : self->story;
      self->reading = pending;
      hl_engine_enter (peer);
      br_ssl_engine_recvrec_ack (peer->eng, n);
      hl_engine_note_state (peer);
      hl_engine_leave (peer);
      self->reading = NULL;
      self->delivering = 0;
      progress = TRUE;
    }

  /* The peer's answer belongs to the same turn. */
  drain (peer);

  if (pending->delivered == len)
    {
      for (guint i = 0; i < pending->steps->len; i++)
        {
          int type = hl_step_get_handshake_type (g_ptr_array_index (pending->steps, i));

          if (type == 1 || type == 2)
            peer->got_hello = TRUE;
        }

      hl_trace_set_record_delivered (side->engine->trace, pending->index);
      hl_engine_pending_free (g_queue_pop_head (&side->pending));
    }

  return progress;
}

static void
seed_engine (br_ssl_engine_context *eng,
             guint64                seed,
             HlActor                actor)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 entropy[32];
  gsize len = sizeof entropy;
  guint8 le[8];

  for (guint i = 0; i < 8; i++)
    le[i] = (seed >> (8 * i)) & 0xff;

  /* Each side gets its own stream, both fixed by the scenario's seed. */
  g_checksum_update (checksum, (const guchar *)(actor == HL_ACTOR_CLIENT ? "handshake-lab client"
                                                                         : "handshake-lab server"), -1);
  g_checksum_update (checksum, le, sizeof le);
  g_checksum_get_digest (checksum, entropy, &len);

  /* Without this the engine mixes in the OS's randomness at reset and no
   * two runs are alike (DESIGN.md, "Determinism"). */
  eng->rng_os_rand_done = 1;
  br_ssl_engine_inject_entropy (eng, entropy, len);
}

static void
init_side (HlEngine              *self,
           HlActor                actor,
           br_ssl_engine_context *eng)
{
  HlSide *side = &self->sides[actor];

  side->engine = self;
  side->actor = actor;
  side->eng = eng;
  side->iobuf = g_malloc (BR_SSL_BUFSIZE_BIDI);
  side->out = g_byte_array_new ();
  side->handshake = g_byte_array_new ();
  side->app_in = g_byte_array_new ();
  side->batch = g_ptr_array_new_with_free_func (g_object_unref);
  side->secrets = hl_trace_get_secrets (self->trace, actor);
  side->alert_sent = -1;
  g_queue_init (&side->pending);
  g_queue_init (&side->plaintexts);
}

static void
clear_side (HlSide *side)
{
  g_free (side->iobuf);
  g_byte_array_unref (side->out);
  g_byte_array_unref (side->handshake);
  g_byte_array_unref (side->app_in);
  g_ptr_array_unref (side->batch);
  g_queue_clear_full (&side->pending, hl_engine_pending_free);
  g_queue_clear_full (&side->plaintexts, (GDestroyNotify)g_bytes_unref);
  g_clear_pointer (&side->app_out, g_bytes_unref);
  g_clear_pointer (&side->failure_detail, g_free);
}

/* BR_KEYTYPE_RSA or BR_KEYTYPE_EC: what signed certificate @name.  A
 * certificate read from a file has no issuer in the PKI; its signature
 * algorithm tells. */
static unsigned
issuer_key_type (HlPki      *pki,
                 const char *name)
{
  HlKey *issuer = hl_pki_get_issuer_key (pki, name);
  g_autoptr(HlCertificate) cert = NULL;

  if (issuer != NULL)
    return hl_key_get_key_type (issuer) == HL_KEY_TYPE_RSA ? BR_KEYTYPE_RSA : BR_KEYTYPE_EC;

  cert = hl_certificate_new (hl_pki_get_der (pki, name), NULL);
  if (cert != NULL && g_str_has_prefix (hl_certificate_get_signature_algorithm (cert), "ecdsa"))
    return BR_KEYTYPE_EC;

  return BR_KEYTYPE_RSA;
}

/* Mutual TLS: the server asks for a certificate and checks it against its
 * own roots; the client answers with its chain, if it has one. */
static gboolean
setup_client_auth (HlEngine *self,
                   GError  **error)
{
  HlScenario *scenario = self->scenario;
  const char * const *client_chain = hl_scenario_get_client_chain (scenario);
  gint64 clock = hl_scenario_get_clock (scenario);

  if (hl_scenario_get_client_auth (scenario) != HL_CLIENT_AUTH_NONE)
    {
      const br_x509_trust_anchor *anchors;
      gsize n_anchors;

      if (!(anchors = hl_pki_get_trust_anchors (self->pki, hl_scenario_get_server_trust (scenario),
                                                &n_anchors, error)))
        return FALSE;

      br_x509_minimal_init_full (&self->sxc, anchors, n_anchors);
      hl_engine_log_signatures (&self->sxc);
      br_x509_minimal_set_time (&self->sxc, (uint32_t)(719528 + clock / 86400), (uint32_t)(clock % 86400));
      hl_x509_observer_init (&self->server_observer, &self->sxc);
      self->server_observer.on_end_chain = hl_engine_note_chain_check;
      self->server_observer.user_data = self;
      br_ssl_engine_set_x509 (&self->sc.eng, &self->server_observer.vtable);
      br_ssl_server_set_trust_anchor_names_alt (&self->sc, anchors, n_anchors);
      /* Without these the server cannot check CertificateVerify (error 26). */
      br_ssl_engine_set_default_rsavrfy (&self->sc.eng);
      br_ssl_engine_set_default_ecdsa (&self->sc.eng);
      hl_engine_log_handshake_signatures (&self->sc.eng);
      if (hl_scenario_get_client_auth (scenario) == HL_CLIENT_AUTH_OPTIONAL)
        br_ssl_engine_add_flags (&self->sc.eng, BR_OPT_TOLERATE_NO_CLIENT_AUTH);
    }

  if (client_chain != NULL)
    {
      const br_x509_certificate *chain;
      gsize n_chain;
      HlKey *key = hl_pki_get_key (self->pki, client_chain[0]);

      if (!(chain = hl_pki_get_chain (self->pki, client_chain, &n_chain, error)))
        return FALSE;

      if (hl_key_get_key_type (key) == HL_KEY_TYPE_RSA)
        br_ssl_client_set_single_rsa (&self->cc, chain, n_chain, hl_key_get_rsa (key),
                                      br_rsa_pkcs1_sign_get_default ());
      else
        {
          br_ssl_client_set_single_ec (&self->cc, chain, n_chain, hl_key_get_ec (key),
                                       BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN,
                                       issuer_key_type (self->pki, client_chain[0]),
                                       br_ec_get_default (), br_ecdsa_sign_asn1_get_default ());
        }
    }

  return TRUE;
}

static gboolean
setup (HlEngine *self,
       GError  **error)
{
  HlScenario *scenario = self->scenario;
  const br_x509_certificate *chain;
  const br_x509_trust_anchor *anchors;
  gsize n_chain, n_anchors, n_suites;
  const guint16 *suites;
  HlKey *server_key;
  guint min, max;
  gint64 clock;

  /* Built once per scenario: signing certificates costs more than the
   * handshake itself. */
  if (!(self->pki = hl_scenario_get_pki (scenario, error)))
    return FALSE;

  if (!(chain = hl_pki_get_chain (self->pki, hl_scenario_get_server_chain (scenario), &n_chain, error)) ||
      !(anchors = hl_pki_get_trust_anchors (self->pki, hl_scenario_get_client_trust (scenario), &n_anchors, error)))
    return FALSE;

  server_key = hl_pki_get_key (self->pki, hl_scenario_get_server_chain (scenario)[0]);
  if (hl_scenario_get_server_key (scenario) != NULL)
    {
      g_clear_pointer (&self->wrong_key, hl_key_unref);
      if (!(self->wrong_key = hl_key_load_demo (hl_scenario_get_server_key (scenario), error)))
        return FALSE;
      server_key = self->wrong_key;
    }

  /* The client. */
  br_ssl_client_init_full (&self->cc, &self->xc, anchors, n_anchors);
  hl_scenario_get_versions (scenario, HL_ACTOR_CLIENT, &min, &max);
  br_ssl_engine_set_versions (&self->cc.eng, min, max);
  suites = hl_scenario_get_suites (scenario, HL_ACTOR_CLIENT, &n_suites);
  if (n_suites > 0)
    br_ssl_engine_set_suites (&self->cc.eng, suites, n_suites);

  clock = hl_scenario_get_clock (scenario);
  br_x509_minimal_set_time (&self->xc,
                            (uint32_t)(719528 + clock / 86400),
                            (uint32_t)(clock % 86400));
  hl_engine_log_signatures (&self->xc);
  hl_x509_observer_init (&self->observer, &self->xc);
  self->observer.on_end_chain = hl_engine_note_chain_check;
  self->observer.user_data = self;
  br_ssl_engine_set_x509 (&self->cc.eng, &self->observer.vtable);
  br_ssl_client_set_rsapub (&self->cc, hl_engine_hook_rsa_public);
  hl_engine_log_handshake_signatures (&self->cc.eng);
  hl_engine_install_hooks (&self->cc.eng);

  /* The server. */
  if (hl_key_get_key_type (server_key) == HL_KEY_TYPE_RSA)
    {
      br_ssl_server_init_full_rsa (&self->sc, chain, n_chain, hl_key_get_rsa (server_key));
      br_ssl_server_set_single_rsa (&self->sc, chain, n_chain, hl_key_get_rsa (server_key),
                                    BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN,
                                    hl_engine_hook_rsa_private, br_rsa_pkcs1_sign_get_default ());
    }
  else
    {
      /* Static ECDH suites depend on what signed the server's certificate. */
      unsigned issuer_type = issuer_key_type (self->pki, hl_scenario_get_server_chain (scenario)[0]);

      br_ssl_server_init_full_ec (&self->sc, chain, n_chain, issuer_type, hl_key_get_ec (server_key));
    }
  hl_scenario_get_versions (scenario, HL_ACTOR_SERVER, &min, &max);
  br_ssl_engine_set_versions (&self->sc.eng, min, max);

  if (!setup_client_auth (self, error))
    return FALSE;

  if (hl_scenario_get_resume (scenario))
    {
      br_ssl_session_cache_lru_init (&self->lru, self->lru_store, sizeof self->lru_store);
      br_ssl_server_set_cache (&self->sc, &self->lru.vtable);
    }
  suites = hl_scenario_get_suites (scenario, HL_ACTOR_SERVER, &n_suites);
  br_ssl_engine_set_suites (&self->sc.eng, suites, n_suites);
  if (hl_scenario_get_server_preference (scenario))
    br_ssl_engine_add_flags (&self->sc.eng, BR_OPT_ENFORCE_SERVER_PREFERENCES);
  hl_engine_install_hooks (&self->sc.eng);
  if (self->costs != NULL)
    {
      hl_engine_time_signatures (self);
      hl_engine_time_records (&self->cc.eng);
      hl_engine_time_records (&self->sc.eng);
    }

  init_side (self, HL_ACTOR_CLIENT, &self->cc.eng);
  init_side (self, HL_ACTOR_SERVER, &self->sc.eng);

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      HlSide *side = &self->sides[actor];

      br_ssl_engine_set_buffer (side->eng, side->iobuf, BR_SSL_BUFSIZE_BIDI, 1);
      seed_engine (side->eng, hl_scenario_get_seed (scenario), actor);
    }

  if (!br_ssl_client_reset (&self->cc, hl_scenario_get_server_name (scenario), 0) ||
      !br_ssl_server_reset (&self->sc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("BearSSL refused to start: error %d (client), %d (server)"),
                   br_ssl_engine_last_error (&self->cc.eng), br_ssl_engine_last_error (&self->sc.eng));
      return FALSE;
    }

  return TRUE;
}

static void
pump (HlEngine *self)
{
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      gboolean progress = FALSE;

      for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
        progress |= drain (&self->sides[actor]);
      for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
        progress |= hl_engine_run_app (&self->sides[actor]);
      for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
        progress |= feed (&self->sides[actor]);

      if (!progress)
        break;
    }
}

static gboolean
connection_succeeded (HlEngine *self)
{
  return !self->failed && self->response_complete &&
         self->sides[HL_ACTOR_CLIENT].closed && self->sides[HL_ACTOR_SERVER].closed;
}

/* Resumption: the client connects again and offers the session of the
 * first connection; the server finds it in its cache and both skip the
 * key exchange. */
static void
second_connection (HlEngine *self)
{
  br_ssl_session_parameters params;
  g_autoptr(GBytes) id = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *explanation = NULL;
  HlSide *client = &self->sides[HL_ACTOR_CLIENT];

  br_ssl_engine_get_session_parameters (client->eng, &params);
  id = g_bytes_new (params.session_id, params.session_id_len);
  hex = hl_text_hex_bytes (id);

  hl_trace_begin_connection (self->trace);
  self->connection++;
  self->response_complete = FALSE;
  /* The new connection tells its own story, from its first step. */
  self->story = 0;

  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      HlSide *side = &self->sides[actor];

      g_byte_array_set_size (side->out, 0);
      g_byte_array_set_size (side->handshake, 0);
      g_byte_array_set_size (side->app_in, 0);
      g_queue_clear_full (&side->pending, hl_engine_pending_free);
      g_queue_clear_full (&side->plaintexts, (GDestroyNotify)g_bytes_unref);
      g_clear_pointer (&side->app_out, g_bytes_unref);
      side->app_out_done = 0;
      side->secrets = hl_trace_get_secrets (self->trace, actor);
      side->sent_ccs = side->handshake_done = side->request_sent = side->response_sent = FALSE;
      side->close_called = side->got_close_notify = side->closed = FALSE;
      side->sent_hello = side->got_hello = FALSE;
      side->key_blocks = 0;
      side->key_pair_step = side->chain_step = NULL;
    }

  explanation = g_strdup_printf (_("The first connection is closed. The client connects again and offers, in its "
                                   "ClientHello, the session ID %s it was given. If the server still has that "
                                   "session, both reuse its master secret: no certificate, no key exchange, just "
                                   "new randoms, new keys and the two Finished messages — an abbreviated handshake."),
                                 hex);
  hl_engine_enter (client);
  hl_engine_batch_step (client, HL_STEP_STATE, hl_engine_story_of (self, HL_STORY_EVENT_HELLO, HL_ACTOR_CLIENT),
                        _("Second connection: the client offers to resume its session"), explanation);
  hl_engine_leave (client);
  hl_engine_flush (client);

  br_ssl_client_reset (&self->cc, hl_scenario_get_server_name (self->scenario), 1);
  br_ssl_server_reset (&self->sc);
}

void
hl_engine_ensure_types (void)
{
  g_type_ensure (HL_TYPE_SCENARIO);
  g_type_ensure (HL_TYPE_TRACE);
  g_type_ensure (HL_TYPE_STEP);
  g_type_ensure (HL_TYPE_FIELD);
}

HlTrace *
hl_engine_run (HlScenario *scenario,
               GError    **error)
{
  return hl_engine_run_with_costs (scenario, NULL, error);
}

/* Pumps one connection, timed when the run has costs. */
static void
pump_connection (HlEngine *self)
{
  gint64 start = self->costs != NULL ? hl_costs_now () : 0;

  if (self->costs != NULL)
    hl_costs_set_connection (self->costs, self->connection);
  pump (self);
  if (self->costs != NULL)
    hl_costs_add_connection (self->costs, self->connection, hl_costs_now () - start);
}

HlTrace *
hl_engine_run_with_costs (HlScenario *scenario,
                          HlCosts    *costs,
                          GError    **error)
{
  g_autofree HlEngine *self = NULL;
  g_autoptr(HlTrace) trace = NULL;
  gboolean ok;

  g_return_val_if_fail (HL_IS_SCENARIO (scenario), NULL);

  trace = hl_trace_new ();
  hl_trace_set_scenario_id (trace, hl_scenario_get_id (scenario));
  hl_trace_set_seed (trace, hl_scenario_get_seed (scenario));
  hl_trace_set_clock (trace, hl_scenario_get_clock (scenario));

  self = g_new0 (HlEngine, 1);
  self->scenario = scenario;
  self->trace = trace;
  self->costs = costs;
  self->signatures = hl_signature_log_new ();
  self->relations = g_array_new (FALSE, FALSE, sizeof (HlRelation));
  g_array_set_clear_func (self->relations, hl_engine_relation_clear);

  ok = setup (self, error);
  if (ok)
    {
      pump_connection (self);

      if (hl_scenario_get_resume (scenario) && connection_succeeded (self))
        {
          second_connection (self);
          pump_connection (self);
        }

      hl_engine_finish (self);
    }

  if (self->sides[HL_ACTOR_CLIENT].engine != NULL)
    {
      clear_side (&self->sides[HL_ACTOR_CLIENT]);
      clear_side (&self->sides[HL_ACTOR_SERVER]);
    }
  hl_x509_observer_clear (&self->observer);
  hl_x509_observer_clear (&self->server_observer);
  g_clear_pointer (&self->signatures, hl_signature_log_free);
  g_clear_pointer (&self->relations, g_array_unref);
  g_clear_pointer (&self->offered_session, g_bytes_unref);
  self->pki = NULL;
  g_clear_pointer (&self->wrong_key, hl_key_unref);

  if (!ok)
    return NULL;

  hl_trace_seal (trace);

  return g_steal_pointer (&trace);
}
