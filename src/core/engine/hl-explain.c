/* hl-explain.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-explain"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <bearssl.h>

#include "hl-certificate.h"
#include "hl-explain.h"
#include "hl-names.h"

#define HANDSHAKE_HEADER 4
#define RANDOM_LEN       32

/* A bounds-checked reader of a handshake message body.  Once a read runs
 * past the end, every later read fails too. */
typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         at;
  gboolean      ok;
} Reader;

static gboolean
skip (Reader *r,
      gsize   n)
{
  r->ok = r->ok && n <= r->len - r->at;
  if (r->ok)
    r->at += n;
  return r->ok;
}

static guint
read_uint (Reader *r,
           guint   n)
{
  guint v = 0;

  if (!r->ok || n > r->len - r->at)
    {
      r->ok = FALSE;
      return 0;
    }

  for (guint i = 0; i < n; i++)
    v = (v << 8) | r->data[r->at++];

  return v;
}

/* A vector with an @n-byte length: its start, and the reader past it. */
static const guint8 *
read_vector (Reader *r,
             guint   n,
             gsize  *len)
{
  const guint8 *start;

  *len = read_uint (r, n);
  start = r->ok ? r->data + r->at : NULL;
  if (!skip (r, *len))
    return NULL;

  return start;
}

/* Messages ------------------------------------------------------------------ */

static char *
server_name_of (const guint8 *ext,
                gsize         len)
{
  Reader r = { ext, len, 0, TRUE };

  while (r.ok && r.at < r.len)
    {
      guint type = read_uint (&r, 2);
      gsize body_len;
      const guint8 *body = read_vector (&r, 2, &body_len);

      if (body != NULL && type == 0)
        {
          Reader names = { body, body_len, 0, TRUE };
          gsize list_len, name_len;
          const guint8 *list = read_vector (&names, 2, &list_len);
          Reader entries = { list, list_len, 0, list != NULL };
          guint name_type = read_uint (&entries, 1);
          const guint8 *name = read_vector (&entries, 2, &name_len);

          if (name != NULL && name_type == 0)
            return g_utf8_make_valid ((const char *)name, name_len);
          return g_strdup ("");
        }
    }

  return NULL;
}

static void
explain_client_hello (HlStep *step,
                      Reader *r)
{
  guint version = read_uint (r, 2);
  gsize session_len, suites_len, compression_len, extensions_len = 0;
  const guint8 *extensions = NULL;
  const char *version_name;
  g_autofree char *suites = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  const char *session;
  const char *ext_text;
  g_autofree char *ext_owned = NULL;

  skip (r, RANDOM_LEN);
  read_vector (r, 1, &session_len);
  read_vector (r, 2, &suites_len);
  read_vector (r, 1, &compression_len);
  if (r->ok && r->at < r->len)
    extensions = read_vector (r, 2, &extensions_len);
  if (!r->ok)
    return;

  version_name = hl_version_name (version);
  suites = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cipher suite", "%u cipher suites", suites_len / 2),
                            (guint)(suites_len / 2));
  if (extensions != NULL)
    name = server_name_of (extensions, extensions_len);

  hl_step_add_claim (step, HL_CLAIM_SESSION_OFFERED, session_len > 0);
  session = session_len > 0 ? _("the session ID of an earlier session, which it offers to resume")
                            : _("an empty session ID: it has no session to resume");

  hl_step_add_claim (step, HL_CLAIM_SERVER_NAME_SENT, name != NULL);
  if (extensions == NULL)
    ext_text = _("no extensions, so the server is not told which host the client wants");
  else if (name == NULL)
    ext_text = _("extensions, but no server_name: the server is not told which host the client wants");
  else
    ext_text = ext_owned = g_strdup_printf (_("extensions, among them server_name: “%s”"), name);

  /* Translators: the parts are "TLS 1.2", "2 cipher suites", a sentence
   * part on the session ID and one on the extensions. */
  text = g_strdup_printf (_("The client says hello: the highest version it supports (%s), %s in its order of "
                            "preference, 32 random bytes, %s, and %s."),
                          version_name ? version_name : "?", suites, session, ext_text);
  hl_step_set_explanation (step, text);
}

