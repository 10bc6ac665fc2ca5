#!/usr/bin/env python3
#
# Copyright 2026 The Handshake Lab authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""OpenSSL checks every handshake signature the app says verifies or not.

For every lesson, and for TLS 1.0 variants of the lessons that sign (MD5 ‖
SHA-1 for RSA, SHA-1 for ECDSA), the run's JSON trace gives the records as
they crossed the wire.  This test cuts the handshake messages out of them
itself, as the verifying side received them, and for each
ServerKeyExchange (RFC 5246 §7.4.3: client random ‖ server random ‖
ServerECDHParams) and each CertificateVerify (§7.4.8: every handshake
message before it) writes the signed bytes, the signature and the public
key of the first certificate the signer sent (`openssl x509 -pubkey`), and
asks `openssl dgst -verify` with the hash the message names (TLS 1.2) or
the one TLS 1.0 prescribes.  The app's "Signature check" field of the
message (the one field of the message's tree that carries a check) must
say what OpenSSL says.  When the signature does not verify as received,
OpenSSL checks it again over the bytes as the signer sent them, and the
app's "over the bytes as the … sent them" must agree: a change on the way
(tampered variants) verifies there, a wrong key (server-wrong-key) not.

    test-signatures.py HANDSHAKE-LAB-CLI SCENARIO-DIR
"""

import json
import os
import pathlib
import subprocess
import sys
import tempfile

HASHES = {2: "-sha1", 4: "-sha256", 5: "-sha384", 6: "-sha512"}

# Variants in TLS 1.0: (name, lesson, [(text, replacement), ...]).
VARIANTS = [
    ("tls10-ecdhe-rsa", "ecdhe-rsa",
     [("versions=TLS 1.2", "versions=TLS 1.0"),
      ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")]),
    ("tls10-ecdhe-ecdsa", "ecdhe-ecdsa",
     [("versions=TLS 1.2", "versions=TLS 1.0"),
      ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")]),
    ("tls10-server-wrong-key", "server-wrong-key",
     [("versions=TLS 1.2", "versions=TLS 1.0"),
      ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")]),
    ("tls10-mutual-tls", "mutual-tls",
     [("versions=TLS 1.2", "versions=TLS 1.0"),
      ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")]),
    ("tls10-mutual-tls-ec-client", "mutual-tls-untrusted-client",
     [("versions=TLS 1.2", "versions=TLS 1.0"),
      ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")]),
    # The network flips a bit of the server random: with ECDHE, the
    # signature the client checks covers it.
    ("ecdhe-tampered-server-random", "tampered-server-random",
     [("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")]),
]

# Variants whose network flips the last bit of a signed message: (name,
# lesson, handshake type), the message ending its record.
TAMPERED = [
    ("mutual-tls-tampered-certificate-verify", "mutual-tls", 15),
    ("ecdhe-rsa-tampered-server-key-exchange", "ecdhe-rsa", 12),
]


def tamper_last_byte(trace, kind):
    """A [Fault] section that flips the last bit of the message of @kind
    (its signature's last byte), found in the record that carries it."""
    step = next(s for s in trace["steps"] if s["kind"] == "handshake" and s.get("handshake_type") == kind)
    record = bytes.fromhex(trace["records"][step["record"]]["bytes"])
    message = bytes.fromhex(step["bytes"])[step["header_length"]:]
    at = record.find(message, 5)
    if at < 0:
        sys.exit(f"the message {kind} is not whole in one record any more")
    number = sum(1 for r in trace["records"][:step["record"] + 1] if r["sender"] == step["actor"])
    return (f"tamper-sender={step['actor']}\ntamper-record={number}\n"
            f"tamper-offset={at - 5 + len(message) - 1}\ntamper-xor=1\n")


def run_json(cli, args):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
    out = subprocess.run([cli, "run", *args, "--format", "json"], capture_output=True, env=env, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f"{cli} run {' '.join(args)} failed: {out.stderr.decode()}")
    return json.loads(out.stdout)


def messages_seen_by(trace, connection, verifier):
    """The plaintext handshake messages of @connection in wire order: the
    verifier's own as sent, its peer's as delivered."""
    record_connection = {s["record"]: s["connection"] for s in trace["steps"] if s.get("record") is not None}
    streams = {"client": b"", "server": b""}
    messages = []
    for record in trace["records"]:
        index = int(record["index"])
        if record_connection.get(index) != connection or int(record["content_type"]) != 22 or record["encrypted"]:
            continue
        wire = record["bytes"]
        if record["sender"] != verifier and record.get("delivered_bytes"):
            wire = record["delivered_bytes"]
        sender = record["sender"]
        streams[sender] += bytes.fromhex(wire)[5:]
        while len(streams[sender]) >= 4:
            s = streams[sender]
            size = 4 + int.from_bytes(s[1:4], "big")
            if len(s) < size:
                break
            messages.append((sender, s[0], s[:size]))
            streams[sender] = s[size:]
    return messages


def last(messages, before, sender, kind):
    found = None
    for i, (who, t, m) in enumerate(messages[:before]):
        if who == sender and t == kind:
            found = m
    return found


def leaf_public_key(certificate_message, directory):
    body = certificate_message[4:]
    length = int.from_bytes(body[3:6], "big")
    der = directory / "leaf.der"
    der.write_bytes(body[6:6 + length])
    pem = subprocess.run(["openssl", "x509", "-inform", "DER", "-in", str(der), "-pubkey", "-noout"],
                         capture_output=True, check=True).stdout
    pub = directory / "pub.pem"
    pub.write_bytes(pem)
    text = subprocess.run(["openssl", "x509", "-inform", "DER", "-in", str(der), "-noout", "-text"],
                          capture_output=True, check=True, text=True).stdout
    if "Public Key Algorithm: rsaEncryption" in text:
        return pub, True
    if "Public Key Algorithm: id-ecPublicKey" in text:
        return pub, False
    sys.exit("the signer's certificate has a key that is neither RSA nor EC")


def openssl_verifies(signed, signature_struct, tls12, certificate_message, directory):
    pub, rsa = leaf_public_key(certificate_message, directory)
    if tls12:
        digest = HASHES[signature_struct[0]]
        signature_struct = signature_struct[2:]
    else:
        digest = "-md5-sha1" if rsa else "-sha1"
    length = int.from_bytes(signature_struct[:2], "big")
    (directory / "sig.bin").write_bytes(signature_struct[2:2 + length])
    (directory / "data.bin").write_bytes(signed)
    result = subprocess.run(["openssl", "dgst", digest, "-verify", str(pub), "-signature",
                             str(directory / "sig.bin"), str(directory / "data.bin")],
                            capture_output=True, text=True)
    verdict = result.stdout.strip()
    if verdict not in ("Verified OK", "Verification failure"):
        sys.exit(f"openssl dgst said: {verdict} {result.stderr}")
    return verdict == "Verified OK", digest


def app_verdict(step):
    """The check of the message's own tree ("pass", "fail" or None), and
    what it says of the bytes as the signer sent them (None if nothing)."""
    checks = [f for f in step["fields"].get("children", []) if f.get("check")]
    if len(checks) != 1:
        sys.exit(f"step {step['index']}: {len(checks)} check fields, not one")
    as_sent = [c["value"] for c in checks[0].get("children", []) if c["name"].startswith("over the bytes as the")]
    return checks[0]["check"], as_sent[0] if as_sent else None


def signed_parts(trace, step, viewer):
    """What @viewer received of the signed message of @step: the signed
    bytes, the signature struct, TLS 1.2 or not, the signer's Certificate."""
    kind = step["handshake_type"]
    signer = "server" if kind == 12 else "client"
    messages = messages_seen_by(trace, step["connection"], viewer)
    position = next(i for i, (who, t, _) in enumerate(messages) if who == signer and t == kind)
    body = messages[position][2][4:]
    server_hello = last(messages, position, "server", 2)
    certificate = last(messages, position, signer, 11)
    tls12 = int.from_bytes(server_hello[4:6], "big") >= 0x0303
    if kind == 12:
        client_hello = last(messages, position, "client", 1)
        params = 4 + body[3]
        return client_hello[6:38] + server_hello[6:38] + body[:params], body[params:], tls12, certificate
    return b"".join(m for _, t, m in messages[:position] if t != 0), body, tls12, certificate


def check_trace(name, trace, directory):
    outcomes = []
    for step in trace["steps"]:
        kind = step.get("handshake_type")
        if step["kind"] != "handshake" or kind not in (12, 15) or step["encrypted"]:
            continue
        signer = "server" if kind == 12 else "client"
        verifier = "client" if kind == 12 else "server"
        ok, digest = openssl_verifies(*signed_parts(trace, step, verifier), directory)
        verdict, app_as_sent = app_verdict(step)
        what = "ServerKeyExchange" if kind == 12 else "CertificateVerify"
        print(f"{name}, connection {step['connection']}, {what}: openssl dgst {digest}: "
              f"{'verifies' if ok else 'does not verify'}; the app: {verdict}")
        if verdict != ("pass" if ok else "fail"):
            sys.exit(f"{name}: the app's check of the {what} says {verdict}, OpenSSL says "
                     f"{'it verifies' if ok else 'it does not verify'}")

        # Over the bytes as the signer sent them, when they do not verify
        # as received.
        as_sent = None
        if not ok:
            as_sent, _ = openssl_verifies(*signed_parts(trace, step, signer), directory)
            print(f"  as the {signer} sent them: openssl: {'verifies' if as_sent else 'does not verify'}; "
                  f"the app: {app_as_sent}")
        if app_as_sent != (None if ok else "verifies" if as_sent else "does not verify"):
            sys.exit(f"{name}: over the bytes the {signer} sent, the app says {app_as_sent}, OpenSSL {as_sent}")
        outcomes.append((what, ok, as_sent))
    return outcomes


def main():
    cli, scenarios = sys.argv[1], pathlib.Path(sys.argv[2])
    listing = subprocess.run([cli, "list"], capture_output=True, text=True, check=True).stdout
    lessons = [line.split()[0] for line in listing.splitlines() if line.strip()]
    outcomes = {}
    traces = {}
    with tempfile.TemporaryDirectory(prefix="hl-test-signatures-") as tmp:
        directory = pathlib.Path(tmp)
        for lesson in lessons:
            traces[lesson] = run_json(cli, [lesson])
            outcomes[lesson] = check_trace(lesson, traces[lesson], directory)
        variants = list(VARIANTS)
        for name, base, kind in TAMPERED:
            keys = tamper_last_byte(traces[base], kind)
            if "\n[Fault]\n" in (scenarios / f"{base}.scenario").read_text():
                variants.append((name, base, [("\n[Fault]\n", "\n[Fault]\n" + keys)]))
            else:
                variants.append((name, base, [("\n[Expect]\n", "\n[Fault]\n" + keys + "\n[Expect]\n")]))
        for name, base, edits in variants:
            text = (scenarios / f"{base}.scenario").read_text()
            for old, new in edits:
                if old not in text:
                    sys.exit(f"{name}: “{old}” is not in {base}.scenario any more")
                text = text.replace(old, new)
            path = directory / f"{name}.scenario"
            path.write_text(text)
            outcomes[name] = check_trace(name, run_json(cli, ["--scenario-file", str(path)]), directory)

    # The lessons that sign show both outcomes, and the wrong key is caught.
    # The wrong key fails even as sent; a change on the way verifies as
    # sent; the lessons that should verify do.
    every = [o for found in outcomes.values() for o in found]
    for what in ("ServerKeyExchange", "CertificateVerify"):
        if (what, True, None) not in every:
            sys.exit(f"no run has a {what} whose signature verifies")
    expected = {
        "server-wrong-key": [("ServerKeyExchange", False, False)],
        "tls10-server-wrong-key": [("ServerKeyExchange", False, False)],
        "ecdhe-tampered-server-random": [("ServerKeyExchange", False, True)],
        "ecdhe-rsa-tampered-server-key-exchange": [("ServerKeyExchange", False, True)],
        "mutual-tls-tampered-certificate-verify": [("ServerKeyExchange", True, None),
                                                   ("CertificateVerify", False, True)],
    }
    for lesson in ("ecdhe-rsa", "ecdhe-ecdsa", "tls10-ecdhe-rsa", "tls10-ecdhe-ecdsa"):
        expected[lesson] = [("ServerKeyExchange", True, None)]
    # The client's signature, in TLS 1.2 and with TLS 1.0's hashes.
    for lesson in ("mutual-tls", "tls10-mutual-tls", "tls10-mutual-tls-ec-client"):
        expected[lesson] = [("ServerKeyExchange", True, None), ("CertificateVerify", True, None)]
    for name, wanted in expected.items():
        if outcomes[name] != wanted:
            sys.exit(f"{name}: expected {wanted}, got {outcomes[name]}")
    print(f"{len(every)} signatures checked by OpenSSL in {len(outcomes)} runs")


if __name__ == "__main__":
    main()
