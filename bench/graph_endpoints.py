"""Endpoint recall of bench/graph.sh: every literal route registration read straight from a framework
app's sources (gin, echo, express) against the endpoints in noa's kg.json. Imported by graph_compare.py."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

VERBS = "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE"
# Route registrations as each framework's docs write them, read straight from the sources:
# gin and echo `r.GET("/x", h)`, `r.Any("/x", h)`, gin `r.Handle("GET", "/x", h)`, echo
# `e.Add(http.MethodGet, "/x", h)`; express `app.get('/x', h)`, `router.route('/x').get(h).post(h)`.
GO_VERB = re.compile(rf'\.({VERBS}|Any)\(\s*"(/[^"]*)"')
GO_HANDLE = re.compile(r'\.(?:Handle|Add)\(\s*(?:"([A-Z]+)"|http\.Method([A-Z][a-z]+))\s*,\s*"(/[^"]*)"')
JS_VERB = re.compile(r"\.(get|post|put|delete|del|patch|head|options|all)\(\s*(['\"`])(/[^'\"`]*)\2\s*,")
JS_ROUTE = re.compile(r"\.route\(\s*(['\"`])(/[^'\"`]*)\1\s*\)")
JS_CHAINED = re.compile(r"^\s*\.(get|post|put|delete|del|patch|head|options|all)\(")
COMMENT = re.compile(r"^\s*//")


def strip_comments(text: str) -> str:
    """The text with /* */ and // comments blanked (newlines kept, so line numbers hold); string
    literals ('…', "…", `…`) are left alone, so a route like "/static/*" stays whole."""
    out, i, n, quote = [], 0, len(text), ""
    while i < n:
        c = text[i]
        if quote:
            out.append(c)
            if c == "\\" and quote != "`" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif c == quote or (c == "\n" and quote != "`"):
                quote = ""
        elif c in "'\"`":
            quote = c
            out.append(c)
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def js_method(verb: str) -> str:
    return {"del": "DELETE", "all": "ANY"}.get(verb, verb.upper())


def reference_endpoints(root: Path) -> list[tuple[str, int, str, str]]:
    """(file, line, METHOD, route) of every literal route registration under root; ANY for
    methods that match every verb."""
    out = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in (".go", ".js", ".mjs", ".ts"):
            continue
        rel = path.relative_to(root).as_posix()
        lines = strip_comments(path.read_text(encoding="utf-8", errors="replace")).splitlines()
        route_at = None  # an express .route('/x') whose chained verbs follow on the next lines
        for i, line in enumerate(lines, 1):
            if COMMENT.match(line):
                continue
            if path.suffix == ".go":
                for m in GO_VERB.finditer(line):
                    out.append((rel, i, "ANY" if m.group(1) == "Any" else m.group(1), m.group(2)))
                for m in GO_HANDLE.finditer(line):
                    out.append((rel, i, (m.group(1) or m.group(2)).upper(), m.group(3)))
                continue
            for m in JS_VERB.finditer(line):
                out.append((rel, i, js_method(m.group(1)), m.group(3)))
            m = JS_ROUTE.search(line)
            if m:
                route_at = m.group(2)
                for v in re.finditer(r"\)\s*\.(get|post|put|delete|del|patch|head|options|all)\(", line[m.end() - 1:]):
                    out.append((rel, i, js_method(v.group(1)), route_at))
            elif route_at and (v := JS_CHAINED.match(line)):
                out.append((rel, i, js_method(v.group(1)), route_at))
            elif route_at and line.strip() and not line.startswith((" ", "\t", "}", ")")):
                route_at = None
    return out


@dataclass
class EndpointApp:
    name: str
    path: str
    reference: list[tuple[str, int, str, str]] = field(default_factory=list)
    found: int = 0
    noa_total: int = 0
    missed: list[tuple[str, int, str, str]] = field(default_factory=list)
    noa_error: str | None = None

    @property
    def percent(self) -> float | None:
        return 100.0 * self.found / len(self.reference) if self.reference else None


def endpoint_recall(reference: list[tuple[str, int, str, str]], kg: dict) -> tuple[int, list]:
    """How many reference routes kg.json has an endpoint for: same file and method (ANY matches any),
    and the same route or one that ends with it (noa prefixes a group's or router's mount path).
    Each noa endpoint answers for one reference route, nearest line first."""
    ours: dict[str, list[list]] = {}
    for n in kg.get("nodes", []):
        if n.get("kind") == "endpoint" and n.get("file"):
            p = n.get("properties") or {}
            line = int(n["range"][0]) if n.get("range") else 0
            ours.setdefault(n["file"], []).append([line, p.get("method", "ANY").upper(), p.get("route", ""), False])
    found, missed = 0, []
    for file, line, method, route in reference:
        cands = [e for e in ours.get(file, []) if not e[3]
                 and (e[1] == method or "ANY" in (e[1], method) or method in e[1].split(","))
                 and (e[2] == route or e[2].endswith(route.rstrip("/") or "/"))]
        if cands:
            min(cands, key=lambda e: abs(e[0] - line))[3] = True
            found += 1
        else:
            missed.append((file, line, method, route))
    return found, missed


def load_app(work: Path, corpora: Path) -> EndpointApp:
    meta = json.loads((work / "meta.json").read_text())
    app = EndpointApp(meta["name"], meta["path"])
    app.reference = reference_endpoints(corpora / "endpoints" / meta["name"])
    if (work / "noa.err").is_file():
        lines = (work / "noa.err").read_text().strip().splitlines()
        app.noa_error = (lines[-1] if lines else "failed").replace("|", "\\|")[:200]
    elif (work / "noa" / "kg.json").is_file():
        kg = json.loads((work / "noa" / "kg.json").read_text())
        app.noa_total = sum(1 for n in kg.get("nodes", []) if n.get("kind") == "endpoint")
        app.found, app.missed = endpoint_recall(app.reference, kg)
    return app
