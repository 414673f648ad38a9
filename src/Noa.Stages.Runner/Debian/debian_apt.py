"""What the Runner's Debian install scripts for Go and Rust share (Go/debian_go.py, Rust/debian_rust.py): apt without root in a
capsule, the package names apt knows under a prefix, and downloading packages and unpacking them under a folder. Written into
the workspace's .noa-runner/ next to the script that imports it (Python finds a script's own folder first).
"""
import glob, os, subprocess

# The capsule's /var/cache/apt is read-only: apt builds its package cache in memory instead of writing one.
APT = ["-o", "Dir::Cache::pkgcache=", "-o", "Dir::Cache::srcpkgcache=", "-o", "APT::Sandbox::User=root", "-o", "Debug::NoLocking=1"]


def run(args, **kw):
    """Runs a command, its output captured; a failure is printed with the command's first two words and its error."""
    done = subprocess.run(args, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        print(f"{args[0]} {args[1]} exited {done.returncode}: {done.stderr.strip()[:500]}")
    return done


def names(prefix):
    """(the package names apt knows that start with prefix, None) or (an empty set, why not: apt listed none)."""
    listed = run(["apt-cache"] + APT + ["pkgnames", prefix])
    found = set(listed.stdout.split())
    if listed.returncode != 0 or not found:
        return set(), f"apt-cache lists no {prefix}* package: " + listed.stderr.strip()[:300]
    return found, None


def install(packages, debs, root):
    """Downloads packages with apt into debs and unpacks each under root (no root rights, no maintainer scripts). 0 when all did."""
    os.makedirs(debs, exist_ok=True)
    os.makedirs(root, exist_ok=True)
    code = 0
    got = subprocess.run(["apt-get", "-q"] + APT + ["download"] + packages, cwd=debs, capture_output=True, text=True)
    if got.returncode != 0:
        print(f"apt-get download exited {got.returncode}: {got.stderr.strip()[:500]}")
        code = 1
    for deb in sorted(glob.glob(os.path.join(debs, "*.deb"))):
        if subprocess.run(["dpkg-deb", "-x", deb, root]).returncode != 0:
            print(f"dpkg-deb could not unpack {os.path.basename(deb)}")
            code = 1
        os.remove(deb)
    return code
