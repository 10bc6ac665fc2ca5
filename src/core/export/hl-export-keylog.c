/* hl-export-keylog.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-export"

#include "config.h"

#include "hl-export.h"
#include "hl-text.h"

/*
 * The key log in the SSLKEYLOGFILE format of NSS, which Wireshark and
 * OpenSSL read: one CLIENT_RANDOM line per connection.
 */

char *
hl_export_keylog (HlTrace *trace)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (HL_IS_TRACE (trace), NULL);

  /* One line per connection: a resumed one has its own client random. */
  for (guint c = 0; c < hl_trace_get_n_connections (trace); c++)
    {
      HlSecrets *client = hl_trace_get_connection_secrets (trace, c, HL_ACTOR_CLIENT);
      g_autofree char *random = NULL;
      g_autofree char *master = NULL;

      if (client->client_random == NULL || client->master_secret == NULL)
        continue;

      random = hl_text_hex_bytes (client->client_random);
      master = hl_text_hex_bytes (client->master_secret);
      g_string_append_printf (out, "CLIENT_RANDOM %s %s\n", random, master);
    }

  return g_string_free (out, FALSE);
}
