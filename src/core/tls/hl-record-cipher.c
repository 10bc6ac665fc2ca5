/* hl-record-cipher.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-record-cipher"

#include "config.h"

#include <string.h>
#include <bearssl.h>

#include "hl-record-cipher.h"

/* The fastest implementation of each primitive this CPU runs (AES-NI,
 * PCLMULQDQ, SSE2 when it has them), as BearSSL's own engine picks them;
 * the portable constant-time code otherwise.  All compute the same.
 * Asking BearSSL means a CPUID instruction, which costs microseconds in a
 * virtual machine: the answer is taken once per process. */
typedef struct
{
  const br_block_ctr_class    *aes_ctr;
  const br_block_ctrcbc_class *aes_ctrcbc;
  const br_block_cbcdec_class *aes_cbcdec;
  br_ghash                     ghash;
  br_chacha20_run              chacha20;
  br_poly1305_run              poly1305;
} Ciphers;

static const Ciphers *
ciphers (void)
{
  static Ciphers c;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      c.aes_ctr = br_aes_x86ni_ctr_get_vtable ();
      if (c.aes_ctr == NULL)
        c.aes_ctr = &br_aes_ct_ctr_vtable;
      c.aes_ctrcbc = br_aes_x86ni_ctrcbc_get_vtable ();
      if (c.aes_ctrcbc == NULL)
        c.aes_ctrcbc = &br_aes_ct_ctrcbc_vtable;
      c.aes_cbcdec = br_aes_x86ni_cbcdec_get_vtable ();
      if (c.aes_cbcdec == NULL)
        c.aes_cbcdec = &br_aes_ct_cbcdec_vtable;
      c.ghash = br_ghash_pclmul_get ();
      if (c.ghash == NULL)
        c.ghash = br_ghash_ctmul;
      c.chacha20 = br_chacha20_sse2_get ();
      if (c.chacha20 == NULL)
        c.chacha20 = br_chacha20_ct_run;
      c.poly1305 = br_poly1305_ctmulq_get ();
      if (c.poly1305 == NULL)
        c.poly1305 = br_poly1305_ctmul_run;
      g_once_init_leave (&once, 1);
    }

  return &c;
}

static void
put_be64 (guint8  *out,
          guint64  v)
{
  for (int i = 7; i >= 0; i--, v >>= 8)
    out[i] = v & 0xff;
}

static void
set_aad_length (HlRecordOpening *out,
                gsize            n)
{
  out->aad[11] = n >> 8;
  out->aad[12] = n & 0xff;
}

/* RFC 5288: AES-GCM.  @buf holds the ciphertext and gets the plaintext. */
static gboolean
open_gcm (HlRecordKeys    *keys,
          HlRecordOpening *out,
          guint8          *buf,
          const guint8    *tag)
{
  br_aes_gen_ctr_keys ctr;
  br_gcm_context gcm;

  ciphers ()->aes_ctr->init (&ctr.vtable, keys->key, keys->info->key_len);
  br_gcm_init (&gcm, &ctr.vtable, ciphers ()->ghash);
  br_gcm_reset (&gcm, out->nonce, HL_RECORD_NONCE_LEN);
  br_gcm_aad_inject (&gcm, out->aad, HL_RECORD_AAD_LEN);
  br_gcm_flip (&gcm);
  br_gcm_run (&gcm, 0, buf, out->ciphertext_len);

  return br_gcm_check_tag (&gcm, tag);
}

/* RFC 6655: AES-CCM, with a 16- or an 8-byte tag. */
static gboolean
open_ccm (HlRecordKeys    *keys,
          HlRecordOpening *out,
          guint8          *buf,
          const guint8    *tag)
{
  br_aes_gen_ctrcbc_keys ctrcbc;
  br_ccm_context ccm;
  gboolean ok;

  ciphers ()->aes_ctrcbc->init (&ctrcbc.vtable, keys->key, keys->info->key_len);
  br_ccm_init (&ccm, &ctrcbc.vtable);
  ok = br_ccm_reset (&ccm, out->nonce, HL_RECORD_NONCE_LEN, HL_RECORD_AAD_LEN, out->ciphertext_len,
                     keys->info->tag_len);
  br_ccm_aad_inject (&ccm, out->aad, HL_RECORD_AAD_LEN);
  br_ccm_flip (&ccm);
  br_ccm_run (&ccm, 0, buf, out->ciphertext_len);

  return ok && br_ccm_check_tag (&ccm, tag);
}

/* RFC 7905: ChaCha20-Poly1305. */
static gboolean
open_chacha20_poly1305 (HlRecordKeys    *keys,
                        HlRecordOpening *out,
                        guint8          *buf,
                        const guint8    *tag)
{
  guint8 computed[16];

  ciphers ()->poly1305 (keys->key, out->nonce, buf, out->ciphertext_len, out->aad, HL_RECORD_AAD_LEN, computed,
                        ciphers ()->chacha20, 0);

  return memcmp (computed, tag, keys->info->tag_len) == 0;
}

/* The AEAD suites: an explicit nonce in the record (GCM, CCM) or a nonce
 * from the IV and the sequence number (ChaCha20-Poly1305), the ciphertext,
 * and the tag. */
