#!/usr/bin/env python3
"""Compares noa's Graph Extract stage with universal-ctags on what bench/graph.sh measured.

Reads, for every target folder under WORK (in the order given):
  meta.json        {"name", "path", "files", "bytes"}                     written by graph.sh
  ctags.json       `ctags --output-format=json --fields=+nKzl --extras=-F -R` output
  ctags.time.json  {"runs": [{"wall", "user", "sys", "rss_kb"}, ...]}     /usr/bin/time per run
  noa/kg.json      the graph of the last noa run
  noa.time.json    as ctags.time.json, for `noa digest`
  noa.runs.json    `noa runs show RUN --json` of every timed run, in run order
  noa.err          present when noa failed: its last lines
and for every framework app under WORK/endpoints/: meta.json, noa/kg.json (or noa.err), with the
app's sources under CORPORA/endpoints/<name>/ for the reference list of routes.

Prints a Markdown section and, with --doc, rewrites the graph section of that file between the
markers below; the top missed kinds and examples go to stderr (they help fix the queries and do
not belong in the doc). Standard library only, so it runs wherever python3 does.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from compare import loadavg, machine, rewrite_doc  # bench/ is the script folder, so it is on sys.path
from graph_endpoints import EndpointApp, load_app
from graph_recall import KINDS, Recall, definition_recall, read_ctags

BEGIN = "<!-- bench:graph:begin -->"
END = "<!-- bench:graph:end -->"
MIN_RECALL = 95.0  # target: definition recall per language, percent of ctags' definitions
MIN_RATIO = 0.5  # target: noa's throughput at least half of ctags'
MAX_RSS_MB = 1024  # target: peak memory on the largest corpus
MISSES_SHOWN = 8  # per language, on stderr



@dataclass
class Timing:
    """Best-of-N wall time, with that run's CPU, and the peak RSS over all runs."""
    runs: list[dict]

    @property
    def best(self) -> dict:
        return min(self.runs, key=lambda r: r["wall"])

    @property
    def wall(self) -> float:
        return float(self.best["wall"])

    @property
    def cpu(self) -> float:
        return float(self.best["user"]) + float(self.best["sys"])

    @property
    def utilisation(self) -> float | None:
        return self.cpu / self.wall if self.wall > 0 else None

    @property
    def rss_mb(self) -> float:
        return max(float(r["rss_kb"]) for r in self.runs) / 1024


@dataclass
class Target:
    name: str
    path: str
    files: int
    bytes: int
    ctags_time: Timing | None = None
    noa_time: Timing | None = None
    graph_seconds: float | None = None  # the graph stage of the fastest noa run
    noa_error: str | None = None
    recall: dict[str, Recall] = field(default_factory=dict)  # ctags language -> recall
    nodes: int = 0

    @property
    def ratio(self) -> float | None:
        """noa's throughput over ctags' on the same tree: ctags seconds / noa seconds."""
        if self.ctags_time is None or self.noa_time is None or self.noa_time.wall <= 0:
            return None
        return self.ctags_time.wall / self.noa_time.wall

    @property
    def graph_ratio(self) -> float | None:
        if self.ctags_time is None or not self.graph_seconds:
            return None
        return self.ctags_time.wall / self.graph_seconds


def run_graph_seconds(runs: list[dict], best_index: int) -> float | None:
    """The graph stage's time in the run at best_index (the runs are in run order)."""
    if not 0 <= best_index < len(runs):
        return None
    for a in runs[best_index].get("attempts", []):
        if a.get("stage") == "graph" and a.get("endedAt"):
            return (datetime.fromisoformat(a["endedAt"]) - datetime.fromisoformat(a["startedAt"])).total_seconds()
    return None


def read_timing(path: Path) -> Timing | None:
    if not path.is_file():
        return None
    runs = json.loads(path.read_text()).get("runs", [])
    return Timing(runs) if runs else None


def load_target(work: Path) -> Target:
    meta = json.loads((work / "meta.json").read_text())
    t = Target(meta["name"], meta["path"], int(meta["files"]), int(meta["bytes"]))
    t.ctags_time = read_timing(work / "ctags.time.json")
    if (work / "noa.err").is_file():
        lines = (work / "noa.err").read_text().strip().splitlines()
        t.noa_error = (lines[-1] if lines else "failed").replace("|", "\\|")[:200]
        return t
    t.noa_time = read_timing(work / "noa.time.json")
    if t.noa_time and (work / "noa.runs.json").is_file():
        best = t.noa_time.runs.index(t.noa_time.best)
        t.graph_seconds = run_graph_seconds(json.loads((work / "noa.runs.json").read_text()), best)
    kg_path = work / "noa" / "kg.json"
    if kg_path.is_file() and (work / "ctags.json").is_file():
        kg = json.loads(kg_path.read_text())
        t.nodes = len(kg.get("nodes", []))
        t.recall = definition_recall(read_ctags(work / "ctags.json"), kg)
    return t


