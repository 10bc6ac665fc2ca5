/* hl-signature-log.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-signature-log"

#include "config.h"

#include <string.h>

#include "hl-signature-log.h"

/* Each call's inputs, written one after the other with their lengths, are
 * the key; a chain has a handful of certificates, so a list will do. */
typedef struct
{
  GBytes  *inputs;
  gboolean ok;
  guint8   hash_out[64];
} Entry;

struct _HlSignatureLog
{
  GArray *entries;
};

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_bytes_unref (entry->inputs);
}

HlSignatureLog *
hl_signature_log_new (void)
{
  HlSignatureLog *self = g_new0 (HlSignatureLog, 1);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, clear_entry);

  return self;
}

void
hl_signature_log_free (HlSignatureLog *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}

static void
put (GByteArray *out,
     const void *data,
     gsize       len)
{
  guint8 n[4] = { len >> 24, len >> 16, len >> 8, len };

  g_byte_array_append (out, n, sizeof n);
  g_byte_array_append (out, data, len);
}

static GBytes *
rsa_inputs (const unsigned char     *sig,
            size_t                   sig_len,
            const unsigned char     *hash_oid,
            size_t                   hash_len,
            const br_rsa_public_key *pk)
{
  GByteArray *out = g_byte_array_sized_new (64 + sig_len + pk->nlen + pk->elen);
  guint8 kind = BR_KEYTYPE_RSA;
  guint8 len = hash_len;

  put (out, &kind, 1);
  put (out, sig, sig_len);
  /* PKCS #1 verification with no OID (hash_oid NULL) is another call */
  put (out, hash_oid, hash_oid ? hash_oid[0] + 1 : 0);
  put (out, &len, 1);
  put (out, pk->n, pk->nlen);
  put (out, pk->e, pk->elen);

  return g_byte_array_free_to_bytes (out);
}

static GBytes *
ecdsa_inputs (const void             *hash,
              size_t                  hash_len,
              const br_ec_public_key *pk,
              const void             *sig,
              size_t                  sig_len)
{
  GByteArray *out = g_byte_array_sized_new (64 + hash_len + pk->qlen + sig_len);
  guint8 kind = BR_KEYTYPE_EC;
  guint8 curve = pk->curve;

  put (out, &kind, 1);
  put (out, hash, hash_len);
  put (out, &curve, 1);
  put (out, pk->q, pk->qlen);
  put (out, sig, sig_len);

  return g_byte_array_free_to_bytes (out);
}

static Entry *
find (HlSignatureLog *self,
      GBytes         *inputs)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (g_bytes_equal (entry->inputs, inputs))
        return entry;
    }

  return NULL;
}

void
hl_signature_log_add_rsa (HlSignatureLog          *self,
                          const unsigned char     *sig,
                          size_t                   sig_len,
                          const unsigned char     *hash_oid,
                          size_t                   hash_len,
                          const br_rsa_public_key *pk,
                          gboolean                 ok,
                          const unsigned char     *hash_out)
{
  Entry entry = { 0 };

  g_return_if_fail (self != NULL);

  if (hash_len > sizeof entry.hash_out)
    return;

  entry.inputs = rsa_inputs (sig, sig_len, hash_oid, hash_len, pk);
  entry.ok = ok;
  if (ok)
    memcpy (entry.hash_out, hash_out, hash_len);
  g_array_append_val (self->entries, entry);
}

gboolean
hl_signature_log_find_rsa (HlSignatureLog          *self,
                           const unsigned char     *sig,
                           size_t                   sig_len,
                           const unsigned char     *hash_oid,
                           size_t                   hash_len,
                           const br_rsa_public_key *pk,
                           gboolean                *ok,
                           unsigned char           *hash_out)
{
  g_autoptr(GBytes) inputs = NULL;
  Entry *entry;

  if (self == NULL || hash_len > sizeof entry->hash_out)
    return FALSE;

  inputs = rsa_inputs (sig, sig_len, hash_oid, hash_len, pk);
  if ((entry = find (self, inputs)) == NULL)
    return FALSE;

  *ok = entry->ok;
  if (entry->ok)
    memcpy (hash_out, entry->hash_out, hash_len);

  return TRUE;
}

void
hl_signature_log_add_ecdsa (HlSignatureLog         *self,
                            const void             *hash,
                            size_t                  hash_len,
                            const br_ec_public_key *pk,
                            const void             *sig,
                            size_t                  sig_len,
                            gboolean                ok)
{
  Entry entry = { 0 };

  g_return_if_fail (self != NULL);

  entry.inputs = ecdsa_inputs (hash, hash_len, pk, sig, sig_len);
  entry.ok = ok;
  g_array_append_val (self->entries, entry);
}

gboolean
hl_signature_log_find_ecdsa (HlSignatureLog         *self,
                             const void             *hash,
                             size_t                  hash_len,
                             const br_ec_public_key *pk,
                             const void             *sig,
                             size_t                  sig_len,
                             gboolean               *ok)
{
  g_autoptr(GBytes) inputs = NULL;
  Entry *entry;

  if (self == NULL)
    return FALSE;

  inputs = ecdsa_inputs (hash, hash_len, pk, sig, sig_len);
  if ((entry = find (self, inputs)) == NULL)
    return FALSE;

  *ok = entry->ok;

  return TRUE;
}
