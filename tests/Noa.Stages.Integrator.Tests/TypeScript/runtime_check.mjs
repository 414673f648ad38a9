// Exercises the compiled TypeScript SDK of the hostile spec against a local node:http server: a 503 with Retry-After
// then success, cursor paging to the end, traceparent and bearer headers, OAuth2 client credentials for a binary
// download, an API key in the query for a binary upload, multipart, server-sent events, NDJSON, an RFC 9457 problem on
// 404, and a timeout. Plain JavaScript run by node on dist/ (what a published package ships).
import assert from "node:assert/strict";
import http from "node:http";
import { Client, ProblemError } from "./dist/index.js";

const seen = [];
let petsAttempts = 0;

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (c) => chunks.push(c));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    seen.push({ method: request.method, path: request.url, headers: request.headers, body });
    const reply = (status, data, media, headers = {}) => {
      response.writeHead(status, { "content-type": media, "content-length": Buffer.byteLength(data), ...headers });
      response.end(data);
    };
    const url = request.url;
    if (request.method === "GET" && (url === "/pets" || url.startsWith("/pets?"))) {
      petsAttempts++;
      if (petsAttempts === 1) return reply(503, "", "text/plain", { "retry-after": "0" });
      const last = url.includes("cursor=c2");
      return reply(200, JSON.stringify({ items: [{ kind: "cat", name: last ? "b" : "a" }], next_cursor: last ? null : "c2" }), "application/json");
    }
    if (request.method === "GET" && url.startsWith("/pets/7/photo")) return reply(200, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), "image/png");
    if (request.method === "PUT" && url.startsWith("/pets/7/photo")) { response.writeHead(204); return response.end(); }
    if (request.method === "POST" && (url === "/pets/9/form" || url === "/pets/10/form")) return reply(200, "", "text/plain");
    if (request.method === "POST" && url === "/token") return reply(200, JSON.stringify({ access_token: "tok-1", expires_in: 3600 }), "application/json");
    if (url.startsWith("/events")) return reply(200, 'event: tick\ndata: {"n": 1}\n\n: comment\r\ndata: two\r\ndata: lines\r\n\r\n', "text/event-stream");
    if (url.startsWith("/lines")) return reply(200, '{"kind": "dog", "name": "x"}\n\n{"kind": "cat", "name": "y"}\n', "application/x-ndjson");
    if (url.startsWith("/slow")) return setTimeout(() => reply(200, "{}", "application/json"), 2000);
    return reply(404, JSON.stringify({ type: "https://example.com/problems/not-found", title: "Not Found", status: 404 }), "application/problem+json");
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const client = new Client(base, {
  credentials: {
    bearer: { kind: "bearer", token: "secret-token" },
    apiKeyQuery: { kind: "apiKey", key: "k-1" },
    oauth: { kind: "clientCredentials", clientId: "id", clientSecret: "pw", tokenUrl: base + "/token" },
  },
  retry: { maxAttempts: 3 },
});

const names = [];
for await (const pet of client.iterateList()) names.push(pet.name);
assert.deepEqual(names, ["a", "b"]);
assert.equal(petsAttempts, 3);
const first = seen[0].headers;
assert.equal(first.authorization, "Bearer secret-token");
assert.match(first.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

const photo = await client.call_123Download(7);
assert.deepEqual([...photo], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
const tokenCall = seen.find((s) => s.path === "/token");
assert.match(tokenCall.body.toString(), /grant_type=client_credentials/);
assert.match(tokenCall.body.toString(), /scope=pets%3Aread/);
assert.equal(seen.find((s) => s.method === "GET" && s.path.startsWith("/pets/7/photo")).headers.authorization, "Bearer tok-1");

await client.uploadPhoto(7, new Uint8Array([97, 98, 99]));
const upload = seen.find((s) => s.method === "PUT");
assert.equal(upload.path, "/pets/7/photo?api_key=k-1");
assert.equal(upload.body.length, 3);
assert.equal(upload.headers["content-type"], "application/octet-stream");

await client.postPetsByIdForm("9", { file: new Uint8Array([1, 2]), note: "hi" });
const form = seen.find((s) => s.path === "/pets/9/form");
assert.match(form.headers["content-type"], /^multipart\/form-data; boundary=/);
assert.match(form.body.toString("latin1"), /name="note"\r\n\r\nhi\r\n/);
await client.postPetsByIdForm("10", { file: new Blob(["one"]), attachments: [new Uint8Array([50]), new Blob(["three"])] });
const files = seen.find((s) => s.path === "/pets/10/form").body.toString("latin1");
assert.equal(files.match(/name="attachments"; filename="attachments"/g)?.length, 2, files);
assert.match(files, /filename="attachments"\r\nContent-Type: application\/octet-stream\r\n\r\nthree\r\n/);

const events = [];
for await (const event of client.watch()) events.push([event.event, event.data]);
assert.deepEqual(events, [["tick", '{"n": 1}'], ["message", "two\nlines"]]);
const lines = [];
for await (const value of client.lines()) lines.push(value.name);
assert.deepEqual(lines, ["x", "y"]);

await assert.rejects(client.listPost({ kind: "cat", name: "z" }), (error) => {
  assert.ok(error instanceof ProblemError);
  assert.equal(error.status, 404);
  assert.equal(error.problem?.title, "Not Found");
  return true;
});

// No operation of the spec is slow: the client's fetch option sends one call to /slow instead.
const impatient = new Client(base, { timeoutMs: 200, retry: { maxAttempts: 1 }, fetch: (_url, init) => fetch(base + "/slow", init) });
const started = Date.now();
await assert.rejects(impatient.listPost({ kind: "cat", name: "z" }), (error) => error.name === "TimeoutError");
assert.ok(Date.now() - started < 1500, "the timeout did not cut the call");

console.log("runtime checks passed");
server.closeAllConnections();
server.close();

