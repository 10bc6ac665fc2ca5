/* hl-scenario-certificates.c
 *
 * Copyright 2026 The Handshake Lab authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hl-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hl-cert-loader.h"
#include "hl-file.h"
#include "hl-scenario-private.h"

/*
 * A [Certificate NAME] group is a recipe for the PKI (HlCertRecipe), or a
 * user's own certificate and key files.  The PKI is built from the
 * recipes when a run first asks for it, and kept: signing certificates
 * costs more than the handshake itself.
 */

static const char * const certificate_keys[] = {
  "subject-cn", "subject-o", "subject-ou", "subject-c", "issuer", "key", "serial",
  "valid-from", "valid-until", "ca", "path-len", "basic-constraints", "key-usage",
  "ext-key-usage", "ext-key-usage-critical", "dns-names", "ip-addresses",
  "subject-key-id", "unknown-critical-extension", "signature-hash", "signed-by-key", "certificate-file", "key-file", NULL
};

static const struct { const char *name; HlKeyUsage bit; } key_usages[] = {
  { "digital-signature", HL_KEY_USAGE_DIGITAL_SIGNATURE },
  { "non-repudiation", HL_KEY_USAGE_NON_REPUDIATION },
  { "key-encipherment", HL_KEY_USAGE_KEY_ENCIPHERMENT },
  { "data-encipherment", HL_KEY_USAGE_DATA_ENCIPHERMENT },
  { "key-agreement", HL_KEY_USAGE_KEY_AGREEMENT },
  { "key-cert-sign", HL_KEY_USAGE_KEY_CERT_SIGN },
  { "crl-sign", HL_KEY_USAGE_CRL_SIGN },
};

static const struct { const char *name; HlExtKeyUsage bit; } ext_key_usages[] = {
  { "server-auth", HL_EXT_KEY_USAGE_SERVER_AUTH },
  { "client-auth", HL_EXT_KEY_USAGE_CLIENT_AUTH },
};

static const struct { const char *name; HlBasicConstraints value; } basic_constraints[] = {
  { "critical", HL_BASIC_CONSTRAINTS_CRITICAL },
  { "non-critical", HL_BASIC_CONSTRAINTS_NON_CRITICAL },
  { "absent", HL_BASIC_CONSTRAINTS_ABSENT },
};

static const struct { const char *name; HlSignatureHash value; } signature_hashes[] = {
  { "sha1", HL_SIGNATURE_HASH_SHA1 },
  { "sha256", HL_SIGNATURE_HASH_SHA256 },
  { "sha384", HL_SIGNATURE_HASH_SHA384 },
};

/* The certificate keys beyond the basic ones: the unusual certificates
 * of the lessons.  Defaults give an ordinary certificate. */