# --- rendering ------------------------------------------------------------------------------------
def fmt(v: float | None, spec: str, suffix: str = "") -> str:
    return "—" if v is None else f"{v:{spec}}{suffix}"


def mapping_table() -> list[str]:
    rows = ["| ctags language | ctags kind → noa kinds |", "|---|---|"]
    for lang, kinds in KINDS.items():
        rows.append(f"| {lang} | " + ", ".join(f"{k} → {'/'.join(sorted(v))}" for k, v in kinds.items()) + " |")
    return rows


def render(targets: list[Target], apps: list[EndpointApp], args: argparse.Namespace) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "## Graph Extract vs universal-ctags",
        "",
        f"Measured {now} on {machine()}. Tools: {args.versions}.",
        "",
        f"Load average (1/5/15 min) at the start: {args.load_start or '—'}; at the end: {loadavg()}."
        " Anything above 2 means other work shared the 2 cores and slowed both tools.",
        "",
        f"Produced by: `{args.command}`",
        "",
        "Each side runs on the same folder in the same run: `ctags --output-format=json --fields=+nKzl"
        " --extras=-F -R` and `noa digest <folder> --only graph --out <dir>` (intake, classifier and graph, as a"
        " fresh process with an empty NOA_HOME, so nothing comes from the graph's per-file cache;"
        " `Noa__Graph__IncludeVendored=true`, so node_modules is parsed like the rest). Times are the"
        " best of the runs shown, in seconds; CPU use is that run's (user + system) / wall, 2.0 when"
        " both cores are busy the whole time; peak RSS is the largest over noa's runs. Ratio is noa's"
        " throughput over ctags' on the same tree (ctags s / noa s); the graph column uses only the"
        " graph stage's own time from `noa runs show RUN --json`."
        f" Targets: recall ≥ {MIN_RECALL:g} % per language, ratio ≥ {MIN_RATIO:g}×, peak RSS <"
        f" {MAX_RSS_MB / 1024:g} GB on the largest corpus.",
        "",
        "| corpus | files | MB | ctags s | noa s | graph stage s | ratio (whole / graph) | noa CPU use"
        " | ctags CPU use | noa peak RSS MB | kg nodes | runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in targets:
        if t.noa_error:
            out.append(f"| {t.name} (`{t.path}`) | {t.files} | {t.bytes / 1048576:.1f} |"
                       f" {fmt(t.ctags_time and t.ctags_time.wall, '.2f')} | noa failed: {t.noa_error}"
                       " | | | | | | | |")
            continue
        c, n = t.ctags_time, t.noa_time
        out.append(
            f"| {t.name} (`{t.path}`) | {t.files} | {t.bytes / 1048576:.1f} | {fmt(c and c.wall, '.2f')} |"
            f" {fmt(n and n.wall, '.2f')} | {fmt(t.graph_seconds, '.2f')} |"
            f" {fmt(t.ratio, '.2f', '×')} / {fmt(t.graph_ratio, '.2f', '×')} |"
            f" {fmt(n and n.utilisation, '.2f')} | {fmt(c and c.utilisation, '.2f')} |"
            f" {fmt(n and n.rss_mb, ',.0f')} | {t.nodes:,} | {len(c.runs) if c else 0}/{len(n.runs) if n else 0} |")

    out += [
        "",
        "### Definition recall",
        "",
        "The share of ctags' definitions (file, line, name) that kg.json has a definition node for:"
        " same file and name, a kind the mapping below allows, and the ctags line inside the node's"
        " range or one line before it (noa's range starts at decorators, annotations and attributes,"
        " ctags names the line of the name). Only kinds both report count: a mapped ctags kind whose"
        " noa kinds never occur in that language's nodes is listed as not compared. \"In files noa did"
        " not parse\": misses in files kg.json has no file node for (the classifier called them"
        " vendored or generated, or the graph skipped them); the last recall column leaves those out,"
        " so it shows what the queries miss.",
        "",
        "| corpus | language | ctags definitions | found | recall % | missed in files noa did not parse"
        " | recall in parsed files % | same place, other kind | not compared (ctags kind: tags) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in targets:
        for i, (lang, r) in enumerate(sorted(t.recall.items(), key=lambda kv: -kv[1].total)):
            excluded = ", ".join(f"{k}: {v}" for k, v in r.excluded.most_common()) or "—"
            out.append(f"| {t.name if i == 0 else ''} | {lang} | {r.total:,} | {r.found:,} |"
                       f" {fmt(r.percent, '.1f')} | {r.unparsed:,} | {fmt(r.parsed_percent, '.1f')} |"
                       f" {r.other_kind:,} | {excluded} |")
    out += ["", "Kind mapping (ctags kinds not listed are not definitions noa reports: variables,"
            " imports, impl blocks, macros, labels):", ""] + mapping_table()

    if apps:
        out += [
            "",
            "### Endpoint recall on framework apps",
            "",
            "Apps from `scripts/corpora.sh endpoints` (Debian source packages), each digested once."
            " The reference list comes from the sources, independently of noa: every literal route"
            " registration in the framework's documented forms (gin/echo `r.GET(\"/x\", h)`, `Any`,"
            " `Handle(\"GET\", …)`, `Add(http.MethodGet, …)`; express `app.get('/x', h)`,"
            " `router.route('/x').get(h)`), found by regular expressions in bench/graph_compare.py."
            " Found: kg.json has an endpoint in the same file with the same method (ANY matches any)"
            " and the same route or one ending with it (a group's prefix added).",
            "",
            "| framework | folder | reference routes | found | recall % | noa endpoints |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for a in apps:
            if a.noa_error:
                out.append(f"| {a.name} | `{a.path}` | {len(a.reference)} | noa failed: {a.noa_error} | | |")
            else:
                out.append(f"| {a.name} | `{a.path}` | {len(a.reference)} | {a.found} | {fmt(a.percent, '.1f')} |"
                           f" {a.noa_total} |")
    return "\n".join(out) + "\n"


def report_misses(targets: list[Target], apps: list[EndpointApp], stream) -> None:
    for t in targets:
        for lang, r in sorted(t.recall.items()):
            if not r.missed:
                continue
            kinds = Counter(m[0] for m in r.missed)
            other = Counter(f"{m[0]} as {m[4]}" for m in r.missed if m[4])
            print(f"\n{t.name} {lang}: {len(r.missed)} missed of {r.total}; by kind: "
                  + ", ".join(f"{k} {v}/{r.by_kind[k]}" for k, v in kinds.most_common()), file=stream)
            if other:
                print("  found with another kind: " + ", ".join(f"{k} {v}" for k, v in other.most_common(6)), file=stream)
            for kind, _ in kinds.most_common(4):
                ex = [m for m in r.missed if m[0] == kind][:MISSES_SHOWN // 2]
                for _, path, line, name, ours in ex:
                    print(f"  {kind:<12} {path}:{line} {name}" + (f"  (noa: {ours})" if ours else ""), file=stream)
    for a in apps:
        if a.missed:
            print(f"\nendpoints {a.name}: {len(a.missed)} missed of {len(a.reference)}", file=stream)
            for file, line, method, route in a.missed[:MISSES_SHOWN]:
                print(f"  {file}:{line} {method} {route}", file=stream)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", type=Path, required=True, help="folder with one sub-folder per target")
    p.add_argument("--targets", required=True, help="comma-separated target names, in table order")
    p.add_argument("--endpoints", default="", help="comma-separated app names under WORK/endpoints")
    p.add_argument("--corpora", type=Path, default=Path(".cache/corpora"))
    p.add_argument("--command", default="bench/run.sh graph")
    p.add_argument("--versions", default="universal-ctags, noa")
    p.add_argument("--load-start", default="", help="/proc/loadavg's first three fields when the run began")
    p.add_argument("--doc", type=Path, help="rewrite this file's graph section")
    p.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    args = p.parse_args(argv)

    targets = [load_target(args.work / n) for n in args.targets.split(",") if n]
    apps = [load_app(args.work / "endpoints" / n, args.corpora) for n in args.endpoints.split(",") if n]
    section = render(targets, apps, args)
    sys.stdout.write(section)
    report_misses(targets, apps, sys.stderr)
    if args.doc:
        rewrite_doc(args.doc, section, BEGIN, END)
    if args.json:
        args.json.write_text(json.dumps({
            "targets": [{
                "name": t.name, "path": t.path, "files": t.files, "bytes": t.bytes,
                "ctags_runs": t.ctags_time.runs if t.ctags_time else None,
                "noa_runs": t.noa_time.runs if t.noa_time else None,
                "graph_seconds": t.graph_seconds, "ratio": t.ratio, "graph_ratio": t.graph_ratio,
                "noa_error": t.noa_error,
                "recall": {lang: {"total": r.total, "found": r.found, "percent": r.percent,
                                  "unparsed": r.unparsed, "parsed_percent": r.parsed_percent,
                                  "by_kind": dict(r.by_kind), "found_by_kind": dict(r.found_by_kind),
                                  "excluded": dict(r.excluded)} for lang, r in t.recall.items()},
            } for t in targets],
            "endpoints": [{"name": a.name, "path": a.path, "reference": len(a.reference), "found": a.found,
                           "percent": a.percent, "noa_endpoints": a.noa_total, "noa_error": a.noa_error}
                          for a in apps],
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
