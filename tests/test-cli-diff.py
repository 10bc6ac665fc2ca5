#!/usr/bin/env python3
#
# Copyright 2026 The Handshake Lab authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`handshake-lab-cli diff A B`, judged by tshark where it states a fact of the wire.

Each lesson compared is also exported as a pcapng capture (`run ID
--export-pcapng`), and tshark reads from the captures what the diff
claims: the cipher suite each ServerHello chose (the values the diff
prints for A and B, in text and in JSON), which handshake message types
each run sent (a step the diff calls added is a message only B's capture
holds), the randoms of the hellos (the values the diff prints), the
ClientHello's offer (the same in both: the diff calls that ClientHello's
changes random), and the server's certificate (other bytes in `expired`:
the first difference).  Then: a lesson against itself or against a copy
of its file has no difference; an unknown id, a bad file, bad usage give
one line on standard error and status 2; no text line is longer than 100
columns (rsa-basic and resumption against every lesson) or cut with "…".

    test-cli-diff.py HANDSHAKE-LAB-CLI SCENARIO-DIR
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
SCENARIOS = pathlib.Path(sys.argv[2])
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("not ok:", message)


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=ENV)


def diff_json(a, b):
    result = cli("diff", a, b, "--format", "json")
    check(result.returncode == 0, f"diff {a} {b} --format json: status {result.returncode}: {result.stderr}")
    return json.loads(result.stdout)


def diff_text(a, b):
    result = cli("diff", a, b)
    check(result.returncode == 0, f"diff {a} {b}: status {result.returncode}: {result.stderr}")
    return result.stdout


