/* hl-recompute-signature.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-recompute"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <bearssl.h>

#include "hl-certificate.h"
#include "hl-names.h"
#include "hl-recompute.h"

/*
 * The handshake's signatures, checked again.
 *
 * A ServerKeyExchange is signed over client random ‖ server random ‖
 * ServerECDHParams (RFC 5246 §7.4.3, RFC 8422 §5.4), a CertificateVerify
 * over every handshake message before it (RFC 5246 §7.4.8).  Each is
 * checked as the verifying side received the messages (its peer's records
 * as the network delivered them), with the public key of the first
 * certificate its peer sent in the same connection.  The hash is the one
 * the message's signature algorithm names in TLS 1.2; before, MD5 ‖ SHA-1
 * for RSA and SHA-1 for ECDSA (RFC 4346 §7.4.3, RFC 4492 §5.10).  Hashes
 * are GLib's; the RSA and ECDSA verification is BearSSL's primitives'
 * (hl_certificate_verify_hash_logged()), called here on bytes this file
 * cut out of the records itself, or, when the engine made that very call
 * during the run, its result taken from the run's log
 * (hl-signature-log.h).
 */

#define RECORD_HEADER    5
#define HANDSHAKE_HEADER 4
#define RANDOM_LEN       32

typedef struct
{
  HlActor  sender;
  guint8   type;
  GBytes  *message;      /* its header included */
} Message;

/* What one check found. */
typedef struct
{
  gboolean       checked;
  gboolean       verifies;
  const char    *problem;        /* why it could not be checked */
  const char    *hash_name;
  GBytes        *hash;
  HlCertificate *certificate;    /* whose key checked it */
  int            as_sent;        /* when it does not verify: over the bytes as the signer sent them, whether it
                                  * does; -1 when that was not checked */
} Check;

/* The ids of one message's fields. */
typedef struct
{
  guint8      type;
  HlActor     signer;
  const char *root;
  const char *signed_bytes;
  const char *hash;
  const char *key;
  const char *as_sent;
} CheckIds;

static const CheckIds ske_ids = {
  12, HL_ACTOR_SERVER, "ske.signature_check", "ske.signature_check.signed", "ske.signature_check.hash",
  "ske.signature_check.key", "ske.signature_check.as_sent"
};
static const CheckIds cv_ids = {
  15, HL_ACTOR_CLIENT, "cv.signature_check", "cv.signature_check.signed", "cv.signature_check.hash",
  "cv.signature_check.key", "cv.signature_check.as_sent"
};

static void
message_clear (gpointer data)
{
  Message *m = data;

  g_bytes_unref (m->message);
}

static void
check_clear (Check *check)
{
  g_clear_pointer (&check->hash, g_bytes_unref);
  g_clear_pointer (&check->certificate, hl_certificate_free);
}

/* The plaintext handshake messages of @connection as @verifier saw them,
 * in wire order: its own as it sent them, its peer's as delivered. */
static GArray *
view_of (HlTrace *trace,
         guint    connection,
         HlActor  verifier)
{
  GArray *messages = g_array_new (FALSE, TRUE, sizeof (Message));
  GByteArray *streams[2] = { g_byte_array_new (), g_byte_array_new () };

  g_array_set_clear_func (messages, message_clear);
  for (guint i = 0; i < hl_trace_get_n_records (trace); i++)
    {
      const HlRecord *record = hl_trace_get_record (trace, i);
      GBytes *bytes = record->sender != verifier && record->tampered != NULL ? record->tampered : record->bytes;
      GByteArray *s = streams[record->sender == HL_ACTOR_CLIENT ? 0 : 1];
      gsize len;
      const guint8 *p = g_bytes_get_data (bytes, &len);

      if (record->connection != connection || record->content_type != 22 || record->encrypted ||
          len < RECORD_HEADER)
        continue;

      g_byte_array_append (s, p + RECORD_HEADER, len - RECORD_HEADER);
      while (s->len >= HANDSHAKE_HEADER)
        {
          gsize size = HANDSHAKE_HEADER + (((gsize)s->data[1] << 16) | ((gsize)s->data[2] << 8) | s->data[3]);
          Message m;

          if (s->len < size)
            break;
          m.sender = record->sender;
          m.type = s->data[0];
          m.message = g_bytes_new (s->data, size);
          g_array_append_val (messages, m);
          g_byte_array_remove_range (s, 0, size);
        }
    }

  g_byte_array_unref (streams[0]);
  g_byte_array_unref (streams[1]);
  return messages;
}

