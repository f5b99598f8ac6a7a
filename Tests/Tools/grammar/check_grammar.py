#!/usr/bin/env python3
"""Tokenize Tally documents with babi's TextMate engine and check the scopes.

babi (PyPI) runs TextMate grammars on Oniguruma through onigurumacffi; nobody
on this project wrote it, so a passing run means the grammar works in an
engine that follows the TextMate rules, not just in our heads.

Usage: check_grammar.py [--root PACKAGE_ROOT]
Exit status 0 when every check passes, 1 when any fails, 2 when babi is not
importable or a file is missing.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass

try:
    from babi.highlight import Grammars, highlight_line
except ImportError as error:  # pragma: no cover - reported to the caller
    print(f"error: babi is not importable ({error}); install it with pip install babi")
    sys.exit(2)

SCOPE = "text.tally"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    scopes: tuple[str, ...]


class Tokenizer:
    """Wraps babi: one compiled grammar, documents in, per-line tokens out."""

    def __init__(self, grammar_path: str) -> None:
        # babi finds a grammar by file name: <scopeName>.json in a directory.
        self._dir = tempfile.mkdtemp(prefix="tally-grammar-")
        shutil.copy(grammar_path, os.path.join(self._dir, f"{SCOPE}.json"))
        self._compiler = Grammars(self._dir).compiler_for_scope(SCOPE)

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)

    def tokenize(self, text: str) -> list[tuple[str, list[Token]]]:
        state = self._compiler.root_state
        lines = []
        for index, line in enumerate(text.split("\n")):
            state, regions = highlight_line(self._compiler, state, line + "\n", index == 0)
            lines.append((line, [Token(r.start, r.end, tuple(r.scope)) for r in regions]))
        return lines


def scopes_at(tokens: list[Token], column: int) -> tuple[str, ...]:
    for token in tokens:
        if token.start <= column < token.end:
            return token.scopes
    return ()


class Report:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.passed = 0

    def check(self, condition: bool, message: str) -> None:
        if condition:
            self.passed += 1
        else:
            self.failures.append(message)
            print(f"FAIL {message}")


def expect(report: Report, doc: list[tuple[str, list[Token]]], where: str,
           line: int, needle: str, scope: str, occurrence: int = 1, exact: bool = True) -> None:
    """Every character of the occurrence-th `needle` on 1-based `line` carries
    `scope`; with `exact`, the characters just outside it do not."""
    text, tokens = doc[line - 1]
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            report.check(False, f"{where}:{line}: sample has no occurrence {occurrence} of {needle!r}")
            return
    end = start + len(needle)
    inside = all(scope in scopes_at(tokens, c) for c in range(start, end))
    report.check(inside, f"{where}:{line}: {needle!r} should be {scope}, got "
                 f"{[scopes_at(tokens, c) for c in (start, end - 1)]}")
    if exact:
        before = start > 0 and scope in scopes_at(tokens, start - 1)
        after = end < len(text) and scope in scopes_at(tokens, end)
        report.check(not before and not after,
                     f"{where}:{line}: {scope} should cover exactly {needle!r} (leaks before={before} after={after})")


def expect_plain(report: Report, doc, where: str, line: int, needle: str) -> None:
    """`needle` on `line` is ordinary text: only the root scope and block meta scopes."""
    text, tokens = doc[line - 1]
    start = text.find(needle)
    if start < 0:
        report.check(False, f"{where}:{line}: sample has no {needle!r}")
        return
    allowed = {SCOPE, "meta.block.incident.tally"}
    extra = {s for c in range(start, start + len(needle)) for s in scopes_at(tokens, c)} - allowed
    report.check(not extra, f"{where}:{line}: {needle!r} should be plain text, got {sorted(extra)}")


# 1-based line, text, scope[, occurrence]. The sample is Grammar/grammar-samples/constructs.tally.
CONSTRUCT_EXPECTATIONS = [
    (1, "---", "punctuation.definition.frontmatter.begin.tally"),
    (1, "---", "meta.embedded.block.frontmatter.tally"),
    (2, "title", "entity.other.attribute-name.frontmatter.tally"),
    (2, ":", "punctuation.separator.key-value.tally"),
    (2, "Grammar sample: every construct once", "string.unquoted.frontmatter.tally"),
    (3, "2025-07-02", "string.unquoted.frontmatter.tally"),
    (5, "---", "punctuation.definition.frontmatter.end.tally"),
    (6, "%%", "punctuation.definition.comment.tally"),
    (6, "%% annotator's comment: not article text", "comment.line.percentage.tally"),
    (7, "\\[", "constant.character.escape.tally"),
    (8, ":::", "punctuation.definition.block.begin.tally"),
    (8, "incident", "keyword.control.incident.tally"),
    (8, "kayes-2025-07-01", "entity.name.section.incident.tally"),
    (8, "date", "entity.other.attribute-name.tally"),
    (8, "=", "keyword.operator.assignment.tally"),
    (8, "2025-07-01", "constant.other.date.tally", 2),
    (8, "type", "entity.other.attribute-name.tally"),
    (8, "violence-against-civilians", "support.constant.event-type.tally"),
    (8, "place", "entity.other.attribute-name.tally"),
    (8, "kayes", "variable.other.id.tally", 2),
    (8, ",", "punctuation.separator.comma.tally"),
    (8, "nioro-du-sahel", "variable.other.id.tally"),
    (8, "by", "entity.other.attribute-name.tally"),
    (8, "jnim", "variable.other.id.tally"),
    (8, "victim", "entity.other.attribute-name.tally"),
    (8, "civilians", "variable.other.id.tally", 2),
    (8, "killed", "entity.other.attribute-name.tally"),
    (8, "10-20", "constant.numeric.count.tally"),
    (8, "3", "constant.numeric.count.tally"),
    (9, "[", "punctuation.definition.tag.begin.tally"),
    (9, "the group", "string.unquoted.tag-text.tally"),
    (9, "]", "punctuation.definition.tag.end.tally"),
    (9, "{", "punctuation.section.braces.begin.tally"),
    (9, "actor", "keyword.other.kind.tally"),
    (9, "jnim", "variable.other.id.tally"),
    (9, "}", "punctuation.section.braces.end.tally"),
    (9, "[the group]{actor=jnim}", "meta.tag.inline.tally"),
    (9, "Kayes", "string.unquoted.tag-text.tally"),
    (9, "place", "keyword.other.kind.tally"),
    (9, "geonames:2452651", "variable.other.id.tally"),
    (9, "Fighters of ", "meta.block.incident.tally", 1, False),
    (10, "Three Indian nationals", "string.unquoted.tag-text.tally"),
    (10, "abducted", "keyword.other.kind.tally"),
    (10, "3", "constant.numeric.count.tally"),
    (10, "victim", "entity.other.attribute-name.tally"),
    (10, "civilians", "variable.other.id.tally"),
    (10, "by", "entity.other.attribute-name.tally"),
    (10, "in", "entity.other.attribute-name.tally"),
    (10, "kayes-2025-07-01", "variable.other.id.tally"),
    (11, "At least 130 people", "string.unquoted.tag-text.tally"),
    (11, "killed", "keyword.other.kind.tally"),
    (11, "130+", "constant.numeric.count.tally"),
    (11, "note", "entity.other.attribute-name.tally"),
    (11, '"figure from \\"local\\" officials"', "string.quoted.double.tally"),
    (11, '\\"', "constant.character.escape.tally", 1),
    (11, '\\"', "constant.character.escape.tally", 2),
    (11, '"', "punctuation.definition.string.begin.tally"),
    (11, "a dozen", "string.unquoted.tag-text.tally"),
    (11, "injured", "keyword.other.kind.tally"),
    (12, "%% a comment inside a block", "comment.line.percentage.tally"),
    (13, "massacred", "invalid.illegal.unknown-kind.tally"),
    (13, "many", "invalid.illegal.count.tally"),
    (14, ":::", "punctuation.definition.block.end.tally"),
    (15, "centre", "entity.name.section.incident.tally"),
    (15, "2025-06/2025-07", "constant.other.date.tally"),
    (15, "diallassagou", "variable.other.id.tally"),
    (16, "::: incident nested-by-mistake", "invalid.illegal.nested-block.tally"),
    (17, ":::", "punctuation.definition.block.end.tally"),
    (18, ":::", "invalid.illegal.stray-fence.tally"),
]

CONSTRUCT_PLAIN = [
    (7, "[File: Reuters]"),
    (7, "not a tag]{place}"),
    (9, " attacked "),
    (10, " were taken."),
]


def check_constructs(report: Report, tokenizer: Tokenizer, root: str) -> None:
    rel = "Grammar/grammar-samples/constructs.tally"
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        doc = tokenizer.tokenize(f.read())
    for item in CONSTRUCT_EXPECTATIONS:
        line, needle, scope = item[:3]
        occurrence = item[3] if len(item) > 3 else 1
        exact = item[4] if len(item) > 4 else True
        expect(report, doc, rel, line, needle, scope, occurrence, exact)
    for line, needle in CONSTRUCT_PLAIN:
        expect_plain(report, doc, rel, line, needle)
    # Front matter is recognised only on the first line of a document.
    later = tokenizer.tokenize("Article text.\n---\ntitle: no\n---\n")
    expect_plain(report, later, "inline:front-matter-late", 3, "title: no")


TAG_RE = re.compile(r"(?<!\\)\[((?:[^\[\]\\\n]|\\.)*)\]\{")


def check_document_invariants(report: Report, tokenizer: Tokenizer, path: str, rel: str,
                              allow_invalid: bool) -> None:
    """Structural checks that hold for any well-formed document: headers,
    fences, comments and tags get their scopes; nothing is marked invalid."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    doc = tokenizer.tokenize(text)
    in_front = text.startswith("---\n")
    for number, (line, tokens) in enumerate(doc, start=1):
        if in_front:
            if number > 1 and line.rstrip() == "---":
                in_front = False
            report.check("meta.embedded.block.frontmatter.tally" in scopes_at(tokens, 0) or not line,
                         f"{rel}:{number}: front matter line not scoped")
            continue
        if line.startswith("%%"):
            report.check("comment.line.percentage.tally" in scopes_at(tokens, len(line) - 1),
                         f"{rel}:{number}: comment line not scoped as a comment")
            continue
        if re.match(r"^:::[ \t]+incident\b", line):
            scopes = scopes_at(tokens, line.index("incident"))
            report.check("keyword.control.incident.tally" in scopes or "invalid.illegal.nested-block.tally" in scopes,
                         f"{rel}:{number}: incident keyword not scoped")
        elif re.match(r"^:::[ \t]*$", line):
            report.check(any(s.startswith("punctuation.definition.block.end") or s.startswith("invalid")
                             for s in scopes_at(tokens, 0)),
                         f"{rel}:{number}: closing fence not scoped")
        for match in TAG_RE.finditer(line):
            brace = match.end() - 1
            report.check("punctuation.section.braces.begin.tally" in scopes_at(tokens, brace),
                         f"{rel}:{number}: tag at column {match.start() + 1} not recognised")
            if match.group(1):
                report.check("string.unquoted.tag-text.tally" in scopes_at(tokens, match.start(1)),
                             f"{rel}:{number}: tag text at column {match.start(1) + 1} not scoped")
        if not allow_invalid:
            bad = sorted({s for t in tokens for s in t.scopes if s.startswith("invalid.")})
            report.check(not bad, f"{rel}:{number}: unexpected {bad} in a document that should be valid")


