"""Installs a Go module's requirements from Debian's golang-*-dev packages when no Go module proxy is reachable.
Written into the workspace by the Runner and run in the install step's capsule (egress: the package registries this host is
configured for, Debian's apt among them). Reads go.mod's requirements (go mod edit -json), maps each module path to the Debian
package the Go team's naming gives it (github.com/kr/text -> golang-github-kr-text-dev, golang.org/x/sys ->
golang-golang-x-sys-dev, gopkg.in/yaml.v3 -> golang-gopkg-yaml.v3-dev, google.golang.org/grpc -> golang-google-grpc-dev),
github.com/go-playground/validator/v10 -> golang-github-go-playground-validator-v10-dev, and where Debian ships only versioned
names, the newest: github.com/golang/protobuf -> golang-github-golang-protobuf-1-5-dev), downloads it with apt and unpacks it
under .noa-runner/goroot, then does the same for what the unpacked modules require. Every module found is then a directory
replacement in go.mod (go mod edit -replace); a requirement of go.mod that no package provides is dropped from it (go mod edit
-droprequire), so the packages that do not import it still build and test while those that do fail naming it.
Debian's sources import modules no go.mod lists (its purell imports urlesc, its prometheus/common matttproud's pbutil, under package
names the naming above does not give: golang-github-opennota-urlesc-dev, golang-protobuf-extensions-dev): the imports of every
replacement (and of the source here) that no replaced module provides are looked up in Debian's Contents index (the file lists of
the suites apt is configured for: which package ships /usr/share/gocode/src/<import path>), installed, and replaced too, until
nothing new is found. A requirement on this module itself in a replacement's go.mod (etcd's go-kit requires an old etcd) is
dropped from that go.mod: the source being built is that module, and under GOPROXY=off no other version can be read. GOFLAGS=-mod=mod
with GOPROXY=off goes to the workspace's go env file (GOENV), so the steps after build from those sources with no network and
no checksums to fetch.
Prints one line per module and, last, a JSON line for runner.json. Exits 0 when every mapped package was installed.
"""
import glob, json, os, re, subprocess, sys
from debian_apt import APT, install, names as apt_names, run
ROOT = os.environ.get("NOA_GOROOT_DEBIAN", "/workspace/.noa-runner/goroot")
SRC = os.path.join(ROOT, "usr/share/gocode/src")
DEBS = os.path.join(os.path.dirname(ROOT), "go-debs")
MARK = "NOA-DEBIAN-GO "
# Hosts whose Debian prefix is not the host's first label with its top-level domain dropped.
HOSTS = {"google.golang.org": "google", "golang.org": "golang", "cloud.google.com": "google-cloud", "go.opentelemetry.io": "opentelemetry",
         "go.etcd.io": "etcd", "k8s.io": "k8s", "sigs.k8s.io": "k8s-sigs", "gotest.tools": "gotest.tools", "honnef.co": "honnef"}



def names(module, available=()):
    """Debian package names a module path may have, most likely first: a v2+ module's with its major version first
    (golang-…-v10-dev), then without it; where none is in available, the newest of those Debian names with a version
    (golang-…-1-5-dev)."""
    major = re.search(r"/(v[0-9]+)$", module)
    base = module[:major.start()] if major else module
    parts = base.split("/")
    host = parts[0].lower()
    prefix = HOSTS.get(host)
    if prefix is None:
        labels = host.split(".")
        prefix = ".".join(labels[:-1]) if len(labels) > 1 else host
        if prefix.startswith("go.") and len(labels) > 2:
            prefix = "go." + ".".join(labels[1:-1])
    rest = [p.lower().replace("_", "-") for p in parts[1:]]
    found = ["golang-" + "-".join([prefix] + rest) + "-dev"]
    if prefix.startswith("go."):
        found.append("golang-" + "-".join([prefix[3:]] + rest) + "-dev")
    if len(rest) > 2:  # a module deeper than owner/repo may ship in its repository's package
        found.append("golang-" + "-".join([prefix] + rest[:2]) + "-dev")
    if major:
        found = [n[:-len("-dev")] + "-" + major.group(1) + "-dev" for n in found] + found
    if not any(n in available for n in found):
        for n in list(found):
            versions = [a for a in available if re.fullmatch(re.escape(n[:-len("-dev")]) + r"(-[0-9]+)+-dev", a)]
            found += sorted(versions, key=lambda a: [int(x) for x in re.findall(r"-([0-9]+)", a[len(n) - 4:])], reverse=True)
    return found