/* The last message of @type from @sender before position @before, or -1. */
static int
find_message (GArray  *messages,
              guint    before,
              HlActor  sender,
              guint8   type)
{
  int found = -1;

  for (guint i = 0; i < before && i < messages->len; i++)
    {
      Message *m = &g_array_index (messages, Message, i);

      if (m->sender == sender && m->type == type)
        found = i;
    }

  return found;
}

static const guint8 *
body_of (GArray *messages,
         int     position,
         gsize  *len)
{
  const guint8 *p;

  if (position < 0)
    return NULL;
  p = g_bytes_get_data (g_array_index (messages, Message, position).message, len);
  *len -= HANDSHAKE_HEADER;
  return p + HANDSHAKE_HEADER;
}

/* The first certificate of a Certificate message, or %NULL. */
static HlCertificate *
first_certificate (const guint8 *body,
                   gsize         len)
{
  gsize cert_len;
  g_autoptr(GBytes) der = NULL;

  if (body == NULL || len < 6)
    return NULL;
  cert_len = ((gsize)body[3] << 16) | ((gsize)body[4] << 8) | body[5];
  if (cert_len == 0 || cert_len > len - 6)
    return NULL;
  der = g_bytes_new (body + 6, cert_len);
  return hl_certificate_new (der, NULL);
}

/* Hashes @data as a signature with TLS 1.2's HashAlgorithm @hash asks, or
 * with @hash 0 as TLS 1.0 and 1.1 sign for the key of @rsa. */
