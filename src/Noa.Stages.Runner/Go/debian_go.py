"""Installs a Go module's requirements from Debian's golang-*-dev packages when no Go module proxy is reachable.
Written into the workspace by the Runner and run in the install step's capsule (egress: the package registries this host is
configured for, Debian's apt among them). Reads go.mod's requirements (go mod edit -json), maps each module path to the Debian
package the Go team's naming gives it (github.com/kr/text -> golang-github-kr-text-dev, golang.org/x/sys ->
golang-golang-x-sys-dev, gopkg.in/yaml.v3 -> golang-gopkg-yaml.v3-dev, google.golang.org/grpc -> golang-google-grpc-dev),
github.com/go-playground/validator/v10 -> golang-github-go-playground-validator-v10-dev, and where Debian ships only versioned
names, the newest: github.com/golang/protobuf -> golang-github-golang-protobuf-1-5-dev), downloads it with apt and unpacks it
under .noa-runner/goroot, then does the same for what the unpacked modules require. Every module found is then a directory
replacement in go.mod (go mod edit -replace); a requirement of go.mod that no package provides is dropped from it (go mod edit
-droprequire), so the packages that do not import it still build and test while those that do fail naming it. GOFLAGS=-mod=mod
with GOPROXY=off goes to the workspace's go env file (GOENV), so the steps after build from those sources with no network and
no checksums to fetch.
Prints one line per module and, last, a JSON line for runner.json. Exits 0 when every mapped package was installed.
"""
import glob, json, os, re, sys
from debian_apt import install, names as apt_names, run
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


def main():
    info = json.loads(run(["go", "mod", "edit", "-json"]).stdout or "{}")
    own = info.get("Module", {}).get("Path")
    replaced = {r["Old"]["Path"] for r in info.get("Replace") or []}
    wanted = [(r["Path"], "go.mod") for r in info.get("Require") or [] if r["Path"] not in replaced]
    available, error = apt_names("golang-")
    if error:
        print(MARK + json.dumps({"mapped": [], "unmapped": [], "installed": [], "error": error}))
        return 1
    mapped, unmapped, installed, seen, code = [], [], [], set(), 0
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
    have = unpacked()
    replaced_now, dropped = [], []
    for module in sorted(seen):
        folder = have.get(module) or have.get(re.sub(r"/v[0-9]+$", "", module))
        if folder is None:
            dropped.append(module)
            continue
        declared, _ = requires(os.path.join(folder, "go.mod"))
        if declared != module:  # Debian ships v2+ at the path without its major version: the copy takes the required path
            text = open(os.path.join(folder, "go.mod"), encoding="utf-8", errors="replace").read()
            with open(os.path.join(folder, "go.mod"), "w", encoding="utf-8") as f:
                f.write(re.sub(r"(?m)^module\s+\S+", "module " + module, text, count=1))
        replaced_now.append(f"-replace={module}={folder}")
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
