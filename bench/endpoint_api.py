#!/usr/bin/env python3
"""Counts what the Graph stage read of each endpoint's API besides its path (issue 18): per kg.json, the endpoints outside
test, fixture, benchmark and documentation files, and of those how many have a request body, a response type, a body or
response type resolved to a type of the source (with fields), and an authorisation requirement.

Usage: bench/endpoint_api.py NAME=PATH/kg.json [...] [--list NAME]   (--list prints each endpoint's readings)
"""
import json
import sys

NOT_API = {"test", "fixture", "benchmark", "documentation"}


def endpoints(path):
    nodes = json.load(open(path, encoding="utf-8"))["nodes"]
    skipped = {n["file"] for n in nodes if n["kind"] == "file" and n.get("properties", {}).get("scope") in NOT_API}
    return [n for n in nodes if n["kind"] == "endpoint" and n.get("file") not in skipped and "endpoint" in n]


def main(args):
    listing = args[args.index("--list") + 1] if "--list" in args else None
    pairs = [a.split("=", 1) for a in args if "=" in a]
    print("| app | endpoints | with body | with response | typed from the source | with security |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, path in pairs:
        eps = endpoints(path)
        body = [e for e in eps if e["endpoint"].get("body")]
        response = [e for e in eps if e["endpoint"].get("response")]
        typed = [e for e in eps if any((e["endpoint"].get(k) or {}).get("schema") for k in ("body", "response"))]
        secured = [e for e in eps if e["endpoint"].get("security")]
        print(f"| {name} | {len(eps)} | {len(body)} | {len(response)} | {len(typed)} | {len(secured)} |")
        if listing == name:
            for e in sorted(eps, key=lambda e: e["name"]):
                ep = e["endpoint"]
                b = ep.get("body") or {}
                r = ep.get("response") or {}
                s = ",".join(x["marker"] + ":" + (x.get("scheme") or "") for x in ep.get("security") or [])
                print(f"  {e['name']:<55} body={b.get('type', '-')}{'*' if b.get('schema') else ''}  "
                      f"response={r.get('type', '-')}{'*' if r.get('schema') else ''}  security={s or '-'}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
