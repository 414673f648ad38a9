/**
 * HTTP runtime of this generated client: transport, retries, timeouts, auth, telemetry and errors. Native fetch only
 * (Node 20+, browsers, Deno, Bun); no runtime dependencies.
 *
 * Copied verbatim into every generated package by noa's Integrator; edit the generator, not this copy.
 */

/** An RFC 9457 problem details object, as the server sent it (extension members included). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** A response outside 2xx. `problem` holds the RFC 9457 problem details when the server sent them. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | undefined;
  readonly body: string;
  readonly headers: Headers;

  constructor(status: number, problem: ProblemDetails | undefined, body: string, headers: Headers) {
    const title = problem?.title ?? `HTTP ${status}`;
    super(problem?.detail ? `${status} ${title}: ${problem.detail}` : `${status} ${title}`);
    this.name = "ProblemError";
    this.status = status;
    this.problem = problem;
    this.body = body;
    this.headers = headers;
  }
}

/** Retries on these statuses (and on network errors for idempotent methods) with exponential backoff and jitter; a
 * Retry-After header (seconds or an HTTP date) sets the wait instead, up to `maxDelayMs`. */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  multiplier: number;
  maxDelayMs: number;
  statuses: readonly number[];
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, initialDelayMs: 500, multiplier: 2, maxDelayMs: 30_000, statuses: [429, 503] };

/** `Authorization: Bearer <token>` (HTTP bearer, and OAuth2/OpenID Connect tokens the caller obtained). */
export interface BearerToken { kind: "bearer"; token: string }
/** An API key; where it travels (header, query or cookie, and under which name) comes from the spec. */
export interface ApiKey { kind: "apiKey"; key: string }
/** HTTP basic authentication. */
export interface BasicAuth { kind: "basic"; username: string; password: string }
/** OAuth2 client credentials: a token is fetched from the spec's token URL (or `tokenUrl`) and reused until it expires. */
export interface ClientCredentials { kind: "clientCredentials"; clientId: string; clientSecret: string; scopes?: readonly string[]; tokenUrl?: string }
export type Credential = BearerToken | ApiKey | BasicAuth | ClientCredentials;

/** One server-sent event: `data` is the joined data lines. */
export interface ServerSentEvent { event: string; data: string; id?: string; retry?: number }

/** Telemetry hooks: called before each attempt (the headers may be changed) and after each response. */
export interface Hooks {
  onRequest?: (operation: string, method: string, headers: Headers) => void;
  onResponse?: (operation: string, method: string, status: number, elapsedMs: number) => void;
}

/** Per-call options every operation method takes last. */
export interface CallOptions {
  /** Cancels the call (and an open stream). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (for streams: until the response headers arrive). */
  timeoutMs?: number;
  /** Extra headers, sent as given. */
  headers?: Record<string, string>;
}

export interface ClientOptions {
  /** Fills every bearer and OAuth2 scheme. */
  token?: string;
  /** Fills every API key scheme. */
  apiKey?: string;
  /** A credential per security scheme name (wins over token and apiKey). */
  credentials?: Record<string, Credential>;
  /** Per attempt, in milliseconds (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  hooks?: Hooks;
  /** Another fetch (a proxy agent, a test double); the global one by default. */
  fetch?: typeof fetch;
}

export type SchemeKind = "bearer" | "basic" | "apiKeyHeader" | "apiKeyQuery" | "apiKeyCookie" | "oauth2ClientCredentials" | "oauth2Token";
export interface SecurityScheme { kind: SchemeKind; name?: string; tokenUrl?: string }

/** One request, as a generated method describes it. */
export interface Call {
  operation: string;
  method: string;
  path: string;
  pathParams?: Record<string, unknown>;
  query?: [string, unknown][];
  headers?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  security?: Record<string, readonly string[]>[];
  body?: BodyInit;
  contentType?: string;
  accept: string;
  /** The response is read as a stream: the timeout covers only the wait for its headers. */
  stream?: boolean;
}