static void
explain_server_hello (HlStep *step,
                      Reader *r,
                      GBytes *offered)
{
  guint version = read_uint (r, 2);
  gsize session_len;
  const guint8 *session;
  guint suite;
  const char *version_name, *suite_name, *session_text;
  gboolean resumed;
  g_autofree char *text = NULL;

  skip (r, RANDOM_LEN);
  session = read_vector (r, 1, &session_len);
  suite = read_uint (r, 2);
  if (!r->ok)
    return;

  version_name = hl_version_name (version);
  suite_name = hl_cipher_suite_name_any (suite);
  resumed = session_len > 0 && offered != NULL && g_bytes_get_size (offered) == session_len &&
            memcmp (g_bytes_get_data (offered, NULL), session, session_len) == 0;

  hl_step_add_claim (step, HL_CLAIM_SESSION_RESUMED, resumed);
  if (resumed)
    session_text = _("the session ID the client offered: it takes up that session, so both skip the certificate "
                     "and the key exchange");
  else if (session_len > 0)
    session_text = _("a new session ID, under which the client may resume this session later");
  else
    session_text = _("an empty session ID: this session cannot be resumed");

  text = g_strdup_printf (_("The server answers: the version (%s) and the cipher suite (%s) it chose from the "
                            "client's offer, its own 32 random bytes, and %s."),
                          version_name ? version_name : "?", suite_name ? suite_name : "?", session_text);
  hl_step_set_explanation (step, text);
}

static const char *
certificate_name (HlCertificate *cert)
{
  return hl_certificate_get_common_name (cert) ? hl_certificate_get_common_name (cert)
                                               : hl_certificate_get_subject (cert);
}