def check_language_configuration(report: Report, root: str) -> None:
    rel = "Grammar/language-configuration.json"
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        config = json.load(f)
    report.check(config.get("comments", {}).get("lineComment") == "%%", f"{rel}: lineComment should be %%")
    brackets = [tuple(pair) for pair in config.get("brackets", [])]
    report.check(("[", "]") in brackets and ("{", "}") in brackets, f"{rel}: brackets [] and {{}} missing")
    opens = {pair["open"] if isinstance(pair, dict) else pair[0] for pair in config.get("autoClosingPairs", [])}
    report.check({"[", "{", '"'} <= opens, f"{rel}: auto-closing pairs should include [ {{ \", got {sorted(opens)}")
    markers = config.get("folding", {}).get("markers", {})
    start = re.compile(markers.get("start", "$^"))
    end = re.compile(markers.get("end", "$^"))
    report.check(bool(start.search("::: incident kayes-1 date=2025-07-01")), f"{rel}: folding start misses an opening line")
    report.check(not start.search(":::"), f"{rel}: folding start matches a closing line")
    report.check(bool(end.search(":::")) and not end.search("::: incident x"), f"{rel}: folding end marker wrong")
    # VS Code compiles wordPattern as a JavaScript regex; this subset reads the same in Python.
    word = re.compile(config.get("wordPattern", "$^"))
    sample = "in [Nioro]{place=nioro-du-sahel} or geonames:2455518, Ségou's market; killed=130+"
    words = word.findall(sample) if word.groups == 0 else [m.group(0) for m in word.finditer(sample)]
    for whole in ("nioro-du-sahel", "geonames:2455518", "Ségou", "Nioro", "market", "place", "killed"):
        report.check(whole in words, f"{rel}: wordPattern should keep {whole!r} whole, got {words}")


