#!/usr/bin/env python3
#
# Copyright 2026 The Handshake Lab authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`run --set` and `run --clock-days` change a lesson as the Experiment
panel does; OpenSSL judges what the changed run must then say.

* --clock-days D moves the clock and leaves the certificates: OpenSSL
  reads the validity of the leaf the server sent (`openssl x509 -dates`),
  and the run must fail with BR_ERR_X509_EXPIRED exactly when the moved
  clock (the lesson's clock, read from its file, plus D days) is outside it.
* --set "[Client] server-name=…": the run must fail with
  BR_ERR_X509_BAD_SERVER_NAME exactly when `openssl x509 -checkhost` says
  the leaf does not match the name.
* A malformed or refused edit is one line on standard error, exit 2.

    test-cli-edit.py HANDSHAKE-LAB-CLI SCENARIO-DIR
"""

import calendar
import json
import pathlib
import subprocess
import sys
import tempfile
import time

CLI = sys.argv[1]
SCENARIOS = pathlib.Path(sys.argv[2])
failures = 0


def check(ok, message):
    global failures
    print(("ok: " if ok else "not ok: ") + message)
    if not ok:
        failures += 1


def run(*args):
    return subprocess.run([CLI, "run", *args], capture_output=True, text=True, timeout=120)


def leaf_of(trace):
    """The first certificate of the server's Certificate message (RFC 5246 §7.4.2)."""
    step = next(s for s in trace["steps"]
                if s["kind"] == "handshake" and s.get("handshake_type") == 11 and s["actor"] == "server")
    message = bytes.fromhex(step["bytes"])[step["header_length"]:]
    # Handshake header (type 11, length), the list's length, the first length.
    assert message[0] == 11
    length = int.from_bytes(message[7:10], "big")
    return message[10:10 + length]


def openssl(args, der):
    with tempfile.NamedTemporaryFile(suffix=".der") as f:
        f.write(der)
        f.flush()
        return subprocess.run(["openssl", "x509", "-inform", "DER", "-in", f.name, "-noout", *args],
                              capture_output=True, text=True, check=False).stdout


def lesson_clock(lesson):
    for line in (SCENARIOS / f"{lesson}.scenario").read_text().splitlines():
        if line.startswith("clock="):
            return calendar.timegm(time.strptime(line[6:].strip(), "%Y-%m-%dT%H:%M:%SZ"))
    sys.exit(f"{lesson}.scenario has no clock")


def openssl_time(text):
    return calendar.timegm(time.strptime(text.strip(), "%b %d %H:%M:%S %Y GMT"))


for days in (-400, -31, -29, 0, 364, 366, 400, 4000):
    result = run("rsa-basic", "--clock-days", str(days), "--format", "json")
    trace = json.loads(result.stdout)
    dates = dict(line.split("=", 1) for line in openssl(["-dates"], leaf_of(trace)).splitlines())
    now = lesson_clock("rsa-basic") + days * 86400
    valid = openssl_time(dates["notBefore"]) <= now <= openssl_time(dates["notAfter"])
    error = trace["sides"]["client"]["error_name"]
    check(error == ("BR_ERR_OK" if valid else "BR_ERR_X509_EXPIRED"),
          f"--clock-days {days}: OpenSSL reads the leaf valid {dates['notBefore']} to {dates['notAfter']}; "
          f"the client says {error}")
    # The exit status: 0 when the run still ends as the lesson expects.
    check(result.returncode == (0 if valid else 1), f"--clock-days {days}: exit status {result.returncode}")

for name in ("www.handshake-lab.test", "mail.handshake-lab.test", "handshake-lab.test", "WWW.Handshake-Lab.Test"):
    result = run("rsa-basic", "--set", f"[Client] server-name={name}", "--format", "json")
    trace = json.loads(result.stdout)
    matches = "does match" in openssl(["-checkhost", name], leaf_of(trace))
    error = trace["sides"]["client"]["error_name"]
    check(error == ("BR_ERR_OK" if matches else "BR_ERR_X509_BAD_SERVER_NAME"),
          f"server-name={name}: OpenSSL says it {'matches' if matches else 'does not match'}; "
          f"the client says {error}")

# The lesson's own words about OpenSSL and browsers are of the lesson: the
# expired lesson, moved back 40 days, succeeds, and says nothing of what
# OpenSSL rejects; the run says it was changed, and so does the error.
lesson = run("expired")
changed = run("expired", "--clock-days", "-40")
check("OpenSSL 3.0" in lesson.stdout, "expired: the lesson says what OpenSSL does")
check("OpenSSL 3.0" not in changed.stdout and "Outcome: success" in changed.stdout,
      "expired --clock-days -40: succeeds, and no word of OpenSSL's verdict on the lesson's certificate")
check("changed from the lesson" in changed.stdout.splitlines()[1], "the changed run says so under its title")
check(changed.returncode == 1 and "the change changed how the run ends" in changed.stderr,
      f"the changed outcome: exit {changed.returncode}, {changed.stderr.strip()!r}")

# Several edits, in order: the server sends its leaf alone, and the client
# trusts the intermediate as a root (a chain that works), then not.
result = run("rsa-basic", "--set", "[Server] chain=server", "--set", "[Client] trust=intermediate",
             "--format", "json")
check(json.loads(result.stdout)["outcome"] == "success", "two edits: the leaf alone, the intermediate trusted")

for args, words in [
    (["--set", "Client server-name"], "“[Group] key=value”"),
    (["--set", "[Client] versions=TLS 9"], "[Client] versions"),
    (["--set", "[Client] no-such-key=1"], "no-such-key"),
    (["--clock-days", "99999999"], "years 1 to 9999"),
]:
    result = run("rsa-basic", *args)
    lines = result.stderr.strip().splitlines()
    check(result.returncode == 2 and len(lines) == 1 and words in lines[0] and result.stdout == "",
          f"{' '.join(args)}: exit {result.returncode}, {result.stderr.strip()!r}")

print(f"{failures} failed")
sys.exit(1 if failures else 0)