static gboolean
load_certificate_extras (HlLoader              *loader,
                         const char            *group,
                         HlScenarioCertificate *cert,
                         GError               **error)
{
  HlCertRecipe *recipe = &cert->recipe;
  g_autofree char *text = NULL;
  g_auto(GStrv) purposes = NULL;
  gboolean subject_key_id = TRUE;
  gsize j;

  cert->subject_ou = hl_loader_get_string (loader, group, "subject-ou", FALSE, NULL);
  if (cert->subject_ou != NULL && !hl_loader_check_text (loader, group, "subject-ou", cert->subject_ou, MAX_NAME_CHARS, error))
    return FALSE;
  cert->subject_c = hl_loader_get_string (loader, group, "subject-c", FALSE, NULL);
  if (cert->subject_c != NULL &&
      (strlen (cert->subject_c) != 2 ||
       !g_ascii_isupper (cert->subject_c[0]) || !g_ascii_isupper (cert->subject_c[1])))
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("subject-c: “%s” is not a country code of two capital letters, like DE"),
                           hl_loader_quote (loader, cert->subject_c));

  if ((text = hl_loader_get_string (loader, group, "basic-constraints", FALSE, NULL)) != NULL)
    {
      for (j = 0; j < G_N_ELEMENTS (basic_constraints); j++)
        if (g_ascii_strcasecmp (text, basic_constraints[j].name) == 0)
          break;
      if (j == G_N_ELEMENTS (basic_constraints))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("basic-constraints: “%s” is not critical, non-critical or absent"), hl_loader_quote (loader, text));
      recipe->basic_constraints = basic_constraints[j].value;
      if (recipe->basic_constraints == HL_BASIC_CONSTRAINTS_ABSENT && recipe->is_ca)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                               _("basic-constraints: a CA certificate (ca=true) cannot leave it out"));
      g_clear_pointer (&text, g_free);
    }

  if (g_key_file_has_key (loader->keyfile, group, "ext-key-usage", NULL))
    {
      if (!(purposes = hl_loader_get_list (loader, group, "ext-key-usage", TRUE, G_N_ELEMENTS (ext_key_usages), error)) ||
          !hl_loader_check_distinct (loader, group, "ext-key-usage", purposes, error))
        return FALSE;

      for (guint i = 0; purposes[i] != NULL; i++)
        {
          for (j = 0; j < G_N_ELEMENTS (ext_key_usages); j++)
            if (g_ascii_strcasecmp (purposes[i], ext_key_usages[j].name) == 0)
              break;
          if (j == G_N_ELEMENTS (ext_key_usages))
            return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                                   _("ext-key-usage: “%s” is not server-auth or client-auth"), hl_loader_quote (loader, purposes[i]));
          recipe->ext_key_usage |= ext_key_usages[j].bit;
        }
    }

  if (!hl_loader_get_boolean (loader, group, "ext-key-usage-critical", &recipe->ext_key_usage_critical, error))
    return FALSE;
  if (recipe->ext_key_usage_critical && recipe->ext_key_usage == 0)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("ext-key-usage-critical: there is no ext-key-usage to mark"));

  if (g_key_file_has_key (loader->keyfile, group, "ip-addresses", NULL))
    {
      if (!(cert->ip_addresses = hl_loader_get_list (loader, group, "ip-addresses", TRUE, MAX_SAN_ENTRIES, error)) ||
          !hl_loader_check_distinct (loader, group, "ip-addresses", cert->ip_addresses, error))
        return FALSE;

      for (guint i = 0; cert->ip_addresses[i] != NULL; i++)
        {
          g_autoptr(GInetAddress) address = g_inet_address_new_from_string (cert->ip_addresses[i]);

          if (address == NULL)
            return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                                   _("ip-addresses: “%s” is not an IPv4 or IPv6 address"),
                                   hl_loader_quote (loader, cert->ip_addresses[i]));
        }
    }

  if (!hl_loader_get_boolean (loader, group, "unknown-critical-extension",
                              &recipe->unknown_critical_extension, error))
    return FALSE;

  if (g_key_file_has_key (loader->keyfile, group, "subject-key-id", NULL) &&
      !hl_loader_get_boolean (loader, group, "subject-key-id", &subject_key_id, error))
    return FALSE;
  recipe->omit_key_ids = !subject_key_id;

  if ((text = hl_loader_get_string (loader, group, "signature-hash", FALSE, NULL)) != NULL)
    {
      for (j = 0; j < G_N_ELEMENTS (signature_hashes); j++)
        if (g_ascii_strcasecmp (text, signature_hashes[j].name) == 0)
          break;
      if (j == G_N_ELEMENTS (signature_hashes))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("signature-hash: “%s” is not sha1, sha256 or sha384"), hl_loader_quote (loader, text));
      recipe->signature_hash = signature_hashes[j].value;
    }

  cert->signed_by_key = hl_loader_get_string (loader, group, "signed-by-key", FALSE, NULL);
  if (cert->signed_by_key != NULL &&
      !hl_loader_check_demo_key (loader, group, "signed-by-key", cert->signed_by_key, error))
    return FALSE;

  recipe->subject_ou = cert->subject_ou;
  recipe->subject_c = cert->subject_c;
  recipe->ip_addresses = (const char * const *)cert->ip_addresses;
  recipe->signed_by_key = cert->signed_by_key;

  return TRUE;
}

HlScenarioCertificate *
hl_scenario_find_certificate (HlScenario *self,
                              const char *name)
{
  for (guint i = 0; i < self->certificates->len; i++)
    {
      HlScenarioCertificate *cert = g_ptr_array_index (self->certificates, i);

      if (g_strcmp0 (cert->name, name) == 0)
        return cert;
    }

  return NULL;
}