interface Span { setAttribute(key: string, value: unknown): unknown; setStatus(status: { code: number }): unknown; recordException(error: unknown): unknown; end(): void }
interface OpenTelemetry {
  trace: { getTracer(name: string): { startActiveSpan<T>(name: string, options: object, fn: (span: Span) => T): T } };
  context: { active(): unknown };
  propagation: { inject(context: unknown, carrier: Record<string, string>): void };
}

let otel: Promise<OpenTelemetry | undefined> | undefined;

/** OpenTelemetry's API when the application installed `@opentelemetry/api` (no hard dependency), else undefined. */
function openTelemetry(): Promise<OpenTelemetry | undefined> {
  const specifier = "@opentelemetry/api";
  // Imported as CommonJS the API may sit under `default` only (when Node cannot see its named exports).
  otel ??= (import(specifier) as Promise<Partial<OpenTelemetry> & { default?: OpenTelemetry }>).then(
    (api) => (api.trace && api.context && api.propagation ? (api as OpenTelemetry) : api.default),
    () => undefined,
  );
  return otel;
}

const idempotent = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const tokens = new WeakMap<ClientCredentials, { token: string; expires: number }>();

/** Sends requests for the generated client. One per client. */
export class Transport {
  readonly baseUrl: string;
  readonly #schemes: Record<string, SecurityScheme>;
  readonly #credentials: Record<string, Credential>;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #hooks: Hooks;
  readonly #userAgent: string;
  readonly #fetch: typeof fetch;

