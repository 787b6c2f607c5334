#!/usr/bin/env python3
"""Fails when a QML file outside qml/components/ styles itself.

The design system (qml/components: Theme, the components) is the one place
that says what a colour, a font size, a margin or a spacing is. A page or a
dialog takes them from Theme or from a component, so this lists every line
of qml/ outside components/ that writes a colour (a "#rrggbb" or a named
colour, Qt.rgba), a font size, a margin, a padding or a spacing (a number
other than 0), or an opacity (hierarchy is a Theme colour) literally.
Usage: check-qml-design.py [QML_DIR]  (default: the checkout's qml/)
"""
import pathlib
import re
import sys

COLOUR_NAMES = (r"transparent|white|black|red|green|blue|gr[ae]y|yellow|orange|purple|"
                r"darkgr[ae]y|lightgr[ae]y|steelblue|navy|teal|silver")
RULES = [
    ("a colour", re.compile(r"""["']#[0-9a-fA-F]{3,8}["']|Qt\.(rgba|rgb|hsla|hsva|lighter|darker)\s*\(""")),
    ("a named colour", re.compile(r"""[cC]olou?r\s*:\s*["'](""" + COLOUR_NAMES + r""")["']""")),
    ("a font size", re.compile(r"""font\.(pixelSize|pointSize)\s*:\s*[^/]*\b\d""")),
    ("a margin, padding or spacing",
     re.compile(r"""\b(\w*[mM]argins?|\w*[pP]adding|\w*[sS]pacing)\s*:\s*(-?\d*\.?\d+)\b(?!\s*[*/])""")),
    ("an opacity", re.compile(r"""\bopacity\s*:\s*[^/\n]*\b0?\.\d""")),
]


def offending(line):
    code = line.split("//", 1)[0]
    for what, pattern in RULES:
        match = pattern.search(code)
        if not match:
            continue
        if what == "a margin, padding or spacing" and float(match.group(2)) == 0:
            continue
        yield what


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "qml")
    found = 0
    for path in sorted(root.rglob("*.qml")):
        if "components" in path.relative_to(root).parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for what in offending(line):
                print(f"{path.relative_to(root.parent)}:{number}: sets {what} of its own: {line.strip()}")
                found += 1
    if found:
        print(f"{found} line(s) style themselves: take the value from Theme or a component (qml/components)")
        return 1
    print(f"check-qml-design: every QML file outside components/ takes its styles from the design system ({root})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