static GBytes *
hash_for_signature (GBytes      *data,
                    guint        hash,
                    gboolean     rsa,
                    const char **name)
{
  GChecksumType types[2];
  guint n = 1;
  GByteArray *out = g_byte_array_new ();

  switch (hash)
    {
    case 0:
      *name = rsa ? "MD5 ‖ SHA-1" : "SHA-1";
      types[0] = rsa ? G_CHECKSUM_MD5 : G_CHECKSUM_SHA1;
      types[1] = G_CHECKSUM_SHA1;
      n = rsa ? 2 : 1;
      break;
    case 2: *name = "SHA-1"; types[0] = G_CHECKSUM_SHA1; break;
    case 4: *name = "SHA-256"; types[0] = G_CHECKSUM_SHA256; break;
    case 5: *name = "SHA-384"; types[0] = G_CHECKSUM_SHA384; break;
    case 6: *name = "SHA-512"; types[0] = G_CHECKSUM_SHA512; break;
    default:
      g_byte_array_unref (out);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (types[i]);
      guint8 digest[64];
      gsize digest_len = sizeof digest;

      g_checksum_update (sum, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
      g_checksum_get_digest (sum, digest, &digest_len);
      g_byte_array_append (out, digest, digest_len);
    }

  return g_byte_array_free_to_bytes (out);
}

/* Checks the digitally-signed struct at @sig (RFC 5246 §4.7) over
 * @signed_bytes with @certificate's key; takes @certificate. */
static void
check_signature (Check          *check,
                 HlCertificate  *certificate,
                 GBytes         *signed_bytes,
                 const guint8   *sig,
                 gsize           len,
                 gboolean        tls12,
                 HlSignatureLog *log)
{
  guint hash = 0;
  gsize sig_len;

  check->certificate = certificate;
  if (certificate == NULL)
    {
      check->problem = _("the signer sent no certificate that can be read");
      return;
    }
  if (tls12)
    {
      if (len < 2)
        {
          check->problem = _("the message ends before its signature algorithm");
          return;
        }
      hash = sig[0];
      sig += 2;
      len -= 2;
    }
  if (len < 2 || (sig_len = ((gsize)sig[0] << 8) | sig[1]) > len - 2)
    {
      check->problem = _("the message ends before its signature does");
      return;
    }

  check->hash = hash_for_signature (signed_bytes, hash, hl_certificate_is_rsa (certificate), &check->hash_name);
  if (check->hash == NULL)
    {
      check->problem = _("its signature algorithm names a hash this check does not compute");
      return;
    }

  check->checked = TRUE;
  check->verifies = hl_certificate_verify_hash_logged (certificate, g_bytes_get_data (check->hash, NULL),
                                                       g_bytes_get_size (check->hash), sig + 2, sig_len, log);
}

/* The version the ServerHello at @position chose, 0 if none. */
static guint
version_of (GArray *messages,
            int     server_hello)
{
  gsize len;
  const guint8 *body = body_of (messages, server_hello, &len);

  return body != NULL && len >= 2 ? ((guint)body[0] << 8) | body[1] : 0;
}

/* RFC 5246 §7.4.3: client random ‖ server random ‖ ServerECDHParams. */
static GBytes *
ske_signed_bytes (GArray       *messages,
                  guint         ske,
                  const guint8 *params,
                  gsize         params_len)
{
  GByteArray *data = g_byte_array_new ();
  gsize hello_len, server_hello_len;
  const guint8 *hello = body_of (messages, find_message (messages, ske, HL_ACTOR_CLIENT, 1), &hello_len);
  const guint8 *server_hello = body_of (messages, find_message (messages, ske, HL_ACTOR_SERVER, 2),
                                        &server_hello_len);

  if (hello == NULL || server_hello == NULL || hello_len < 2 + RANDOM_LEN || server_hello_len < 2 + RANDOM_LEN)
    {
      g_byte_array_unref (data);
      return NULL;
    }
  g_byte_array_append (data, hello + 2, RANDOM_LEN);
  g_byte_array_append (data, server_hello + 2, RANDOM_LEN);
  g_byte_array_append (data, params, params_len);
  return g_byte_array_free_to_bytes (data);
}

/* Checks the ServerKeyExchange at @ske as the client received it. */
static GBytes *
check_ske (Check          *check,
           GArray         *messages,
           guint           ske,
           HlSignatureLog *log)
{
  gsize len, cert_len, params_len;
  const guint8 *body = body_of (messages, ske, &len);
  const guint8 *cert = body_of (messages, find_message (messages, ske, HL_ACTOR_SERVER, 11), &cert_len);
  guint version = version_of (messages, find_message (messages, ske, HL_ACTOR_SERVER, 2));
  GBytes *signed_bytes;

  /* ECParameters named_curve (3), then the point. */
  if (len < 4 || body[0] != 3 || (params_len = 4 + (gsize)body[3]) > len)
    return NULL;
  if (!(signed_bytes = ske_signed_bytes (messages, ske, body, params_len)))
    return NULL;

  check_signature (check, first_certificate (cert, cert_len), signed_bytes, body + params_len, len - params_len,
                   version >= 0x0303, log);
  return signed_bytes;
}

/* Checks the CertificateVerify at @cv as the server received it:
 * RFC 5246 §7.4.8, over every handshake message before it. */
static GBytes *
check_cv (Check          *check,
          GArray         *messages,
          guint           cv,
          HlSignatureLog *log)
{
  gsize len, cert_len;
  const guint8 *body = body_of (messages, cv, &len);
  const guint8 *cert = body_of (messages, find_message (messages, cv, HL_ACTOR_CLIENT, 11), &cert_len);
  guint version = version_of (messages, find_message (messages, cv, HL_ACTOR_SERVER, 2));
  GByteArray *data = g_byte_array_new ();
  GBytes *signed_bytes;

  for (guint i = 0; i < cv; i++)
    {
      Message *m = &g_array_index (messages, Message, i);

      if (m->type != 0)
        g_byte_array_append (data, g_bytes_get_data (m->message, NULL), g_bytes_get_size (m->message));
    }
  signed_bytes = g_byte_array_free_to_bytes (data);

  check_signature (check, first_certificate (cert, cert_len), signed_bytes, body, len, version >= 0x0303, log);
  return signed_bytes;
}

/* The step of the message of @ids' type in @connection, or %NULL. */
static HlStep *
step_of (HlTrace        *trace,
         guint           connection,
         const CheckIds *ids)
{
  for (guint i = 0; i < hl_trace_get_n_steps (trace); i++)
    {
      HlStep *step = hl_trace_get_step (trace, i);

      if (hl_step_get_kind (step) == HL_STEP_HANDSHAKE && hl_step_get_connection (step) == connection &&
          hl_step_get_actor (step) == ids->signer && hl_step_get_handshake_type (step) == ids->type &&
          !hl_step_get_encrypted (step))
        return step;
    }

  return NULL;
}

static const char *
certificate_name (HlCertificate *cert)
{
  return hl_certificate_get_common_name (cert) ? hl_certificate_get_common_name (cert)
                                               : hl_certificate_get_subject (cert);
}

static void
add_check_fields (HlStep         *step,
                  const CheckIds *ids,
                  const Check    *check,
                  GBytes         *signed_bytes)
{
  gboolean by_server = ids->signer == HL_ACTOR_SERVER;
  HlField *root = hl_step_get_fields (step);
  HlField *field;
  g_autofree char *hash_name = NULL;

  if (root == NULL)
    return;

  if (!check->checked)
    {
      field = hl_field_add (root, ids->root, _("Signature check"), check->problem, HL_FIELD_NO_OFFSET, 0);
      hl_field_set_flags (field, HL_FIELD_FLAG_SKIPPED);
      return;
    }

  field = hl_field_add (root, ids->root, _("Signature check"),
                        check->verifies ? _("verifies") : _("does not verify"), HL_FIELD_NO_OFFSET, 0);
  hl_field_set_flags (field, check->verifies ? HL_FIELD_FLAG_PASS : HL_FIELD_FLAG_FAIL);

  if (by_server)
    hl_field_add_bytes (field, ids->signed_bytes, _("signed bytes: client random ‖ server random ‖ curve and point"),
                        signed_bytes, HL_FIELD_FLAG_NONE);
  else
    hl_field_add_printf (field, ids->signed_bytes, HL_FIELD_NO_OFFSET, 0, _("signed bytes"),
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%u byte: every handshake message before this one, as the server received them",
                                      "%u bytes: every handshake message before this one, as the server received them",
                                      g_bytes_get_size (signed_bytes)),
                         (guint)g_bytes_get_size (signed_bytes));

  /* Translators: %s is a hash function, "SHA-256" or "MD5 ‖ SHA-1" */
  hash_name = g_strdup_printf (_("%s of the signed bytes"), check->hash_name);
  hl_field_add_bytes (field, ids->hash, hash_name, check->hash, HL_FIELD_FLAG_NONE);

  /* Translators: the key ("RSA 2048 bits"), then the certificate's name */
  hl_field_add_printf (field, ids->key, HL_FIELD_NO_OFFSET, 0, _("checked with"),
                       by_server ? _("the %s public key of “%s”, the first certificate the server sent")
                                 : _("the %s public key of “%s”, the first certificate the client sent"),
                       hl_certificate_get_key_description (check->certificate),
                       certificate_name (check->certificate));

  if (check->as_sent >= 0)
    hl_field_add (field, ids->as_sent,
                  by_server ? _("over the bytes as the server sent them") : _("over the bytes as the client sent them"),
                  check->as_sent ? _("verifies") : _("does not verify"), HL_FIELD_NO_OFFSET, 0);
}

