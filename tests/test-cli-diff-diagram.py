#!/usr/bin/env python3
#
# Copyright 2026 The Handshake Lab authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`handshake-lab-cli diff A B --export-diagram FILE`, judged by outside readers.

rsa-basic against ecdhe-rsa is written as .svg, .pdf and .png: the SVG
must parse as XML with an <svg> root (Python's XML parser), the PDF must
be read by poppler's pdfinfo (one page, its title naming both lessons),
the PNG must carry its signature and chunks whose CRCs check
(binascii.crc32, no image library), and the three must agree on the
drawing's size: the SVG's and the PDF's in points, the PNG's at twice that
in pixels.  The extension picks the format, in any case.  The diff's text
still goes to standard output.  Then the errors: an extension that is not
a drawing's, an unknown lesson, a folder that does not exist: one line on
standard error, status 2, and an existing file left as it was.

    test-cli-diff-diagram.py HANDSHAKE-LAB-CLI
"""

import binascii
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CLI = os.path.abspath(sys.argv[1])
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("not ok:", message)


def cli(*args, cwd=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=ENV, cwd=cwd)


def svg_size(path):
    root = ET.parse(path).getroot()
    check(root.tag == "{http://www.w3.org/2000/svg}svg", f"{path}: the root is {root.tag}, not svg")
    sizes = []
    for attribute in ("width", "height"):
        match = re.fullmatch(r"([0-9.]+)pt", root.get(attribute, ""))
        check(match is not None, f"{path}: {attribute} {root.get(attribute)!r} is not in points")
        sizes.append(float(match.group(1)) if match else 0)
    return tuple(sizes)


def pdf_size(path):
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, env=ENV)
    check(result.returncode == 0, f"pdfinfo {path}: {result.stderr.strip()}")
    info = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    check(info.get("Pages", "").strip() == "1", f"{path}: pages {info.get('Pages')}")
    title = info.get("Title", "")
    check("rsa-basic" in title and "ecdhe-rsa" in title, f"{path}: title {title!r} names not both runs")
    match = re.match(r"\s*([0-9.]+) x ([0-9.]+) pts", info.get("Page size", ""))
    check(match is not None, f"{path}: page size {info.get('Page size')!r}")
    return (float(match.group(1)), float(match.group(2))) if match else (0, 0)


def png_size(path):
    data = path.read_bytes()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: no PNG signature")
    pos, chunks, size = 8, [], (0, 0)
    while pos + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        check(binascii.crc32(kind + body) == crc, f"{path}: bad CRC in chunk {kind!r}")
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        chunks.append(kind)
        pos += 12 + length
    check(chunks[:1] == [b"IHDR"] and chunks[-1:] == [b"IEND"] and b"IDAT" in chunks,
          f"{path}: chunks {chunks}")
    check(pos == len(data), f"{path}: {len(data) - pos} bytes after IEND")
    return size


def check_error(result, what):
    lines = result.stderr.strip().splitlines()
    check(result.returncode == 2, f"{what}: status {result.returncode}, not 2")
    check(len(lines) == 1, f"{what}: {len(lines)} lines on standard error: {result.stderr!r}")
    check("…" not in result.stderr, f"{what}: the message is cut: {result.stderr!r}")


def main():
    check(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is needed")
    work = pathlib.Path(tempfile.mkdtemp(prefix="hl-diff-diagram-"))
    try:
        sizes = {}
        for name in ("both.svg", "both.pdf", "both.PNG"):
            result = cli("diff", "rsa-basic", "ecdhe-rsa", "--export-diagram", name, cwd=work)
            check(result.returncode == 0, f"--export-diagram {name}: status {result.returncode}: {result.stderr}")
            check(result.stdout.startswith("A: rsa-basic"), f"--export-diagram {name}: no diff text on stdout")
            check((work / name).is_file(), f"{name} was not written")
        if (work / "both.svg").is_file():
            sizes["svg"] = svg_size(work / "both.svg")
        if (work / "both.pdf").is_file():
            sizes["pdf"] = pdf_size(work / "both.pdf")
        if (work / "both.PNG").is_file():
            sizes["png"] = png_size(work / "both.PNG")
        if len(sizes) == 3:
            check(sizes["svg"] == sizes["pdf"], f"SVG {sizes['svg']} and PDF {sizes['pdf']} differ in size")
            check(tuple(2 * v for v in sizes["svg"]) == tuple(sizes["png"]),
                  f"PNG {sizes['png']} is not twice the SVG {sizes['svg']}")

        # Errors leave an existing file as it was.
        keep = work / "keep.txt"
        keep.write_bytes(b"keep me\n")
        check_error(cli("diff", "rsa-basic", "ecdhe-rsa", "--export-diagram", str(keep)), "a .txt diagram")
        check(keep.read_bytes() == b"keep me\n", "a bad extension changed the existing file")

        keep_svg = work / "keep.svg"
        keep_svg.write_bytes(b"keep me\n")
        check_error(cli("diff", "rsa-basic", "no-such-lesson", "--export-diagram", str(keep_svg)),
                    "an unknown lesson")
        check(keep_svg.read_bytes() == b"keep me\n", "a failed diff changed the existing file")

        check_error(cli("diff", "rsa-basic", "ecdhe-rsa", "--export-diagram", str(work / "no" / "such.svg")),
                    "a folder that does not exist")
        check(not (work / "no").exists(), "a folder was made")

        check_error(cli("diff", "rsa-basic", "ecdhe-rsa", "--export-diagram", "x.json", cwd=work),
                    "a .json diagram")
        check(not (work / "x.json").exists(), "a .json file was written")
    finally:
        shutil.rmtree(work)

    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)
    print("ok")


main()
