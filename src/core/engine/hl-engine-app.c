/* hl-engine-app.c
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

/*
 * After the handshake the client sends an HTTP/1.1 GET request, the
 * server answers, and the client closes once the whole response is in.
 */

/* Gives the engine the next part of side->app_out, as much as one record
 * holds (the engine's room: 16384 bytes at most), and flushes it: each
 * record carries one part, and the trace knows which.  The engine takes
 * more once the peer has been fed that record, in a later round; once it
 * has taken it all, side->app_out is cleared.
 * Returns whether the engine took anything. */
static gboolean
write_app (HlSide *side)
{
  gsize total;
  const guint8 *data = g_bytes_get_data (side->app_out, &total);
  unsigned char *buf;
  size_t room;
  gsize n = 0;

  hl_engine_enter (side);
  buf = br_ssl_engine_sendapp_buf (side->eng, &room);
  if (buf != NULL && room > 0)
    {
      n = MIN (room, total - side->app_out_done);
      memcpy (buf, data + side->app_out_done, n);
      br_ssl_engine_sendapp_ack (side->eng, n);
      br_ssl_engine_flush (side->eng, 0);
      g_queue_push_tail (&side->plaintexts, g_bytes_new_from_bytes (side->app_out, side->app_out_done, n));
      side->app_out_done += n;
    }
  hl_engine_note_state (side);
  hl_engine_leave (side);

  if (side->app_out_done == total)
    {
      g_clear_pointer (&side->app_out, g_bytes_unref);
      side->app_out_done = 0;
    }

  return n > 0;
}

static const char *
find_header_end (GByteArray *data)
{
  if (data->len == 0)
    return NULL;

  return g_strstr_len ((const char *)data->data, data->len, "\r\n\r\n");
}

static gboolean
response_complete (GByteArray *data)
{
  const char *end = find_header_end (data);
  g_autofree char *headers = NULL;
  g_autofree char *value = NULL;
  const char *cl;
  guint64 length;

  if (end == NULL)
    return FALSE;

  headers = g_ascii_strdown ((const char *)data->data, end - (const char *)data->data);
  cl = strstr (headers, "\r\ncontent-length:");
  if (cl == NULL)
    return FALSE;

  cl += strlen ("\r\ncontent-length:");
  value = g_strndup (cl, strcspn (cl, "\r"));
  if (!g_ascii_string_to_unsigned (g_strstrip (value), 10, 0, 65536, &length, NULL))
    return FALSE;

  return (gsize)(end + 4 - (const char *)data->data) + length <= data->len;
}

gboolean
hl_engine_run_app (HlSide *side)
{
  HlEngine *self = side->engine;
  gboolean progress = FALSE;
  unsigned state = br_ssl_engine_current_state (side->eng);

  if ((state & BR_SSL_RECVAPP) != 0)
    {
      unsigned char *buf;
      size_t len;

      hl_engine_enter (side);
      while ((buf = br_ssl_engine_recvapp_buf (side->eng, &len)) != NULL)
        {
          g_byte_array_append (side->app_in, buf, len);
          br_ssl_engine_recvapp_ack (side->eng, len);
          progress = TRUE;
        }
      hl_engine_note_state (side);
      hl_engine_leave (side);
    }

  state = br_ssl_engine_current_state (side->eng);
  if ((state & BR_SSL_CLOSED) != 0 || !side->handshake_done)
    return progress;

  if (side->actor == HL_ACTOR_CLIENT && !side->request_sent && (state & BR_SSL_SENDAPP) != 0)
    {
      if (side->app_out == NULL)
        {
          char *request = g_strdup_printf ("GET %s HTTP/1.1\r\n"
                                           "Host: %s\r\n"
                                           "User-Agent: handshake-lab/" PACKAGE_VERSION "\r\n"
                                           "Connection: close\r\n"
                                           "\r\n",
                                           hl_scenario_get_request_path (self->scenario),
                                           hl_scenario_get_server_name (self->scenario));

          side->app_out = g_bytes_new_take (request, strlen (request));
        }

      progress = write_app (side);
      side->request_sent = side->app_out == NULL;
    }
  else if (side->actor == HL_ACTOR_SERVER && !side->response_sent &&
           find_header_end (side->app_in) != NULL && (state & BR_SSL_SENDAPP) != 0)
    {
      static const char body[] = "Hello from the Handshake Lab server.\n"
                                 "This text crossed the wire encrypted.\n";

      if (side->app_out == NULL)
        {
          char *response = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                            "Content-Type: text/plain; charset=utf-8\r\n"
                                            "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                            "Connection: close\r\n"
                                            "\r\n"
                                            "%s",
                                            sizeof body - 1, body);

          side->app_out = g_bytes_new_take (response, strlen (response));
        }

      progress = write_app (side);
      side->response_sent = side->app_out == NULL;
    }
  else if (side->actor == HL_ACTOR_CLIENT && side->request_sent && !side->close_called &&
           response_complete (side->app_in))
    {
      self->response_complete = TRUE;
      side->close_called = TRUE;
      hl_engine_enter (side);
      br_ssl_engine_close (side->eng);
      hl_engine_note_state (side);
      hl_engine_leave (side);
      progress = TRUE;
    }

  return progress;
}