  constructor(baseUrl: string, schemes: Record<string, SecurityScheme>, options: ClientOptions, userAgent: string) {
    if (!baseUrl) throw new Error("baseUrl is required: the spec names no absolute server URL");
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.#schemes = schemes;
    const given: Record<string, Credential> = {};
    for (const [name, scheme] of Object.entries(schemes)) {
      if (options.token !== undefined && (scheme.kind === "bearer" || scheme.kind === "oauth2Token")) given[name] = { kind: "bearer", token: options.token };
      else if (options.apiKey !== undefined && scheme.kind.startsWith("apiKey")) given[name] = { kind: "apiKey", key: options.apiKey };
    }
    this.#credentials = { ...given, ...options.credentials };
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
    this.#hooks = options.hooks ?? {};
    this.#userAgent = userAgent;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Sends the request (retrying as the policy says) and returns the 2xx response; throws ProblemError otherwise. */
  async call(call: Call, options: CallOptions = {}): Promise<Response> {
    let url = this.baseUrl + expand(call.path, call.pathParams ?? {});
    const query = new URLSearchParams();
    for (const [name, value] of call.query ?? []) for (const item of many(value)) query.append(name, text(item));
    const headers: Record<string, string> = { accept: call.accept };
    if (typeof process === "object") headers["user-agent"] = this.#userAgent;
    for (const [name, value] of Object.entries(call.headers ?? {})) if (value !== undefined && value !== null) headers[name] = text(value);
    if (call.contentType) headers["content-type"] = call.contentType;
    const jar = Object.entries(call.cookies ?? {}).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${k}=${encodeURIComponent(text(v))}`);
    if (jar.length > 0) headers["cookie"] = jar.join("; ");
    await this.#authorize(call.security ?? [], headers, query);
    const search = query.toString();
    if (search) url += "?" + search;
    Object.assign(headers, options.headers);
    const api = await openTelemetry();
    if (!api) return this.#send(call, url, headers, options);
    const attributes = { "http.request.method": call.method, "url.full": url.split("?")[0], "rpc.method": call.operation };
    return api.trace.getTracer("noa-generated-client").startActiveSpan(`${call.method} ${call.path}`, { kind: 2, attributes }, async (span) => {
      try {
        api.propagation.inject(api.context.active(), headers);
        const response = await this.#send(call, url, headers, options);
        span.setAttribute("http.response.status_code", response.status);
        return response;
      } catch (error) {
        span.recordException(error);
        span.setStatus({ code: 2 });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  async #send(call: Call, url: string, headers: Record<string, string>, options: CallOptions): Promise<Response> {
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "traceparent")) headers["traceparent"] = traceparent();
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const sent = new Headers(headers);
      this.#hooks.onRequest?.(call.operation, call.method, sent);
      const started = performance.now();
      // A stream's timeout stops once its headers arrive; AbortSignal.timeout would also cut the stream itself.
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(new DOMException(`no response in ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
      let response: Response;
      try {
        response = await this.#fetch(url, { method: call.method, headers: sent, body: call.body ?? null, signal });
        if (call.stream) clearTimeout(timer);
        else await settle(response, timer);
      } catch (error) {
        clearTimeout(timer);
        if (options.signal?.aborted || attempt >= this.#retry.maxAttempts || !idempotent.has(call.method)) throw error;
        await sleep(this.#delay(attempt, null), options.signal);
        continue;
      }
      this.#hooks.onResponse?.(call.operation, call.method, response.status, performance.now() - started);
      if (response.ok) return response;
      if (this.#retry.statuses.includes(response.status) && attempt < this.#retry.maxAttempts) {
        await response.body?.cancel();
        await sleep(this.#delay(attempt, response.headers.get("retry-after")), options.signal);
        continue;
      }
      throw await problemError(response);
    }
  }

  #delay(attempt: number, retryAfter: string | null): number {
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const at = Number.isFinite(seconds) ? Date.now() + seconds * 1000 : Date.parse(retryAfter);
      if (!Number.isNaN(at)) return Math.min(Math.max(at - Date.now(), 0), this.#retry.maxDelayMs);
    }
    const ceiling = Math.min(this.#retry.initialDelayMs * this.#retry.multiplier ** (attempt - 1), this.#retry.maxDelayMs);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  async #authorize(security: Record<string, readonly string[]>[], headers: Record<string, string>, query: URLSearchParams): Promise<void> {
    for (const alternative of security) {
      const names = Object.keys(alternative);
      if (!names.every((name) => name in this.#credentials && name in this.#schemes)) continue;
      for (const name of names) await this.#apply(this.#schemes[name]!, this.#credentials[name]!, alternative[name] ?? [], headers, query);
      return;
    }
  }

  async #apply(scheme: SecurityScheme, credential: Credential, scopes: readonly string[], headers: Record<string, string>, query: URLSearchParams): Promise<void> {
    switch (credential.kind) {
      case "bearer":
        headers["authorization"] = `Bearer ${credential.token}`;
        return;
      case "basic":
        headers["authorization"] = `Basic ${base64(`${credential.username}:${credential.password}`)}`;
        return;
      case "apiKey":
        if (scheme.kind === "apiKeyQuery") query.append(scheme.name ?? "api_key", credential.key);
        else if (scheme.kind === "apiKeyCookie") headers["cookie"] = [headers["cookie"], `${scheme.name}=${encodeURIComponent(credential.key)}`].filter(Boolean).join("; ");
        else headers[scheme.name ?? "x-api-key"] = credential.key;
        return;
      case "clientCredentials":
        headers["authorization"] = `Bearer ${await this.#token(credential, scheme, scopes)}`;
        return;
    }
  }

  async #token(credential: ClientCredentials, scheme: SecurityScheme, scopes: readonly string[]): Promise<string> {
    const cached = tokens.get(credential);
    if (cached && Date.now() < cached.expires) return cached.token;
    const tokenUrl = credential.tokenUrl ?? scheme.tokenUrl;
    if (!tokenUrl) throw new Error("client credentials need a token URL; the spec gives none");
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: credential.clientId, client_secret: credential.clientSecret });
    const wanted = credential.scopes?.length ? credential.scopes : scopes;
    if (wanted.length > 0) form.set("scope", wanted.join(" "));
    const response = await this.#fetch(new URL(tokenUrl, this.baseUrl + "/"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form,
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    if (!response.ok) throw await problemError(response);
    const answer = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof answer.access_token !== "string") throw new Error(`the token endpoint ${tokenUrl} returned no access_token`);
    const lifetime = typeof answer.expires_in === "number" ? answer.expires_in : 300;
    tokens.set(credential, { token: answer.access_token, expires: Date.now() + Math.max(lifetime - 30, 0) * 1000 });
    return answer.access_token;
  }
}

