/* bench-costs.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>
#include <bearssl.h>

#include "hl-cost-report.h"
#include "hl-key.h"

/*
 * Each figure of `handshake-lab-cli costs` (hl-cost-report.h) against a
 * plain loop calling the same BearSSL primitive directly: the private-key
 * operation, the curve's mulgen and mul, the ECDSA signature, and for the
 * bulk families the cipher and MAC run over 16 KiB records, once to
 * encrypt and once to decrypt, without the SSL engines.  Each figure must be within a factor of 2 of its loop.
 * Prints "name: value unit" lines.
 */

#define LOOP_NS G_GINT64_CONSTANT (500000000)
#define BYTES (1024 * 1024)
#define RECORD 16384

static gint64
now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return (gint64)t.tv_sec * 1000000000 + t.tv_nsec;
}

typedef void (*Body) (gpointer data);

static int
compare_ns (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* Nanoseconds of one call of @body: the median of as many calls as fit in
 * LOOP_NS (at least 5).  A median, as the figures are: on a shared machine
 * a mean counts the time other processes had the CPU. */
static gdouble
plain_loop (Body     body,
            gpointer data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start;

  body (data);   /* warm */
  start = now ();
  while (times->len < 5 || now () - start < LOOP_NS)
    {
      gint64 before = now ();
      gint64 ns;

      body (data);
      ns = now () - before;
      g_array_append_val (times, ns);
    }
  g_array_sort (times, compare_ns);

  return g_array_index (times, gint64, times->len / 2);
}

typedef struct
{
  const br_rsa_private_key *rsa;
  const br_ec_private_key  *ec;
  int                       curve;
  unsigned char             x[512];
  unsigned char             point[160];
  size_t                    point_len;
  br_ssl_engine_context    *eng;
  guint                     family;
  unsigned char            *buf;
} Plain;

static void
rsa_body (gpointer data)
{
  Plain *p = data;
  size_t len = (p->rsa->n_bitlen + 7) / 8;

  memset (p->x, 0x5a, len);
  p->x[0] = 0;
  br_rsa_private_get_default () (p->x, p->rsa);
}

static void
ecdhe_body (gpointer data)
{
  Plain *p = data;
  const br_ec_impl *ec = br_ec_get_default ();
  unsigned char shared[160];
  unsigned char scalar[32];

  memset (scalar, 0x29, sizeof scalar);
  ec->mulgen (p->x, scalar, 32, p->curve);
  memcpy (shared, p->point, p->point_len);
  ec->mul (shared, p->point_len, scalar, 32, p->curve);
}

static void
ecdsa_body (gpointer data)
{
  Plain *p = data;
  unsigned char hash[32];

  memset (hash, 0x44, sizeof hash);
  br_ecdsa_sign_asn1_get_default () (br_ec_get_default (), &br_sha256_vtable, hash, p->ec, p->x);
}

/* BYTES through the family's cipher and MAC, record by record: encrypted
 * by the sender, decrypted by the receiver, as the session does. */
static void
bulk_body (gpointer data)
{
  Plain *p = data;
  br_ssl_engine_context *eng = p->eng;
  unsigned char key[32], iv[16], tag[32], header[13];

  memset (key, 0x11, sizeof key);
  memset (header, 0x17, sizeof header);

  for (gsize done = 0; done < BYTES; done += RECORD)
    for (int encrypt = 1; encrypt >= 0; encrypt--)
      {
        memset (iv, 0x33, sizeof iv);
        switch (p->family)
          {
          case 0:
          case 1:
            {
              br_aes_gen_ctr_keys keys;
              br_gcm_context gc;

              eng->iaes_ctr->init (&keys.vtable, key, p->family == 0 ? 16 : 32);
              br_gcm_init (&gc, &keys.vtable, eng->ighash);
              br_gcm_reset (&gc, iv, 12);
              br_gcm_aad_inject (&gc, header, sizeof header);
              br_gcm_flip (&gc);
              br_gcm_run (&gc, encrypt, p->buf, RECORD);
              br_gcm_get_tag (&gc, tag);
              break;
            }
          case 2:
            eng->ipoly (key, iv, p->buf, RECORD, header, sizeof header, tag, eng->ichacha, encrypt);
            break;
          default:
            {
              const br_hash_class *hash = p->family == 3 ? &br_sha256_vtable : &br_sha1_vtable;
              br_hmac_key_context kc;
              br_hmac_context hc;
              union
              {
                const br_block_cbcenc_class *enc;
                const br_block_cbcdec_class *dec;
                br_aes_gen_cbcenc_keys       aes_enc;
                br_aes_gen_cbcdec_keys       aes_dec;
                br_des_gen_cbcenc_keys       des_enc;
                br_des_gen_cbcdec_keys       des_dec;
              } keys;
              gboolean des = p->family == 5;
              /* The record, its MAC and padding: one block more than the data. */
              size_t len = RECORD + (des ? 8 : 16);

              br_hmac_key_init (&kc, hash, key, p->family == 3 ? 32 : 20);
              br_hmac_init (&hc, &kc, 0);
              br_hmac_update (&hc, header, sizeof header);
              br_hmac_update (&hc, p->buf, RECORD);
              br_hmac_out (&hc, tag);
              if (encrypt)
                {
                  const br_block_cbcenc_class *cbc = des ? eng->ides_cbcenc : eng->iaes_cbcenc;

                  cbc->init (&keys.enc, key, des ? 24 : 16);
                  cbc->run (&keys.enc, iv, p->buf, len);
                }
              else
                {
                  const br_block_cbcdec_class *cbc = des ? eng->ides_cbcdec : eng->iaes_cbcdec;

                  cbc->init (&keys.dec, key, des ? 24 : 16);
                  cbc->run (&keys.dec, iv, p->buf, len);
                }
              break;
            }
          }
      }
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlCostReport) report = hl_cost_report_measure (BYTES, &error);
  br_ssl_client_context cc;
  br_x509_minimal_context xc;
  g_autofree unsigned char *buf = g_malloc0 (RECORD + 64);
  g_autoptr(HlKey) ec_key = NULL;
  Plain p = { 0 };
  const HlCostFigure *figures;
  guint n_figures;
  int status = 0;

  if (report == NULL)
    {
      g_printerr ("bench-costs: %s\n", error->message);
      return 1;
    }

  br_ssl_client_init_full (&cc, &xc, NULL, 0);
  p.eng = &cc.eng;
  p.buf = buf;
  figures = hl_cost_report_get_figures (report, &n_figures);

  for (guint i = 0; i < n_figures; i++)
    {
      const HlCostFigure *f = &figures[i];
      g_autoptr(HlKey) key = NULL;
      gdouble plain;
      gdouble ratio;

      if (g_str_has_prefix (f->id, "rsa"))
        {
          g_autofree char *name = g_strdup_printf ("server-%.7s", f->id);

          key = hl_key_load_demo (name, NULL);
          p.rsa = hl_key_get_rsa (key);
          plain = plain_loop (rsa_body, &p);
        }
      else if (g_str_has_prefix (f->id, "ecdhe"))
        {
          unsigned char scalar[32];

          memset (scalar, 0x37, sizeof scalar);
          p.curve = strcmp (f->id, "ecdhe_p256") == 0 ? BR_EC_secp256r1 : BR_EC_curve25519;
          p.point_len = br_ec_get_default ()->mulgen (p.point, scalar, 32, p.curve);
          plain = plain_loop (ecdhe_body, &p);
        }
      else if (strcmp (f->id, "ecdsa_p256_sign") == 0)
        {
          ec_key = hl_key_load_demo ("server-ec-p256", NULL);
          p.ec = hl_key_get_ec (ec_key);
          plain = plain_loop (ecdsa_body, &p);
        }
      else if (strcmp (f->group, "bulk") == 0)
        {
          const char *families[] = { "aes128_gcm", "aes256_gcm", "chacha20_poly1305", "aes128_cbc_sha256",
                                     "aes128_cbc_sha1", "3des_cbc_sha1" };

          for (p.family = 0; strcmp (families[p.family], f->id) != 0; p.family++)
            ;
          plain = plain_loop (bulk_body, &p);
        }
      else
        {
          /* A handshake: no single primitive to compare with. */
          g_print ("%s: %.1f us\n", f->id, f->sample.median_ns / 1000);
          continue;
        }

      ratio = f->sample.median_ns / plain;
      g_print ("%s: %.1f us\n", f->id, f->sample.median_ns / 1000);
      g_print ("%s-plain-loop: %.1f us\n", f->id, plain / 1000);
      g_print ("%s-over-plain: %.3f ratio\n", f->id, ratio);
      if (ratio < 0.5 || ratio > 2)
        {
          g_printerr ("bench-costs: %s: %.3f times its plain loop, not within a factor of 2\n", f->id, ratio);
          status = 1;
        }
    }

  return status;
}
