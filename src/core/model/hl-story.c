/* hl-story.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-story"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-names.h"
#include "hl-story.h"

#define FULL_LENGTH        9
#define ABBREVIATED_LENGTH 6

HlStoryKind
hl_story_kind_for_suite (guint cipher_suite)
{
  const char *name = hl_cipher_suite_name (cipher_suite);

  if (name == NULL)
    return HL_STORY_UNKNOWN;
  if (g_str_has_prefix (name, "TLS_RSA_"))
    return HL_STORY_RSA;
  if (g_str_has_prefix (name, "TLS_ECDHE_"))
    return HL_STORY_ECDHE;
  if (g_str_has_prefix (name, "TLS_ECDH_"))
    return HL_STORY_ECDH;

  return HL_STORY_UNKNOWN;
}

guint
hl_story_length (HlStoryKind kind)
{
  return kind == HL_STORY_ABBREVIATED ? ABBREVIATED_LENGTH : FULL_LENGTH;
}

guint
hl_story_step (HlStoryKind  kind,
               HlStoryEvent event,
               gboolean     by_client)
{
  if (kind == HL_STORY_ABBREVIATED)
    switch (event)
      {
      case HL_STORY_EVENT_HELLO:          return by_client ? 1 : 2;
      case HL_STORY_EVENT_MASTER_SECRET:
      case HL_STORY_EVENT_KEYS:           return 3;
      /* The server's Finished comes first (RFC 5246 §7.3, Figure 2). */
      case HL_STORY_EVENT_FINISHED:       return by_client ? 5 : 4;
      case HL_STORY_EVENT_FINISHED_CHECK:
      case HL_STORY_EVENT_DONE:           return 5;
      case HL_STORY_EVENT_APPLICATION:    return 6;
      case HL_STORY_EVENT_CHAIN_CHECK:
      case HL_STORY_EVENT_KEY_EXCHANGE:
      case HL_STORY_EVENT_KEY_EXCHANGE_SENT:
      default:                            return 0;
      }

  switch (event)
    {
    case HL_STORY_EVENT_HELLO:             return by_client ? 1 : 2;
    case HL_STORY_EVENT_CHAIN_CHECK:
    case HL_STORY_EVENT_KEY_EXCHANGE:      return by_client ? 3 : 5;
    case HL_STORY_EVENT_KEY_EXCHANGE_SENT: return 4;
    case HL_STORY_EVENT_MASTER_SECRET:
    case HL_STORY_EVENT_KEYS:              return 6;
    case HL_STORY_EVENT_FINISHED:          return by_client ? 7 : 8;
    case HL_STORY_EVENT_FINISHED_CHECK:
    case HL_STORY_EVENT_DONE:              return 8;
    case HL_STORY_EVENT_APPLICATION:       return 9;
    default:                               return 0;
    }
}

const char *
hl_story_title (HlStoryKind kind,
                guint       step)
{
  if (kind == HL_STORY_ABBREVIATED)
    switch (step)
      {
      case 1: return _("The client says hello and offers its earlier session");
      case 2: return _("The server takes up the session");
      case 3: return _("Both sides derive new keys from the session's master secret");
      case 4: return _("The server's Finished comes first, under the new keys");
      case 5: return _("The client checks it and sends its own Finished");
      case 6: return _("Application data, encrypted");
      default: return NULL;
      }

  switch (step)
    {
    case 1: return _("The client says hello");
    case 2:
      switch (kind)
        {
        case HL_STORY_RSA:   return _("The server answers and shows its certificate");
        case HL_STORY_ECDHE: return _("The server answers, shows its certificate and signs an ephemeral key share");
        case HL_STORY_ECDH:  return _("The server answers and shows its certificate, whose key is its key share");
        case HL_STORY_UNKNOWN:
        case HL_STORY_ABBREVIATED:
        default:             return _("The server answers");
        }
    case 3:
      switch (kind)
        {
        case HL_STORY_RSA:   return _("The client checks the certificate and makes a secret");
        case HL_STORY_ECDHE: return _("The client checks the certificate and the signature and makes its own key share");
        case HL_STORY_ECDH:  return _("The client checks the certificate and makes an ephemeral key share");
        case HL_STORY_UNKNOWN:
        case HL_STORY_ABBREVIATED:
        default:             return _("The client checks the certificate and prepares the key exchange");
        }
    case 4:
      switch (kind)
        {
        case HL_STORY_RSA:   return _("The client sends the encrypted pre-master secret");
        case HL_STORY_ECDHE:
        case HL_STORY_ECDH:  return _("The client sends its ephemeral key share");
        case HL_STORY_UNKNOWN:
        case HL_STORY_ABBREVIATED:
        default:             return _("The client sends its key exchange");
        }
    case 5:
      switch (kind)
        {
        case HL_STORY_RSA:   return _("The server decrypts it with its private key");
        case HL_STORY_ECDHE: return _("The server combines the two key shares");
        case HL_STORY_ECDH:  return _("The server combines it with its certificate's private key");
        case HL_STORY_UNKNOWN:
        case HL_STORY_ABBREVIATED:
        default:             return _("The server completes the key exchange");
        }
    case 6: return _("Both sides compute the master secret");
    case 7: return _("The client's Finished, under the new keys");
    case 8: return _("The server checks it and sends its own Finished");
    case 9: return _("Application data, encrypted");
    default: return NULL;
    }
}

const char *
hl_story_kind_to_string (HlStoryKind kind)
{
  switch (kind)
    {
    case HL_STORY_RSA:         return "rsa";
    case HL_STORY_ECDHE:       return "ecdhe";
    case HL_STORY_ECDH:        return "ecdh";
    case HL_STORY_ABBREVIATED: return "abbreviated";
    case HL_STORY_UNKNOWN:
    default:                   return "unknown";
    }
}
