"""Definition recall of bench/graph.sh: ctags' definitions (its JSON output) found in noa's kg.json, per language, by
file, name and line, with the kinds mapped between the two. Imported by graph_compare.py."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# ctags language -> noa language ids its files get
LANGUAGES = {
    "Go": {"go"}, "Java": {"java"}, "Python": {"python"}, "Rust": {"rust"}, "C#": {"csharp"},
    "JavaScript": {"javascript"}, "TypeScript": {"typescript", "tsx"},
}

F, M, C = {"function"}, {"method"}, {"constructor"}
# ctags language -> ctags kind -> noa kinds that count as the same definition. ctags kinds left out
# are not definitions noa reports (local and module variables, imports, impl blocks, macros, labels).
KINDS: dict[str, dict[str, set[str]]] = {
    "Go": {
        "func": F | M, "methodSpec": M, "struct": {"struct", "type"}, "interface": {"interface", "type"},
        "type": {"type", "struct", "interface"}, "talias": {"type"}, "member": {"field"},
        "const": {"constant"}, "package": {"module", "namespace"},
    },
    "Java": {
        "class": {"class"}, "interface": {"interface"}, "enum": {"enum"}, "annotation": {"interface", "class"},
        "method": M | C, "field": {"field", "constant"}, "enumConstant": {"constant", "field"},
        "record": {"record"}, "package": {"namespace", "module"},
    },
    "Python": {"class": {"class"}, "function": F, "member": M | F | C},
    "Rust": {
        "function": F | M, "method": M | F, "struct": {"struct"}, "enum": {"enum"}, "interface": {"trait"},
        "typedef": {"type"}, "field": {"field"}, "enumerator": {"constant", "field"},
        "module": {"module", "namespace"}, "constant": {"constant"},
    },
    "C#": {
        "class": {"class"}, "interface": {"interface"}, "struct": {"struct"}, "enum": {"enum"},
        # ctags 5.9 reads `record R(…)` and primary constructors `class C(…)` as methods, and some properties as
        # fields: noa's kinds are right there
        "record": {"record"}, "method": M | C | {"record", "class", "struct"}, "property": {"property", "record"},
        "field": {"field", "constant", "property"},
        "enumerator": {"constant", "field"}, "namespace": {"namespace"}, "event": {"field", "property"},
    },
    "JavaScript": {
        # ES5 "classes" are constructor functions: ctags calls `var X = (function () { function X() {} ...` a class
        # at the var and a function inside; noa the same, or the other way round, depending on the form.
        "function": F | M | {"class"}, "class": {"class"} | F, "method": M | F | C, "getter": M | {"property"},
        "setter": M | {"property"}, "generator": F | M, "field": {"field", "property"},
    },
    "TypeScript": {
        "function": F | M, "class": {"class"}, "interface": {"interface"}, "method": M | F | C,
        "enum": {"enum"}, "alias": {"type"}, "namespace": {"namespace", "module"},
        "property": {"property", "field"}, "enumerator": {"constant", "field"},
    },
}
NOT_DEFINITIONS = {"directory", "file", "endpoint", "route-prefix", "env", "config", "flag", "command",
                   "store", "service", "external", "script"}


@dataclass
class Recall:
    total: int = 0
    found: int = 0
    other_kind: int = 0  # same file, name and line, but a kind outside the mapping
    unparsed: int = 0  # in files kg.json has no file node for (vendored, generated, skipped)
    by_kind: Counter = field(default_factory=Counter)  # ctags kind -> total
    found_by_kind: Counter = field(default_factory=Counter)
    missed: list[tuple[str, str, int, str, str]] = field(default_factory=list)  # kind, file, line, name, noa kinds there
    excluded: Counter = field(default_factory=Counter)  # mapped ctags kinds noa never reports here

    @property
    def percent(self) -> float | None:
        return 100.0 * self.found / self.total if self.total else None

    @property
    def parsed_percent(self) -> float | None:
        """Recall over the definitions in files noa parsed: what its queries miss."""
        parsed = self.total - self.unparsed
        return 100.0 * self.found / parsed if parsed else None


def read_ctags(path: Path) -> list[dict]:
    """The tag lines of ctags' JSON output (one object per line; ptag lines are skipped)."""
    tags = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue
            if d.get("_type") == "tag":
                tags.append(d)
    return tags


def definition_index(kg: dict) -> dict[tuple[str, str], list[tuple[int, int, str]]]:
    """(file, name) -> [(start line, end line, kind)] of every definition node in kg.json."""
    index: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for n in kg.get("nodes", []):
        if n.get("kind") in NOT_DEFINITIONS or not n.get("file") or not n.get("range"):
            continue
        r = n["range"]
        index.setdefault((n["file"], n["name"]), []).append((int(r[0]), int(r[2]), n["kind"]))
    return index


ANONYMOUS = re.compile(r"^Anonymous(Function|Class|Object)[0-9a-f]+$")
HEAD_LINES = 12  # decorators, annotations and attributes a definition's range may start with


def matches(line: int, start: int, end: int) -> bool:
    """ctags names the line of the name; noa's range starts at the definition node, which takes in
    decorators, annotations and attributes above it: the ctags line must be at most one line before
    the range's start and within its first HEAD_LINES lines."""
    return start - 1 <= line <= min(max(end, start + 1), start + HEAD_LINES)


def definition_recall(tags: list[dict], kg: dict) -> dict[str, Recall]:
    index = definition_index(kg)
    parsed = {n["file"] for n in kg.get("nodes", []) if n.get("kind") == "file" and n.get("file")}
    reported = {(lang, n["kind"]) for n in kg.get("nodes", []) if (lang := n.get("language"))}
    out: dict[str, Recall] = {}
    for t in tags:
        lang, kind = t.get("language"), t.get("kind")
        wanted = KINDS.get(lang, {}).get(kind)
        if wanted is None:
            continue
        rec = out.setdefault(lang, Recall())
        if ANONYMOUS.match(t.get("name", "")):
            rec.excluded["anonymous " + kind] += 1  # ctags names unnamed functions; noa reports named definitions
            continue
        # kinds both report: a mapped kind counts only when noa reports one of its kinds in the language
        if not any((ours, k) in reported for ours in LANGUAGES[lang] for k in wanted):
            rec.excluded[kind] += 1
            continue
        path = t["path"][2:] if t["path"].startswith("./") else t["path"]
        line = int(t.get("line", 0))
        rec.total += 1
        rec.by_kind[kind] += 1
        cands = [c for c in index.get((path, t["name"]), []) if matches(line, c[0], c[1])
                 # ctags tags an ES5 class (a constructor function) at its `X.prototype = …` line, after the function
                 or (lang == "JavaScript" and kind == "class")]
        if any(k in wanted for _, _, k in cands):
            rec.found += 1
            rec.found_by_kind[kind] += 1
        else:
            if cands:
                rec.other_kind += 1
            if path not in parsed:
                rec.unparsed += 1
            rec.missed.append((kind, path, line, t["name"], "/".join(sorted({k for _, _, k in cands}))))
    return out