/** Reads the whole body while the timer runs, so the timeout covers the download too; the bytes stay readable. */
async function settle(response: Response, timer: ReturnType<typeof setTimeout>): Promise<void> {
  try {
    const bytes = await response.clone().arrayBuffer();
    void bytes;
  } finally {
    clearTimeout(timer);
  }
}

export async function readJson(response: Response): Promise<unknown> {
  const body = await response.text();
  return body.trim() ? JSON.parse(body) : undefined;
}

export async function readBytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

export async function readText(response: Response): Promise<string> {
  return response.text();
}

/** Lines of a streamed body (any of CRLF, CR, LF ends one); the stream is cancelled when the consumer stops early. */
async function* lines(response: Response): AsyncGenerator<string> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (let end = buffer.search(/\r\n|\r|\n/); end >= 0; end = buffer.search(/\r\n|\r|\n/)) {
        if (buffer[end] === "\r" && end === buffer.length - 1 && !done) break; // a CR may be half of a CRLF
        const width = buffer.startsWith("\r\n", end) ? 2 : 1;
        yield buffer.slice(0, end);
        buffer = buffer.slice(end + width);
      }
      if (done) break;
    }
    if (buffer) yield buffer;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Parses text/event-stream as the HTML standard says: fields per line, a blank line ends an event. */
export async function* readEvents(response: Response): AsyncGenerator<ServerSentEvent> {
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;
  const made = (): ServerSentEvent => ({ event: event || "message", data: data.join("\n"), ...(id !== undefined ? { id } : {}), ...(retry !== undefined ? { retry } : {}) });
  for await (const line of lines(response)) {
    if (line === "") {
      if (data.length > 0) yield made();
      event = "";
      data = [];
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "event") event = value;
    else if (name === "data") data.push(value);
    else if (name === "id") id = value;
    else if (name === "retry" && /^\d+$/.test(value)) retry = Number(value);
  }
  if (data.length > 0) yield made();
}

/** Newline-delimited JSON: one value per non-blank line. */
export async function* readJsonLines(response: Response): AsyncGenerator<unknown> {
  for await (const line of lines(response)) if (line.trim()) yield JSON.parse(line) as unknown;
}

export function jsonBody(value: unknown): string {
  return JSON.stringify(value);
}

export function formBody(value: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, item] of Object.entries(value)) for (const v of many(item)) form.append(name, text(v));
  return form;
}

/**
 * multipart/form-data: bytes and blobs become file parts (an array of them, one part each), objects and other arrays
 * JSON, everything else text (fetch sets the boundary).
 */
export function multipartBody(value: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue;
    const files = Array.isArray(item) && item.length > 0 && item.every(isFile) ? item : isFile(item) ? [item] : undefined;
    if (files) for (const file of files) form.append(name, binaryBody(file), name);
    else form.append(name, typeof item === "object" ? JSON.stringify(item) : text(item));
  }
  return form;
}

function isFile(value: unknown): value is Blob | Uint8Array {
  return value instanceof Blob || value instanceof Uint8Array;
}

/** A binary request body: a copy of bytes (so any Uint8Array view is accepted) or the Blob as it is. */
export function binaryBody(value: Blob | Uint8Array): Blob {
  return value instanceof Blob ? value : new Blob([new Uint8Array(value)]);
}

async function problemError(response: Response): Promise<ProblemError> {
  const body = await response.text().catch(() => "");
  let problem: ProblemDetails | undefined;
  const media = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (media.endsWith("json") && body) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) problem = parsed as ProblemDetails;
    } catch {
      problem = undefined;
    }
  }
  return new ProblemError(response.status, problem, body, response.headers);
}

function expand(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`path parameter ${name} is required`);
    return encodeURIComponent(text(value));
  });
}

function many(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null) : [value];
}

function text(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function base64(value: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function traceparent(): string {
  const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `00-${hex(16)}-${hex(8)}-01`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

declare const process: unknown;