static void
explain_certificate (HlStep *step,
                     Reader *r)
{
  gboolean by_client = hl_step_get_actor (step) == HL_ACTOR_CLIENT;
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify)hl_certificate_free);
  gsize list_len;
  const guint8 *list = read_vector (r, 3, &list_len);
  Reader entries = { list, list_len, 0, list != NULL };
  guint n = 0;
  GString *text;
  HlCertificate *first, *last;

  if (list == NULL)
    return;

  while (entries.ok && entries.at < entries.len)
    {
      gsize der_len;
      const guint8 *der = read_vector (&entries, 3, &der_len);
      g_autoptr(GBytes) bytes = NULL;
      HlCertificate *cert;

      if (der == NULL)
        break;
      n++;
      bytes = g_bytes_new (der, der_len);
      if ((cert = hl_certificate_new (bytes, NULL)) != NULL)
        g_ptr_array_add (certs, cert);
    }

  hl_step_add_claim (step, HL_CLAIM_CERTIFICATES_SENT, n > 0);
  if (n == 0)
    {
      hl_step_set_explanation (step, by_client
                       ? _("An empty certificate list: the client has no certificate to send. RFC 5246 §7.4.6: "
                           "“If no suitable certificate is available, the client MUST send a certificate message "
                           "containing no certificates.”")
                       : _("An empty certificate list: the server sends no certificate."));
      return;
    }

  /* Names come from the certificates themselves; a certificate that does
   * not parse gets its decoding error in the fields instead. */
  if (certs->len != n)
    {
      g_autofree char *plain = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "The sender's certificate chain: %u certificate.",
                                                             "The sender's certificate chain: %u certificates.", n),
                                                n);

      hl_step_set_explanation (step, plain);
      return;
    }

  first = g_ptr_array_index (certs, 0);
  last = g_ptr_array_index (certs, certs->len - 1);
  text = g_string_new (NULL);

  if (n == 1)
    g_string_append_printf (text, by_client ? _("The client's certificate chain: one certificate, its own (“%s”).")
                                            : _("The server's certificate chain: one certificate, its own (“%s”)."),
                            certificate_name (first));
  else
    g_string_append_printf (text, by_client ? _("The client's certificate chain: %u certificates, its own (“%s”) "
                                                "first, then the CA certificates that issued it.")
                                            : _("The server's certificate chain: %u certificates, its own (“%s”) "
                                                "first, then the CA certificates that issued it."),
                            n, certificate_name (first));

  /* Self-issued is not self-signed (RFC 5280 section 3.2). */
  if (g_bytes_equal (hl_certificate_get_issuer_der (last), hl_certificate_get_subject_der (last)) &&
      !hl_certificate_verify_signature (last, last, NULL))
    {
      hl_step_add_claim (step, HL_CLAIM_ENDS_SELF_SIGNED, FALSE);
      g_string_append_printf (text, _(" The last one, “%s”, names itself as its issuer, but its signature does not "
                                      "verify with its own key: it is self-issued, not self-signed, and the key "
                                      "that signed it is not in this chain."),
                              certificate_name (last));
    }
  else if (g_bytes_equal (hl_certificate_get_issuer_der (last), hl_certificate_get_subject_der (last)))
    {
      hl_step_add_claim (step, HL_CLAIM_ENDS_SELF_SIGNED, TRUE);
      g_string_append_printf (text, n == 1 ? _(" It is self-signed: it vouches only for itself, so a peer can "
                                               "accept it only if it already trusts this very certificate.")
                                           : _(" The last one, “%s”, is self-signed: it vouches only for itself, "
                                               "so a peer can accept it only if it already trusts it as a root."),
                              certificate_name (last));
    }
  else
    {
      hl_step_add_claim (step, HL_CLAIM_ENDS_SELF_SIGNED, FALSE);
      g_string_append_printf (text, by_client ? _(" The last one was issued by “%s”, which the client does not "
                                                  "send: the receiver must have that certificate already.")
                                              : _(" The last one was issued by “%s”, which the server does not "
                                                  "send: the receiver must have that certificate already."),
                              hl_certificate_get_issuer (last));
    }

  hl_step_set_explanation (step, text->str);
  g_string_free (text, TRUE);
}

/* What the signature proves is said once it has been checked
 * (hl_recompute_signatures()). */
static void
explain_server_key_exchange (HlStep *step,
                             Reader *r)
{
  guint curve_type = read_uint (r, 1);
  guint curve = read_uint (r, 2);
  gsize point_len;
  const char *curve_name;
  g_autofree char *text = NULL;

  read_vector (r, 1, &point_len);
  if (!r->ok || curve_type != 3)
    return;

  curve_name = hl_named_group_name (curve);
  hl_step_add_claim (step, HL_CLAIM_EPHEMERAL_KEY_EXCHANGE, TRUE);
  text = g_strdup_printf (_("The server's ephemeral key share, a point on %s (%u bytes) made for this handshake "
                            "only, and the server's signature over it and both randoms."),
                          curve_name ? curve_name : "?", (guint)point_len);
  hl_step_set_explanation (step, text);
}

static void
explain_certificate_request (HlStep *step,
                             Reader *r,
                             guint   version)
{
  gsize types_len, algorithms_len, names_len;
  const guint8 *names;
  Reader list;
  guint n = 0;
  g_autofree char *text = NULL;

  read_vector (r, 1, &types_len);
  if (version >= 0x0303)
    read_vector (r, 2, &algorithms_len);
  names = read_vector (r, 2, &names_len);
  if (names == NULL)
    return;

  list = (Reader) { names, names_len, 0, TRUE };
  while (list.ok && list.at < list.len)
    {
      gsize dn_len;

      if (read_vector (&list, 2, &dn_len) != NULL)
        n++;
    }

  hl_step_add_claim (step, HL_CLAIM_CA_NAMES_SENT, n > 0);
  if (n == 0)
    text = g_strdup (_("The server asks the client for a certificate and names no CA: the client may send any."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The server asks the client for a certificate and names the %u CA it "
                                         "accepts client certificates from.",
                                         "The server asks the client for a certificate and names the %u CAs it "
                                         "accepts client certificates from.", n),
                            n);
  hl_step_set_explanation (step, text);
}