/* A certificate the user brings: one certificate from a PEM or DER file,
 * and, for a certificate that must sign or serve, its private key. */
static gboolean
load_user_certificate (HlLoader              *loader,
                       HlScenarioCertificate *cert,
                       const char            *group,
                       GError               **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (loader->keyfile, group, NULL, NULL);
  g_autofree char *file = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    if (strcmp (keys[i], "certificate-file") != 0 && strcmp (keys[i], "key-file") != 0)
      return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                             _("%s: a certificate read from certificate-file takes no other key than key-file"), keys[i]);

  if (loader->base_dir == NULL)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("certificate-file: only a scenario file on disk can name other files"));

  file = hl_loader_get_string (loader, group, "certificate-file", TRUE, error);
  if (file == NULL)
    return FALSE;
  path = g_path_is_absolute (file) ? g_strdup (file) : g_build_filename (loader->base_dir, file, NULL);

  certs = hl_cert_loader_read_file (path, &local_error);
  if (certs == NULL)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, "certificate-file: %s", local_error->message);
  if (certs->len != 1)
    {
      g_autofree char *display = hl_file_display_name (path);

      return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                             _("certificate-file: %s holds %u certificates; name one per [Certificate] group"),
                             display, certs->len);
    }
  cert->file_der = g_bytes_ref (g_ptr_array_index (certs, 0));
  loader->file_der_bytes += g_bytes_get_size (cert->file_der);
  if (loader->file_der_bytes > HL_SCENARIO_MAX_FILE_CERTIFICATE_BYTES)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("certificate-file: the certificates read from files hold %u bytes "
                             "with this one; a scenario holds at most %u bytes of them (a real chain holds a few "
                             "thousand)"),
                           (guint)loader->file_der_bytes, (guint)HL_SCENARIO_MAX_FILE_CERTIFICATE_BYTES);

  if ((key_file = hl_loader_get_string (loader, group, "key-file", FALSE, NULL)) != NULL)
    {
      g_autofree char *key_path = g_path_is_absolute (key_file) ? g_strdup (key_file)
                                                                : g_build_filename (loader->base_dir, key_file, NULL);

      cert->file_key = hl_cert_loader_read_key_file (key_path, &local_error);
      if (cert->file_key == NULL)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, "key-file: %s", local_error->message);
      if (!hl_cert_loader_check_key (cert->file_der, cert->file_key, key_path, &local_error))
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group, "key-file: %s", local_error->message);
    }

  /* Its issuer is outside the scenario: no order to keep. */
  cert->issuer = g_strdup (cert->name);
  cert->recipe.issuer = cert->issuer;

  return TRUE;
}

/* dns-names: host names (a leading "*." allowed), each named once; at
 * most MAX_SAN_ENTRIES of them and MAX_DNS_NAMES_BYTES together. */
static gboolean
load_dns_names (HlLoader              *loader,
                const char            *group,
                HlScenarioCertificate *cert,
                GError               **error)
{
  gsize bytes = 0;

  if (!g_key_file_has_key (loader->keyfile, group, "dns-names", NULL))
    return TRUE;

  if (!(cert->dns_names = hl_loader_get_list (loader, group, "dns-names", TRUE, MAX_SAN_ENTRIES, error)))
    return FALSE;

  for (guint i = 0; cert->dns_names[i] != NULL; i++)
    bytes += strlen (cert->dns_names[i]);
  if (bytes > MAX_DNS_NAMES_BYTES)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("dns-names: %u bytes of names; a certificate here holds at most %u"),
                           (guint)bytes, MAX_DNS_NAMES_BYTES);

  if (!hl_loader_check_distinct (loader, group, "dns-names", cert->dns_names, error))
    return FALSE;

  for (guint i = 0; cert->dns_names[i] != NULL; i++)
    {
      const char *problem = hl_loader_host_name_problem (cert->dns_names[i], TRUE);

      if (problem != NULL)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                               _("dns-names: “%s” is not a host name: %s"), hl_loader_quote (loader, cert->dns_names[i]), problem);
    }

  /* DNS names are compared without regard to case (RFC 4343): two
   * spellings are one name. */
  for (guint i = 0; cert->dns_names[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (g_ascii_strcasecmp (cert->dns_names[i], cert->dns_names[j]) == 0)
        return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                               _("dns-names: “%s” is listed twice: “%s” is the same name, as DNS names "
                                 "ignore case"),
                               hl_loader_quote (loader, cert->dns_names[i]),
                               hl_loader_quote (loader, cert->dns_names[j]));

  return TRUE;
}

