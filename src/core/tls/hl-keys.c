/* hl-keys.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-keys"

#include "config.h"

#include <string.h>

#include "hl-keys.h"
#include "hl-names.h"

#define TLS11 0x0302

gboolean
hl_keys_suite_info (guint        version,
                    guint        suite,
                    HlSuiteInfo *info)
{
  const char *name = hl_cipher_suite_name (suite);
  const char *with;

  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (name == NULL || (with = strstr (name, "_WITH_")) == NULL)
    return FALSE;
  with += strlen ("_WITH_");

  if (g_str_has_prefix (with, "AES_128_"))
    info->cipher = "AES-128", info->key_len = 16, info->block_len = 16;
  else if (g_str_has_prefix (with, "AES_256_"))
    info->cipher = "AES-256", info->key_len = 32, info->block_len = 16;
  else if (g_str_has_prefix (with, "3DES_EDE_"))
    info->cipher = "3DES-EDE", info->key_len = 24, info->block_len = 8;
  else if (g_str_has_prefix (with, "CHACHA20_POLY1305"))
    info->cipher = "ChaCha20", info->key_len = 32;
  else
    return FALSE;

  if (strstr (with, "_GCM_") != NULL)
    {
      /* RFC 5288: 4 implicit bytes from the key block, 8 in each record */
      info->mode = HL_CIPHER_GCM;
      info->fixed_iv_len = 4;
      info->record_iv_len = 8;
      info->tag_len = 16;
    }
  else if (g_str_has_suffix (with, "_CCM") || g_str_has_suffix (with, "_CCM_8"))
    {
      /* RFC 6655 */
      info->mode = HL_CIPHER_CCM;
      info->fixed_iv_len = 4;
      info->record_iv_len = 8;
      info->tag_len = g_str_has_suffix (with, "_CCM_8") ? 8 : 16;
    }
  else if (info->key_len == 32 && info->block_len == 0)
    {
      /* RFC 7905: a 12-byte IV XORed with the sequence number */
      info->mode = HL_CIPHER_CHACHA20_POLY1305;
      info->fixed_iv_len = 12;
      info->tag_len = 16;
    }
  else if (strstr (with, "_CBC_") != NULL)
    {
      info->mode = HL_CIPHER_CBC;
      /* TLS 1.0 chains IVs from the key block; TLS 1.1 and later send
       * one in each record (RFC 4346 §6.2.3.2). */
      if (version < TLS11)
        info->fixed_iv_len = info->block_len;
      else
        info->record_iv_len = info->block_len;

      if (g_str_has_suffix (with, "_SHA384"))
        info->mac = G_CHECKSUM_SHA384, info->mac_len = 48;
      else if (g_str_has_suffix (with, "_SHA256"))
        info->mac = G_CHECKSUM_SHA256, info->mac_len = 32;
      else
        info->mac = G_CHECKSUM_SHA1, info->mac_len = 20;
    }
  else
    return FALSE;

  info->prf = hl_prf_for_suite (version, suite);

  return TRUE;
}

gsize
hl_keys_key_block_length (const HlSuiteInfo *info)
{
  return 2 * (info->mac_len + info->key_len + info->fixed_iv_len);
}