static void
explain_client_key_exchange (HlStep                *step,
                             gsize                  body_len,
                             const HlDecodeContext *context)
{
  HlStoryKind kind = hl_story_kind_for_suite (context->cipher_suite);
  g_autofree char *text = NULL;

  if (kind == HL_STORY_RSA)
    {
      hl_step_add_claim (step, HL_CLAIM_RSA_KEY_EXCHANGE, TRUE);
      /* TLS 1.0 and later put a two-byte length before the ciphertext. */
      text = g_strdup_printf (_("The client's key exchange: the pre-master secret, encrypted with the server's RSA "
                                "public key (%u bytes). An eavesdropper sees these bytes but cannot decrypt them "
                                "without the server's private key."),
                              (guint)(body_len > 2 ? body_len - 2 : 0));
    }
  else if (kind == HL_STORY_ECDHE || kind == HL_STORY_ECDH)
    {
      hl_step_add_claim (step, HL_CLAIM_RSA_KEY_EXCHANGE, FALSE);
      text = g_strdup_printf (_("The client's key exchange: its ephemeral public point (%u bytes). An eavesdropper "
                                "sees it, but cannot compute the shared secret from the public points alone."),
                              (guint)(body_len > 1 ? body_len - 1 : 0));
    }
  else
    text = g_strdup (_("The client's key exchange."));

  hl_step_set_explanation (step, text);
}

void
hl_explain_handshake_message (HlStep                *step,
                              const HlDecodeContext *context,
                              GBytes                *offered_session)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (hl_step_get_bytes (step), &len);
  gsize header = hl_step_get_header_length (step);
  Reader r;

  /* The record's header, when the message opens its record, comes first. */
  p += header;
  len -= MIN (len, header);
  r = (Reader) { p + HANDSHAKE_HEADER, len >= HANDSHAKE_HEADER ? len - HANDSHAKE_HEADER : 0, 0,
                 len >= HANDSHAKE_HEADER };
  if (!r.ok)
    return;

  switch (p[0])
    {
    case 0:
      hl_step_set_explanation (step, _("The server asks the client to start a new handshake."));
      break;
    case 1:
      explain_client_hello (step, &r);
      break;
    case 2:
      explain_server_hello (step, &r, offered_session);
      break;
    case 11:
      explain_certificate (step, &r);
      break;
    case 12:
      explain_server_key_exchange (step, &r);
      break;
    case 13:
      explain_certificate_request (step, &r, context->version);
      break;
    case 14:
      hl_step_set_explanation (step, _("The server has said everything for now; it waits for the client's answer."));
      break;
    case 15:
      hl_step_set_explanation (step, _("The client signs the handshake so far, to prove that it holds the private key "
                               "of its certificate."));
      break;
    case 16:
      explain_client_key_exchange (step, r.len, context);
      break;
    case 20:
      hl_step_set_explanation (step, _("The first message under the new keys: verify_data computed over the whole "
                               "handshake. The peer computes it again from its own view of the handshake and "
                               "accepts the message only if the two values match."));
      break;
    default:
      break;
    }
}

/* Key agreement -------------------------------------------------------------- */

static gboolean
same (GBytes *a,
      GBytes *b)
{
  return a != NULL && b != NULL && g_bytes_equal (a, b);
}

static const char *
side_name (HlActor side)
{
  return side == HL_ACTOR_CLIENT ? _("client") : _("server");
}