gboolean
hl_scenario_load_certificate (HlLoader   *loader,
                              HlScenario *self,
                              const char *group,
                              GError    **error)
{
  const char *name = group + strlen (CERT_GROUP_PREFIX);
  HlScenarioCertificate *cert;
  g_auto(GStrv) usages = NULL;
  guint64 serial = 0;
  guint64 path_len = G_MAXUINT64;

  if (!hl_loader_check_keys (loader, group, certificate_keys, error))
    return FALSE;

  if (name[0] == '\0' || strchr (name, ';') != NULL)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                           _("a certificate needs a name without “;”, like [Certificate server]"));

  if (self->certificates->len == MAX_CERTIFICATES)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("a scenario holds at most %u certificates"), MAX_CERTIFICATES);

  cert = g_new0 (HlScenarioCertificate, 1);
  g_ptr_array_add (self->certificates, cert);
  cert->name = g_strdup (name);
  cert->recipe.name = cert->name;

  if (g_key_file_has_key (loader->keyfile, group, "certificate-file", NULL))
    return load_user_certificate (loader, cert, group, error);

  if (!(cert->subject_cn = hl_loader_get_string (loader, group, "subject-cn", TRUE, error)) ||
      !hl_loader_check_text (loader, group, "subject-cn", cert->subject_cn, MAX_NAME_CHARS, error) ||
      !(cert->issuer = hl_loader_get_string (loader, group, "issuer", TRUE, error)) ||
      !(cert->key = hl_loader_get_string (loader, group, "key", TRUE, error)))
    return FALSE;

  cert->subject_o = hl_loader_get_string (loader, group, "subject-o", FALSE, NULL);
  if (cert->subject_o != NULL && !hl_loader_check_text (loader, group, "subject-o", cert->subject_o, MAX_NAME_CHARS, error))
    return FALSE;

  if (!hl_loader_check_demo_key (loader, group, "key", cert->key, error))
    return FALSE;

  if (!hl_loader_get_unsigned_range (loader, group, "serial", 1, G_MAXINT64, &serial, error) ||
      !hl_loader_get_time (loader, group, "valid-from", self->clock, &cert->recipe.not_before, error) ||
      !hl_loader_get_time (loader, group, "valid-until", self->clock, &cert->recipe.not_after, error) ||
      !hl_loader_get_boolean (loader, group, "ca", &cert->recipe.is_ca, error) ||
      !hl_loader_get_unsigned (loader, group, "path-len", 16, &path_len, error))
    return FALSE;

  if (serial == 0)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_MISSING, group,
                           _("serial: a certificate needs a serial number from 1 up"));

  if (path_len != G_MAXUINT64 && !cert->recipe.is_ca)
    return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_INVALID, group,
                           _("path-len: only a CA certificate (ca=true) has a path length"));

  if (g_key_file_has_key (loader->keyfile, group, "key-usage", NULL))
    {
      if (!(usages = hl_loader_get_list (loader, group, "key-usage", TRUE, G_N_ELEMENTS (key_usages), error)) ||
          !hl_loader_check_distinct (loader, group, "key-usage", usages, error))
        return FALSE;

      for (guint i = 0; usages[i] != NULL; i++)
        {
          gsize j;

          for (j = 0; j < G_N_ELEMENTS (key_usages); j++)
            if (g_ascii_strcasecmp (usages[i], key_usages[j].name) == 0)
              break;

          if (j == G_N_ELEMENTS (key_usages))
            return hl_loader_fail (loader, error, HL_SCENARIO_ERROR_PARSE, group,
                                   _("key-usage: “%s” is not a key usage (digital-signature, key-encipherment, key-cert-sign, …)"),
                                   hl_loader_quote (loader, usages[i]));
          cert->recipe.key_usage |= key_usages[j].bit;
        }
    }

  if (!load_dns_names (loader, group, cert, error))
    return FALSE;

  if (!load_certificate_extras (loader, group, cert, error))
    return FALSE;

  cert->recipe.name = cert->name;
  cert->recipe.issuer = cert->issuer;
  cert->recipe.key = cert->key;
  cert->recipe.subject_cn = cert->subject_cn;
  cert->recipe.subject_o = cert->subject_o;
  cert->recipe.serial = serial;
  cert->recipe.path_len = path_len == G_MAXUINT64 ? -1 : (int)path_len;
  cert->recipe.dns_names = (const char * const *)cert->dns_names;

  return TRUE;
}

