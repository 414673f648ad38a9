"""HTTP runtime of this generated client: transport, retries, auth, telemetry and errors (standard library only).

Copied verbatim into every generated package by noa's Integrator; edit the generator, not this copy.
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
import os
import random
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import IO, Any, AsyncIterator, Callable, Iterator, Mapping, Optional, Sequence, TypedDict, TypeVar, Union, cast

__all__ = [
    "ApiError",
    "ApiKey",
    "BasicAuth",
    "BearerToken",
    "ClientCredentials",
    "Credential",
    "Hooks",
    "ProblemDetails",
    "RetryPolicy",
    "SecurityScheme",
    "ServerSentEvent",
    "Transport",
]


class ProblemDetails(TypedDict, total=False):
    """An RFC 9457 problem details object, as the server sent it (extension members included)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str


class ApiError(Exception):
    """A response outside 2xx. ``problem`` holds the RFC 9457 problem details when the server sent them."""

    def __init__(self, status: int, problem: Optional[ProblemDetails], body: bytes, headers: Mapping[str, str]) -> None:
        self.status = status
        self.problem = problem
        self.body = body
        self.headers = dict(headers)
        title = (problem or {}).get("title") or f"HTTP {status}"
        detail = (problem or {}).get("detail")
        super().__init__(f"{status} {title}: {detail}" if detail else f"{status} {title}")


@dataclass(frozen=True)
class RetryPolicy:
    """Retries on 429 and 503 (and on connection errors for idempotent methods) with exponential backoff and jitter;
    a Retry-After header (seconds or an HTTP date) sets the wait instead, up to ``max_delay``."""

    max_attempts: int = 4
    initial_delay: float = 0.5
    multiplier: float = 2.0
    max_delay: float = 30.0
    statuses: frozenset[int] = frozenset({429, 503})


@dataclass(frozen=True)
class BearerToken:
    """``Authorization: Bearer <token>`` (HTTP bearer, and OAuth2/OpenID Connect tokens the caller obtained)."""

    token: str


@dataclass(frozen=True)
class ApiKey:
    """An API key; where it travels (header, query or cookie, and under which name) comes from the spec."""

    key: str


@dataclass(frozen=True)
class BasicAuth:
    """HTTP basic authentication."""

    username: str
    password: str


