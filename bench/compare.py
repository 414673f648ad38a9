#!/usr/bin/env python3
"""Compares noa's Classifier with github-linguist on what bench/classifier.sh measured.

Reads, for every target folder under WORK (in the order given):
  meta.json          {"name", "path", "files", "bytes"}           written by classifier.sh
  linguist.json      `github-linguist --breakdown --json` output
  linguist.hf.json   hyperfine's --export-json of the linguist runs
  noa/profile.json   `noa digest --only classifier` output (absent with --linguist-only)
  noa.hf.json        hyperfine's --export-json of the noa runs
  noa.err            present when noa failed: its last lines

Prints a Markdown section and, with --doc, rewrites the classifier section of that file
between the markers below. Prints only what was measured: a missing side shows as "—".
Standard library only, so it runs wherever python3 does.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

BEGIN = "<!-- bench:classifier:begin -->"
END = "<!-- bench:classifier:end -->"
MAX_POINTS = 2.0  # target: per-language byte share within 2 points of linguist
MIN_SPEEDUP = 20.0  # target: noa at least 20x faster than linguist
DETAIL_MIN_POINTS = 0.5  # languages shown in the per-language table
DISAGREEMENTS_SHOWN = 5  # per corpus


@dataclass
class Timing:
    runs: list[float]
    cpu: float | None = None  # mean user + system seconds per run; steadier than wall time under load

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.runs)

    @property
    def stddev(self) -> float:
        return statistics.stdev(self.runs) if len(self.runs) > 1 else 0.0


@dataclass
class Target:
    name: str
    path: str
    files: int
    bytes: int
    linguist: dict[str, float] | None = None  # language -> percent of counted bytes
    linguist_files: int = 0
    noa: dict[str, float] | None = None  # language -> share * 100
    noa_files: int = 0
    linguist_time: Timing | None = None
    noa_time: Timing | None = None
    noa_error: str | None = None
    diffs: dict[str, float] = field(default_factory=dict)
    disagreements: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)  # from noa's summary table

    @property
    def max_diff(self) -> float | None:
        if self.linguist is None or self.noa is None:
            return None
        return max(self.diffs.values(), default=0.0)

    @property
    def speedup(self) -> float | None:
        if self.linguist_time is None or self.noa_time is None or self.noa_time.median <= 0:
            return None
        return self.linguist_time.median / self.noa_time.median

    @property
    def cpu_speedup(self) -> float | None:
        if self.linguist_time is None or self.noa_time is None or not self.noa_time.cpu:
            return None
        return None if self.linguist_time.cpu is None else self.linguist_time.cpu / self.noa_time.cpu


def linguist_shares(breakdown: dict) -> tuple[dict[str, float], int]:
    """Percent per language from the byte sizes (its own "percentage" is rounded to 0.01)."""
    total = sum(v["size"] for v in breakdown.values())
    files = sum(len(v.get("files", [])) for v in breakdown.values())
    if total == 0:
        return {}, files
    return {k: 100.0 * v["size"] / total for k, v in breakdown.items()}, files


def noa_shares(profile: dict) -> tuple[dict[str, float], int]:
    """share × 100 per language, as noa reports it; entries without a share are not counted."""
    shares: dict[str, float] = {}
    files = 0
    for lang in profile.get("languages", []):
        share = lang.get("share")
        if share is None:
            continue
        shares[lang["name"]] = shares.get(lang["name"], 0.0) + 100.0 * float(share)
        files += int(lang.get("files", 0))
    return shares, files


def share_diffs(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    return {k: abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in sorted(set(a) | set(b))}


def read_groups(languages_yml: Path | None) -> dict[str, str]:
    """language -> its group, from linguist's languages.yml (breakdowns report groups: Unix
    Assembly counts as Assembly). A line scan, so no YAML module is needed."""
    groups: dict[str, str] = {}
    if languages_yml is None or not languages_yml.is_file():
        return groups
    current = None
    for line in languages_yml.read_text().splitlines():
        if line and not line[0].isspace() and line.endswith(":") and not line.startswith(("#", "-")):
            current = line[:-1].strip().strip("'\"")
        elif current and line.startswith("  group:"):
            groups[current] = line.split(":", 1)[1].strip().strip("'\"")
    return groups


def file_disagreements(breakdown: dict, files: list[dict], counted: set[str],
                       groups: dict[str, str]) -> list[tuple[str, str, int, int, str]]:
    """Files the two tools count differently, grouped as (linguist says, noa says, files, bytes,
    an example path), largest first. "not counted" is linguist leaving a file out of its stats
    (vendored, generated, documentation, data); on noa's side it is the file's category."""
    linguist = {path: lang for lang, v in breakdown.items() for path in v.get("files", [])}
    agg: dict[tuple[str, str], list] = {}
    for f in files:
        lang = f.get("language")
        if f.get("category") == "classified" and lang:
            lang = groups.get(lang, lang)
            ours = lang if lang in counted else f"{lang} (not counted)"
        else:
            ours = f.get("category", "?")
        theirs = linguist.get(f["path"], "not counted")
        if theirs == ours or (theirs == "not counted" and ours not in counted):
            continue
        g = agg.setdefault((theirs, ours), [0, 0, f["path"]])
        g[0] += 1
        g[1] += int(f.get("size", 0))
    return sorted(((a, b, n, size, ex) for (a, b), (n, size, ex) in agg.items()), key=lambda r: -r[3])


STAGE_ROW = re.compile(r"^\W*\s*([a-z][a-z-]*)\s*\W\s*succeeded\s*\W\s*\d+\s*\W\s*([\d.]+)(ms|s|m)\s*\W")


def stage_seconds(log: str) -> dict[str, float]:
    """Per-stage times from the summary table noa prints at the end of a run (best effort)."""
    unit = {"ms": 0.001, "s": 1.0, "m": 60.0}
    out: dict[str, float] = {}
    for line in log.splitlines():
        m = STAGE_ROW.match(line)
        if m:
            out[m.group(1)] = float(m.group(2)) * unit[m.group(3)]
    return out


def run_stage_seconds(run: dict) -> dict[str, float]:
    """Per-stage times of the last attempt of each stage, from `noa runs show RUN --json`."""
    out: dict[str, float] = {}
    for a in run.get("attempts", []):
        if a.get("endedAt"):
            start = datetime.fromisoformat(a["startedAt"])
            end = datetime.fromisoformat(a["endedAt"])
            out[a["stage"]] = (end - start).total_seconds()
    return out


def hyperfine_timing(path: Path) -> Timing | None:
    if not path.is_file():
        return None
    result = json.loads(path.read_text())["results"][0]
    cpu = result["user"] + result["system"] if "user" in result and "system" in result else None
    return Timing(list(result["times"]), cpu)


def load_target(work: Path, groups: dict[str, str] | None = None) -> Target:
    meta = json.loads((work / "meta.json").read_text())
    t = Target(meta["name"], meta["path"], int(meta["files"]), int(meta["bytes"]))
    if (work / "linguist.json").is_file():
        t.linguist, t.linguist_files = linguist_shares(json.loads((work / "linguist.json").read_text()))
        t.linguist_time = hyperfine_timing(work / "linguist.hf.json")
    if (work / "noa.err").is_file():
        lines = (work / "noa.err").read_text().strip().splitlines()
        t.noa_error = (lines[-1] if lines else "failed").replace("|", "\\|")[:200]
    elif (work / "noa" / "profile.json").is_file():
        t.noa, t.noa_files = noa_shares(json.loads((work / "noa" / "profile.json").read_text()))
        t.noa_time = hyperfine_timing(work / "noa.hf.json")
        if (work / "noa.run.json").is_file():
            t.stage_seconds = run_stage_seconds(json.loads((work / "noa.run.json").read_text()))
        elif (work / "noa.log").is_file():
            t.stage_seconds = stage_seconds((work / "noa.log").read_text(errors="replace"))
    if t.linguist is not None and t.noa is not None:
        t.diffs = share_diffs(t.linguist, t.noa)
        if (work / "noa" / "files.json").is_file():
            files = json.loads((work / "noa" / "files.json").read_text()).get("files", [])
            t.disagreements = file_disagreements(
                json.loads((work / "linguist.json").read_text()), files, set(t.noa), groups or {})
    return t


def fmt_s(t: Timing | None) -> str:
    return "—" if t is None else f"{t.median:.3f}"


def fmt_cpu(t: Timing | None) -> str:
    return "—" if t is None or t.cpu is None else f"{t.cpu:.3f}"


def fmt_opt(v: float | None, spec: str, suffix: str = "") -> str:
    return "—" if v is None else f"{v:{spec}}{suffix}"


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kb / 1048576:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    distro = ""
    try:
        distro = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1) + ", "
    except (OSError, AttributeError):
        pass
    return f"{distro}{os.cpu_count()} cores ({model or platform.processor()}){mem}"


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "—"


def render(targets: list[Target], args: argparse.Namespace) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "## Classifier vs github-linguist",
        "",
        f"Measured {now} on {machine()}. Tools: {args.versions}.",
        "",
        f"Load average (1/5/15 min) at the start: {args.load_start or '—'}; at the end: {loadavg()}."
        " Anything above 2 means other work shared the 2 cores and slowed both tools.",
        "",
        f"Produced by: `{args.command}`",
        "",
        "Each side runs on the same corpus folder in the same run. linguist reads a git repository"
        " made from the folder beforehand (building it is not timed); noa runs"
        " `noa digest <folder> --only classifier --out <dir>` as a fresh process with an empty"
        " NOA_HOME each time, so its time includes start-up, intake (walking and hashing the tree)"
        " and classification. Wall times are hyperfine medians in seconds over the runs shown;"
        " CPU is the mean user + system seconds per run, which other work on the machine"
        " disturbs less than wall time."
        f" Δ share is |linguist % − noa share × 100| per language, in points; targets:"
        f" Δ ≤ {MAX_POINTS:g} points, noa ≥ {MIN_SPEEDUP:g}× faster.",
        "",
        "| corpus | files | MB | linguist s | noa s | speed-up | linguist CPU s | noa CPU s | CPU ratio"
        " | max Δ share | languages off by > 2 points |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in targets:
        if t.noa_error:
            off = f"noa failed: {t.noa_error}"
        elif t.linguist is None or t.noa is None:
            off = "—"
        else:
            bad = [f"{k} ({t.linguist.get(k, 0):.1f} vs {t.noa.get(k, 0):.1f})"
                   for k, d in sorted(t.diffs.items(), key=lambda kv: -kv[1]) if d > MAX_POINTS]
            off = ", ".join(bad) if bad else "none"
        runs = ""
        if t.linguist_time and t.noa_time:
            runs = f" ({len(t.linguist_time.runs)}/{len(t.noa_time.runs)} runs)"
        out.append(
            f"| {t.name} (`{t.path}`) | {t.files} | {t.bytes / 1048576:.1f} | {fmt_s(t.linguist_time)} |"
            f" {fmt_s(t.noa_time)} | {fmt_opt(t.speedup, '.1f', '×')}{runs} |"
            f" {fmt_cpu(t.linguist_time)} | {fmt_cpu(t.noa_time)} | {fmt_opt(t.cpu_speedup, '.1f', '×')} |"
            f" {fmt_opt(t.max_diff, '.2f')} | {off} |")

    go = next((t for t in targets if t.name == args.stdlib_target and t.noa_time), None)
    if go is not None:
        tm = go.noa_time
        out += [
            "",
            "### Intake + classify of the whole Go standard library",
            "",
            f"`{args.stdlib_command}` on Debian's golang-1.19-src tree ({go.files} files,"
            f" {go.bytes / 1048576:.1f} MB), {len(tm.runs)} runs with hyperfine:"
            f" median {tm.median:.3f} s, mean {tm.mean:.3f} s ± {tm.stddev:.3f} s,"
            f" min {min(tm.runs):.3f} s, max {max(tm.runs):.3f} s,"
            f" CPU {fmt_cpu(tm)} s per run"
            f" ({go.files / tm.median:,.0f} files/s, {go.bytes / 1048576 / tm.median:.0f} MB/s).",
        ]

    staged = [t for t in targets if t.stage_seconds]
    if staged:
        stages = sorted({s for t in staged for s in t.stage_seconds}, key=lambda s: (s != "intake", s))
        out += [
            "",
            "### Where noa's time goes",
            "",
            "Stage times as noa recorded them (`noa runs show RUN --json`) for the last timed run of"
            " each corpus (one run, so rougher than the medians above); the rest of the wall time is"
            " process start-up and the embedded stores. Intake copies every file into the"
            " content-addressed store (what lets any worker read the snapshot); the classifier"
            " column is the like-for-like comparison with linguist, which reads a git repository"
            " built beforehand.",
            "",
            "| corpus | " + " | ".join(f"{s} s" for s in stages) + " | linguist s | classifier speed-up |",
            "|---|" + "---:|" * (len(stages) + 2),
        ]
        for t in staged:
            cls = t.stage_seconds.get("classifier")
            ratio = t.linguist_time.median / cls if cls and t.linguist_time else None
            out.append(f"| {t.name} | " + " | ".join(
                fmt_opt(t.stage_seconds.get(s), ".2f") for s in stages) +
                f" | {fmt_s(t.linguist_time)} | {fmt_opt(ratio, '.0f', '×')} |")

    out += [
        "",
        f"### Shares per language (languages at ≥ {DETAIL_MIN_POINTS:g} % on either side)",
        "",
        "| corpus | language | linguist % | noa % | Δ points | files counted (linguist / noa) |",
        "|---|---|---:|---:|---:|---|",
    ]
    for t in targets:
        if t.linguist is None:
            continue
        langs = sorted(set(t.linguist) | set(t.noa or {}),
                       key=lambda k: -max(t.linguist.get(k, 0), (t.noa or {}).get(k, 0)))
        shown = [k for k in langs
                 if max(t.linguist.get(k, 0), (t.noa or {}).get(k, 0)) >= DETAIL_MIN_POINTS]
        counted = f"{t.linguist_files} / {t.noa_files if t.noa is not None else '—'}"
        if not shown:
            out.append(f"| {t.name} | (no language counted) | — | — | — | {counted} |")
        for i, k in enumerate(shown):
            noa = "—" if t.noa is None else f"{t.noa.get(k, 0):.2f}"
            diff = "—" if t.noa is None else f"{t.diffs.get(k, 0):.2f}"
            out.append(f"| {t.name if i == 0 else ''} | {k} | {t.linguist.get(k, 0):.2f} | {noa} |"
                       f" {diff} | {counted if i == 0 else ''} |")
    if any(t.disagreements for t in targets):
        out += [
            "",
            f"### Where they disagree, file by file (the {DISAGREEMENTS_SHOWN} largest groups by bytes)",
            "",
            "From linguist's file lists and noa's `files.json`. \"not counted\": linguist left the"
            " file out of its statistics (vendored, generated, documentation or data); on noa's"
            " side the category it gave the file instead of a counted language.",
            "",
            "| corpus | linguist | noa | files | KB | for example |",
            "|---|---|---|---:|---:|---|",
        ]
        for t in targets:
            for i, (theirs, ours, n, size, example) in enumerate(t.disagreements[:DISAGREEMENTS_SHOWN]):
                out.append(f"| {t.name if i == 0 else ''} | {theirs} | {ours} | {n} | {size / 1024:,.0f} |"
                           f" `{example}` |")
    return "\n".join(out) + "\n"


DOC_HEAD = """# Benchmarks

