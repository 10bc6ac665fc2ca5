/* test-openssl-chains-handshake.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* OpenSSL's s_client against its s_server on 127.0.0.1, with a lesson's
 * certificates, keys, suite and clock. */

#include "config.h"

#include "test-openssl-chains.h"

/* s_client against s_server --------------------------------------------------- */

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
openssl_cipher_name (guint suite)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *iana = hl_cipher_suite_name (suite);

  run (&out, "openssl", "ciphers", "-stdname", "ALL:@SECLEVEL=0", NULL);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();

      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_ptr_array_add (parts, words[w]);
      if (parts->len >= 3 && g_strcmp0 (g_ptr_array_index (parts, 0), iana) == 0)
        return g_strdup (g_ptr_array_index (parts, 2));
    }

  g_error ("OpenSSL knows no %s", iana);
}

/* Reads what is there on the server's stdout and stderr, waiting up to
 * @timeout_ms for something.  Returns FALSE once both are at their end. */
static gboolean
read_some (int      fds[2],
           GString *out,
           int      timeout_ms)
{
  GPollFD poll_fds[2] = { { fds[0], G_IO_IN | G_IO_HUP, 0 }, { fds[1], G_IO_IN | G_IO_HUP, 0 } };
  gboolean open = FALSE;

  if (g_poll (poll_fds, 2, timeout_ms) <= 0)
    return TRUE;

  for (guint i = 0; i < 2; i++)
    {
      char buf[1024];
      gssize n;

      if (poll_fds[i].revents == 0)
        {
          open = TRUE;
          continue;
        }
      n = read (fds[i], buf, sizeof buf);
      if (n > 0)
        {
          g_string_append_len (out, buf, n);
          open = TRUE;
        }
    }

  return open;
}

/* s_server's command line: the lesson's server chain and key, and, in
 * mutual TLS, its trust store.  The side that judges (@checker) runs at
 * OpenSSL's default security level; the other is only a stand-in for the
 * lesson's peer, at level 0 so that it can serve the lesson's key
 * whatever its size. */
static GPtrArray *
s_server_argv (Lesson     *lesson,
               HlActor     checker,
               const char *cipher,
               const char *attime,
               const char *accept)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *leaf = NULL, *rest = NULL, *all = NULL;
  guint n = sent_chain (lesson, HL_ACTOR_SERVER, "hs-server", &leaf, &rest, &all);
  HlClientAuth auth = hl_scenario_get_client_auth (lesson->scenario);
  const char * const fixed[] = { "timeout", TIMEOUT, "openssl", "s_server", "-accept", accept, "-naccept", "1",
                                 "-www", "-tls1_2", "-attime", attime, "-cert", leaf };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, g_strdup (fixed[i]));
  g_ptr_array_add (argv, g_strdup ("-cipher"));
  g_ptr_array_add (argv, g_strdup_printf ("%s%s", cipher, checker == HL_ACTOR_SERVER ? "" : ":@SECLEVEL=0"));
  if (n > 1)
    {
      g_ptr_array_add (argv, g_strdup ("-cert_chain"));
      g_ptr_array_add (argv, g_strdup (rest));
    }
  g_ptr_array_add (argv, g_strdup ("-key"));
  g_ptr_array_add (argv, demo_key_path (lesson, hl_scenario_get_server_chain (lesson->scenario)[0]));
  if (auth != HL_CLIENT_AUTH_NONE)
    {
      g_ptr_array_add (argv, g_strdup (auth == HL_CLIENT_AUTH_REQUIRED ? "-Verify" : "-verify"));
      g_ptr_array_add (argv, g_strdup ("4"));
      g_ptr_array_add (argv, g_strdup ("-verify_return_error"));
      g_ptr_array_add (argv, g_strdup ("-CAfile"));
      g_ptr_array_add (argv, trust_store (lesson, "server-trust.pem", hl_scenario_get_server_trust (lesson->scenario)));
    }
  g_ptr_array_add (argv, NULL);

  return argv;
}

/* s_client's command line: the lesson's trust store and server name, and
 * its client chain and key when it has one. */
