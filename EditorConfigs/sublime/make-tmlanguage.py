#!/usr/bin/env python3
"""Write Tally.tmLanguage (the plist form Sublime Text reads) from
Grammar/tally.tmLanguage.json. Usage: make-tmlanguage.py [OUTPUT]"""
import json
import os
import plistlib
import sys

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "..", "Grammar", "tally.tmLanguage.json")
target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "Tally.tmLanguage")
with open(source, encoding="utf-8") as f:
    grammar = json.load(f)
grammar.pop("$schema", None)
with open(target, "wb") as f:
    plistlib.dump(grammar, f)
print(f"wrote {target}")