How to reproduce: `make bench` (it builds `bin/noa`, assembles the corpora with
`scripts/corpora.sh`, then runs `bench/run.sh`). Each section is rewritten by the script that
measured it, with the date, the machine (2 cores) and the exact command; no number here was
typed by hand.

"""


def rewrite_doc(doc: Path, section: str) -> None:
    block = f"{BEGIN}\n{section}{END}\n"
    text = doc.read_text() if doc.is_file() else DOC_HEAD
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + block + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", type=Path, required=True, help="folder with one sub-folder per target")
    p.add_argument("--targets", required=True, help="comma-separated target names, in table order")
    p.add_argument("--command", default="bench/run.sh classifier")
    p.add_argument("--versions", default="github-linguist, noa")
    p.add_argument("--stdlib-target", default="go")
    p.add_argument("--stdlib-command", default="bin/noa digest .cache/corpora/go --only classifier")
    p.add_argument("--load-start", default="", help="/proc/loadavg's first three fields when the run began")
    p.add_argument("--languages-yml", type=Path, help="linguist's languages.yml, for language groups")
    p.add_argument("--doc", type=Path, help="rewrite this file's classifier section")
    p.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    args = p.parse_args(argv)

    groups = read_groups(args.languages_yml)
    targets = [load_target(args.work / n, groups) for n in args.targets.split(",") if n]
    section = render(targets, args)
    sys.stdout.write(section)
    if args.doc:
        rewrite_doc(args.doc, section)
    if args.json:
        args.json.write_text(json.dumps([{
            "name": t.name, "path": t.path, "files": t.files, "bytes": t.bytes,
            "linguist_seconds": t.linguist_time.runs if t.linguist_time else None,
            "noa_seconds": t.noa_time.runs if t.noa_time else None,
            "linguist_cpu_seconds": t.linguist_time.cpu if t.linguist_time else None,
            "noa_cpu_seconds": t.noa_time.cpu if t.noa_time else None,
            "speedup": t.speedup, "cpu_speedup": t.cpu_speedup, "max_diff_points": t.max_diff, "diffs": t.diffs,
            "noa_error": t.noa_error,
        } for t in targets], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