/* The sentence on the check, after the message's own explanation. */
static void
explain_check (HlStep         *step,
               const CheckIds *ids,
               const Check    *check)
{
  const char *base = hl_step_get_explanation (step);
  const char *name;
  g_autofree char *verdict = NULL;
  g_autofree char *text = NULL;

  if (!check->checked)
    /* Translators: %s says why, e.g. "the message ends before its signature does" */
    verdict = g_strdup_printf (_("Its signature cannot be checked here: %s."), check->problem);
  else
    {
      name = certificate_name (check->certificate);
      hl_step_add_claim (step, HL_CLAIM_SIGNATURE_VERIFIES, check->verifies);
      if (ids->signer == HL_ACTOR_SERVER && check->verifies)
        verdict = g_strdup_printf (_("The signature verifies with the public key of the certificate the server sent "
                                     "(“%s”): only the holder of that certificate's private key could make it, so "
                                     "the client knows the key share comes from the server."), name);
      else if (ids->signer == HL_ACTOR_SERVER && check->as_sent > 0)
        verdict = g_strdup_printf (_("The signature does not verify with the public key of the certificate the "
                                     "server sent (“%s”) over the bytes the client received; over the bytes the "
                                     "server sent, it does: they changed on the way, so the client cannot trust "
                                     "this key share."), name);
      else if (ids->signer == HL_ACTOR_SERVER && check->as_sent < 0)
        verdict = g_strdup_printf (_("The signature does not verify with the public key of the certificate the "
                                     "server sent (“%s”), so the client cannot know the key share comes from the "
                                     "server."), name);
      else if (ids->signer == HL_ACTOR_SERVER)
        verdict = g_strdup_printf (_("The signature does not verify with the public key of the certificate the "
                                     "server sent (“%s”), not even over the bytes the server sent: it was not made "
                                     "with that certificate's private key, so the client cannot know the key share "
                                     "comes from the server."), name);
      else if (check->verifies)
        verdict = g_strdup_printf (_("The signature verifies with the public key of the certificate the client sent "
                                     "(“%s”): the client holds that certificate's private key."), name);
      else if (check->as_sent > 0)
        verdict = g_strdup_printf (_("The signature does not verify with the public key of the certificate the "
                                     "client sent (“%s”) over the bytes the server received; over the bytes the "
                                     "client sent, it does: they changed on the way, so the server cannot know "
                                     "that the client holds that certificate's private key."), name);
      else if (check->as_sent < 0)
        verdict = g_strdup_printf (_("The signature does not verify with the public key of the certificate the "
                                     "client sent (“%s”), so the server cannot know that the client holds that "
                                     "certificate's private key."), name);
      else
        verdict = g_strdup_printf (_("The signature does not verify with the public key of the certificate the "
                                     "client sent (“%s”), not even over the bytes the client sent: it was not made "
                                     "with that certificate's private key, so the server cannot know that the "
                                     "client holds it."), name);
    }

  text = base != NULL && *base != '\0' ? g_strdup_printf ("%s %s", base, verdict) : g_strdup (verdict);
  hl_step_set_explanation (step, text);
}

