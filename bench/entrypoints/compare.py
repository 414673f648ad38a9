#!/usr/bin/env python3
"""Scores noa's entry points and service types against bench/entrypoints/truth.tsv.

Reads, per repository, WORK/<owner+name>/meta.json ({"repo", "commit", "checkout"} or {"absent": true}),
noa/kg.json (entrypoint nodes) and noa/profile.json (serviceType, and apps when the Classifier writes them).
An entry point matches a row of the table by its file path. Scores:
  primary    share of the table's primary entry points that noa found (any role, product scope)
  readme     share of the entry points a README documents (readme=y) that noa found (aim: all)
  precision  share of noa's product entry points that are in the table (primary or secondary)
  service    profile.json serviceType equals the table's (aim: >= 90% of repositories)
  apps       when profile.json has apps: share of the table's app roots among them, and of those with the right kind
Prints a Markdown section and, with --doc, rewrites the entry-points section of that file.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from compare import loadavg, machine, rewrite_doc  # noqa: E402  (bench/ is the parent folder)

BEGIN = "<!-- bench:entrypoints:begin -->"
END = "<!-- bench:entrypoints:end -->"
FIELDS = ["repo", "commit", "service", "app", "app_type", "kind", "path", "role", "readme"]

# profile.json app kinds in the table's words (its app_type uses the service-type vocabulary): an Aspire app-host starts the
# others and the table calls it a worker; a mobile or desktop UI is a frontend.
APP_TYPE = {"service": "http-api", "web-app": "frontend", "mobile": "frontend", "desktop": "frontend", "app-host": "worker"}


def read_truth(path: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(FIELDS):
            raise SystemExit(f"{path}: a row needs {len(FIELDS)} tab-separated fields: {line!r}")
        row = dict(zip(FIELDS, cells))
        rows.setdefault(row["repo"], []).append(row)
    return rows


def found_entries(kg: dict) -> list[dict]:
    return [n for n in kg.get("nodes", []) if n.get("kind") == "entrypoint"]


def score_repo(truth: list[dict], kg: dict | None, profile: dict | None) -> dict:
    entries = found_entries(kg) if kg else []
    product = [e for e in entries if e.get("properties", {}).get("scope", "product") == "product"]
    found_paths = {e.get("file") for e in product}
    all_truth = {r["path"] for r in truth}
    primary = [r for r in truth if r["role"] == "primary"]
    readme = [r for r in truth if r["readme"] == "y"]
    result = {
        "primary": (sum(r["path"] in found_paths for r in primary), len(primary)),
        "readme": (sum(r["path"] in found_paths for r in readme), len(readme)),
        "precision": (sum(p in all_truth for p in found_paths), len(found_paths)),
        "missed": sorted(r["path"] for r in primary if r["path"] not in found_paths),
        "missed_readme": sorted(r["path"] for r in readme if r["path"] not in found_paths),
        "extra": sorted(p for p in found_paths if p not in all_truth),
        "service_truth": truth[0]["service"],
        "service": (profile or {}).get("serviceType"),
    }
    apps = (profile or {}).get("apps")
    if isinstance(apps, list):
        roots = {(a.get("root") or a.get("path") or ".").strip("/") or ".": a.get("kind") or a.get("type") for a in apps if isinstance(a, dict)}
        truth_apps = {r["app"]: r["app_type"] for r in truth if r["role"] == "primary"}
        result["apps"] = (sum(a in roots for a in truth_apps), len(truth_apps))
        result["app_kinds"] = (sum(APP_TYPE.get(roots.get(a), roots.get(a)) == t for a, t in truth_apps.items()), len(truth_apps))
    return result


def pct(pair: tuple[int, int]) -> str:
    hit, total = pair
    return "—" if total == 0 else f"{hit}/{total}"


def ratio(pairs: list[tuple[int, int]]) -> str:
    hit = sum(p[0] for p in pairs)
    total = sum(p[1] for p in pairs)
    return "—" if total == 0 else f"{hit}/{total} ({100.0 * hit / total:.1f}%)"


def render(truth: dict[str, list[dict]], work: Path, command: str, version: str, repos: list[str]) -> tuple[str, dict]:
    lines = ["## Entry points and service types vs a hand-checked table", ""]
    lines.append(f"`{command}` — {len(repos)} real repositories (ground truth: `bench/entrypoints/truth.tsv`, read from each "
                 "repository's README, manifests, Procfile, Dockerfile and code before noa's output was compared with it). "
                 "An entry point matches by its file. *primary*: the table's main ways in that noa found; *README*: those a "
                 "README documents; *precision*: noa's product entry points that the table lists (primary or secondary); "
                 "*service*: profile.json `serviceType` against the table.")
    lines.append("")
    lines.append("| Repository | Commit | Primary found | README-named found | Precision | Service type (table → profile) | Missed, extra |")
    lines.append("|---|---|---|---|---|---|---|")
    scores = {}
    for repo in repos:
        meta_path = work / repo.replace("/", "+") / "meta.json"
        meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {"absent": True}
        if meta.get("absent"):
            lines.append(f"| {repo} | absent | — | — | — | — | not checked out under NOA_EVAL |")
            continue
        base = work / repo.replace("/", "+") / "noa"
        kg = json.loads((base / "kg.json").read_text()) if (base / "kg.json").is_file() else None
        profile = json.loads((base / "profile.json").read_text()) if (base / "profile.json").is_file() else None
        s = score_repo(truth[repo], kg, profile)
        scores[repo] = s
        expected = truth[repo][0]["commit"]
        commit = meta["commit"][:12] + ("" if expected in ("-", meta["commit"]) else f" (table: {expected[:12]})")
        notes = []
        if s["missed"]:
            notes.append("missed " + ", ".join(f"`{p}`" for p in s["missed"]))
        if s["extra"]:
            notes.append("extra " + ", ".join(f"`{p}`" for p in s["extra"][:4]) + (f" +{len(s['extra']) - 4}" if len(s["extra"]) > 4 else ""))
        if kg is None:
            notes.append("noa failed")
        service = f"{s['service_truth']} → {s['service'] or '—'}" + ("" if s["service"] == s["service_truth"] else " ✗")
        lines.append(f"| {repo} | {commit} | {pct(s['primary'])} | {pct(s['readme'])} | {pct(s['precision'])} | {service} | {'; '.join(notes) or '—'} |")
    lines.append("")
    measured = list(scores.values())
    service_hits = sum(s["service"] == s["service_truth"] for s in measured)
    totals = {
        "repositories": len(measured),
        "primary": ratio([s["primary"] for s in measured]),
        "readme": ratio([s["readme"] for s in measured]),
        "precision": ratio([s["precision"] for s in measured]),
        "service": f"{service_hits}/{len(measured)} ({100.0 * service_hits / max(1, len(measured)):.1f}%)",
    }
    lines.append(f"Totals over {len(measured)} repositories: primary entry points found **{totals['primary']}**, README-named "
                 f"**{totals['readme']}** (aim: all), precision **{totals['precision']}**, service type right **{totals['service']}** "
                 "(aim: ≥ 90%).")
    with_apps = [s for s in measured if "apps" in s]
    if with_apps:
        totals["apps"] = ratio([s["apps"] for s in with_apps])
        totals["app_kinds"] = ratio([s["app_kinds"] for s in with_apps])
        lines.append(f"Apps (profile.json `apps`, {len(with_apps)} repositories): app roots found {totals['apps']}, with the right kind {totals['app_kinds']}.")
    else:
        lines.append("Apps: profile.json has no `apps` yet (the Classifier adds them), so only entry points and the repository's service type are scored.")
    lines.append("")
    lines.append(f"Measured with {version}; {machine()}; load average at the end {loadavg()}.")
    lines.append("")
    return "\n".join(lines) + "\n", totals


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--truth", type=Path, required=True)
    p.add_argument("--command", default="bench/run.sh entrypoints")
    p.add_argument("--version", default="noa")
    p.add_argument("--repos", default="", help="comma-separated subset of the table's repositories")
    p.add_argument("--doc", type=Path, help="rewrite this file's entry-points section")
    p.add_argument("--json", type=Path, help="also write the totals as JSON here")
    args = p.parse_args(argv)
    truth = read_truth(args.truth)
    repos = [r for r in truth if not args.repos or r in args.repos.split(",")]
    section, totals = render(truth, args.work, args.command, args.version, repos)
    print(section)
    if args.json:
        args.json.write_text(json.dumps(totals, indent=2) + "\n")
    if args.doc:
        rewrite_doc(args.doc, section, BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