@dataclass
class ClientCredentials:
    """OAuth2 client credentials: a token is fetched from the spec's token URL (or ``token_url``) and reused until it expires."""

    client_id: str
    client_secret: str
    scopes: Sequence[str] = ()
    token_url: Optional[str] = None
    _token: Optional[str] = field(default=None, repr=False)
    _expires: float = field(default=0.0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


Credential = Union[BearerToken, ApiKey, BasicAuth, ClientCredentials]


@dataclass(frozen=True)
class ServerSentEvent:
    """One server-sent event: ``data`` is the joined data lines; ``json()`` parses it."""

    event: str
    data: str
    id: Optional[str] = None
    retry: Optional[int] = None

    def json(self) -> Any:
        return json.loads(self.data)


@dataclass
class Hooks:
    """Telemetry hooks: called before each attempt (with the headers, which may be changed) and after each response."""

    on_request: Optional[Callable[[str, str, dict[str, str]], None]] = None
    on_response: Optional[Callable[[str, str, int, float], None]] = None


@dataclass(frozen=True)
class SecurityScheme:
    kind: str
    name: Optional[str] = None
    token_url: Optional[str] = None


def _otel() -> Any:
    """OpenTelemetry's API when it is installed (no hard dependency), else None."""
    try:
        return importlib.import_module("opentelemetry.trace"), importlib.import_module("opentelemetry.propagate")
    except ImportError:
        return None


_OTEL = _otel()
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


class Transport:
    """Sends requests for the generated client. One per client; safe to share between threads."""

    def __init__(
        self,
        base_url: str,
        schemes: Mapping[str, SecurityScheme],
        credentials: Mapping[str, Credential],
        timeout: float,
        retry: RetryPolicy,
        hooks: Optional[Hooks],
        user_agent: str,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._schemes = schemes
        self._credentials = dict(credentials)
        self._timeout = timeout
        self._retry = retry
        self._hooks = hooks or Hooks()
        self._user_agent = user_agent
        self._sleep = sleep

    def call(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, Any] = {},
        query: Sequence[tuple[str, Any]] = (),
        headers: Mapping[str, Any] = {},
        cookies: Mapping[str, Any] = {},
        security: Sequence[Mapping[str, Sequence[str]]] = (),
        body: Optional[bytes] = None,
        content_type: Optional[str] = None,
        accept: str = "application/json",
        extra_headers: Optional[Mapping[str, str]] = None,
    ) -> IO[bytes]:
        """Sends the request (retrying as the policy says) and returns the open 2xx response; raises ApiError otherwise."""
        url = self.base_url + _expand(path, path_params)
        pairs = [(k, _text(v)) for k, value in query for v in _many(value) if value is not None]
        request_headers = {"Accept": accept, "User-Agent": self._user_agent}
        request_headers.update({k: _text(v) for k, v in headers.items() if v is not None})
        if content_type:
            request_headers["Content-Type"] = content_type
        jar = "; ".join(f"{k}={urllib.parse.quote(_text(v), safe='')}" for k, v in cookies.items() if v is not None)
        if jar:
            request_headers["Cookie"] = jar
        self._authorize(security, request_headers, pairs)
        if pairs:
            url += "?" + urllib.parse.urlencode(pairs)
        request_headers.update(extra_headers or {})
        if _OTEL is None:
            return self._send(operation, method, url, request_headers, body)
        trace, propagate = _OTEL
        tracer = trace.get_tracer("noa-generated-client")
        with tracer.start_as_current_span(f"{method} {path}", kind=trace.SpanKind.CLIENT, attributes={
            "http.request.method": method, "url.full": url.split("?")[0], "rpc.method": operation}):
            propagate.inject(request_headers)
            return self._send(operation, method, url, request_headers, body)

    def _send(self, operation: str, method: str, url: str, headers: dict[str, str], body: Optional[bytes]) -> IO[bytes]:
        if "traceparent" not in {k.lower() for k in headers}:
            headers["traceparent"] = f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"
        attempt = 0
        while True:
            attempt += 1
            if self._hooks.on_request:
                self._hooks.on_request(operation, method, headers)
            started = time.monotonic()
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                response: IO[bytes] = urllib.request.urlopen(request, timeout=self._timeout)
                self._after(operation, method, 200, started)
                return response
            except urllib.error.HTTPError as error:
                self._after(operation, method, error.code, started)
                if error.code in self._retry.statuses and attempt < self._retry.max_attempts:
                    error.read()
                    self._sleep(self._delay(attempt, error.headers.get("Retry-After")))
                    continue
                raise _api_error(error) from None
            except urllib.error.URLError:
                if method in _IDEMPOTENT and attempt < self._retry.max_attempts:
                    self._sleep(self._delay(attempt, None))
                    continue
                raise

    def _after(self, operation: str, method: str, status: int, started: float) -> None:
        if self._hooks.on_response:
            self._hooks.on_response(operation, method, status, time.monotonic() - started)

    def _delay(self, attempt: int, retry_after: Optional[str]) -> float:
        if retry_after:
            try:
                return min(max(float(retry_after), 0.0), self._retry.max_delay)
            except ValueError:
                try:
                    return min(max(parsedate_to_datetime(retry_after).timestamp() - time.time(), 0.0), self._retry.max_delay)
                except (TypeError, ValueError):
                    pass
        ceiling = min(self._retry.initial_delay * self._retry.multiplier ** (attempt - 1), self._retry.max_delay)
        return random.uniform(ceiling / 2, ceiling)

    def _authorize(self, security: Sequence[Mapping[str, Sequence[str]]], headers: dict[str, str], query: list[tuple[str, str]]) -> None:
        for alternative in security:
            if all(name in self._credentials and name in self._schemes for name in alternative):
                for name, scopes in alternative.items():
                    self._apply(self._schemes[name], self._credentials[name], scopes, headers, query)
                return

    def _apply(self, scheme: SecurityScheme, credential: Credential, scopes: Sequence[str], headers: dict[str, str], query: list[tuple[str, str]]) -> None:
        if isinstance(credential, BearerToken):
            headers["Authorization"] = f"Bearer {credential.token}"
        elif isinstance(credential, BasicAuth):
            pair = f"{credential.username}:{credential.password}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        elif isinstance(credential, ApiKey):
            if scheme.kind == "apiKeyQuery":
                query.append((scheme.name or "api_key", credential.key))
            elif scheme.kind == "apiKeyCookie":
                cookie = f"{scheme.name}={credential.key}"
                headers["Cookie"] = f"{headers['Cookie']}; {cookie}" if "Cookie" in headers else cookie
            else:
                headers[scheme.name or "X-Api-Key"] = credential.key
        else:
            headers["Authorization"] = f"Bearer {self._token(credential, scheme, scopes)}"

    def _token(self, credential: ClientCredentials, scheme: SecurityScheme, scopes: Sequence[str]) -> str:
        with credential._lock:
            if credential._token and time.monotonic() < credential._expires:
                return credential._token
            url = credential.token_url or scheme.token_url
            if not url:
                raise ValueError("client credentials need a token URL; the spec gives none")
            form = {"grant_type": "client_credentials", "client_id": credential.client_id, "client_secret": credential.client_secret}
            wanted = list(credential.scopes) or list(scopes)
            if wanted:
                form["scope"] = " ".join(wanted)
            request = urllib.request.Request(urllib.parse.urljoin(self.base_url + "/", url), data=urllib.parse.urlencode(form).encode(),
                                             method="POST", headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    answer = json.loads(response.read())
            except urllib.error.HTTPError as error:
                raise _api_error(error) from None
            token = str(answer["access_token"])
            credential._token = token
            credential._expires = time.monotonic() + max(float(answer.get("expires_in", 300)) - 30, 0)
            return token


def read_json(response: IO[bytes]) -> Any:
    with response:
        data = response.read()
    return json.loads(data) if data.strip() else None


def read_bytes(response: IO[bytes]) -> bytes:
    with response:
        return response.read()


def read_text(response: IO[bytes]) -> str:
    return read_bytes(response).decode("utf-8")


def read_events(response: IO[bytes]) -> Iterator[ServerSentEvent]:
    """Parses text/event-stream as the HTML standard says: fields per line, a blank line ends an event."""
    with response:
        event, last_id, retry = "", None, None
        data: list[str] = []
        for raw in response:
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line:
                if data:
                    yield ServerSentEvent(event or "message", "\n".join(data), last_id, retry)
                event, data = "", []
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)
            elif name == "id":
                last_id = value
            elif name == "retry" and value.isdigit():
                retry = int(value)
        if data:
            yield ServerSentEvent(event or "message", "\n".join(data), last_id, retry)


def read_json_lines(response: IO[bytes]) -> Iterator[Any]:
    with response:
        for raw in response:
            if raw.strip():
                yield json.loads(raw)


_T = TypeVar("_T")


async def iterate_in_thread(iterator: Iterator[_T]) -> AsyncIterator[_T]:
    """An async iterator over a blocking one: each step runs in a worker thread."""
    done = object()

    def step() -> object:
        return next(iterator, done)

    while True:
        item = await asyncio.to_thread(step)
        if item is done:
            return
        yield cast(_T, item)


def json_body(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


def form_body(value: Mapping[str, Any]) -> bytes:
    return urllib.parse.urlencode([(k, _text(v)) for k, item in value.items() for v in _many(item) if item is not None]).encode("ascii")


def multipart_body(value: Mapping[str, Any]) -> tuple[bytes, str]:
    """Encodes fields as multipart/form-data: bytes and binary files become file parts (a list of them, one part each),
    everything else text (JSON for objects and other lists). A file's part is named after the file when it has a name."""
    boundary = "noa" + secrets.token_hex(16)
    parts: list[bytes] = []
    for name, item in value.items():
        if item is None:
            continue
        files = item if isinstance(item, list) and item and all(_is_file(f) for f in item) else [item] if _is_file(item) else None
        for file in files or []:
            filename = os.path.basename(file.name) if isinstance(getattr(file, "name", None), str) else name
            head = f'Content-Disposition: form-data; name="{_quote(name)}"; filename="{_quote(filename)}"\r\nContent-Type: application/octet-stream'
            content = bytes(file) if isinstance(file, (bytes, bytearray)) else file.read()
            parts.append(f"--{boundary}\r\n{head}\r\n\r\n".encode() + content + b"\r\n")
        if files is None:
            head = f'Content-Disposition: form-data; name="{_quote(name)}"'
            content = (json.dumps(item) if isinstance(item, (dict, list)) else _text(item)).encode("utf-8")
            parts.append(f"--{boundary}\r\n{head}\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _is_file(value: object) -> bool:
    return isinstance(value, (bytes, bytearray)) or callable(getattr(value, "read", None))


def _quote(name: str) -> str:
    return name.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "")


def _expand(path: str, params: Mapping[str, Any]) -> str:
    for name, value in params.items():
        path = path.replace("{" + name + "}", urllib.parse.quote(_text(value), safe=""))
    return path


def _many(value: Any) -> Sequence[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _api_error(error: urllib.error.HTTPError) -> ApiError:
    body = error.read()
    headers = {k: v for k, v in error.headers.items()}
    problem: Optional[ProblemDetails] = None
    media = (error.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if media.endswith("json") and body:
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            problem = cast(ProblemDetails, parsed)
    return ApiError(error.code, problem, body, headers)
