"""The Runner's npm install for a folder with no lockfile: `npm install`, and when it fails because the registry this host
reaches serves no version of a devDependency that matches its range (npm's ETARGET, "No matching version found for
typescript@next": a mirror without that dist-tag or that newest version), the same install again without that devDependency
(`npm pkg delete` in the workspace's copy of package.json), up to five times. A devDependency is a tool of the project's own
(a linter config, a type checker) that its tests may not need; a dependency, or a package the registry does not have at all,
is never dropped. Written into the workspace by the Runner and run in the install step's capsule, in the folder's directory.
Prints npm's output, one line per devDependency left out, and, last, a JSON line for runner.json. Exits as the last npm
install did.
"""
import json, re, subprocess, sys

MARK = "NOA-NPM-INSTALL "
NOTARGET = re.compile(r"No matching version found for (.+)@([^@\s]+?)\.?\s*$", re.M)


def main():
    dropped = []
    for attempt in range(1, 7):
        # npm's stdout goes out as it comes (a step ended by its time limit still shows how far it got); its errors after it ends.
        print(f"npm install (attempt {attempt})", flush=True)
        done = subprocess.run(["npm", "install"], stderr=subprocess.PIPE, text=True)
        sys.stdout.write(done.stderr)
        if done.returncode == 0 or len(dropped) == 5:
            break
        missing = NOTARGET.search(done.stderr)
        if missing is None:
            break
        with open("package.json", encoding="utf-8") as f:
            dev = json.load(f).get("devDependencies") or {}
        if missing.group(1) not in dev:
            break
        name = missing.group(1)
        print(f"left out devDependency {name}@{dev[name]}: the registry this host reaches serves no version of it matching {missing.group(2)}", flush=True)
        if subprocess.run(["npm", "pkg", "delete", f"devDependencies.{name}"]).returncode != 0:
            break
        dropped.append({"package": name, "range": dev[name]})
    print(MARK + json.dumps({"droppedDevDependencies": dropped}))
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