void
hl_explain_master_secret (HlStep          *step,
                          HlActor          side,
                          const HlSecrets *own,
                          const HlSecrets *peer)
{
  const char *formula = _("master secret = PRF(pre-master secret, \"master secret\", client random ‖ server random), "
                          "48 bytes.");
  HlActor other = side == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT;
  gboolean same_pms, same_randoms, same_master;
  g_autofree char *text = NULL;
  const char *relation;

  if (peer->master_secret == NULL || peer->pre_master_secret == NULL)
    {
      /* Translators: %s is "client" or "server" */
      text = g_strdup_printf (_("%s The %s never derived one, so there is nothing to compare it with."),
                              formula, side_name (other));
      hl_step_set_explanation (step, text);
      return;
    }

  same_pms = same (own->pre_master_secret, peer->pre_master_secret);
  same_randoms = same (own->client_random, peer->client_random) && same (own->server_random, peer->server_random);
  same_master = same (own->master_secret, peer->master_secret);

  hl_step_add_claim (step, HL_CLAIM_SAME_PRE_MASTER_SECRET, same_pms);
  hl_step_add_claim (step, HL_CLAIM_SAME_RANDOMS, same_randoms);
  hl_step_add_claim (step, HL_CLAIM_SAME_MASTER_SECRET, same_master);

  if (same_pms && same_randoms && same_master)
    relation = _("Both sides hold the same pre-master secret and saw the same randoms, so both arrive at the same "
                 "master secret without ever sending it.");
  else if (same_pms && !same_randoms && !same_master)
    relation = !same (own->server_random, peer->server_random)
               ? _("Both sides hold the same pre-master secret, but not the same server random: what the client "
                   "received is not what the server sent. So the two master secrets differ, and so will every key "
                   "derived from them.")
               : _("Both sides hold the same pre-master secret, but not the same client random: what the server "
                   "received is not what the client sent. So the two master secrets differ, and so will every key "
                   "derived from them.");
  else if (!same_pms && same_randoms && !same_master)
    relation = _("The two sides saw the same randoms but hold different pre-master secrets, so their master "
                 "secrets differ, and so will every key derived from them.");
  else if (!same_pms && !same_randoms && !same_master)
    relation = _("The two sides hold different pre-master secrets and saw different randoms, so their master "
                 "secrets differ.");
  else
    relation = same_master ? _("The two sides arrive at the same master secret.")
                           : _("The two sides arrive at different master secrets.");

  text = g_strdup_printf ("%s %s", formula, relation);
  hl_step_set_explanation (step, text);
}

void
hl_explain_rsa_decryption (HlStep          *step,
                           GBytes          *decrypted,
                           const HlSecrets *client)
{
  const char *base = _("The server applies its RSA private key, checks the 00 02 … 00 padding and keeps the last "
                       "48 bytes.");
  g_autofree char *text = NULL;

  if (client->pre_master_secret == NULL)
    {
      hl_step_set_explanation (step, base);
      return;
    }

  hl_step_add_claim (step, HL_CLAIM_SAME_PRE_MASTER_SECRET, same (decrypted, client->pre_master_secret));
  text = g_strdup_printf ("%s %s", base,
                          same (decrypted, client->pre_master_secret)
                          ? _("They are the pre-master secret the client made: only this private key could "
                              "recover them.")
                          : _("They are not the pre-master secret the client made: this private key does not "
                              "belong to the public key the client encrypted to."));
  hl_step_set_explanation (step, text);
}

