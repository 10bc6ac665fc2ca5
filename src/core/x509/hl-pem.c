/* hl-pem.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-pem"

#include "config.h"

#include <string.h>

#include "hl-pem-private.h"

gboolean
hl_bytes_contain (const guint8 *data,
                  gsize         len,
                  const char   *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; i + needle_len <= len; i++)
    {
      if (memcmp (data + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The labels of RFC 7468 and those OpenSSL writes.  A message may name
 * one of these; any other label came from a file that is perhaps no PEM
 * file at all, and is not quoted. */
static const char * const known_labels[] = {
  "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE", "ATTRIBUTE CERTIFICATE",
  "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST", "X509 CRL", "PKCS7", "CMS",
  "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY",
  "OPENSSH PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "EC PARAMETERS", "DH PARAMETERS",
  "X9.42 DH PARAMETERS", "DSA PARAMETERS",
};

static char *
known_label (const char *label)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_labels); i++)
    {
      if (strcmp (label, known_labels[i]) == 0)
        return g_strdup (label);
    }

  return g_strdup ("");
}

static void
append_to_byte_array (void       *dest_ctx,
                      const void *src,
                      size_t      len)
{
  g_byte_array_append (dest_ctx, src, len);
}

void
hl_pem_reader_init (HlPemReader  *self,
                    const guint8 *data,
                    gsize         len,
                    gboolean    (*wanted) (const char *label))
{
  memset (self, 0, sizeof *self);
  br_pem_decoder_init (&self->decoder);
  self->data = data;
  self->len = len;
  self->wanted = wanted;
}

void
hl_pem_reader_clear (HlPemReader *self)
{
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->der, g_byte_array_unref);
  g_clear_pointer (&self->first_other, g_free);
}

HlPemEvent
hl_pem_reader_next (HlPemReader *self)
{
  for (;;)
    {
      size_t used = br_pem_decoder_push (&self->decoder, self->data, self->len);
      int event;

      self->data += used;
      self->len -= used;
      event = br_pem_decoder_event (&self->decoder);

      if (event == BR_PEM_BEGIN_OBJ)
        {
          g_free (self->label);
          self->label = known_label (br_pem_decoder_name (&self->decoder));
          g_clear_pointer (&self->der, g_byte_array_unref);

          self->in_wanted = self->wanted (self->label);
          if (self->in_wanted)
            {
              self->der = g_byte_array_new ();
              br_pem_decoder_setdest (&self->decoder, append_to_byte_array, self->der);
            }
          else
            {
              if (self->first_other == NULL)
                self->first_other = g_strdup (self->label);
              br_pem_decoder_setdest (&self->decoder, NULL, NULL);
              return HL_PEM_OTHER;
            }
        }
      else if (event == BR_PEM_END_OBJ)
        {
          if (self->in_wanted)
            {
              self->in_wanted = FALSE;
              return HL_PEM_BLOCK;
            }
          g_clear_pointer (&self->label, g_free);
        }
      else if (event == BR_PEM_ERROR)
        {
          if (self->in_wanted)
            {
              self->in_wanted = FALSE;
              g_clear_pointer (&self->der, g_byte_array_unref);
              /* A file cut in the middle of a line ends in a partial
               * base64 quartet: say what really happened. */
              return hl_bytes_contain (self->data, self->len, "-----END ") ? HL_PEM_BAD_BASE64
                                                                           : HL_PEM_TRUNCATED;
            }
          /* damage in a block that is skipped anyway */
          g_clear_pointer (&self->label, g_free);
        }
      else if (self->len == 0)
        {
          /* The decoder acts on a line only once it has seen its end. */
          if (self->fed_final_newline)
            break;
          self->data = (const guint8 *) "\n";
          self->len = 1;
          self->fed_final_newline = TRUE;
        }
      else if (used == 0)
        {
          /* BearSSL promises an event whenever it stops short; never spin
           * if it does not keep that promise. */
          break;
        }
    }

  if (self->in_wanted)
    {
      self->in_wanted = FALSE;
      g_clear_pointer (&self->der, g_byte_array_unref);
      return HL_PEM_TRUNCATED;
    }

  return HL_PEM_END;
}
