#!/usr/bin/env python3
"""Static checks of EditorConfigs/ for the editors CI cannot run (Helix,
Sublime Text, Kate) and of what ties every set-up to the grammar: each
parses, names `tally lsp`, and uses the grammar's scope or the mode name.

Usage: check_editor_configs.py [--root PACKAGE_ROOT]; exit 0 when all pass."""
from __future__ import annotations

import argparse
import json
import os
import plistlib
import re
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ElementTree

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)
        print(f"FAIL {message}")


def main() -> int:
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..", "..")))
    root = parser.parse_args().root
    configs = os.path.join(root, "EditorConfigs")
    with open(os.path.join(root, "Grammar", "tally.tmLanguage.json"), encoding="utf-8") as f:
        grammar = json.load(f)
    scope = grammar["scopeName"]

    for editor in ("vscode", "neovim", "emacs", "helix", "sublime", "kate", "zed"):
        readme = os.path.join(configs, editor, "README.md")
        check(os.path.exists(readme), f"EditorConfigs/{editor}/README.md missing")
        if os.path.exists(readme):
            with open(readme, encoding="utf-8") as f:
                check("tried" in f.read().lower(), f"EditorConfigs/{editor}/README.md should say which versions were tried")

    with open(os.path.join(configs, "helix", "languages.toml"), "rb") as f:
        helix = tomllib.load(f)
    language = next((entry for entry in helix.get("language", []) if entry.get("name") == "tally"), {})
    check("tally" in language.get("file-types", []), "helix: file-types lacks tally")
    check(language.get("comment-token") == "%%", "helix: comment-token should be %%")
    server = helix.get("language-server", {}).get(language.get("language-servers", [""])[0], {})
    check([server.get("command"), *server.get("args", [])] == ["tally", "lsp"], f"helix: server is {server}")

    with open(os.path.join(configs, "sublime", "LSP.sublime-settings"), encoding="utf-8") as f:
        sublime = json.loads("\n".join(line for line in f if not line.lstrip().startswith("//")))
    client = sublime["clients"]["tally"]
    check(client["command"] == ["tally", "lsp"], "sublime: command should be tally lsp")
    check(client["selector"] == scope, f"sublime: selector should be {scope}")
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "Tally.tmLanguage")
        subprocess.run([sys.executable, os.path.join(configs, "sublime", "make-tmlanguage.py"), target],
                       check=True, capture_output=True)
        with open(target, "rb") as f:
            converted = plistlib.load(f)
        check(converted["scopeName"] == scope and converted["repository"] == grammar["repository"],
              "sublime: the plist grammar differs from Grammar/tally.tmLanguage.json")

    with open(os.path.join(configs, "kate", "settings.json"), encoding="utf-8") as f:
        kate = json.load(f)["servers"]["tally"]
    check(kate["command"] == ["tally", "lsp"], "kate: command should be tally lsp")
    definition = ElementTree.parse(os.path.join(configs, "kate", "tally.xml")).getroot()
    check(re.search(kate["highlightingModeRegex"], definition.get("name", "")) is not None,
          "kate: highlightingModeRegex does not match the syntax definition's name")
    check(definition.get("extensions") == "*.tally", "kate: syntax definition should claim *.tally")
    contexts = {context.get("name") for context in definition.iter("context")}
    for rule in definition.iter():
        target = rule.get("context")
        if target and not target.startswith("#"):
            check(target in contexts, f"kate: unknown context {target}")
        if target and target.startswith("#pop!"):
            check(target[5:] in contexts, f"kate: unknown context {target}")

    with open(os.path.join(configs, "vscode", "package.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    check(manifest["contributes"]["grammars"][0]["scopeName"] == scope, "vscode: grammar scopeName differs")

    with open(os.path.join(configs, "emacs", "tally-mode.el"), encoding="utf-8") as f:
        check(':language-id "tally"' in f.read(), "emacs: eglot entry should give :language-id \"tally\"")

    print(f"editor configuration checks: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
