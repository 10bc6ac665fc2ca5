/* hl-transcript.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-transcript"

#include "config.h"

#include <string.h>

#include "hl-names.h"
#include "hl-transcript.h"

#define HANDSHAKE_HEADER 4

struct _HlTranscript
{
  HlPrf       prf;
  GChecksum  *sums[2][2];   /* [client, server] × the hashes of the version */
  guint       n_hashes;
  gboolean    differ;       /* the sides saw different bytes: each has its own */
  gsize       len;
  GPtrArray  *names;        /* "ClientHello (129)" … */
};

HlTranscript *
hl_transcript_new (HlPrf prf)
{
  HlTranscript *self = g_new0 (HlTranscript, 1);
  GChecksumType types[2];

  self->prf = prf;
  if (prf == HL_PRF_TLS10)
    types[0] = G_CHECKSUM_MD5, types[1] = G_CHECKSUM_SHA1, self->n_hashes = 2;
  else if (prf == HL_PRF_SHA384)
    types[0] = G_CHECKSUM_SHA384, self->n_hashes = 1;
  else
    types[0] = G_CHECKSUM_SHA256, self->n_hashes = 1;

  for (guint i = 0; i < self->n_hashes; i++)
    self->sums[0][i] = g_checksum_new (types[i]);
  self->names = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
hl_transcript_free (HlTranscript *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_hashes; i++)
    {
      g_clear_pointer (&self->sums[0][i], g_checksum_free);
      g_clear_pointer (&self->sums[1][i], g_checksum_free);
    }
  g_ptr_array_unref (self->names);
  g_free (self);
}

void
hl_transcript_add (HlTranscript *self,
                   gboolean      client_sent,
                   const guint8 *sent,
                   const guint8 *received,
                   gsize         len)
{
  guint sender = client_sent ? 0 : 1;
  guint peer = 1 - sender;
  gsize at = 0;

  /* From the first changed byte on, each side hashes its own view. */
  if (!self->differ && memcmp (sent, received, len) != 0)
    {
      self->differ = TRUE;
      for (guint i = 0; i < self->n_hashes; i++)
        self->sums[1][i] = g_checksum_copy (self->sums[0][i]);
    }

  for (guint i = 0; i < self->n_hashes; i++)
    {
      if (!self->differ)
        {
          g_checksum_update (self->sums[0][i], sent, len);
          continue;
        }
      g_checksum_update (self->sums[sender][i], sent, len);
      g_checksum_update (self->sums[peer][i], received, len);
    }
  self->len += len;

  while (at + HANDSHAKE_HEADER <= len)
    {
      gsize body = ((gsize)sent[at + 1] << 16) | ((gsize)sent[at + 2] << 8) | sent[at + 3];
      const char *name = hl_handshake_type_name (sent[at]);

      g_ptr_array_add (self->names,
                       g_strdup_printf ("%s (%" G_GSIZE_FORMAT ")", name ? name : "?", HANDSHAKE_HEADER + body));
      at += HANDSHAKE_HEADER + body;
    }
}

GBytes *
hl_transcript_hash (HlTranscript *self,
                    gboolean      client)
{
  GByteArray *out = g_byte_array_new ();
  guint side = self->differ && !client ? 1 : 0;

  for (guint i = 0; i < self->n_hashes; i++)
    {
      g_autoptr(GChecksum) sum = g_checksum_copy (self->sums[side][i]);
      guint8 digest[64];
      gsize len = sizeof digest;

      g_checksum_get_digest (sum, digest, &len);
      g_byte_array_append (out, digest, len);
    }

  return g_byte_array_free_to_bytes (out);
}

const char *
hl_transcript_hash_name (HlTranscript *self)
{
  return self->prf == HL_PRF_TLS10 ? "MD5 ‖ SHA-1" : self->prf == HL_PRF_SHA384 ? "SHA-384" : "SHA-256";
}

char *
hl_transcript_describe (HlTranscript *self,
                        gsize        *n_bytes)
{
  char *list;

  g_ptr_array_add (self->names, NULL);
  list = g_strjoinv (", ", (char **)self->names->pdata);
  g_ptr_array_remove_index (self->names, self->names->len - 1);

  *n_bytes = self->len;

  return list;
}
