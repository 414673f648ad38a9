// The compiled TypeScript SDK of the hostile spec with the real @opentelemetry/api importable (linked node_modules):
// each call is a CLIENT span named after the operation's method and path, with its attributes, status code and end,
// an error status on a failure, and the propagator's traceparent (not a random one) on the wire.
import assert from "node:assert/strict";
import http from "node:http";
import api from "@opentelemetry/api";
import { Client, ProblemError } from "./dist/index.js";

const spans = [];
api.trace.setGlobalTracerProvider({
  getTracer: (tracer) => ({
    startSpan: () => { throw new Error("the runtime starts active spans"); },
    startActiveSpan(name, options, fn) {
      const span = {
        tracer, name, options, attributes: {}, status: undefined, exception: undefined, ended: false,
        setAttribute(key, value) { this.attributes[key] = value; return this; },
        setStatus(status) { this.status = status; return this; },
        recordException(error) { this.exception = error; },
        end() { this.ended = true; },
      };
      spans.push(span);
      return fn(span);
    },
  }),
});
const propagated = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
api.propagation.setGlobalPropagator({
  inject(_context, carrier, setter) { setter.set(carrier, "traceparent", propagated); },
  extract(context) { return context; },
  fields() { return ["traceparent"]; },
});

const seen = [];
const server = http.createServer((request, response) => {
  seen.push(request.headers);
  const ok = request.url.startsWith("/pets?") || request.url === "/pets";
  const body = ok ? JSON.stringify({ items: [], next_cursor: null }) : JSON.stringify({ title: "Not Found", status: 404 });
  response.writeHead(ok ? 200 : 404, { "content-type": ok ? "application/json" : "application/problem+json" });
  response.end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const client = new Client(`http://127.0.0.1:${server.address().port}`, { token: "t" });

await client.list();
assert.equal(seen[0].traceparent, propagated);
assert.equal(spans.length, 1);
assert.equal(spans[0].name, "GET /pets");
assert.equal(spans[0].options.kind, api.SpanKind.CLIENT);
assert.equal(spans[0].options.attributes["rpc.method"], "list");
assert.equal(spans[0].attributes["http.response.status_code"], 200);
assert.ok(spans[0].ended);

await assert.rejects(client.call_123Download(7), ProblemError);
assert.equal(spans[1].name, "GET /pets/{pet-id}/photo");
assert.equal(spans[1].status?.code, api.SpanStatusCode.ERROR);
assert.ok(spans[1].exception instanceof ProblemError);
assert.ok(spans[1].ended);

console.log("telemetry checks passed");
server.closeAllConnections();
server.close();