void
hl_explain_key_pair (HlStep      *step,
                     HlActor      side,
                     HlStoryKind  kind)
{
  const char *text;

  hl_step_add_claim (step, HL_CLAIM_EPHEMERAL_KEY_EXCHANGE, kind == HL_STORY_ECDHE);

  if (side == HL_ACTOR_SERVER)
    text = _("A fresh random private number and the curve point it gives (private number × G), made for this "
             "handshake only. Only the point is sent, signed; the private number is forgotten afterwards, which "
             "keeps this session safe even if the certificate's key leaks later (forward secrecy).");
  else if (kind == HL_STORY_ECDHE)
    text = _("A fresh random private number, drawn just now, and the curve point it gives (private number × G). "
             "BearSSL computes the point right after the shared secret below, in the same call; only the point "
             "is sent. Both sides forget their private numbers after this handshake, which keeps the session "
             "safe even if the certificate's key leaks later (forward secrecy).");
  else
    text = _("A fresh random private number, drawn just now, and the curve point it gives (private number × G). "
             "BearSSL computes the point right after the shared secret below, in the same call; only the point "
             "is sent. The server's share is the key in its certificate, not a fresh one: whoever steals that "
             "key later can redo the server's multiplication with the recorded point, so this session is not "
             "forward secret.");

  hl_step_set_explanation (step, text);
}

void
hl_explain_shared_secret (HlStep          *step,
                          HlActor          side,
                          HlStoryKind      kind,
                          const HlSecrets *own,
                          const HlSecrets *peer)
{
  const char *what, *why;
  g_autofree char *text = NULL;

  if (side == HL_ACTOR_CLIENT)
    what = kind == HL_STORY_ECDH
           ? _("The client multiplies the server's public point, the key in its certificate, by its own private "
               "number. The X coordinate of the result is the pre-master secret.")
           : _("The client multiplies the server's public point from ServerKeyExchange by its own private number. "
               "The X coordinate of the result is the pre-master secret.");
  else
    what = kind == HL_STORY_ECDH
           ? _("The server multiplies the client's public point by the private key of its certificate. The X "
               "coordinate of the result is the pre-master secret.")
           : _("The server multiplies the client's public point by its own ephemeral private number. The X "
               "coordinate of the result is the pre-master secret.");

  if (peer->ecdh_shared == NULL)
    {
      text = g_strdup_printf (_("%s The %s never computed its side, so there is nothing to compare it with."),
                              what, side_name (side == HL_ACTOR_CLIENT ? HL_ACTOR_SERVER : HL_ACTOR_CLIENT));
      hl_step_set_explanation (step, text);
      return;
    }

  hl_step_add_claim (step, HL_CLAIM_SAME_SHARED_SECRET, same (own->ecdh_shared, peer->ecdh_shared));
  if (same (own->ecdh_shared, peer->ecdh_shared))
    why = _("Both sides land on the same point. An eavesdropper sees both public points but cannot do this "
            "multiplication without one of the private numbers.");
  else if (same (own->ecdh_peer_public, peer->ecdh_public))
    why = side == HL_ACTOR_CLIENT
          ? _("The two sides land on different points: the client multiplied exactly the point the server made, "
              "but the point the server multiplied is not the one the client made.")
          : _("The two sides land on different points: the server multiplied exactly the point the client made, "
              "but the point the client multiplied is not the one the server made.");
  else
    why = side == HL_ACTOR_CLIENT
          ? _("The two sides land on different points: the point the client multiplied is not the one the server "
              "made.")
          : _("The two sides land on different points: the point the server multiplied is not the one the client "
              "made.");
  text = g_strdup_printf ("%s %s", what, why);
  hl_step_set_explanation (step, text);
}

/* Failures ------------------------------------------------------------------- */

