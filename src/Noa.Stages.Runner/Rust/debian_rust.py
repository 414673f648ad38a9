"""Installs a Cargo project's crates from Debian's librust-*-dev packages when no Cargo registry is reachable.
Written into the workspace by the Runner and run in the install step's capsule (egress: the package registries this host is
configured for, Debian's apt among them). Reads Cargo.toml (and its workspace members'): dependencies, dev- and
build-dependencies, target-specific ones and [workspace.dependencies], less path and git dependencies; maps each crate to
librust-NAME-dev (underscores as dashes), downloads it with apt and unpacks it under .noa-runner/rustroot, then does the same
for what the unpacked crates depend on (optional ones too: Cargo resolves every optional dependency into its lockfile). The
unpacked /usr/share/cargo/registry is a Cargo directory source that replaces crates.io in $CARGO_HOME/config.toml, offline, so
the steps after build from it. A Cargo.lock pins crates.io's versions, which Debian's need not match: it is set aside
(Cargo.lock.noa-orig) and Cargo resolves against Debian's. Prints one line per crate and, last, a JSON line for runner.json.
Exits 0 when every mapped package was installed.
"""
import glob, json, os, sys
from debian_apt import install, names as apt_names
try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None
ROOT = os.environ.get("NOA_RUSTROOT", "/workspace/.noa-runner/rustroot")
REGISTRY = os.path.join(ROOT, "usr/share/cargo/registry")
DEBS = os.path.join(os.path.dirname(ROOT), "rust-debs")
MARK = "NOA-DEBIAN-RUST "
KINDS = ("dependencies", "dev-dependencies", "build-dependencies")


def load(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        print(f"cannot read {path}: {e}")
        return {}


def crates(manifest, dev):
    """(crate name, where) of a manifest's registry dependencies: dev-dependencies only for the project's own manifests."""
    found = []
    tables = [manifest] + list(manifest.get("target", {}).values())
    for table in tables:
        for kind in KINDS:
            if kind == "dev-dependencies" and not dev:
                continue
            for key, spec in (table.get(kind) or {}).items():
                if isinstance(spec, dict) and ("path" in spec or "git" in spec) and "version" not in spec:
                    continue  # the repository's own crate, or one from git
                if isinstance(spec, dict) and spec.get("workspace"):
                    continue  # named in [workspace.dependencies]
                name = spec.get("package", key) if isinstance(spec, dict) else key
                found.append(name)
    for key, spec in (manifest.get("workspace", {}).get("dependencies") or {}).items():
        if isinstance(spec, dict) and ("path" in spec or "git" in spec) and "version" not in spec:
            continue
        found.append(spec.get("package", key) if isinstance(spec, dict) else key)
    return found


def own_manifests():
    paths = ["Cargo.toml"]
    root = load("Cargo.toml")
    for pattern in root.get("workspace", {}).get("members", []):
        paths += [os.path.join(p, "Cargo.toml") for p in sorted(glob.glob(pattern)) if os.path.exists(os.path.join(p, "Cargo.toml"))]
    return paths


def unpacked():
    """Crate name -> manifest of every crate unpacked so far."""
    found = {}
    for manifest in glob.glob(os.path.join(REGISTRY, "*/Cargo.toml")):
        name = load(manifest).get("package", {}).get("name")
        if name:
            found.setdefault(name, manifest)
    return found



def main():
    if tomllib is None:
        print(MARK + json.dumps({"mapped": [], "unmapped": [], "installed": [], "error": "this python3 has no tomllib (Python 3.11+)"}))
        return 1
    available, error = apt_names("librust-")
    if error:
        print(MARK + json.dumps({"mapped": [], "unmapped": [], "installed": [], "error": error}))
        return 1
    own = set()
    wanted = []
    for path in own_manifests():
        manifest = load(path)
        if manifest.get("package", {}).get("name"):
            own.add(manifest["package"]["name"])
        wanted += [(c, path) for c in crates(manifest, dev=True)]
    mapped, unmapped, installed, seen, code = [], [], [], set(), 0
    os.makedirs(REGISTRY, exist_ok=True)
    while wanted:
        packages = []
        for crate, where in wanted:
            if crate in seen or crate in own:
                continue
            seen.add(crate)
            package = "librust-" + crate.lower().replace("_", "-") + "-dev"
            if package not in available:
                unmapped.append({"requirement": crate, "from": where, "reason": "no Debian package " + package})
                print(f"not mapped: {crate} ({where}): no Debian package {package}")
                continue
            mapped.append({"requirement": crate, "from": where, "package": package})
            print(f"mapped: {crate} ({where}) -> {package}")
            packages.append(package)
        if not packages:
            break
        code |= install(packages, DEBS, ROOT)
        installed += packages
        names = {m["requirement"] for m in mapped if m["package"] in packages}
        wanted = [(c, name + "'s Cargo.toml") for name, manifest in unpacked().items() if name in names for c in crates(load(manifest), dev=False)]
    result = {"mapped": mapped, "unmapped": unmapped, "installed": installed}
    if installed:
        home = os.environ.get("CARGO_HOME", "/workspace/.noa-runner/cargo")
        os.makedirs(home, exist_ok=True)
        with open(os.path.join(home, "config.toml"), "w", encoding="utf-8") as f:
            f.write('[source.crates-io]\nreplace-with = "debian"\n\n'
                    f'[source.debian]\ndirectory = "{REGISTRY}"\n\n[net]\noffline = true\n')
        if os.path.exists("Cargo.lock"):
            os.replace("Cargo.lock", "Cargo.lock.noa-orig")
            result["lockfile"] = "Cargo.lock set aside as Cargo.lock.noa-orig: it pins crates.io's versions, Debian's are resolved instead"
        print(f"installed {len(installed)} Debian package(s) under {ROOT}, a directory source for crates.io in {home}/config.toml: {' '.join(installed)}")
    if code:
        result["error"] = "a Debian package could not be downloaded or unpacked (see the output)"
    print(MARK + json.dumps(result, separators=(",", ":")))
    return code


if __name__ == "__main__":
    sys.exit(main())
