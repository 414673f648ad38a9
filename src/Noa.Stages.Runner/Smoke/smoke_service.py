# Service smoke test written by noa's Runner: starts the service with the start command of env/plan.json (the Env stage's),
# waits for its port, calls the GET endpoints the graph found (kg.json) and expects no 5xx and no refused connection, then
# stops the service (its whole process group). Prints TAP, one line per check, and a last line "noa-service: {...}" (JSON)
# that the Runner reads for runner.json and demo.md. Standard library only.
# Run it from the app's folder: python3 .noa-runner/smoke/<this file>
import http.client, json, os, shutil, signal, socket, subprocess, sys, time, urllib.error, urllib.request

# start (the plan's command), port, wait (seconds for the port), calls [{method, path, name, where}], log (file name here).
CONFIG = json.loads(__CONFIG__)

MARKER = "noa-service: "
BODY = 300


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer; following it could leave loopback


def tail(path, n=15):
    try:
        with open(path, "rb") as f:
            return [l.decode("utf-8", "replace").rstrip() for l in f.read()[-8192:].splitlines()[-n:]]
    except OSError:
        return []


def stop(proc):
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            pass


def exited(proc):
    code = proc.returncode
    return f"signal {-code}" if code < 0 else f"exit {code}"


def main():
    start, port, calls = CONFIG["start"], CONFIG["port"], CONFIG["calls"]
    command = start
    # Debian has python3 and no python: the image the plan is for has both.
    if command.split()[0] == "python" and shutil.which("python") is None and shutil.which("python3"):
        command = "python3" + command[len("python"):]
    log = os.path.join(os.path.dirname(os.path.abspath(__file__)), CONFIG["log"])
    result = {"start": start, "ran": command, "port": port, "started": False, "called": 0, "failed": 0}
    print(f"1..{1 + len(calls)}", flush=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, shell=True, env={**os.environ, "PORT": str(port)}, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    began = time.monotonic()
    reason = None
    while True:
        if proc.poll() is not None:
            reason = f"the service ended ({exited(proc)}) before it opened port {port}"
            break
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            pass
        if time.monotonic() - began > CONFIG["wait"]:
            reason = f"port {port} was not open after {CONFIG['wait']} s (Noa:Runner:ServiceWaitSeconds)"
            break
        time.sleep(0.2)
    result["seconds"] = round(time.monotonic() - began, 2)
    failed = 0
    try:
        if reason is not None:
            result["reason"] = reason
            result["log"] = tail(log)
            print(f"not ok 1 - start `{command}` # {reason}", flush=True)
            for line in result["log"]:
                print(f"#   {line}", flush=True)
            for n, call in enumerate(calls, 2):
                print(f"ok {n} - {call['name']} # SKIP not called: the service did not start", flush=True)
            return 1
        result["started"] = True
        print(f"ok 1 - start `{command}` # port {port} open after {result['seconds']} s", flush=True)
        opener = urllib.request.build_opener(NoRedirect)
        for n, call in enumerate(calls, 2):
            url = f"http://127.0.0.1:{port}{call['path']}"
            status, body, error = None, b"", None
            try:
                with opener.open(urllib.request.Request(url, method=call["method"]), timeout=10) as r:
                    status, body = r.status, r.read(4096)
            except urllib.error.HTTPError as e:
                status, body = e.code, e.read(4096)
            except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as e:  # ValueError: a path no URL can hold
                error = str(getattr(e, "reason", e)) or type(e).__name__
                if proc.poll() is not None:
                    error += f"; the service ended ({exited(proc)})"
            result["called"] += 1
            if status is None or status >= 500:
                failed += 1
                print(f"not ok {n} - {call['name']} # {error or f'HTTP {status}'}".replace("\n", " "), flush=True)
            else:
                print(f"ok {n} - {call['name']} # HTTP {status}", flush=True)
            # The live call demo.md shows: the first 2xx, else the first answer below 500.
            live = result.get("live")
            if status is not None and status < 500 and (live is None or (live["status"] >= 300 and status < 300)):
                result["live"] = {"curl": f"curl -sS -i -X {call['method']} {url}", "status": status,
                                  "body": body.decode("utf-8", "replace")[:BODY]}
        result["failed"] = failed
        return 1 if failed else 0
    finally:
        stop(proc)
        print(MARKER + json.dumps(result), flush=True)


sys.exit(main())