def requires(gomod):
    """The module path and required module paths of a go.mod file (read as text: an unpacked module's go.mod may be old)."""
    module, found, block = None, [], False
    with open(gomod, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("//", 1)[0].strip()
            if line.startswith("module "):
                module = line.split()[1].strip('"')
            elif line.startswith("require ("):
                block = True
            elif block and line == ")":
                block = False
            elif block and line:
                found.append(line.split()[0].strip('"'))
            elif line.startswith("require "):
                found.append(line.split()[1].strip('"'))
    return module, found


def unpacked():
    """Module path -> folder of every module under SRC (a folder with a go.mod, else a Debian import-path folder with .go files)."""
    found = {}
    for gomod in glob.glob(os.path.join(SRC, "**/go.mod"), recursive=True):
        module, _ = requires(gomod)
        if module:
            found.setdefault(module, os.path.dirname(gomod))
    return found


IMPORT_BLOCK = re.compile(r"(?ms)^import\s*\((.*?)^\)")
QUOTED = re.compile(r'(?m)^\s*(?:[\w.]+\s+)?"([^"]+)"')
SINGLE_IMPORT = re.compile(r'(?m)^import\s+(?:[\w.]+\s+)?"([^"]+)"')
SKIPPED = {"testdata", "vendor", "examples", "example", "_examples"}
OTHER_OS = re.compile(r"_(?:windows|darwin|ios|android|plan9|solaris|illumos|aix|js|wasip1|freebsd|netbsd|openbsd|dragonfly)(?:_\w+)?\.go$")
_imports = {}


def go_imports(folder):
    """The non-standard import paths of the non-test Go files under folder (testdata, vendor, examples, hidden folders and
    files built only by `go run` or for another system left out): the packages a build of that folder's modules may need."""
    if folder in _imports:
        return _imports[folder]
    found = set()
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIPPED and not d.startswith((".", "_"))]
        for name in files:
            if not name.endswith(".go") or name.endswith("_test.go") or OTHER_OS.search(name):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            if re.search(r"(?m)^//\s*(?:go:build|\+build)\s+ignore\b", text):
                continue
            for block in IMPORT_BLOCK.findall(text):
                found.update(QUOTED.findall(block))
            found.update(SINGLE_IMPORT.findall(text))
    _imports[folder] = {i for i in found if "." in i.split("/")[0]}
    return _imports[folder]


def contents():
    """Import path -> the Debian package that ships its .go files under /usr/share/gocode/src, from the Contents-all index of
    each suite apt is configured for (apt-get indextargets names them; apt-helper downloads through apt's own settings)."""
    uris = run(["apt-get"] + APT + ["indextargets", "--format", "$(URI)", "Created-By: Packages"]).stdout.split()
    found = {}
    os.makedirs(DEBS, exist_ok=True)
    for i, base in enumerate(sorted({u.rsplit("/binary-", 1)[0] for u in uris if "/binary-" in u})):
        target = os.path.join(DEBS, f"Contents-all-{i}.gz")
        if run(["/usr/lib/apt/apt-helper"] + APT + ["download-file", base + "/Contents-all.gz", target]).returncode != 0:
            continue
        listed = subprocess.run(["sh", "-c", 'zcat "$1" | grep "^usr/share/gocode/src/.*\\.go[[:space:]]"', "-", target], capture_output=True, text=True)
        os.remove(target)
        for line in listed.stdout.splitlines():
            path, owners = line.rsplit(None, 1)
            found.setdefault(os.path.dirname(path[len("usr/share/gocode/src/"):]), owners.split(",")[0].split("/")[-1])
    return found


def folder_of(module, have):
    """The unpacked folder that provides a module: its own go.mod's, the one without its major version (Debian ships v2+ there),
    or the folder at the module's path whose go.mod names another major version (Debian's ulid is v2 at github.com/oklog/ulid)."""
    bare = re.sub(r"/v[0-9]+$", "", module)
    for folder in (have.get(module), have.get(bare), os.path.join(SRC, module), os.path.join(SRC, bare)):
        if folder and os.path.exists(os.path.join(folder, "go.mod")):
            return folder
    return None


