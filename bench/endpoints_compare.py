#!/usr/bin/env python3
"""Compares the endpoints of noa's kg.json with ground truth written by reading each application.

Reads, for every application under WORK (in the order given):
  meta.json     {"name", "framework", "repository", "commit", "folder", "status": "present" | "absent"}
  noa/kg.json   the graph noa wrote (absent when noa failed: noa.err has its last lines)
and TRUTH/<name>.tsv: one endpoint a line, METHOD <tab> full path <tab> the file of its handler ('#' lines are
comments). A path is compared in one spelling: a leading slash, no trailing slash, no doubled slashes, every
parameter ({id}, {id:int}, {id?}, :id, <int:id>, *, *path, {*rest}) as {}, case-insensitive. An endpoint is its
METHOD and that path: noa's ANY matches only ANY; noa's "GET,POST" is two endpoints. Recall: truth endpoints noa
lists; precision: noa's endpoints (outside test files, found by path: tests/, __tests__/, *_test.go, *.spec.ts,
test_*.py, *Tests/ ...) that the truth lists; handler: of the endpoints found, those whose handler node is in a
file the truth names.

Prints a Markdown section and, with --doc, rewrites the endpoints section of that file between the markers below;
misses and extras go to stderr. With --before (an earlier run's --json), each number shows as "before → after".
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from compare import loadavg, machine, rewrite_doc  # bench/ is the script folder, so it is on sys.path

BEGIN = "<!-- bench:endpoints:begin -->"
END = "<!-- bench:endpoints:end -->"
TARGET = 95.0
SHOWN = 12  # misses and extras per application, on stderr

TEST_FILE = re.compile(
    r"(^|/)(tests?|__tests__|__mocks__|spec|specs|e2e|testing|testdata|fixtures?)/"
    r"|_test\.go$|\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$|(^|/)test_[^/]*\.py$|_tests?\.py$|(^|/)conftest\.py$"
    r"|[^/]*Tests?/|[^/]*Tests?\.(cs|java|kt)$|(^|/)src/test/",
)


def norm(path: str) -> str:
    p = path.strip()
    if not p.startswith("/"):
        p = "/" + p
    p = re.sub(r"/+", "/", p)
    segments = []
    for s in p.split("/"):
        s = re.sub(r"\{[^}]*\}", "{}", s)
        s = re.sub(r"<[^>]*>", "{}", s)
        s = re.sub(r"^:[A-Za-z_]\w*\??$", "{}", s)
        s = re.sub(r"^\*\w*$", "{}", s)
        segments.append(s)
    p = "/".join(segments)
    if len(p) > 1:
        p = p.rstrip("/")
    return p.lower()


@dataclass
class App:
    name: str
    framework: str
    repository: str
    commit: str
    status: str
    set: str = "dev"
    truth: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    found: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # key -> handler files
    in_tests: int = 0
    error: str | None = None

    @property
    def matched(self) -> set[tuple[str, str]]:
        return set(self.truth) & set(self.found)

    @property
    def handlers_right(self) -> int:
        return sum(1 for k in self.matched if self.found[k] & self.truth[k])


def read_truth(path: Path) -> dict[tuple[str, str], set[str]]:
    truth: dict[tuple[str, str], set[str]] = {}
    if not path.is_file():
        raise SystemExit(f"bench: no ground truth for this application: {path} is missing")
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{path}:{number}: expected METHOD<tab>PATH<tab>FILE, got {line!r}")
        truth.setdefault((parts[0].upper(), norm(parts[1])), set()).add(parts[2])
    return truth


def read_found(kg: dict) -> tuple[dict[tuple[str, str], set[str]], int]:
    files = {n["id"]: n.get("file") for n in kg.get("nodes", [])}
    found: dict[tuple[str, str], set[str]] = {}
    in_tests = 0
    for n in kg.get("nodes", []):
        if n.get("kind") != "endpoint":
            continue
        props = n.get("properties") or {}
        if TEST_FILE.search(n.get("file") or ""):
            in_tests += 1
            continue
        handler_file = files.get(props.get("handler", ""))
        for method in (props.get("method") or "ANY").split(","):
            key = (method.strip().upper(), norm(props.get("route", "")))
            found.setdefault(key, set())
            if handler_file:
                found[key].add(handler_file)
    return found, in_tests


def load(work: Path, truth_dir: Path, name: str) -> App:
    meta = json.loads((work / name / "meta.json").read_text())
    app = App(name, meta["framework"], meta["repository"], meta["commit"], meta["status"], meta.get("set", "dev"))
    app.truth = read_truth(truth_dir / f"{name}.tsv")
    kg = work / name / "noa" / "kg.json"
    if app.status != "present":
        return app
    if not kg.is_file():
        err = work / name / "noa.err"
        app.error = err.read_text().strip().splitlines()[-1] if err.is_file() and err.read_text().strip() else "no kg.json"
        return app
    app.found, app.in_tests = read_found(json.loads(kg.read_text()))
    return app


def pct(n: int, d: int) -> float | None:
    return None if d == 0 else round(100.0 * n / d, 1)


def numbers(apps: list[App]) -> dict:
    present = [a for a in apps if a.status == "present" and a.error is None]
    truth = sum(len(a.truth) for a in present)
    found = sum(len(a.found) for a in present)
    matched = sum(len(a.matched) for a in present)
    handlers = sum(a.handlers_right for a in present)
    return {"truth": truth, "noa": found, "matched": matched, "recall": pct(matched, truth),
            "precision": pct(matched, found), "handler": pct(handlers, matched),
            "in_tests": sum(a.in_tests for a in present), "absent": [a.name for a in apps if a.status != "present"],
            "failed": [a.name for a in apps if a.status == "present" and a.error is not None]}


def show(value, before=None, unit="") -> str:
    text = "—" if value is None else f"{value}{unit}"
    if before is None:
        return text
    old = "—" if before is None else f"{before}{unit}"
    return f"{old} → {text}"


def render(apps: list[App], by_framework: dict[str, dict], per_app: dict[str, dict], before: dict | None, args) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    b_fw = (before or {}).get("frameworks", {})
    b_app = (before or {}).get("apps", {})
    lines = [
        "## Endpoint recall on real applications",
        "",
        f"Measured {now} on {machine()}. noa: {args.version}." + (f" Before: {before['version']}." if before else ""),
        "",
        f"Produced by: `{args.command}`" + (" (before: the same bench with the earlier build's `NOA_BIN`)" if before else ""),
        "",
        "Ground truth (`bench/endpoints/truth/<app>.tsv`: METHOD, full path, handler file) was written by reading each"
        " application's code, independently of noa; the applications and their commits are in `bench/endpoints/repos.tsv`"
        " (clones under `$NOA_EVAL`, default `/work/eval`; the bench says which are absent). Each is digested whole"
        " (`noa digest --only graph`). Paths compare with parameters as `{}`, no trailing slash, case-insensitive;"
        " a method must match (ANY only matches ANY). Precision leaves out endpoints in test files (by path), counted"
        f" in the last column. Target: recall ≥ {TARGET:.0f} % and precision ≥ {TARGET:.0f} % per framework."
        " Handler: endpoints found whose handler node is in the file the truth names.",
        "",
        "| framework | apps | truth endpoints | noa endpoints | found | recall % | precision % | handler % | in test files |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for fw, n in by_framework.items():
        b = b_fw.get(fw, {}) if before else None
        get = (lambda k: b.get(k)) if before else (lambda k: None)
        count = sum(1 for a in apps if a.framework == fw)
        lines.append(f"| {fw} | {count}" + (f" ({len(n['absent'])} absent)" if n["absent"] else "") + (f" ({len(n['failed'])} failed)" if n.get("failed") else "") +
                     f" | {n['truth']} | {show(n['noa'], get('noa') if before else None)} | {show(n['matched'], get('matched') if before else None)}"
                     f" | {show(n['recall'], get('recall') if before else None)} | {show(n['precision'], get('precision') if before else None)}"
                     f" | {show(n['handler'], get('handler') if before else None)} | {n['in_tests']} |")
    held = numbers([a for a in apps if a.set == "held-out"])
    b_held = (before or {}).get("held_out") if before else None
    if held["truth"]:
        lines += ["", f"Held-out applications only (their ground truth was written before noa ever ran on them; the others were read"
                      f" while the extractor was written): {held['truth']} truth endpoints, recall {show(held['recall'], (b_held or {}).get('recall') if before else None)} %,"
                      f" precision {show(held['precision'], (b_held or {}).get('precision') if before else None)} %."]
    lines += [
        "",
        "| application | framework | set | commit | truth | noa | found | recall % | precision % | handler % |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for a in apps:
        n = per_app[a.name]
        b = b_app.get(a.name) if before else None
        if a.status != "present":
            lines.append(f"| [{a.name}](https://{a.repository}) | {a.framework} | {a.set} | `{a.commit[:12]}` | {len(a.truth)} | absent | | | | |")
            continue
        if a.error:
            lines.append(f"| [{a.name}](https://{a.repository}) | {a.framework} | {a.set} | `{a.commit[:12]}` | {len(a.truth)} | noa failed: {a.error} | | | | |")
            continue
        get = (lambda k: (b or {}).get(k)) if before else (lambda k: None)
        lines.append(f"| [{a.name}](https://{a.repository}) | {a.framework} | {a.set} | `{a.commit[:12]}` | {n['truth']} | {show(n['noa'], get('noa') if before else None)}"
                     f" | {show(n['matched'], get('matched') if before else None)} | {show(n['recall'], get('recall') if before else None)}"
                     f" | {show(n['precision'], get('precision') if before else None)} | {show(n['handler'], get('handler') if before else None)} |")
    lines.append("")
    return "\n".join(lines)


def report_misses(apps: list[App], stream) -> None:
    for a in apps:
        if a.status != "present" or a.error:
            continue
        missed = sorted(set(a.truth) - set(a.found))
        extra = sorted(set(a.found) - set(a.truth))
        wrong = sorted(k for k in a.matched if not (a.found[k] & a.truth[k]))
        if missed or extra or wrong:
            print(f"\n{a.name}: {len(missed)} missed, {len(extra)} extra, {len(wrong)} with another handler file", file=stream)
        for k in missed[:SHOWN]:
            print(f"  missed {k[0]} {k[1]}  ({', '.join(sorted(a.truth[k]))})", file=stream)
        for k in extra[:SHOWN]:
            print(f"  extra  {k[0]} {k[1]}  ({', '.join(sorted(a.found[k])) or 'no handler'})", file=stream)
        for k in wrong[:SHOWN]:
            print(f"  handler {k[0]} {k[1]}: noa {sorted(a.found[k]) or 'none'}, truth {sorted(a.truth[k])}", file=stream)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--apps", required=True, help="comma-separated application names, in table order")
    p.add_argument("--truth", type=Path, required=True, help="folder of <app>.tsv")
    p.add_argument("--command", default="bench/run.sh endpoints")
    p.add_argument("--version", default="noa")
    p.add_argument("--before", type=Path, help="an earlier run's --json, shown as 'before → after'")
    p.add_argument("--doc", type=Path, help="rewrite this file's endpoints section")
    p.add_argument("--json", type=Path, help="write the numbers as JSON here")
    args = p.parse_args(argv)

    apps = [load(args.work, args.truth, n) for n in args.apps.split(",") if n]
    frameworks = list(dict.fromkeys(a.framework for a in apps))
    by_framework = {fw: numbers([a for a in apps if a.framework == fw]) for fw in frameworks}
    per_app = {a.name: numbers([a]) for a in apps}
    before = json.loads(args.before.read_text()) if args.before else None
    section = render(apps, by_framework, per_app, before, args)
    print(section)
    report_misses(apps, sys.stderr)
    for a in apps:
        if a.status != "present":
            print(f"bench: {a.name}: absent (clone {a.repository} at {a.commit} under $NOA_EVAL)", file=sys.stderr)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        held = numbers([a for a in apps if a.set == "held-out"])
        args.json.write_text(json.dumps({"version": args.version, "frameworks": by_framework, "apps": per_app, "held_out": held}, indent=2) + "\n")
    if args.doc:
        rewrite_doc(args.doc, section + f"\nLoad average at the end: {loadavg()}.\n", BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