gboolean
hl_scenario_get_certificate_file (HlScenario *self,
                                  guint       index,
                                  GBytes    **der,
                                  HlKey     **key)
{
  HlScenarioCertificate *cert;

  g_return_val_if_fail (HL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (index < self->certificates->len, FALSE);

  cert = g_ptr_array_index (self->certificates, index);
  if (cert->file_der == NULL)
    return FALSE;

  *der = cert->file_der;
  *key = cert->file_key;

  return TRUE;
}

/* The limits the wire puts on certificates, which a file's certificates
 * can exceed (a recipe's cannot, in a file of HL_FILE_MAX_SIZE): a chain
 * travels in one Certificate message, a list of at most 2^24 − 1 bytes
 * with 3 bytes of length before each certificate (RFC 5246 section
 * 7.4.2); the names of the roots a server trusts travel in its
 * CertificateRequest, a list of at most 2^16 − 1 bytes with 2 bytes before
 * each (section 7.4.4).  BearSSL writes the lengths without checking. */
static gboolean
check_wire_limits (HlScenario *self,
                   HlPki      *pki,
                   GError    **error)
{
  for (HlActor actor = HL_ACTOR_CLIENT; actor <= HL_ACTOR_SERVER; actor++)
    {
      const char * const *names = (const char * const *)self->sides[actor].chain;
      gsize total = 0;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        total += 3 + g_bytes_get_size (hl_pki_get_der (pki, names[i]));

      if (total > 0xffffff)
        {
          g_set_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_INVALID,
                       _("%s: [%s] chain: the certificates take %lu bytes in a Certificate message, "
                         "which holds at most 16777215 (2^24 − 1)"),
                       self->origin, actor == HL_ACTOR_CLIENT ? "Client" : "Server", (gulong)total);
          return FALSE;
        }
    }

  if (self->sides[HL_ACTOR_SERVER].trust != NULL)
    {
      const br_x509_trust_anchor *anchors;
      gsize n_anchors;
      gsize total = 0;

      if (!(anchors = hl_pki_get_trust_anchors (pki, (const char * const *)self->sides[HL_ACTOR_SERVER].trust,
                                                &n_anchors, error)))
        return FALSE;

      for (gsize i = 0; i < n_anchors; i++)
        total += 2 + anchors[i].dn.len;

      if (total > 0xffff)
        {
          g_set_error (error, HL_SCENARIO_ERROR, HL_SCENARIO_ERROR_INVALID,
                       _("%s: [Server] trust: the names of these roots take %lu bytes in a CertificateRequest, "
                         "which holds at most 65535 (2^16 − 1)"),
                       self->origin, (gulong)total);
          return FALSE;
        }
    }

  return TRUE;
}

HlPki *
hl_scenario_get_pki (HlScenario *self,
                     GError    **error)
{
  g_autoptr(HlPki) pki = NULL;

  g_return_val_if_fail (HL_IS_SCENARIO (self), NULL);

  if (self->pki != NULL)
    return self->pki;

  pki = hl_pki_new ();
  for (guint i = 0; i < self->certificates->len; i++)
    {
      HlScenarioCertificate *cert = g_ptr_array_index (self->certificates, i);

      if (cert->file_der != NULL)
        {
          if (!hl_pki_add_certificate (pki, cert->name, cert->file_der, cert->file_key, error))
            return NULL;
        }
      else if (!hl_pki_add (pki, &cert->recipe, error))
        return NULL;
    }

  if (!check_wire_limits (self, pki, error))
    return NULL;

  self->pki = g_steal_pointer (&pki);

  return self->pki;
}
