"""Exercises the generated runtime of the hostile spec's SDK against a local stdlib HTTP server: a 503 with Retry-After
then success, cursor paging to the end, traceparent and bearer headers, OAuth2 client credentials for a binary download,
an API key in the query for a binary upload, server-sent events, NDJSON, and an RFC 9457 problem on 404."""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from class_api import ApiError, ApiKey, BearerToken, Client, ClientCredentials, RetryPolicy

seen: list[dict[str, Any]] = []
attempts = {"pets": 0}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def reply(self, status: int, body: bytes, media: str, headers: dict[str, str] = {}) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        seen.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}})
        if self.path.startswith("/pets?") or self.path == "/pets":
            attempts["pets"] += 1
            if attempts["pets"] == 1:
                self.reply(503, b"", "text/plain", {"Retry-After": "0"})
                return
            last = "cursor=c2" in self.path
            page = {"items": [{"kind": "cat", "name": "b" if last else "a"}], "next_cursor": None if last else "c2"}
            self.reply(200, json.dumps(page).encode(), "application/json")
        elif self.path.startswith("/pets/7/photo"):
            self.reply(200, b"\x89PNG\r\n", "image/png")
        elif self.path.startswith("/events"):
            self.reply(200, b"event: tick\ndata: {\"n\": 1}\n\n: comment\ndata: two\ndata: lines\n\n", "text/event-stream")
        elif self.path.startswith("/lines"):
            self.reply(200, b'{"kind": "dog", "name": "x"}\n\n{"kind": "cat", "name": "y"}\n', "application/x-ndjson")
        else:
            self.reply(404, json.dumps({"type": "https://example.com/problems/not-found", "title": "Not Found", "status": 404}).encode(), "application/problem+json")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        seen.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
        if self.path == "/token":
            self.reply(200, json.dumps({"access_token": "tok-1", "expires_in": 3600}).encode(), "application/json")
        else:
            self.reply(404, b"{}", "application/problem+json")

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        seen.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "bytes": len(body)})
        self.send_response(204)
        self.end_headers()


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sleeps: list[float] = []
    client = Client(base, credentials={
        "bearer": BearerToken("secret-token"),
        "apiKeyQuery": ApiKey("k-1"),
        "oauth": ClientCredentials("id", "pw", token_url=base + "/token"),
    }, retry=RetryPolicy(max_attempts=3))
    client._transport._sleep = sleeps.append  # no real waiting in a test

    names = [pet["name"] for pet in client.iter_list()]
    assert names == ["a", "b"], names
    assert attempts["pets"] == 3 and sleeps == [0.0], (attempts, sleeps)
    first = seen[0]["headers"]
    assert first["authorization"] == "Bearer secret-token", first
    assert first["traceparent"].startswith("00-") and len(first["traceparent"]) == 55, first

    photo = client.call_123_download(7)
    assert photo == b"\x89PNG\r\n", photo
    token_call = next(s for s in seen if s["path"] == "/token")
    assert "grant_type=client_credentials" in token_call["body"] and "scope=pets%3Aread" in token_call["body"], token_call
    assert next(s for s in seen if s["path"].startswith("/pets/7/photo"))["headers"]["authorization"] == "Bearer tok-1"

    client.upload_photo(7, body=b"abc")
    upload = next(s for s in seen if "bytes" in s)
    assert upload["path"] == "/pets/7/photo?api_key=k-1" and upload["bytes"] == 3, upload

    events = list(client.watch())
    assert [(e.event, e.data) for e in events] == [("tick", '{"n": 1}'), ("message", "two\nlines")], events
    assert events[0].json() == {"n": 1}
    assert [v["name"] for v in client.lines()] == ["x", "y"]

    try:
        client._transport.call("missing", "GET", "/nowhere")
        raise SystemExit("404 did not raise")
    except ApiError as error:
        assert error.status == 404 and error.problem is not None and error.problem.get("title") == "Not Found", error
    print("runtime checks passed")
    server.shutdown()


if __name__ == "__main__":
    main()
    sys.exit(0)
