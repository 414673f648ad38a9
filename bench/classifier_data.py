"""The classifier benchmark's data: timings, targets and the parsing of linguist's and noa's outputs
(used by bench/compare.py, which renders them)."""
from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass, field
from datetime import datetime
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
