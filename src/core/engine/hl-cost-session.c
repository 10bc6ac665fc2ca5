/* hl-cost-session.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-costs"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hl-cost-private.h"
#include "hl-pki.h"

/*
 * The bulk figures of `handshake-lab-cli costs`: a BearSSL client and
 * server, set up as BearSSL's defaults do (br_ssl_client_init_full,
 * br_ssl_server_init_full_rsa) with the certificates of the lesson
 * ecdhe-rsa, agree on one cipher suite in memory; the client then sends
 * application data, which the server reads.  Nothing is recorded: this is
 * BearSSL alone.
 */

#define MAX_ROUNDS 1000

struct _HlCostSession
{
  br_ssl_client_context   cc;
  br_x509_minimal_context xc;
  br_ssl_server_context   sc;
  unsigned char           client_buf[BR_SSL_BUFSIZE_BIDI];
  unsigned char           server_buf[BR_SSL_BUFSIZE_BIDI];
  unsigned char          *data;
  gsize                   bytes;
};

/* Moves what @from wants to send into @to's input. */
static gboolean
move (br_ssl_engine_context *from,
      br_ssl_engine_context *to)
{
  gboolean progress = FALSE;
  unsigned char *out;
  size_t len;

  while ((out = br_ssl_engine_sendrec_buf (from, &len)) != NULL)
    {
      size_t room;
      unsigned char *in = br_ssl_engine_recvrec_buf (to, &room);
      size_t n;

      if (in == NULL)
        break;
      n = MIN (len, room);
      memcpy (in, out, n);
      br_ssl_engine_sendrec_ack (from, n);
      br_ssl_engine_recvrec_ack (to, n);
      progress = TRUE;
    }

  return progress;
}

HlCostSession *
hl_cost_session_new (HlScenario *scenario,
                     guint16     suite,
                     gsize       bytes,
                     GError    **error)
{
  g_autoptr(HlCostSession) self = g_new0 (HlCostSession, 1);
  HlPki *pki;
  const br_x509_certificate *chain;
  const br_x509_trust_anchor *anchors;
  gsize n_chain, n_anchors;
  gint64 clock = hl_scenario_get_clock (scenario);
  br_ssl_session_parameters params;

  if (!(pki = hl_scenario_get_pki (scenario, error)) ||
      !(chain = hl_pki_get_chain (pki, hl_scenario_get_server_chain (scenario), &n_chain, error)) ||
      !(anchors = hl_pki_get_trust_anchors (pki, hl_scenario_get_client_trust (scenario), &n_anchors, error)))
    return NULL;

  br_ssl_client_init_full (&self->cc, &self->xc, anchors, n_anchors);
  br_ssl_engine_set_suites (&self->cc.eng, &suite, 1);
  br_x509_minimal_set_time (&self->xc, (uint32_t)(719528 + clock / 86400), (uint32_t)(clock % 86400));
  br_ssl_server_init_full_rsa (&self->sc, chain, n_chain,
                               hl_key_get_rsa (hl_pki_get_key (pki, hl_scenario_get_server_chain (scenario)[0])));
  br_ssl_engine_set_buffer (&self->cc.eng, self->client_buf, sizeof self->client_buf, 1);
  br_ssl_engine_set_buffer (&self->sc.eng, self->server_buf, sizeof self->server_buf, 1);
  br_ssl_client_reset (&self->cc, hl_scenario_get_server_name (scenario), 0);
  br_ssl_server_reset (&self->sc);

  for (guint round = 0; round < MAX_ROUNDS; round++)
    if (!(move (&self->cc.eng, &self->sc.eng) | move (&self->sc.eng, &self->cc.eng)))
      break;

  br_ssl_engine_get_session_parameters (&self->cc.eng, &params);
  if (!(br_ssl_engine_current_state (&self->cc.eng) & BR_SSL_SENDAPP) || params.cipher_suite != suite)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("BearSSL did not agree on cipher suite 0x%04x: error %d (client), %d (server)"), suite,
                   br_ssl_engine_last_error (&self->cc.eng), br_ssl_engine_last_error (&self->sc.eng));
      return NULL;
    }

  self->bytes = bytes;
  self->data = g_malloc (MIN (bytes, BR_SSL_BUFSIZE_BIDI));
  memset (self->data, 'x', MIN (bytes, BR_SSL_BUFSIZE_BIDI));

  return g_steal_pointer (&self);
}

void
hl_cost_session_free (HlCostSession *self)
{
  if (self == NULL)
    return;

  g_free (self->data);
  g_free (self);
}

br_ssl_engine_context *
hl_cost_session_get_engine (HlCostSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->cc.eng;
}

gboolean
hl_cost_session_transfer (HlCostSession *self)
{
  br_ssl_engine_context *client = &self->cc.eng;
  br_ssl_engine_context *server = &self->sc.eng;
  gsize sent = 0, received = 0;

  while (received < self->bytes)
    {
      unsigned char *buf;
      size_t len;
      gboolean progress = FALSE;

      if (sent < self->bytes && (buf = br_ssl_engine_sendapp_buf (client, &len)) != NULL)
        {
          size_t n = MIN (len, MIN (self->bytes - sent, BR_SSL_BUFSIZE_BIDI));

          memcpy (buf, self->data, n);
          br_ssl_engine_sendapp_ack (client, n);
          sent += n;
          if (sent == self->bytes)
            br_ssl_engine_flush (client, 0);
          progress = TRUE;
        }
      progress |= move (client, server);
      while ((buf = br_ssl_engine_recvapp_buf (server, &len)) != NULL)
        {
          received += len;
          br_ssl_engine_recvapp_ack (server, len);
          progress = TRUE;
        }
      progress |= move (server, client);
      if (!progress)
        return FALSE;
    }

  return TRUE;
}
