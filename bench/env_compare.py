#!/usr/bin/env python3
"""Scores noa's env/plan.json against bench/env/reference.json (written by reading each repository, never from noa).

Reads, for every repository under WORK (in the order given):
  meta.json      {"repo", "commit", "status": "present" | "absent", "seconds": env stage seconds or null}
  noa/env/plan.json   the plan noa wrote (absent when noa failed: noa.err has its last lines)
and the reference's entry for that repository. Per deployable app of the reference, the plan's app at one of its
folders (`folders`, else `folder`; "" and "." are the root) is compared:
  port    right when the plan's decided port is one the reference lists;
  start   right when one of the reference's regular expressions matches the plan's start command (re.search);
  stores  right when the reference's required kinds are all planned and every planned kind is required or optional.
Env vars are compared per repository (the union over the plan's apps against the reference's list), names
case-insensitive with ':' spelled '__': recall = reference names the plan lists; precision = plan names the
reference lists, where names of `implicit_env` (a framework reads them; `X_*` is a prefix) count on neither side.
The stage's static checks of its own files (env/verify.json "static": compose against the compose-spec schema, k8s
structure, .env.example against the plan) are summed per kind of file, each failure printed to stderr.
With the proof on (bench/env.sh --verify), env/verify.json's "apps" say per image whether it was built and whether the
started container answered: each reference app is matched to its planned app (as above) and that app's image (by the
plan's app name, made path-safe as env/apps/NAME), and built/answered are counted per language over the reference's
services; each failure with its reason goes to stderr.
Prints a Markdown table per repository and per language; misses and extras go to stderr; --json writes the numbers.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path


def norm_root(root: str | None) -> str:
    r = (root or ".").strip().strip("/")
    while r.startswith("./"):
        r = r[2:]
    return r or "."


def norm_env(name: str) -> str:
    return name.replace(":", "__").upper()


def implicit(name: str, patterns: list[str]) -> bool:
    n = norm_env(name)
    for p in patterns:
        q = norm_env(p)
        if q.endswith("*") and n.startswith(q[:-1]) or n == q:
            return True
    return False


def decided(plan_app: dict, key: str) -> str | None:
    return (plan_app.get(key) or {}).get("value")


@dataclass
class AppScore:
    folder: str
    planned: bool
    port: bool
    port_value: str | None
    start: bool
    start_value: str | None
    stores: bool
    stores_value: list[str]


@dataclass
class RepoScore:
    repo: str
    commit: str
    language: str
    status: str
    seconds: float | None = None
    apps: list[AppScore] = field(default_factory=list)
    env_ref: int = 0
    env_found: int = 0
    env_listed: int = 0
    env_right: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def score_app(ref_app: dict, plan: dict) -> AppScore:
    folders = [norm_root(f) for f in ref_app.get("folders") or [ref_app["folder"]]]
    by_root = {norm_root(a.get("root")): a for a in plan.get("apps", [])}
    app = next((by_root[f] for f in folders if f in by_root), None)
    if app is None:
        return AppScore(folders[0], False, False, None, False, None, False, [])
    port = decided(app, "port")
    start = decided(app, "start")
    kinds = sorted({s["kind"] for s in app.get("stores", [])})
    required, optional = set(ref_app["stores"]["required"]), set(ref_app["stores"]["optional"])
    return AppScore(
        folders[0], True,
        port is not None and port.isdigit() and int(port) in ref_app["port"], port,
        start is not None and any(re.search(p, start) for p in ref_app["start"]), start,
        required <= set(kinds) and set(kinds) <= required | optional, kinds)


def score_repo(ref: dict, plan: dict | None, meta: dict) -> RepoScore:
    s = RepoScore(ref["repo"], meta.get("commit", ref["commit"])[:8], ref["language"], meta.get("status", "present"),
                  meta.get("seconds"))
    if plan is None:
        s.status = "failed" if s.status == "present" else s.status
        s.apps = [AppScore(norm_root(a["folder"]), False, False, None, False, None, False, []) for a in ref["apps"]]
        s.env_ref = len(ref["env"])
        s.missed = sorted(ref["env"])
        return s
    s.apps = [score_app(a, plan) for a in ref["apps"]]
    reference = {norm_env(n): n for n in ref["env"]}
    listed = {norm_env(v["name"]): v["name"] for a in plan.get("apps", []) for v in a.get("env", [])}
    patterns = ref.get("implicit_env", [])
    s.env_ref = len(reference)
    s.env_found = sum(1 for n in reference if n in listed)
    judged = {n: v for n, v in listed.items() if n in reference or not implicit(v, patterns)}
    s.env_listed = len(judged)
    s.env_right = sum(1 for n in judged if n in reference)
    s.missed = sorted(reference[n] for n in reference if n not in listed)
    s.extra = sorted(judged[n] for n in judged if n not in reference)
    return s


def pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}%" if den else "–"


def mark(ok: bool, value) -> str:
    shown = "–" if value in (None, []) else (",".join(value) if isinstance(value, list) else str(value))
    return f"{'✓' if ok else '✗'} {shown}"


def render(scores: list[RepoScore]) -> str:
    out = ["| repository | commit | language | port | start | stores | env recall | env precision | env_s |",
           "|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        if s.status == "absent":
            out.append(f"| {s.repo} | {s.commit} | {s.language} | absent | | | | | |")
            continue
        for i, a in enumerate(s.apps):
            head = f"| {s.repo}{'' if a.folder == '.' else ' (' + a.folder + ')'} | {s.commit} | {s.language} |"
            if not a.planned:
                cells = "not planned | – | – |"
            else:
                start = (a.start_value or "–").replace("|", "\\|")
                start = start if len(start) <= 48 else start[:45] + "…"
                cells = f" {mark(a.port, a.port_value)} | {'✓' if a.start else '✗'} `{start}` | {mark(a.stores, a.stores_value)} |"
            env = (f" {s.env_found}/{s.env_ref} | {s.env_right}/{s.env_listed} | {s.seconds if s.seconds is not None else '–'} |"
                   if i == 0 else " | | |")
            out.append(head + cells + env)
    out += ["", "| language | repositories | apps | port right | start right | stores right | env recall | env precision | median env_s |",
            "|---|---|---|---|---|---|---|---|---|"]
    groups: dict[str, list[RepoScore]] = {}
    for s in scores:
        if s.status != "absent":
            groups.setdefault(s.language, []).append(s)
    for lang, group in sorted(groups.items()) + [("all", [s for s in scores if s.status != "absent"])]:
        apps = [a for s in group for a in s.apps]
        secs = sorted(s.seconds for s in group if s.seconds is not None)
        median = f"{secs[len(secs) // 2]:.1f}" if secs else "–"
        out.append(f"| {lang} | {len(group)} | {len(apps)} | {sum(a.port for a in apps)}/{len(apps)} | "
                   f"{sum(a.start for a in apps)}/{len(apps)} | {sum(a.stores for a in apps)}/{len(apps)} | "
                   f"{pct(sum(s.env_found for s in group), sum(s.env_ref for s in group))} "
                   f"({sum(s.env_found for s in group)}/{sum(s.env_ref for s in group)}) | "
                   f"{pct(sum(s.env_right for s in group), sum(s.env_listed for s in group))} "
                   f"({sum(s.env_right for s in group)}/{sum(s.env_listed for s in group)}) | {median} |")
    return "\n".join(out) + "\n"


def static_checks(verify: dict | None) -> list[dict]:
    return list((verify or {}).get("static") or [])


def kind_of(path: str) -> str:
    return "k8s" if path.startswith("env/k8s/") else path.removeprefix("env/")


def folder_name(name: str) -> str:
    """The app's folder under env/apps/ (DockerfileWriter.Folder): its name lowercased, other characters as '-'."""
    safe = "".join(c.lower() if (c.isascii() and c.isalnum()) or c in "-_." else "-" for c in name).strip("-.")
    return safe or "app"


