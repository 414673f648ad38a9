"""Installs a Python project's requirements from Debian's python3-* packages when no Python package index is reachable.

Written into the workspace by the Runner and run in the install step's capsule (egress: the package registries this host is
configured for, Debian's apt among them). Reads requirements*.txt and pyproject.toml's [project] dependencies (and pytest
when the project's tests use it), maps each to a Debian package (python3-NAME after PEP 503 normalisation, without a
python-/py- prefix too), adds their python3-* dependencies that the host lacks, downloads them with apt and unpacks them
under .noa-runner/pyroot (the steps after find them on PYTHONPATH and PATH). Prints one line per requirement and, last, a
JSON line for runner.json. Exits 0 when every mapped package was installed (even if some requirements did not map).
With --pytest (the Runner found a test command of the project's own that runs pytest) pytest is installed too.

With --install (as root, in an image build: the Env stage's Dockerfiles when no Python package index is reachable) the mapped
packages are installed into the system with apt-get install instead, their native libraries included, for the system's
python3 and a venv made with --system-site-packages.

With --imports DIR (after --install, run by the interpreter the app runs with, once the app's source is in DIR) each top-level
module the app's own code imports (ast, tests and the standard library left out, the app's own modules too) is imported in a
child process; a module missing then (the app's or one an installed package imports without its Debian package depending on
it: python3-aiopg imports async_timeout) is mapped the same way and installed with apt-get, until nothing more is found. Its
result is added to the one --install left in noa-debian-python.json, under "imports".
"""
import ast
import glob, json, os, re, subprocess, sys

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

ROOT = os.environ.get("NOA_PYROOT", "/workspace/.noa-runner/pyroot")
DEBS = os.path.join(os.path.dirname(ROOT), "debs")
MARK = "NOA-DEBIAN-PYTHON "


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line):
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith(("-", "git+", "http:", "https:", "file:", ".", "/")):
        return None
    m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)", line)
    return m.group(1) if m else None


def read_requirements():
    found = {}
    for path in sorted(glob.glob("requirements*.txt") + glob.glob("requirements/*.txt")):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                name = requirement_name(line)
                if name:
                    found.setdefault(normalise(name), (name, path))
    if os.path.exists("pyproject.toml") and tomllib:
        try:
            with open("pyproject.toml", "rb") as f:
                project = tomllib.load(f)
        except (tomllib.TOMLDecodeError, OSError):
            project = {}
        deps = list(project.get("project", {}).get("dependencies", []))
        for group in project.get("project", {}).get("optional-dependencies", {}).values():
            deps += group
        for group in project.get("dependency-groups", {}).values():
            deps += [d for d in group if isinstance(d, str)]
        poetry = project.get("tool", {}).get("poetry", {})
        deps += [k for k in poetry.get("dependencies", {}) if k != "python"]
        for group in poetry.get("group", {}).values():
            deps += list(group.get("dependencies", {}))
        for dep in deps:
            name = requirement_name(dep)
            if name:
                found.setdefault(normalise(name), (name, "pyproject.toml"))
    return found


def uses_pytest():
    for top, dirs, names in os.walk("."):
        dirs[:] = [d for d in dirs if d not in ("node_modules", ".git", ".noa-runner", ".venv", "venv")]
        if "conftest.py" in names or "pytest.ini" in names:
            return True
    for cfg in ("pyproject.toml", "setup.cfg", "tox.ini"):
        if os.path.exists(cfg) and ("[tool.pytest" in open(cfg, errors="replace").read() or "[pytest]" in open(cfg, errors="replace").read()
                                    or "[tool:pytest]" in open(cfg, errors="replace").read()):
            return True
    return False


# The capsule's /var/cache/apt is read-only: apt builds its package cache in memory instead of writing one.
APT = ["-o", "Dir::Cache::pkgcache=", "-o", "Dir::Cache::srcpkgcache=", "-o", "APT::Sandbox::User=root", "-o", "Debug::NoLocking=1"]


