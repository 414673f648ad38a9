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
import sys
from datetime import datetime, timezone
from pathlib import Path

from classifier_data import (  # bench/ is the script folder, so it is on sys.path
    BEGIN,
    END,
    MAX_POINTS,
    MIN_SPEEDUP,
    DETAIL_MIN_POINTS,
    DISAGREEMENTS_SHOWN,
    Timing,
    Target,
    linguist_shares,
    noa_shares,
    share_diffs,
    read_groups,
    file_disagreements,
    STAGE_ROW,
    stage_seconds,
    run_stage_seconds,
    hyperfine_timing,
    load_target,
)


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
`scripts/corpora.sh`, then runs `bench/run.sh classifier` and `bench/run.sh graph`). Each section
is rewritten by the script that measured it, with the date, the machine (2 cores) and the exact
command; no number here was typed by hand.

"""


def rewrite_doc(doc: Path, section: str, begin: str = BEGIN, end: str = END) -> None:
    """Replaces the section between begin and end (each benchmark has its markers), or appends it."""
    block = f"{begin}\n{section}{end}\n"
    text = doc.read_text() if doc.is_file() else DOC_HEAD
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
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
