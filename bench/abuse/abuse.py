#!/usr/bin/env python3
"""Abuse bench driver: runs a real `noa serve --target all` on the embedded defaults, floods it for a bounded time
(unauthenticated calls with made-up keys, refused calls: 405, 415, 413, Kestrel's 431 and 400, and digests of hostile
sources: a YAML bomb, a zip-slip tar, a zip bomb, a tar with links out), SIGKILLs and restarts it once mid-run, then
waits for every accepted run to end and reports what held, read back from the API and the server's SQLite audit table.

Usage: abuse.py --noa bin/noa --work DIR [--seconds 60] [--json OUT]   (standard library only)
"""
import argparse, http.client, io, json, os, signal, socket, sqlite3, subprocess, sys, tarfile, threading, time, zipfile
from collections import Counter

OPEN_STATES = {"queued", "running"}


def make_sources(root):
    """The sources digested: one ordinary project, and the hostile ones."""
    os.makedirs(f"{root}/ok/src", exist_ok=True)
    open(f"{root}/ok/README.md", "w").write("# ok\nA tiny project.\n")
    open(f"{root}/ok/src/main.py", "w").write("print('hello')\n")
    open(f"{root}/ok/requirements.txt", "w").write("requests==2.32.3\n")
    os.makedirs(f"{root}/yaml-bomb", exist_ok=True)
    laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    open(f"{root}/yaml-bomb/laughs.yaml", "w").write("\n".join(laughs) + "\n")
    open(f"{root}/yaml-bomb/deep.yaml", "w").write("[" * 100_000 + "]" * 100_000 + "\n")
    with tarfile.open(f"{root}/slip.tar", "w") as tar:
        for name in ("project/ok.txt", "../../escaped.txt", "/tmp/absolute.txt"):
            data = b"owned\n"
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with tarfile.open(f"{root}/links.tar", "w") as tar:
        link = tarfile.TarInfo("project/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
        data = b"through the link\n"
        info = tarfile.TarInfo("project/passwd")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with zipfile.ZipFile(f"{root}/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.bin", b"\0" * (64 << 20))
    return {"ok": f"{root}/ok", "yaml-bomb": f"{root}/yaml-bomb", "zip-slip": f"{root}/slip.tar",
            "links-out": f"{root}/links.tar", "zip-bomb": f"{root}/bomb.zip"}


class Server:
    def __init__(self, noa, home, port, keyfile, roots, log):
        self.args = [noa, "serve", "--target", "all", "--urls", f"http://127.0.0.1:{port}"]
        self.env = dict(os.environ, NOA_HOME=home, Logging__LogLevel__Default="Warning",
                        Noa__Gateway__BootstrapKeyFile=keyfile, Noa__Gateway__AllowLocalSources="true",
                        Noa__Intake__AllowedFileRoots__0=roots)
        self.port, self.log, self.proc = port, log, None

    def start(self):
        self.proc = subprocess.Popen(self.args, env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("noa serve did not become healthy in 60 s; see serve.log")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Tally:
    def __init__(self):
        self.lock, self.counts = threading.Lock(), Counter()

    def add(self, what, status):
        with self.lock:
            self.counts[(what, status)] += 1


def call(conn_box, port, method, path, body=None, headers=None):
    """One call on a kept-alive connection (reopened after errors); the status, or 'error'."""
    try:
        if conn_box[0] is None:
            conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn_box[0].request(method, path, body=body, headers=headers or {})
        response = conn_box[0].getresponse()
        data = response.read()
        return response.status, data
    except (OSError, http.client.HTTPException):
        if conn_box[0] is not None:
            conn_box[0].close()
        conn_box[0] = None
        return "error", b""


def raw(port, payload):
    """Sends raw bytes and returns the status of the answer (Kestrel-level refusals)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(payload)
            line = s.makefile("rb").readline().split()
            return int(line[1]) if len(line) > 1 else "error"
    except (OSError, ValueError):
        return "error"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--noa", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--json")
    a = p.parse_args()
    port = 20000 + int.from_bytes(os.urandom(2), "big") % 20000
    key = "noa_bench_" + os.urandom(24).hex()
    keyfile = f"{a.work}/admin.key"
    open(keyfile, "w").write(key + "\n")
    sources = make_sources(f"{a.work}/src")
    log = open(f"{a.work}/serve.log", "ab")
    server = Server(a.noa, f"{a.work}/home", port, keyfile, f"{a.work}/src", log)
    server.start()
    auth = {"Authorization": f"Bearer {key}"}
    tally, runs, runs_lock = Tally(), [], threading.Lock()
    started = time.time()
    deadline = started + a.seconds
    stop = threading.Event()

    def anonymous():
        box, i = [None], 0
        while not stop.is_set():
            i += 1
            status, _ = call(box, port, "GET", "/runs", headers={"Authorization": f"Bearer noa_forged{i}_{'x' * 43}"})
            tally.add("unauthenticated GET /runs", status)
            if status == "error":
                stop.wait(0.05)  # the server is down (restarting): do not spin

    def refused():
        box, big = [None], b"{\"source\":\"" + b"a" * (2 << 20) + b"\"}"
        while not stop.is_set():
            tally.add("DELETE /digest (405)", call(box, port, "DELETE", "/digest", headers=auth)[0])
            tally.add("POST /digest text/plain (415)", call(box, port, "POST", "/digest", b"source=x",
                                                            {**auth, "Content-Type": "text/plain"})[0])
            tally.add("POST /digest 2 MiB body (413)", call(box, port, "POST", "/digest", big,
                                                            {**auth, "Content-Type": "application/json"})[0])
            tally.add("64 KiB header (431)", raw(port, b"GET /runs HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 65536 + b"\r\n\r\n"))
            tally.add("malformed request line (400)", raw(port, b"G(T /runs HTTP/1.1\r\nHost: x\r\n\r\n"))
            time.sleep(0.05)

    def digests():
        box, i = [None], 0
        names = list(sources)
        while not stop.is_set():
            name = names[i % len(names)]
            i += 1
            body = json.dumps({"source": sources[name], "only": ["intake", "classifier"]}).encode()
            status, data = call(box, port, "POST", "/digest", body, {**auth, "Content-Type": "application/json"})
            tally.add(f"POST /digest {name}", status)
            if status == 202:
                with runs_lock:
                    runs.append((name, json.loads(data)["runId"], time.time() - started))
            stop.wait(1.0)

    threads = [threading.Thread(target=f, daemon=True) for f in (anonymous, anonymous, refused, digests)]
    for t in threads:
        t.start()
    time.sleep(a.seconds / 2)
    killed_at = time.time() - started
    server.kill()
    server.start()
    downtime = time.time() - started - killed_at
    time.sleep(max(0.0, deadline - time.time()))
    stop.set()
    for t in threads:
        t.join(60)
    flood_seconds = time.time() - started

    # Every accepted run must end: finished (any final state) or lost (still open after the drain).
    box, states, drain_deadline = [None], {}, time.time() + 180
    while time.time() < drain_deadline:
        for _, run_id, _ in runs:
            if states.get(run_id) not in (None, *OPEN_STATES):
                continue
            status, data = call(box, port, "GET", f"/runs/{run_id}", headers=auth)
            states[run_id] = json.loads(data)["run"]["state"].lower() if status == 200 else f"http {status}"
        if all(s not in OPEN_STATES for s in states.values()):
            break
        time.sleep(1)
    server.stop()

    db = sqlite3.connect(f"file:{a.work}/home/noa.db?mode=ro", uri=True)
    actions = Counter(dict(db.execute("SELECT action, count(*) FROM audit GROUP BY action")))
    refused_full = Counter()
    for (detail,) in db.execute("SELECT detail FROM audit WHERE action = 'ApiCalled'"):
        status = json.loads(detail or "{}").get("status")
        if status in (400, 401, 403, 405, 413, 415, 429, 431):
            refused_full[status] += 1
    aggregated = Counter()
    for (detail,) in db.execute("SELECT detail FROM audit WHERE action = 'ApiCallsRefused'"):
        d = json.loads(detail)
        aggregated[d["status"]] += d["count"]
    kestrel = Counter(s for (s,) in db.execute("SELECT subject FROM audit WHERE action = 'RequestRefused'"))
    # Canaries: the hostile tar's escaping entries must not exist anywhere (the work folder holds every workspace).
    escaped = [os.path.join(d, f) for d, _, files in os.walk(a.work) for f in files if f in ("escaped.txt", "absolute.txt")]
    escaped += [p for p in ("/tmp/absolute.txt",) if os.path.exists(p)]

    by_kind = {}
    for name, run_id, _ in runs:
        by_kind.setdefault(name, Counter())[states.get(run_id, "unknown")] += 1
    result = {
        "seconds": round(flood_seconds, 1), "killedAt": round(killed_at, 1), "downtime": round(downtime, 1),
        "calls": {f"{w} -> {s}": n for (w, s), n in sorted(tally.counts.items(), key=str)},
        "runs": {k: dict(v) for k, v in by_kind.items()},
        "lost": sum(1 for s in states.values() if s in OPEN_STATES),
        "audit": {"rows": dict(actions), "refusedFullRows": dict(refused_full), "refusedAggregated": dict(aggregated),
                  "kestrelRefusals": dict(kestrel)},
        "escapedFiles": escaped,
    }
    if a.json:
        json.dump(result, open(a.json, "w"), indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