char *
hl_explain_other_stacks (const HlOtherStacks *others)
{
  GString *text = g_string_new (NULL);

  if (others->openssl != NULL)
    {
      if (g_str_has_prefix (others->openssl, "alert:"))
        g_string_append_printf (text, _("OpenSSL 3.0 as Debian 12 ships it, in the same place, sends the fatal alert %s."),
                                others->openssl + strlen ("alert:"));
      else if (strcmp (others->openssl, "accepts") == 0)
        g_string_append (text, _("OpenSSL 3.0 as Debian 12 ships it accepts the same certificate and completes the handshake."));
      else
        g_string_append_printf (text, _("OpenSSL 3.0 as Debian 12 ships it rejects the same certificate with %s."), others->openssl);
    }

  if (others->chrome != NULL || others->firefox != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      if (others->chrome != NULL && others->firefox != NULL)
        g_string_append_printf (text, _("Chrome shows %s and Firefox %s (error names from %s)."),
                                others->chrome, others->firefox, others->browser_source);
      else if (others->chrome != NULL)
        g_string_append_printf (text, _("Chrome shows %s (error name from %s)."),
                                others->chrome, others->browser_source);
      else
        g_string_append_printf (text, _("Firefox shows %s (error name from %s)."),
                                others->firefox, others->browser_source);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

void
hl_explain_failure (HlStep              *step,
                    int                  error,
                    const char          *detail,
                    gboolean             server_checked_client,
                    gboolean             peer_waiting,
                    const HlOtherStacks *others)
{
  g_autofree char *why = hl_error_describe (error);
  g_autofree char *elsewhere = hl_explain_other_stacks (others);
  GString *text = g_string_new (NULL);
  const char *fix = NULL;
  int alert;

  if (error >= BR_ERR_SEND_FATAL_ALERT)
    g_string_append_printf (text, "%s.", why);
  else if (error >= BR_ERR_RECV_FATAL_ALERT)
    g_string_append_printf (text, _("%s. It stops as the alert demands."), why);
  else
    {
      hl_step_add_claim (step, HL_CLAIM_PEER_WAITING, peer_waiting);
      g_string_append_printf (text, peer_waiting
                                    ? _("%s. BearSSL closed the connection without sending an alert, so its peer is "
                                        "never told and is left waiting.")
                                    : _("%s. BearSSL closed the connection without sending an alert."),
                              why);
      if (detail != NULL)
        g_string_append_printf (text, " %s", detail);

      if (error == BR_ERR_NO_CLIENT_AUTH)
        g_string_append (text, _(" RFC 5246 §7.4.6: “If the client does not send any certificates, the server MAY at "
                                 "its discretion either continue the handshake without client authentication, or "
                                 "respond with a fatal handshake_failure alert.”"));
      else if (server_checked_client)
        g_string_append (text, _(" RFC 5246 §7.4.6: “if some aspect of the certificate chain was unacceptable "
                                 "(e.g., it was not signed by a known, trusted CA), the server MAY at its discretion "
                                 "either continue the handshake (considering the client unauthenticated) or send a "
                                 "fatal alert.”"));

      /* protocol_version is defined as a server's refusal. */
      if (hl_error_advice (error, &alert, &fix) && error != BR_ERR_NO_CLIENT_AUTH &&
          alert == 70 && hl_step_get_actor (step) == HL_ACTOR_CLIENT)
        g_string_append (text, _(" RFC 5246 §7.2.2 defines protocol_version (70) for a version the client attempted "
                                 "to negotiate, which is the server's refusal; none of its alerts is defined for "
                                 "a client that reads a version it does not know."));
      else if (hl_error_advice (error, &alert, &fix) && error != BR_ERR_NO_CLIENT_AUTH &&
          hl_alert_rfc_description (alert) != NULL)
        g_string_append_printf (text, _(" Of the alerts RFC 5246 §7.2.2 defines, %s (%d) describes this: “%s”"),
                                hl_alert_name (alert), alert, hl_alert_rfc_description (alert));
    }

  if (elsewhere != NULL)
    g_string_append_printf (text, " %s", elsewhere);

  if (others->fix != NULL)
    fix = g_dgettext (GETTEXT_PACKAGE, others->fix);
  else if (fix == NULL)
    hl_error_advice (error, &alert, &fix);
  if (fix != NULL)
    g_string_append_printf (text, _(" The fix: %s"), fix);

  hl_step_set_explanation (step, text->str);
  g_string_free (text, TRUE);
}