def run(args):
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{args[0]} {args[1]} exited {done.returncode}: {done.stderr.strip()[:500]}")
    return done


SKIP_DIRS = {"node_modules", ".git", ".noa-runner", ".venv", "venv", "__pycache__", "tests", "test", "testing", "docs"}
SAVED = "noa-debian-python.json"


def candidates_of(key):
    candidates = ["python3-" + key]
    prefix = "python-" if key.startswith("python-") else "py" if key.startswith("py") else None
    if prefix and len(key) > len(prefix) + 1:
        candidates.append("python3-" + key[len(prefix):])
    return candidates


def app_imports(top):
    """The top-level modules the app's code imports, with the first place each is imported, less its own modules and the standard library."""
    own, found = set(), {}
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        own.update(d for d in dirs if os.path.exists(os.path.join(folder, d, "__init__.py")))
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            own.add(name[:-3])
            if name == "conftest.py" or name.startswith("test_") or name.endswith("_test.py"):
                continue
            path = os.path.join(folder, name)
            try:
                tree = ast.parse(open(path, "rb").read(), path)
            except (SyntaxError, ValueError, OSError):
                continue
            for node in ast.walk(tree):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
                for module in modules:
                    found.setdefault(module.split(".")[0], f"{os.path.relpath(path, top)}:{node.lineno}")
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | set(sys.builtin_module_names)
    return {m: w for m, w in sorted(found.items()) if m not in own and m not in stdlib and m != "__future__"}