@dataclass
class Proof:
    repo: str
    language: str
    folder: str
    built: bool
    answered: bool
    reason: str | None


def proofs(ref: dict, plan: dict | None, verify: dict | None) -> list[Proof] | None:
    """Built/answered per reference app, or None when the proof was off (verification is off, or no verify.json)."""
    if verify is None or str(verify.get("notVerified") or "").startswith("verification is off"):
        return None
    images = {a["name"]: a for a in verify.get("apps") or []}
    by_root = {norm_root(a.get("root")): a for a in (plan or {}).get("apps", [])}
    out = []
    for ref_app in ref["apps"]:
        folders = [norm_root(f) for f in ref_app.get("folders") or [ref_app["folder"]]]
        app = next((by_root[f] for f in folders if f in by_root), None)
        image = images.get(folder_name(app["name"])) if app else None
        if image is None:
            why = ("no app planned there" if app is None else verify.get("notVerified") or "not among the images verified (Noa:Env:MaxVerified)")
            out.append(Proof(ref["repo"], ref["language"], folders[0], False, False, why))
            continue
        reason = image.get("reason") or None
        if image.get("built") and image.get("answered") is None and reason is None:
            reason = "not started"
        out.append(Proof(ref["repo"], ref["language"], folders[0], bool(image.get("built")), image.get("answered") is True, reason))
    return out


