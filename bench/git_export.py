#!/usr/bin/env python3
"""Writes the files of COMMIT of the git repository CLONE into DEST, skipping blobs the repository does not hold
(a snapshot without its largest files), and says how many were skipped. Standard library only.

Usage: git_export.py CLONE COMMIT DEST
"""
import subprocess
import sys
from pathlib import Path


def main(clone: str, commit: str, dest: str) -> int:
    tree = subprocess.run(["git", "-C", clone, "ls-tree", "-r", "-z", commit], check=True, capture_output=True).stdout
    entries = []
    for item in tree.split(b"\0"):
        if not item:
            continue
        meta, path = item.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode != b"120000":
            entries.append((sha.decode(), path.decode("utf-8", "replace")))
    batch = subprocess.Popen(["git", "-C", clone, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    skipped = 0
    for sha, path in entries:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            skipped += 1
            continue
        data = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        target = Path(dest) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    batch.stdin.close()
    batch.wait()
    print(f"git_export: {len(entries) - skipped} files written, {skipped} absent from the snapshot", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