class Capture:
    """One lesson's run as tshark reads it from the pcapng export: one
    tshark run, a row per frame that holds handshake messages."""

    def __init__(self, lesson, directory):
        path = os.path.join(directory, lesson + ".pcapng")
        result = subprocess.run([CLI, "run", lesson, "--export-pcapng", path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
        check(os.path.exists(path), f"{lesson}: no capture: {result.stderr}")
        fields = ["tls.handshake.type", "tls.handshake.ciphersuite", "tls.handshake.random",
                  "tls.handshake.certificate"]
        args = [TSHARK, "-r", path, "-T", "fields", "-E", "aggregator=;", "-Y", "tls.handshake"]
        for field in fields:
            args += ["-e", field]
        result = subprocess.run(args, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"tshark failed on {path}: {result.stderr}")
        self.rows = []
        for line in result.stdout.splitlines():
            types, suites, randoms, certificates = line.split("\t")
            self.rows.append(([int(t) for t in types.split(";") if t], suites.split(";"),
                              randoms.replace(":", "").lower().split(";"), certificates))

    def handshake_types(self):
        return [t for row in self.rows for t in row[0]]

    def chosen_suite(self):
        return [int(row[1][0], 16) for row in self.rows if 2 in row[0]]

    def random(self, handshake_type):
        return [row[2][0] for row in self.rows if handshake_type in row[0]]

    def offered_suites(self):
        return [row[1] for row in self.rows if 1 in row[0]]

    def certificates(self):
        return [row[3] for row in self.rows if 11 in row[0]]


CAPTURES = {}


def capture(lesson, directory):
    if lesson not in CAPTURES:
        CAPTURES[lesson] = Capture(lesson, directory)
    return CAPTURES[lesson]


def entry_of(diff, handshake_type):
    entries = [e for e in diff["steps"] if e["kind"] == "handshake" and e["handshake_type"] == handshake_type]
    check(len(entries) == 1, f"one entry of handshake type {handshake_type}, not {len(entries)}")
    return entries[0]


def change_of(entry, suffix):
    changes = [c for c in entry["changes"] if c["id"].endswith(suffix)]
    check(len(changes) == 1, f"one change ending in {suffix} in {entry.get('title_b')}, not {len(changes)}")
    return changes[0] if changes else None


def suite_number(value):
    match = re.search(r"\(0x([0-9A-Fa-f]{4})\)", value or "")
    check(match is not None, f"no (0xNNNN) suite number in {value!r}")
    return int(match.group(1), 16) if match else None


def check_text_lines(text, what, runs):
    """No line over 100 columns; a "…" only inside a value the runs'
    traces hold so (a hash the decoder abbreviates, the full bytes in a
    field below it), never one the diff cut."""
    def values(field):
        if isinstance(field, list):
            for child in field:
                yield from values(child)
        elif field is not None:
            yield field["value"]
            yield from values(field.get("children"))

    shown = "\n".join(value for lesson in runs
                      for step in json.loads(cli("run", lesson, "--format", "json").stdout)["steps"]
                      for value in (*values(step["fields"]), *values(step["plaintext_fields"])))
    for line in text.splitlines():
        check(len(line) <= 100, f"{what}: a line of {len(line)} columns: {line!r}")
        for word in re.findall(r"\S*…\S*", line):
            check(word.rstrip("),") in shown, f"{what}: {word!r} cut with …, not so in the runs: {line!r}")


def test_rsa_ecdhe(directory):
    a, b = capture("rsa-basic", directory), capture("ecdhe-rsa", directory)
    diff = diff_json("rsa-basic", "ecdhe-rsa")
    check(diff["format"] == "handshake-lab-diff" and diff["format_version"] == 1, "format and version")
    check(diff["a"]["scenario"] == "rsa-basic" and diff["b"]["scenario"] == "ecdhe-rsa", "scenarios named")
    check(diff["random_checked"] is True, "the seeds differ: random_checked")

    # The chosen suite, as tshark reads each ServerHello.
    suite_a, suite_b = a.chosen_suite(), b.chosen_suite()
    check(len(suite_a) == 1 and len(suite_b) == 1, f"one ServerHello each: {suite_a} {suite_b}")
    server_hello = entry_of(diff, 2)
    change = change_of(server_hello, "/hello.cipher_suite")
    if change:
        check([suite_number(change["a"])] == suite_a, f"A's suite {change['a']} is tshark's {suite_a}")
        check([suite_number(change["b"])] == suite_b, f"B's suite {change['b']} is tshark's {suite_b}")
        check(change["random"] is False, "the suite is no random change")
    check(diff["a"]["cipher_suite_number"] == suite_a[0], "a.cipher_suite_number is tshark's")
    check(diff["b"]["cipher_suite_number"] == suite_b[0], "b.cipher_suite_number is tshark's")

    # What the text prints for the suite, on the A: and B: lines under it.
    text = diff_text("rsa-basic", "ecdhe-rsa")
    check_text_lines(text, "diff rsa-basic ecdhe-rsa", ["rsa-basic", "ecdhe-rsa"])
    block = re.search(r"~ \S*/hello\.cipher_suite:.*\n\s+A: (.*)\n\s+B: (.*)\n", text)
    check(block is not None, "the text shows the cipher suite's change")
    if block:
        check([suite_number(block.group(1))] == suite_a, f"text A {block.group(1)} is tshark's {suite_a}")
        check([suite_number(block.group(2))] == suite_b, f"text B {block.group(2)} is tshark's {suite_b}")

    # Which messages each capture holds: the ServerKeyExchange only in B's,
    # and the diff calls it added on the server's lane.
    types_a, types_b = a.handshake_types(), b.handshake_types()
    check(12 not in types_a and 12 in types_b, f"tshark: ServerKeyExchange only in B: {types_a} {types_b}")
    ske = entry_of(diff, 12)
    check(ske["status"] == "added" and ske["actor"] == "server" and ske["index_a"] is None,
          f"ServerKeyExchange added on the server's lane: {ske['status']} {ske['actor']}")
    check(re.search(r"^\+ +– +\d+ .*ServerKeyExchange", text, re.M) is not None, "text: + line of ServerKeyExchange")
    for entry in diff["steps"]:
        if entry["kind"] == "handshake" and entry["status"] == "removed":
            check(entry["handshake_type"] in types_a and types_a.count(entry["handshake_type"]) >
                  types_b.count(entry["handshake_type"]), f"removed message {entry['title_a']} has fewer in B")
    cke = entry_of(diff, 16)
    check(cke["status"] == "changed", f"ClientKeyExchange changed, not {cke['status']}")

    # The randoms the diff prints are the ones on the wire; the offer is
    # the same in both ClientHellos, so the ClientHello only differs by the
    # seeds.
    for handshake_type in (1, 2):
        change = change_of(entry_of(diff, handshake_type), "/hello.random")
        if change:
            check([change["a"].split()[0]] == a.random(handshake_type), f"A's random of type {handshake_type}")
            check([change["b"].split()[0]] == b.random(handshake_type), f"B's random of type {handshake_type}")
            check(change["random"] is True, "a random differs only by the seeds")
    check(a.offered_suites() == b.offered_suites(), "tshark: both clients offer the same suites")
    check(entry_of(diff, 1)["only_random"] is True, "the ClientHello differs only by the seeds")
    first = diff["first_divergence"]
    check(first is not None and first > diff["steps"].index(entry_of(diff, 1)) and
          first <= diff["steps"].index(server_hello), f"first divergence after the ClientHello: {first}")


def test_expired(directory):
    a, b = capture("rsa-basic", directory), capture("expired", directory)
    diff = diff_json("rsa-basic", "expired")
    certificate = entry_of(diff, 11)
    check(a.certificates() != b.certificates(), "tshark: the certificates differ")
    check(diff["steps"][diff["first_divergence"]] == certificate, "the first divergence is the Certificate")
    check(a.offered_suites() == b.offered_suites(), "tshark: the offers are the same")
    check(a.chosen_suite() == b.chosen_suite(), "tshark: the same suite chosen")
    server_hello = entry_of(diff, 2)
    check(server_hello["only_random"] is True, "the ServerHellos differ only by the seeds")
    check(diff["b"]["outcome"] == "failed" and diff["a"]["outcome"] == "success", "both outcomes")
    check(12 not in b.handshake_types() and 16 not in b.handshake_types(), "tshark: B sends no key exchange")
    check(entry_of(diff, 16)["status"] == "removed", "ClientKeyExchange removed")
    text = diff_text("rsa-basic", "expired")
    check_text_lines(text, "diff rsa-basic expired", ["rsa-basic", "expired"])
    check(re.search(r"^~ +\d+ +\d+ .*Certificate$", text, re.M) is not None, "text: ~ line of Certificate")


def test_same(directory):
    copy = os.path.join(directory, "copy.scenario")
    shutil.copy(SCENARIOS / "rsa-basic.scenario", copy)
    for other in ("rsa-basic", copy):
        diff = diff_json("rsa-basic", other)
        check(diff["first_divergence"] is None, f"rsa-basic against {other}: no divergence")
        check(all(e["status"] == "same" and not e["changes"] for e in diff["steps"]),
              f"rsa-basic against {other}: every step the same")
        check(diff["random_checked"] is False, "one seed: nothing to check")
        text = diff_text("rsa-basic", other)
        check(not re.search(r"^[~+-] ", text, re.M), f"text of rsa-basic against {other}: no change line")


def test_every_lesson():
    """rsa-basic against every lesson, and resumption (two connections)
    against every lesson: status 0, every line within 100 columns."""
    lessons = [line.split()[0] for line in cli("list").stdout.splitlines()]
    check(len(lessons) > 20, f"the lessons: {lessons}")
    for a in ("rsa-basic", "resumption"):
        for b in lessons:
            result = cli("diff", a, b)
            check(result.returncode == 0, f"diff {a} {b}: status {result.returncode}: {result.stderr}")
            for line in result.stdout.splitlines():
                check(len(line) <= 100, f"diff {a} {b}: a line of {len(line)} columns: {line!r}")


def test_errors(directory):
    garbage = os.path.join(directory, "garbage.scenario")
    with open(garbage, "w") as f:
        f.write("this is no scenario\n")
    cases = [
        (["diff", "rsa-basic", "no-such-lesson"], "no-such-lesson"),
        (["diff", "no-such-lesson", "rsa-basic"], "no-such-lesson"),
        (["diff", "rsa-basic", garbage], "garbage.scenario"),
        (["diff", "rsa-basic", os.path.join(directory, "missing.scenario")], "missing.scenario"),
        (["diff", "rsa-basic"], "diff"),
        (["diff", "rsa-basic", "ecdhe-rsa", "expired"], "diff"),
        (["diff", "rsa-basic", "ecdhe-rsa", "--format", "xml"], "xml"),
    ]
    for args, named in cases:
        result = cli(*args)
        check(result.returncode == 2, f"{args}: status {result.returncode}, not 2")
        check(result.stdout == "", f"{args}: nothing on standard output")
        lines = result.stderr.splitlines()
        check(len(lines) == 1 and named in lines[0], f"{args}: one line naming {named}: {result.stderr!r}")

    with open("/dev/full", "w") as full:
        result = subprocess.run([CLI, "diff", "rsa-basic", "ecdhe-rsa"], stdout=full, stderr=subprocess.PIPE,
                                text=True, env=ENV)
    check(result.returncode == 2 and "could not write" in result.stderr, "/dev/full: an error, status 2")


TSHARK = shutil.which("tshark")
if TSHARK is None:
    print("not ok: tshark is not installed: build-aux/deps installs it (Debian package tshark)")
    sys.exit(1)

with tempfile.TemporaryDirectory() as scratch:
    test_rsa_ecdhe(scratch)
    test_expired(scratch)
    test_same(scratch)
    test_every_lesson()
    test_errors(scratch)

if failures:
    sys.exit(1)
print("ok")