static GPtrArray *
s_client_argv (Lesson     *lesson,
               HlActor     checker,
               const char *cipher,
               const char *attime,
               const char *connect)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  const char * const *chain = hl_scenario_get_client_chain (lesson->scenario);
  const char *name = hl_scenario_get_server_name (lesson->scenario);
  const char * const fixed[] = { "timeout", TIMEOUT, "openssl", "s_client", "-connect", connect, "-tls1_2",
                                 "-attime", attime, "-verify_return_error" };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, g_strdup (fixed[i]));
  g_ptr_array_add (argv, g_strdup ("-cipher"));
  g_ptr_array_add (argv, g_strdup_printf ("%s%s", cipher, checker == HL_ACTOR_CLIENT ? "" : ":@SECLEVEL=0"));
  g_ptr_array_add (argv, g_strdup ("-CAfile"));
  g_ptr_array_add (argv, trust_store (lesson, "client-trust.pem", hl_scenario_get_client_trust (lesson->scenario)));
  if (name[0] != '\0')
    {
      g_ptr_array_add (argv, g_strdup ("-servername"));
      g_ptr_array_add (argv, g_strdup (name));
      g_ptr_array_add (argv, g_strdup ("-verify_hostname"));
      g_ptr_array_add (argv, g_strdup (name));
    }
  if (chain != NULL)
    {
      g_autofree char *leaf = NULL, *rest = NULL, *all = NULL;
      guint n = sent_chain (lesson, HL_ACTOR_CLIENT, "hs-client", &leaf, &rest, &all);

      g_ptr_array_add (argv, g_strdup ("-cert"));
      g_ptr_array_add (argv, g_strdup (leaf));
      if (n > 1)
        {
          g_ptr_array_add (argv, g_strdup ("-cert_chain"));
          g_ptr_array_add (argv, g_strdup (rest));
        }
      g_ptr_array_add (argv, g_strdup ("-key"));
      g_ptr_array_add (argv, demo_key_path (lesson, chain[0]));
    }
  g_ptr_array_add (argv, NULL);

  return argv;
}

/* One handshake of OpenSSL with itself over 127.0.0.1, with the lesson's
 * certificates, keys, suite and clock, @checker judging. */
void
openssl_handshake (Lesson    *lesson,
                   HlActor    checker,
                   Handshake *result)
{
  g_autofree char *cipher = openssl_cipher_name (hl_trace_get_cipher_suite (lesson->trace));
  g_autofree char *attime = g_strdup_printf ("%" G_GINT64_FORMAT, hl_scenario_get_clock (lesson->scenario));
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", free_port ());
  g_autoptr(GPtrArray) server_argv = s_server_argv (lesson, checker, cipher, attime, address);
  g_autoptr(GPtrArray) client_argv = s_client_argv (lesson, checker, cipher, attime, address);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) server_out = g_string_new (NULL);
  g_autofree char *client_stdout = NULL;
  g_autofree char *client_stderr = NULL;
  GPid server_pid;
  int server_pipes[2];
  int status;
  gint64 deadline;

  /* The server first; the client once it listens. */
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **)server_argv->pdata, NULL,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDIN_FROM_DEV_NULL,
                                           NULL, NULL, &server_pid, NULL, &server_pipes[0], &server_pipes[1], &error));
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (strstr (server_out->str, "ACCEPT") == NULL)
    {
      if (g_get_monotonic_time () > deadline || !read_some (server_pipes, server_out, 1000))
        g_error ("s_server did not start listening:\n%s", server_out->str);
    }

  g_assert_true (g_spawn_sync (NULL, (char **)client_argv->pdata, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                               &client_stdout, &client_stderr, &status, &error));
  g_assert_no_error (error);

  /* The server serves one connection and ends; timeout(1) ends it
   * otherwise.  Its output, to the end. */
  while (read_some (server_pipes, server_out, 30000))
    ;
  close (server_pipes[0]);
  close (server_pipes[1]);
  waitpid (server_pid, &status, 0);
  g_spawn_close_pid (server_pid);

  result->client = g_strconcat (client_stdout, client_stderr, NULL);
  result->server = g_string_free (g_steal_pointer (&server_out), FALSE);
}

/* Both ends finished the handshake.  A TLS 1.2 client has sent its
 * Finished before the server judges its certificate, so the server's count
 * tells. */
gboolean
handshake_completed (const Handshake *handshake)
{
  return strstr (handshake->client, "New, TLSv1.2, Cipher is ") != NULL &&
         strstr (handshake->server, "1 server accepts that finished") != NULL;
}