def render_proof(all_proofs: list[Proof]) -> str:
    out = ["", "| language | services | built | answered |", "|---|---|---|---|"]
    groups: dict[str, list[Proof]] = {}
    for p in all_proofs:
        groups.setdefault(p.language, []).append(p)
    for lang, group in sorted(groups.items()) + [("all", all_proofs)]:
        n = len(group)
        built, answered = sum(p.built for p in group), sum(p.answered for p in group)
        out.append(f"| {lang} | {n} | {built}/{n} ({pct(built, n)}) | {answered}/{n} ({pct(answered, n)}) |")
    return "\n".join(out) + "\n"


def render_static(checks: list[tuple[str, dict]], repos: int) -> str:
    if not checks:
        return f"\nStatic checks: none recorded in env/verify.json ({repos} repositories; a binary without them).\n"
    out = ["", "| file | checked against | passed |", "|---|---|---|"]
    kinds: dict[str, list[dict]] = {}
    for _, c in checks:
        kinds.setdefault(kind_of(c["file"]), []).append(c)
    for kind, group in sorted(kinds.items()):
        out.append(f"| {kind} | {group[0]['check']} | {sum(1 for c in group if c['passed'])}/{len(group)} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", required=True, type=Path)
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--repos", required=True, help="comma-separated repository folders, in order")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    refs = {r["repo"]: r for r in json.loads(args.reference.read_text())["repos"]}
    scores = []
    checks: list[tuple[str, dict]] = []
    all_proofs: list[Proof] = []
    for name in args.repos.split(","):
        if name not in refs:
            print(f"env_compare: {name} is not in {args.reference}", file=sys.stderr)
            return 2
        d = args.work / name
        meta = json.loads((d / "meta.json").read_text()) if (d / "meta.json").is_file() else {"status": "absent"}
        plan_file = d / "noa" / "env" / "plan.json"
        plan = json.loads(plan_file.read_text()) if plan_file.is_file() else None
        s = score_repo(refs[name], plan, meta)
        scores.append(s)
        verify_file = d / "noa" / "env" / "verify.json"
        verify = json.loads(verify_file.read_text()) if verify_file.is_file() else None
        if meta.get("status") != "absent" and (found := proofs(refs[name], plan, verify)) is not None:
            all_proofs += found
            for p in found:
                if not (p.built and p.answered):
                    first = (p.reason or "").strip().splitlines()[0][:300] if p.reason else "?"
                    print(f"{name} ({p.folder}): {'built, not answered' if p.built else 'not built'}: {first}", file=sys.stderr)
        for c in static_checks(verify):
            checks.append((name, c))
            if not c["passed"]:
                print(f"{name}: {c['file']} fails {c['check']}: {'; '.join(c['problems'][:5])}", file=sys.stderr)
        for a in s.apps:
            if a.planned and not (a.port and a.start and a.stores):
                print(f"{name} ({a.folder}): port {a.port_value} start {a.start_value!r} stores {a.stores_value}",
                      file=sys.stderr)
            elif not a.planned and s.status == "present":
                print(f"{name} ({a.folder}): no app planned there", file=sys.stderr)
        if s.missed:
            print(f"{name}: missed {', '.join(s.missed)}", file=sys.stderr)
        if s.extra:
            print(f"{name}: extra {', '.join(s.extra)}", file=sys.stderr)
    sys.stdout.write(render(scores))
    sys.stdout.write(render_static(checks, len(scores)))
    if all_proofs:
        sys.stdout.write(render_proof(all_proofs))
    if args.json:
        proof_of = {}
        for p in all_proofs:
            proof_of.setdefault(p.repo, []).append(p.__dict__)
        args.json.write_text(json.dumps([s.__dict__ | {"apps": [a.__dict__ for a in s.apps], "proof": proof_of.get(s.repo)} for s in scores], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
