#!/usr/bin/env python3
#
# Copyright 2026 The Handshake Lab authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every text colour of the style sheets reaches 4.5:1 (WCAG 2.1 AA).

For ui/style.css (the light style, and presentation mode, which forces
it) and ui/style-dark.css: every @define-color hl_text_* against every
hl_surface_* of the same sheet, by the WCAG 2.1 formula (relative
luminance of sRGB, (L1 + 0.05) / (L2 + 0.05)).  And every `color:` of the
sheets names an hl_text_ colour, so that no text escapes the check.

    test-contrast.py SOURCE-ROOT
"""

import pathlib
import re
import sys

MINIMUM = 4.5
DEFINE = re.compile(r"@define-color\s+(hl_(?:text|surface)_[a-z_]+)\s+#([0-9a-fA-F]{6})\s*;")
COLOR = re.compile(r"(?<![-\w])color:\s*([^;]+);")


def luminance(hex_colour):
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def main():
    root = pathlib.Path(sys.argv[1])
    failures = 0
    # The WCAG formula itself, on values everyone quotes: black on white
    # is 21:1, #767676 on white the lightest grey that passes (4.54:1).
    assert abs(ratio("000000", "ffffff") - 21) < 0.01
    assert abs(ratio("767676", "ffffff") - 4.54) < 0.01

    for name in ("style.css", "style-dark.css"):
        text = (root / "ui" / name).read_text(encoding="utf-8")
        colours = dict(DEFINE.findall(text))
        texts = {k: v for k, v in colours.items() if k.startswith("hl_text_")}
        surfaces = {k: v for k, v in colours.items() if k.startswith("hl_surface_")}
        if len(texts) < 8 or len(surfaces) < 3:
            print(f"not ok: {name} defines {len(texts)} text and {len(surfaces)} surface colours")
            failures += 1
        for t, tv in sorted(texts.items()):
            for s, sv in sorted(surfaces.items()):
                r = ratio(tv, sv)
                verdict = "ok" if r >= MINIMUM else "not ok"
                failures += r < MINIMUM
                print(f"{verdict}: {name}: {t} #{tv} on {s} #{sv}: {r:.2f}:1")
        for value in COLOR.findall(re.sub(r"/\*.*?\*/", "", text, flags=re.S)):
            if not re.fullmatch(r"@hl_text_[a-z_]+", value.strip()):
                print(f"not ok: {name}: color: {value} is not one of the checked hl_text_ colours")
                failures += 1

    print(f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