def main() -> int:
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..", "..")))
    args = parser.parse_args()
    root = args.root
    grammar = os.path.join(root, "Grammar", "tally.tmLanguage.json")
    if not os.path.exists(grammar):
        print(f"error: no grammar at {grammar}")
        return 2
    with open(grammar, encoding="utf-8") as f:
        data = json.load(f)
    report = Report()
    report.check(data.get("scopeName") == SCOPE, f"grammar scopeName should be {SCOPE}")

    tokenizer = Tokenizer(grammar)
    try:
        check_constructs(report, tokenizer, root)
        checked = 0
        for folder, allow_invalid in (("Grammar/grammar-samples", True), ("Grammar/examples", False)):
            base = os.path.join(root, folder)
            if not os.path.isdir(base):
                print(f"note: {folder} does not exist; no documents checked there")
                continue
            for dirpath, _, files in sorted(os.walk(base)):
                for name in sorted(files):
                    if name.endswith(".tally"):
                        path = os.path.join(dirpath, name)
                        check_document_invariants(report, tokenizer, path, os.path.relpath(path, root), allow_invalid)
                        checked += 1
        print(f"documents checked for invariants: {checked}")
        check_language_configuration(report, root)
    finally:
        tokenizer.close()

    print(f"{report.passed} checks passed, {len(report.failures)} failed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
