"""Installs a Go module's requirements from Debian's golang-*-dev packages when no Go module proxy is reachable.
Written into the workspace by the Runner and run in the install step's capsule (egress: the package registries this host is
configured for, Debian's apt among them). Reads go.mod's requirements (go mod edit -json), maps each module path to the Debian
package the Go team's naming gives it (github.com/kr/text -> golang-github-kr-text-dev, golang.org/x/sys ->
golang-golang-x-sys-dev, gopkg.in/yaml.v3 -> golang-gopkg-yaml.v3-dev, google.golang.org/grpc -> golang-google-grpc-dev),
downloads it with apt and unpacks it under .noa-runner/goroot, then does the same for what the unpacked modules require. Every
module found is then a directory replacement in go.mod (go mod edit -replace), and GOFLAGS=-mod=mod with GOPROXY=off goes to
the workspace's go env file (GOENV), so the steps after build from those sources with no network and no checksums to fetch.
Prints one line per module and, last, a JSON line for runner.json. Exits 0 when every mapped package was installed.
"""
import glob, json, os, re, subprocess, sys
ROOT = os.environ.get("NOA_GOROOT_DEBIAN", "/workspace/.noa-runner/goroot")
SRC = os.path.join(ROOT, "usr/share/gocode/src")
DEBS = os.path.join(os.path.dirname(ROOT), "go-debs")
MARK = "NOA-DEBIAN-GO "
# The capsule's /var/cache/apt is read-only: apt builds its package cache in memory instead of writing one.
APT = ["-o", "Dir::Cache::pkgcache=", "-o", "Dir::Cache::srcpkgcache=", "-o", "APT::Sandbox::User=root", "-o", "Debug::NoLocking=1"]
# Hosts whose Debian prefix is not the host's first label with its top-level domain dropped.
HOSTS = {"google.golang.org": "google", "golang.org": "golang", "cloud.google.com": "google-cloud", "go.opentelemetry.io": "opentelemetry",
         "go.etcd.io": "etcd", "k8s.io": "k8s", "sigs.k8s.io": "k8s-sigs", "gotest.tools": "gotest.tools", "honnef.co": "honnef"}


def run(args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        print(f"{args[0]} {args[1]} exited {done.returncode}: {done.stderr.strip()[:500]}")
    return done


def names(module):
    """Debian package names a module path may have, most likely first."""
    base = re.sub(r"/v[0-9]+$", "", module)
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


def main():
    info = json.loads(run(["go", "mod", "edit", "-json"]).stdout or "{}")
    own = info.get("Module", {}).get("Path")
    replaced = {r["Old"]["Path"] for r in info.get("Replace") or []}
    wanted = [(r["Path"], "go.mod") for r in info.get("Require") or [] if r["Path"] not in replaced]
    listed = run(["apt-cache"] + APT + ["pkgnames", "golang-"])
    available = set(listed.stdout.split())
    if listed.returncode != 0 or not available:
        print(MARK + json.dumps({"mapped": [], "unmapped": [], "installed": [], "error": "apt-cache lists no golang-* package: " + listed.stderr.strip()[:300]}))
        return 1
    mapped, unmapped, installed, seen, code = [], [], [], set(), 0
    os.makedirs(DEBS, exist_ok=True)
    os.makedirs(ROOT, exist_ok=True)
    while wanted:
        packages = []
        for module, where in wanted:
            if module in seen or module == own:
                continue
            seen.add(module)
            have = unpacked()
            if module in have:
                continue  # shipped by a package already unpacked
            tried = names(module)
            package = next((n for n in tried if n in available), None)
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
        got = subprocess.run(["apt-get", "-q"] + APT + ["download"] + packages, cwd=DEBS, capture_output=True, text=True)
        if got.returncode != 0:
            print(f"apt-get download exited {got.returncode}: {got.stderr.strip()[:500]}")
            code = 1
        for deb in sorted(glob.glob(os.path.join(DEBS, "*.deb"))):
            if subprocess.run(["dpkg-deb", "-x", deb, ROOT]).returncode != 0:
                print(f"dpkg-deb could not unpack {os.path.basename(deb)}")
                code = 1
            os.remove(deb)
        installed += packages
        # What the unpacked modules require in turn (a module without a go.mod gets one, named by its import path).
        wanted = []
        for package in packages:
            for module in [m["requirement"] for m in mapped if m["package"] == package]:
                folder = os.path.join(SRC, re.sub(r"/v[0-9]+$", "", module))
                if os.path.isdir(folder) and not os.path.exists(os.path.join(folder, "go.mod")):
                    with open(os.path.join(folder, "go.mod"), "w", encoding="utf-8") as f:
                        f.write(f"module {module}\n")
        for module, folder in unpacked().items():
            wanted += [(m, module + "'s go.mod") for m in requires(os.path.join(folder, "go.mod"))[1]]
    have = unpacked()
    replaced_now = []
    for module in sorted(seen):
        folder = have.get(module) or have.get(re.sub(r"/v[0-9]+$", "", module))
        if folder is None:
            continue
        declared, _ = requires(os.path.join(folder, "go.mod"))
        if declared != module:  # Debian ships v2+ at the path without its major version: the copy takes the required path
            text = open(os.path.join(folder, "go.mod"), encoding="utf-8", errors="replace").read()
            with open(os.path.join(folder, "go.mod"), "w", encoding="utf-8") as f:
                f.write(re.sub(r"(?m)^module\s+\S+", "module " + module, text, count=1))
        replaced_now.append(f"-replace={module}={folder}")
    if replaced_now:
        if run(["go", "mod", "edit"] + replaced_now).returncode != 0:
            code = 1
        # The replaced modules' own requirements are not in go.sum: -mod=mod lets go complete go.mod from the replacements.
        if run(["go", "env", "-w", "GOFLAGS=-modcacherw -mod=mod", "GOPROXY=off", "GOSUMDB=off"]).returncode != 0:
            code = 1
        print(f"installed {len(installed)} Debian package(s) under {ROOT} and replaced {len(replaced_now)} module(s) in go.mod: {' '.join(installed)}")
    result = {"mapped": mapped, "unmapped": unmapped, "installed": installed, "replaced": len(replaced_now)}
    if code:
        result["error"] = "a Debian package could not be downloaded or unpacked, or go.mod could not be edited (see the output)"
    print(MARK + json.dumps(result, separators=(",", ":")))
    return code


if __name__ == "__main__":
    sys.exit(main())
