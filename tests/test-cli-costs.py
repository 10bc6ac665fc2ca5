#!/usr/bin/env python3
#
# Copyright 2026 The Handshake Lab authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`handshake-lab-cli costs` and `run ID --costs`: structure, never time.

No figure is held to a time (the machine decides those).  Checked: every
operation, family and handshake README.md lists is there, with a positive
value, at least five runs, quartiles around the median and the BearSSL
implementation that ran; each comparison's number is the one computed
from the figures as printed (in JSON and in the text's sentences); JSON
parses and holds the documented keys; a bad --bytes or --format is one
line on standard error and status 2.  `run --costs`: the trace is the
same as without (JSON byte for byte once "costs" is taken out), and each
lesson's costs name the operations its key exchange must make.

Every lesson: each side's record encryptions are the encrypted records
it put on the wire, and its decryptions the encrypted records of its peer
that it read (the trace's records, which test-decode and test-cli-diff
hold to tshark), except that BearSSL's 1/n-1 split in TLS 1.0 CBC writes
two records in one call.

    test-cli-costs.py HANDSHAKE-LAB-CLI SCENARIO-DIR
"""

import json
import os
import pathlib
import re
import subprocess
import sys

CLI = sys.argv[1]
SCENARIOS = pathlib.Path(sys.argv[2])
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
failures = []

OPERATIONS = ["rsa2048_private", "rsa3072_private", "rsa4096_private", "ecdhe_p256", "ecdhe_x25519",
              "ecdsa_p256_sign"]
BULK = ["aes128_gcm", "aes256_gcm", "chacha20_poly1305", "aes128_cbc_sha256", "aes128_cbc_sha1", "3des_cbc_sha1"]
HANDSHAKES = ["one_way", "one_way_public_key", "mutual_tls", "mutual_tls_public_key", "full", "resumed"]
COMPARISONS = ["rsa2048_against_aes128_gcm", "rsa4096_against_aes128_gcm", "x25519_against_aes128_gcm",
               "rsa4096_against_rsa2048", "rsa2048_against_x25519", "p256_against_x25519",
               "mutual_against_one_way", "resumed_against_full"]


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=ENV, timeout=300)


def expected(kind, a, b):
    """The comparison's number from the figures as printed, rounded as printed."""
    value = a * b / 1e6 if kind == "mib" else a / b
    return round(value, 2)


def near(x, y):
    # Rounding to a hundredth, and a half-way value rounded either way.
    return abs(x - y) <= 0.0051 + 1e-9 * abs(y)


def check_json():
    result = run("costs", "--bytes", "65536", "--format", "json")
    check(result.returncode == 0, f"costs --format json: status {result.returncode}: {result.stderr}")
    report = json.loads(result.stdout)
    check(report["bytes"] == 65536, "costs: bytes is what --bytes asked")
    figures = {f["id"]: f for f in report["figures"]}
    for group, ids in (("operation", OPERATIONS), ("bulk", BULK), ("handshake", HANDSHAKES)):
        for id_ in ids:
            check(id_ in figures, f"costs: figure {id_} is there")
            if id_ not in figures:
                continue
            f = figures[id_]
            for key in ("title", "implementation", "unit", "value", "runs", "median_ns", "q1_ns", "q3_ns"):
                check(key in f, f"costs: {id_} has {key}")
            check(f["group"] == group, f"costs: {id_} is in group {group}")
            check(f["value"] > 0 and f["median_ns"] > 0, f"costs: {id_} is positive")
            check(f["runs"] >= 5, f"costs: {id_} ran at least 5 times, not {f['runs']}")
            check(f["q1_ns"] <= f["median_ns"] <= f["q3_ns"], f"costs: {id_}'s quartiles lie around its median")
            check(f["implementation"] and "?" not in f["implementation"],
                  f"costs: {id_} names its implementation, not {f['implementation']!r}")
            check(f["unit"] == ("MiB/s" if group == "bulk" else "us"), f"costs: {id_}'s unit")
            check((f["suite"] is not None) == (group == "bulk"), f"costs: {id_} names a cipher suite if bulk")
            # The value is the median as printed: microseconds, or MiB/s of the bytes asked.
            if group == "bulk":
                check(abs(f["value"] - 65536 / 1048576 / (f["median_ns"] / 1e9)) <= 0.051,
                      f"costs: {id_}'s MiB/s is its median's")
            else:
                check(abs(f["value"] - f["median_ns"] / 1000) <= 0.051, f"costs: {id_}'s µs is its median's")
    check(list(figures) == OPERATIONS + BULK + HANDSHAKES, "costs: figures in README's order")

    comparisons = {c["id"]: c for c in report["comparisons"]}
    check(list(comparisons) == COMPARISONS, f"costs: the comparisons are {COMPARISONS}")
    for c in comparisons.values():
        a, b = figures[c["a"]]["value"], figures[c["b"]]["value"]
        check(near(c["result"], expected(c["kind"], a, b)),
              f"costs: {c['id']}: {c['result']} is not what {a} and {b} give")
        numbers = re.findall(r"\d+\.\d+", c["sentence"])
        check(f"{c['result']:.2f}" in numbers, f"costs: {c['id']}'s sentence says {c['result']:.2f}")
        check(f"{a:.1f}" in numbers and f"{b:.1f}" in numbers,
              f"costs: {c['id']}'s sentence says the figures {a:.1f} and {b:.1f}")


def check_text():
    result = run("costs", "--bytes", "65536")
    check(result.returncode == 0, f"costs: status {result.returncode}: {result.stderr}")
    text = result.stdout
    printed = {}
    for id_, value, unit in re.findall(r"\[(\w+)\]\n +(\d+\.\d) (µs|MiB/s) \(\d+ runs, IQR", text):
        printed[id_] = (float(value), unit)
    check(sorted(printed) == sorted(OPERATIONS + BULK + HANDSHAKES), f"costs: text prints every figure: {sorted(printed)}")
    check(all(v > 0 for v, _ in printed.values()), "costs: every printed figure is positive")
    microseconds = {v for v, unit in printed.values() if unit == "µs"}
    throughputs = {v for v, unit in printed.values() if unit == "MiB/s"}

    sentences = re.split(r"\n  • ", text.split("In one sentence each\n", 1)[-1])
    sentences = [" ".join(s.split()) for s in sentences if s.strip()]
    check(len(sentences) == len(COMPARISONS), f"costs: {len(COMPARISONS)} sentences, not {len(sentences)}")
    for sentence in sentences:
        numbers = [float(n) for n in re.findall(r"\d+\.\d+", sentence)]
        if "MiB/s" in sentence:
            # "took A µs: as long as encrypting M MiB with ... (B MiB/s)"
            a, mib, b = numbers[-3:]
            check(a in microseconds and b in throughputs, f"costs: the figures of “{sentence}” are printed")
            check(near(mib, expected("mib", a, b)), f"costs: {a} µs at {b} MiB/s is not {mib} MiB: “{sentence}”")
        else:
            # "took R times as long ... (A µs against B µs)"
            ratio, a, b = numbers[:3]
            check(a in microseconds and b in microseconds, f"costs: the figures of “{sentence}” are printed")
            check(near(ratio, expected("ratio", a, b)), f"costs: {a} / {b} is not {ratio}: “{sentence}”")
    check(all(len(line) <= 100 for line in text.splitlines()), "costs: no line over 100 columns")
    check("…" not in text, "costs: nothing is cut")


def check_errors():
    for args in (["--bytes", "0"], ["--bytes", "abc"], ["--bytes", "-5"], ["--bytes", "1.5"],
                 ["--bytes", "99999999999999"], ["--bytes", ""], ["--bytes"], ["--format", "xml"], ["extra"],
                 ["--unknown"]):
        result = run("costs", *args)
        check(result.returncode == 2, f"costs {args}: status 2, not {result.returncode}")
        check(result.stdout == "", f"costs {args}: nothing on standard output")
        check(result.stderr.count("\n") == 1 and result.stderr.startswith("handshake-lab-cli: "),
              f"costs {args}: one line of error, not {result.stderr!r}")
    result = run("costs", "--help")
    check(result.returncode == 0 and "--bytes" in result.stdout, "costs --help names --bytes")


# What each lesson's key exchange must cost, per side.
LESSON_OPERATIONS = {
    "rsa-basic": {("client", "rsa_encrypt"), ("server", "rsa_decrypt"), ("client", "rsa_verify")},
    "ecdhe-rsa": {("server", "rsa_sign"), ("client", "rsa_verify"), ("client", "ecdh_shared"),
                  ("server", "ecdh_shared"), ("client", "ecdh_key_pair"), ("server", "ecdh_key_pair")},
    "ecdhe-ecdsa": {("server", "ecdsa_sign"), ("client", "ecdsa_verify"), ("client", "ecdh_shared")},
    "mutual-tls": {("client", "rsa_sign"), ("server", "rsa_sign"), ("server", "rsa_verify"),
                   ("client", "rsa_verify")},
}


def check_run_costs():
    for lesson, must in LESSON_OPERATIONS.items():
        plain = run("run", lesson, "--format", "json")
        timed = run("run", lesson, "--costs", "--format", "json")
        check(plain.returncode == timed.returncode == 0, f"run {lesson} --costs: status")
        trace = json.loads(timed.stdout)
        costs = trace.pop("costs", None)
        check(costs is not None, f"run {lesson} --costs: a costs member")
        if costs is None:
            continue
        check(json.dumps(trace, sort_keys=True) == json.dumps(json.loads(plain.stdout), sort_keys=True),
              f"run {lesson} --costs: the trace is the same as without")
        check(costs["unit"] == "ns", f"run {lesson}: costs in ns")
        seen = {(o["side"], o["id"]) for o in costs["operations"]}
        for side_op in must:
            check(side_op in seen, f"run {lesson} --costs: {side_op} is there: {sorted(seen)}")
        for side in ("client", "server"):
            for op in ("prf", "record_encrypt", "record_decrypt"):
                check((side, op) in seen, f"run {lesson} --costs: {side} {op}")
        for o in costs["operations"]:
            check(o["count"] > 0 and o["ns"] > 0, f"run {lesson}: {o} is positive")
            check(o["public_key"] == (o["id"] not in ("prf", "record_encrypt", "record_decrypt")),
                  f"run {lesson}: {o['id']} public_key")
        connections = costs["connections"]
        check(len(connections) == 1, f"run {lesson}: one connection")
        public = sum(o["ns"] for o in costs["operations"] if o["public_key"])
        check(sum(c["public_key_ns"] for c in connections) == public,
              f"run {lesson}: the connections' public-key time is the operations'")
        check(all(c["ns"] > c["public_key_ns"] for c in connections), f"run {lesson}: a connection holds its operations")

    resumed = json.loads(run("run", "resumption", "--costs", "--format", "json").stdout)["costs"]
    check(len(resumed["connections"]) == 2, "run resumption --costs: two connections")
    check(resumed["connections"][1]["public_key_ns"] == 0, "run resumption --costs: the resumed one has no public-key operation")

    text = run("run", "rsa-basic", "--costs")
    check("Costs (on this machine" in text.stdout and "RSA decryption of the pre-master secret" in text.stdout,
          "run rsa-basic --costs: the Costs section")
    check("Costs (on this machine" not in run("run", "rsa-basic").stdout, "run rsa-basic: no Costs section")


def check_records():
    lessons = sorted(path.stem for path in SCENARIOS.glob("*.scenario"))
    check(len(lessons) >= 31, f"the lessons are there: {len(lessons)}")
    for lesson in lessons:
        result = run("run", lesson, "--costs", "--format", "json")
        trace = json.loads(result.stdout)
        counts = {(o["side"], o["id"]): o["count"] for o in trace["costs"]["operations"]}
        split = trace["version"] == "TLS 1.0" and "CBC" in (trace["cipher_suite"] or "")
        for side, peer in (("client", "server"), ("server", "client")):
            sent = sum(1 for r in trace["records"] if r["sender"] == side and r["encrypted"])
            read = sum(1 for r in trace["records"] if r["sender"] == peer and r["encrypted"] and r["delivered"])
            encrypted = counts.get((side, "record_encrypt"), 0)
            decrypted = counts.get((side, "record_decrypt"), 0)
            if split:
                check(sent / 2 <= encrypted < sent, f"{lesson}: {side} wrote {sent} records in {encrypted} calls")
            else:
                check(encrypted == sent, f"{lesson}: {side} encrypted {encrypted} records, sent {sent}")
            check(decrypted == read, f"{lesson}: {side} decrypted {decrypted} records, read {read}")


check_errors()
check_records()
check_run_costs()
check_json()
check_text()

if failures:
    print(f"{len(failures)} failed")
    sys.exit(1)
print("all passed")