def missing_module(module, top):
    """None when the module imports, else (the module Python could not find or None, the error's last line)."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd=top)
    if done.returncode == 0:
        return None
    last = (done.stderr.strip().splitlines() or ["exit " + str(done.returncode)])[-1]
    m = re.match(r"ModuleNotFoundError: No module named '([\w.]+)'", last)
    return (m.group(1).split(".")[0] if m else None), last


def check_imports(top):
    """Imports what the app imports, installing the Debian package of each module missing, until a round installs nothing."""
    available = set(run(["apt-cache"] + APT + ["pkgnames", "python3-"]).stdout.split())
    wanted = app_imports(top)
    added, unresolved, tried = [], {}, set()
    for _ in range(6):
        packages = []
        unresolved = {}
        for module, where in wanted.items():
            failed = missing_module(module, top)
            if failed is None:
                continue
            name, error = failed
            package = next((c for c in candidates_of(normalise(name)) if c in available), None) if name else None
            if package is None or package in tried:
                if name is None:
                    reason = "fails for another reason than a missing module"
                elif package is None:
                    reason = "no Debian package " + " or ".join(candidates_of(normalise(name)))
                else:
                    reason = f"still fails after installing {package}"
                unresolved[module] = {"module": module, "at": where, "error": error, "reason": reason}
                continue
            if package not in packages:
                packages.append(package)
                added.append({"module": name, "package": package, "importedBy": module, "at": where})
                print(f"import {module} ({where}): no module {name} -> {package}")
        if not packages:
            break
        tried.update(packages)
        if subprocess.run(["apt-get", "install", "-y", "--no-install-recommends"] + packages).returncode != 0:
            return {"checked": sorted(wanted), "added": added, "unresolved": list(unresolved.values()), "error": "apt-get install failed"}, 1
    for u in unresolved.values():
        print(f"import {u['module']} ({u['at']}) fails: {u['error']}")
    return {"checked": sorted(wanted), "added": added, "unresolved": list(unresolved.values())}, 0


def main():
    if "--imports" in sys.argv[1:]:
        top = os.path.abspath(sys.argv[sys.argv.index("--imports") + 1])
        result = json.load(open(SAVED)) if os.path.exists(SAVED) else {"mapped": [], "unmapped": [], "installed": []}
        result["imports"], code = check_imports(top)
        print(MARK + json.dumps(result, separators=(",", ":")))
        return code
    system = "--install" in sys.argv[1:]
    wanted = read_requirements()
    if "--pytest" in sys.argv[1:] or uses_pytest():
        wanted.setdefault("pytest", ("pytest", "the tests use pytest"))
    listed = run(["apt-cache"] + APT + ["pkgnames", "python3-"])
    available = set(listed.stdout.split())
    if listed.returncode != 0 or not available:
        print(MARK + json.dumps({"mapped": [], "unmapped": [], "installed": [], "error": "apt-cache lists no python3-* package: " + listed.stderr.strip()[:300]}))
        return 1
    installed = set(run(["dpkg-query", "-W", "-f", "${Package}\n"]).stdout.split())
    mapped, unmapped, packages = [], [], []
    for key, (name, where) in sorted(wanted.items()):
        candidates = candidates_of(key)
        package = next((c for c in candidates if c in available), None)
        if package is None:
            unmapped.append({"requirement": name, "from": where, "reason": "no Debian package " + " or ".join(candidates)})
            print(f"not mapped: {name} ({where}): no Debian package {' or '.join(candidates)}")
            continue
        mapped.append({"requirement": name, "from": where, "package": package, "preinstalled": package in installed})
        print(f"mapped: {name} ({where}) -> {package}{' (already on the host)' if package in installed else ''}")
        if package not in installed:
            packages.append(package)
    if system:
        # Debian ships a tool's command in the package of the bare name (gunicorn, uvicorn, alembic), its module in python3-NAME:
        # a requirement whose bare-name package depends on the mapped one gets that too, so the image has the command.
        for m in list(mapped):
            command = m["package"][len("python3-"):]
            if command != m["package"] and command not in installed and command not in packages:
                shown = subprocess.run(["apt-cache"] + APT + ["depends", command], capture_output=True, text=True)
                if shown.returncode == 0 and re.search(r"Depends:\s*" + re.escape(m["package"]) + r"(?![\w.+-])", shown.stdout):
                    packages.append(command)
        result = {"mapped": mapped, "unmapped": unmapped, "installed": packages}
        code = 0
        if packages and subprocess.run(["apt-get", "install", "-y", "--no-install-recommends"] + packages).returncode != 0:
            result["error"] = "apt-get install failed"
            code = 1
        with open(SAVED, "w") as f:
            json.dump(result, f)
        print(MARK + json.dumps(result, separators=(",", ":")))
        return code
    needed = []
    if packages:
        deps = run(["apt-cache"] + APT + ["depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks",
                    "--no-replaces", "--no-enhances", "--no-pre-depends"] + packages).stdout
        seen = set(packages)
        for line in deps.splitlines():
            word = line.strip().split(":")[-1].strip().strip("<>")
            if word.startswith("python3-") and word in available:
                seen.add(word)
        needed = sorted(p for p in seen if p not in installed)
    result = {"mapped": mapped, "unmapped": unmapped, "installed": needed}
    code = 0
    if needed:
        os.makedirs(DEBS, exist_ok=True)
        os.makedirs(ROOT, exist_ok=True)
        got = subprocess.run(["apt-get", "-q"] + APT + ["download"] + needed, cwd=DEBS)
        if got.returncode != 0:
            result["error"] = f"apt-get download exited {got.returncode}"
            code = 1
        for deb in sorted(glob.glob(os.path.join(DEBS, "*.deb"))):
            if subprocess.run(["dpkg-deb", "-x", deb, ROOT]).returncode != 0:
                result["error"] = f"dpkg-deb could not unpack {os.path.basename(deb)}"
                code = 1
        print(f"installed {len(needed)} Debian package(s) under {ROOT}: {' '.join(needed)}")
    print(MARK + json.dumps(result, separators=(",", ":")))
    return code


if __name__ == "__main__":
    sys.exit(main())