static HlRecordStatus
open_aead (HlRecordKeys    *keys,
           guint64          seq,
           const guint8    *body,
           gsize            len,
           HlRecordOpening *out)
{
  const HlSuiteInfo *info = keys->info;
  const guint8 *tag;
  g_autofree guint8 *buf = NULL;
  gboolean ok;

  out->explicit_len = info->record_iv_len;
  if (len < out->explicit_len + info->tag_len)
    return out->status = HL_RECORD_SHORTER_THAN_NONCE_AND_TAG;

  out->ciphertext_offset = out->explicit_len;
  out->ciphertext_len = len - out->explicit_len - info->tag_len;
  set_aad_length (out, out->ciphertext_len);
  tag = body + len - info->tag_len;

  if (info->mode == HL_CIPHER_CHACHA20_POLY1305)
    {
      memcpy (out->nonce, keys->fixed_iv, HL_RECORD_NONCE_LEN);
      for (guint i = 0; i < 8; i++)
        out->nonce[4 + i] ^= (seq >> (8 * (7 - i))) & 0xff;
    }
  else
    {
      memcpy (out->nonce, keys->fixed_iv, 4);
      memcpy (out->nonce + 4, body, 8);
    }

  buf = g_memdup2 (body + out->explicit_len, out->ciphertext_len ? out->ciphertext_len : 1);
  if (info->mode == HL_CIPHER_GCM)
    ok = open_gcm (keys, out, buf, tag);
  else if (info->mode == HL_CIPHER_CCM)
    ok = open_ccm (keys, out, buf, tag);
  else
    ok = open_chacha20_poly1305 (keys, out, buf, tag);

  if (!ok)
    return out->status = HL_RECORD_BAD_TAG;

  out->plaintext = g_bytes_new (buf, out->ciphertext_len);
  return out->status = HL_RECORD_OPENED;
}

/* RFC 5246 §6.2.3.2: MAC-then-encrypt with a block cipher in CBC mode.
 * TLS 1.0 chains the IVs (the key block's first, then the last ciphertext
 * block of the record before); TLS 1.1 and later send one in each record. */
static HlRecordStatus
open_cbc (HlRecordKeys    *keys,
          const guint8    *body,
          gsize            len,
          HlRecordOpening *out)
{
  const HlSuiteInfo *info = keys->info;
  gsize block = info->block_len;
  g_autofree guint8 *buf = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 mac[64];
  gsize mac_len = sizeof mac;
  guint8 iv[HL_RECORD_MAX_BLOCK];
  gsize ct_len;
  gsize n;
  gboolean ok = TRUE;

  if (info->record_iv_len > 0)
    {
      if (len < block)
        return out->status = HL_RECORD_SHORTER_THAN_IV;
      out->explicit_len = block;
      memcpy (out->iv, body, block);
    }
  else
    memcpy (out->iv, keys->chained_iv, block);

  out->ciphertext_offset = out->explicit_len;
  out->ciphertext_len = ct_len = len - out->explicit_len;
  if (ct_len == 0 || ct_len % block != 0 || ct_len < info->mac_len + 1)
    return out->status = HL_RECORD_NOT_WHOLE_BLOCKS;

  buf = g_memdup2 (body + out->explicit_len, ct_len);
  memcpy (iv, out->iv, block);
  if (block == 16)
    {
      const br_block_cbcdec_class *cbcdec = ciphers ()->aes_cbcdec;
      br_aes_gen_cbcdec_keys aes;

      cbcdec->init (&aes.vtable, keys->key, info->key_len);
      cbcdec->run (&aes.vtable, iv, buf, ct_len);
    }
  else
    {
      br_des_ct_cbcdec_keys des;

      br_des_ct_cbcdec_init (&des, keys->key, info->key_len);
      br_des_ct_cbcdec_run (&des, iv, buf, ct_len);
    }

  /* TLS 1.0 chains: the next record starts from this one's end. */
  memcpy (keys->chained_iv, body + len - block, block);

  out->padding = buf[ct_len - 1];
  if (out->padding + 1 + info->mac_len > ct_len)
    ok = FALSE;
  for (gsize i = 0; ok && i <= out->padding; i++)
    ok = buf[ct_len - 1 - i] == out->padding;
  if (!ok)
    return out->status = HL_RECORD_BAD_PADDING;

  n = ct_len - out->padding - 1 - info->mac_len;
  set_aad_length (out, n);
  hmac = g_hmac_new (info->mac, keys->mac_key, info->mac_len);
  g_hmac_update (hmac, out->aad, HL_RECORD_AAD_LEN);
  g_hmac_update (hmac, buf, n);
  g_hmac_get_digest (hmac, mac, &mac_len);
  if (mac_len != info->mac_len || memcmp (mac, buf + n, info->mac_len) != 0)
    return out->status = HL_RECORD_BAD_MAC;

  out->plaintext = g_bytes_new (buf, n);
  return out->status = HL_RECORD_OPENED;
}

HlRecordStatus
hl_record_open (HlRecordKeys    *keys,
                guint64          seq,
                const guint8    *header,
                const guint8    *body,
                gsize            len,
                HlRecordOpening *out)
{
  g_return_val_if_fail (keys != NULL && keys->info != NULL, HL_RECORD_BAD_TAG);
  g_return_val_if_fail (out != NULL, HL_RECORD_BAD_TAG);

  memset (out, 0, sizeof *out);
  put_be64 (out->aad, seq);
  memcpy (out->aad + 8, header, 3);

  if (keys->info->mode == HL_CIPHER_CBC)
    return open_cbc (keys, body, len, out);

  return open_aead (keys, seq, body, len, out);
}

void
hl_record_opening_clear (HlRecordOpening *opening)
{
  g_clear_pointer (&opening->plaintext, g_bytes_unref);
}