def module_root(path):
    """The module path of an unpacked import path: its nearest folder with a go.mod, else its shallowest folder with Go files
    (the repository's root, as Debian ships a package that predates modules: github.com/pquerna/ffjson for .../fflib/v1, whose
    path is no module path), given a go.mod naming it."""
    folder = path
    while folder and "/" in folder:
        if os.path.exists(os.path.join(SRC, folder, "go.mod")):
            return folder
        folder = os.path.dirname(folder)
    parts = path.split("/")
    for n in range(2, len(parts) + 1):
        folder = "/".join(parts[:n])
        full = os.path.join(SRC, folder)
        if not re.fullmatch(r"v[01]", parts[n - 1]) and any(f.endswith(".go") and os.path.isfile(os.path.join(full, f)) for f in os.listdir(full)):
            break
    else:
        folder = path
    with open(os.path.join(SRC, folder, "go.mod"), "w", encoding="utf-8") as f:
        f.write(f"module {folder}\n")
    return folder


def provides(module, path):
    return path == module or path.startswith(module + "/")


def main():
    info = json.loads(run(["go", "mod", "edit", "-json"]).stdout or "{}")
    own = info.get("Module", {}).get("Path")
    replaced = {r["Old"]["Path"] for r in info.get("Replace") or []}
    wanted = [(r["Path"], "go.mod") for r in info.get("Require") or [] if r["Path"] not in replaced]
    available, error = apt_names("golang-")
    if error:
        print(MARK + json.dumps({"mapped": [], "unmapped": [], "installed": [], "error": error}))
        return 1
    mapped, unmapped, installed, seen, code, index = [], [], [], set(), 0, None
    while wanted:
        packages = []
        for module, where in wanted:
            if module in seen or module == own:
                continue
            seen.add(module)
            have = unpacked()
            if module in have:
                continue  # shipped by a package already unpacked
            tried = names(module, available)
            package = next((n for n in tried if n in available), None)
            # A name the Go team's convention does not give (urlesc is golang-github-opennota-urlesc-dev), for go.mod's own
            # requirements: the requirements of dependencies' go.mod files are mostly their tests' and tools', and followed
            # through the index they unpack half of Debian's Go archive (go-kit's zookeeper, amqp, aws-sdk-go-v2 …); what the
            # dependencies' code imports is found by the import rounds below.
            if package is None and where == "go.mod":
                index = contents() if index is None else index
                package = index.get(module) or index.get(re.sub(r"/v[0-9]+$", "", module))
                tried.append("a package shipping /usr/share/gocode/src/" + module + " in Debian's Contents index")
            if package is None:
                unmapped.append({"requirement": module, "from": where, "reason": "no Debian package " + " or ".join(tried)})
                print(f"not mapped: {module} ({where}): no Debian package {' or '.join(tried)}")
                continue
            mapped.append({"requirement": module, "from": where, "package": package})
            print(f"mapped: {module} ({where}) -> {package}")
            if package not in installed and package not in packages:
                packages.append(package)
        if not packages:
            break
        code |= install(packages, DEBS, ROOT)
        installed += packages
        # What the unpacked modules require in turn (a module without a go.mod gets one, named by its import path).
        wanted = []
        for package in packages:
            for module in [m["requirement"] for m in mapped if m["package"] == package]:
                # Debian ships a v2+ module at its full path (…/validator/v10) or at the path without its major version.
                folder = os.path.join(SRC, module)
                if not os.path.isdir(folder):
                    folder = os.path.join(SRC, re.sub(r"/v[0-9]+$", "", module))
                if os.path.isdir(folder) and not os.path.exists(os.path.join(folder, "go.mod")):
                    with open(os.path.join(folder, "go.mod"), "w", encoding="utf-8") as f:
                        f.write(f"module {module}\n")
        for module, folder in unpacked().items():
            wanted += [(m, module + "'s go.mod") for m in requires(os.path.join(folder, "go.mod"))[1]]
    # What Debian's sources (and the source here) import that no replaced module provides: the package Debian's Contents index
    # names for it, until a round finds nothing new.
    missing_seen = set()
    for _ in range(10):
        have = unpacked()
        modules = [m for m in seen if folder_of(m, have)] + ([own] if own else [])
        folders = {folder_of(m, have) for m in seen} - {None}
        wanted_imports = sorted(set().union(*[go_imports(f) for f in folders | {"."}]) - missing_seen)
        packages, found_new = [], False
        for path in wanted_imports:
            if any(provides(m, path) for m in modules):
                continue
            missing_seen.add(path)
            if os.path.isdir(os.path.join(SRC, path)):
                module = module_root(path)
                if module not in seen:
                    seen.add(module)
                    modules.append(module)
                    found_new = True
                    print(f"imported: {path} -> {module} (unpacked already)")
                continue
            index = contents() if index is None else index
            package = index.get(path)
            if package is None or package in installed:
                reason = "no Debian package ships /usr/share/gocode/src/" + path if package is None else package + " does not ship it"
                unmapped.append({"requirement": path, "from": "an import of Debian's sources", "reason": reason})
                print(f"not mapped: {path} (an import of Debian's sources): {reason}")
                continue
            mapped.append({"requirement": path, "from": "an import of Debian's sources", "package": package})
            print(f"mapped: {path} (an import of Debian's sources) -> {package}")
            if package not in packages:
                packages.append(package)
            missing_seen.discard(path)  # looked at again once its package is unpacked
        if packages:
            code |= install(packages, DEBS, ROOT)
            installed += packages
        elif not found_new:
            break
    have = unpacked()
    replaced_now, dropped = [], []
    for module in sorted(seen):
        folder = folder_of(module, have)
        if folder is None:
            dropped.append(module)
            continue
        declared, _ = requires(os.path.join(folder, "go.mod"))
        if declared != module:  # Debian ships v2+ at the path without its major version: the copy takes the required path
            text = open(os.path.join(folder, "go.mod"), encoding="utf-8", errors="replace").read()
            with open(os.path.join(folder, "go.mod"), "w", encoding="utf-8") as f:
                f.write(re.sub(r"(?m)^module\s+\S+", "module " + module, text, count=1))
        replaced_now.append(f"-replace={module}={folder}")
    if own:
        # A replacement that requires this module (etcd's go-kit an old etcd) would have go read that version, which it cannot
        # under GOPROXY=off: the source being built is this module, so the requirement is dropped from the replacement's go.mod.
        for replacement in replaced_now:
            gomod = os.path.join(replacement.split("=", 2)[2], "go.mod")
            if own in requires(gomod)[1]:
                print(f"dropped the requirement on {own} (this module) from {gomod}")
                if run(["go", "mod", "edit", f"-droprequire={own}", gomod]).returncode != 0:
                    code = 1
    if dropped:
        # Left in a go.mod (the project's or a replacement's), a requirement nothing provides stops every package from loading:
        # go reads the whole module graph. Dropped, it stops only the packages that import it.
        for gomod in ["go.mod"] + [os.path.join(r.split("=", 2)[2], "go.mod") for r in replaced_now]:
            if run(["go", "mod", "edit"] + [f"-droprequire={m}" for m in dropped] + [gomod]).returncode != 0:
                code = 1
        print(f"dropped {len(dropped)} requirement(s) that no Debian package provides from go.mod and the replacements': {' '.join(dropped)}")
    if replaced_now:
        if run(["go", "mod", "edit"] + replaced_now).returncode != 0:
            code = 1
        # The replaced modules' own requirements are not in go.sum: -mod=mod lets go complete go.mod from the replacements.
        if run(["go", "env", "-w", "GOFLAGS=-modcacherw -mod=mod", "GOPROXY=off", "GOSUMDB=off"]).returncode != 0:
            code = 1
        print(f"installed {len(installed)} Debian package(s) under {ROOT} and replaced {len(replaced_now)} module(s) in go.mod: {' '.join(installed)}")
    result = {"mapped": mapped, "unmapped": unmapped, "installed": installed, "replaced": len(replaced_now), "dropped": dropped}
    if code:
        result["error"] = "a Debian package could not be downloaded or unpacked, or go.mod could not be edited (see the output)"
    print(MARK + json.dumps(result, separators=(",", ":")))
    return code


if __name__ == "__main__":
    sys.exit(main())