/* Checks the message of @ids as @viewer received the messages; returns
 * the signed bytes, %NULL when the message is not there. */
static GBytes *
check_as_seen_by (Check          *check,
                  HlTrace        *trace,
                  guint           connection,
                  const CheckIds *ids,
                  HlActor         viewer,
                  HlSignatureLog *log)
{
  g_autoptr(GArray) messages = view_of (trace, connection, viewer);

  /* The first, as step_of() finds the first step. */
  for (guint i = 0; i < messages->len; i++)
    {
      Message *m = &g_array_index (messages, Message, i);

      if (m->sender == ids->signer && m->type == ids->type)
        return ids->type == 12 ? check_ske (check, messages, i, log) : check_cv (check, messages, i, log);
    }

  return NULL;
}

static void
recompute_one (HlTrace        *trace,
               guint           connection,
               const CheckIds *ids,
               HlSignatureLog *log)
{
  HlStep *step = step_of (trace, connection, ids);
  HlActor verifier = ids->signer == HL_ACTOR_SERVER ? HL_ACTOR_CLIENT : HL_ACTOR_SERVER;
  g_autoptr(GBytes) signed_bytes = NULL;
  Check check = { 0 };

  if (step == NULL)
    return;
  check.as_sent = -1;
  if (!(signed_bytes = check_as_seen_by (&check, trace, connection, ids, verifier, log)))
    {
      check_clear (&check);
      return;
    }

  /* A signature that does not verify as received: did the bytes change
   * on the way, or was it made with another key? */
  if (check.checked && !check.verifies)
    {
      Check sent = { 0 };
      g_autoptr(GBytes) sent_bytes = check_as_seen_by (&sent, trace, connection, ids, ids->signer, log);

      /* -1: it could not be checked as sent either, and nothing is said of why. */
      check.as_sent = sent_bytes != NULL && sent.checked ? sent.verifies : -1;
      check_clear (&sent);
    }

  add_check_fields (step, ids, &check, signed_bytes);
  explain_check (step, ids, &check);
  check_clear (&check);
}

void
hl_recompute_signatures (HlTrace        *trace,
                         HlSignatureLog *log)
{
  for (guint c = 0; c < hl_trace_get_n_connections (trace); c++)
    {
      recompute_one (trace, c, &ske_ids, log);
      recompute_one (trace, c, &cv_ids, log);
    }
}

char *
hl_recompute_signature_agreement (HlTrace *trace,
                                  HlStep  *failure,
                                  int      error)
{
  gboolean client = hl_step_get_actor (failure) == HL_ACTOR_CLIENT;
  HlStep *signed_step;
  gboolean verifies;

  if (error != BR_ERR_BAD_SIGNATURE)
    return NULL;
  signed_step = step_of (trace, hl_step_get_connection (failure), client ? &ske_ids : &cv_ids);
  if (signed_step == NULL || !hl_step_get_claim (signed_step, HL_CLAIM_SIGNATURE_VERIFIES, &verifies))
    return NULL;

  hl_step_add_claim (failure, HL_CLAIM_SIGNATURE_VERIFIES, verifies);
  if (client)
    return g_strdup (verifies ? _("Yet the signature of the ServerKeyExchange, checked again here, verifies with "
                                  "the public key of the certificate the server sent.")
                              : _("The check made again here agrees: the signature of the ServerKeyExchange "
                                  "does not verify with the public key of the certificate the server sent."));
  return g_strdup (verifies ? _("Yet the signature of the CertificateVerify, checked again here, verifies with the "
                                "public key of the certificate the client sent.")
                            : _("The check made again here agrees: the signature of the CertificateVerify does "
                                "not verify with the public key of the certificate the client sent."));
}
