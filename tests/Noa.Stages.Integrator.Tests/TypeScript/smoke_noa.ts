// Drives noa's gateway through the generated TypeScript SDK: admin creates a key, the key starts a digest, the run's
// server-sent events are followed to the end, and an artifact is downloaded. Compiled with the SDK by tsc --strict
// (so its calls are type-checked against the generated types) and run by node.
import { Client, ProblemError } from "./index.js";

declare const process: { argv: string[] };

async function main(baseUrl: string, adminKey: string, source: string): Promise<void> {
  const admin = new Client(baseUrl, { token: adminKey });
  const created = await admin.createKey({ name: "sdk-smoke", scopes: ["digest:write", "runs:read"] });
  const client = new Client(baseUrl, { token: created.key });
  try {
    await new Client(baseUrl, { token: "noa_wrong" }).listRuns();
    throw new Error("a wrong key was accepted");
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 401 || !error.problem) throw error;
    console.log("problem details:", error.problem.type, error.problem.title);
  }

  const accepted = await client.digest({ source });
  const runId = accepted.runId;
  console.log("run", runId);
  for await (const event of client.runEvents(runId)) {
    console.log("event", event.event, event.data.slice(0, 120));
    if (event.event === "RunCompleted" || event.data.includes('"RunCompleted"')) {
      console.log("RunCompleted");
      break;
    }
  }
  const artifacts = await client.listArtifacts(runId);
  console.log("artifacts", JSON.stringify(artifacts).slice(0, 400));
  const data = await client.getArtifact(runId, "provenance.json");
  const provenance = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
  console.log("downloaded provenance.json", data.length, "bytes", Object.keys(provenance).sort().slice(0, 5).join(","));
  const run = await client.getRun(runId);
  console.log("run status", JSON.stringify(run).slice(0, 200));
}

const [baseUrl, adminKey, source] = process.argv.slice(2);
if (!baseUrl || !adminKey || !source) throw new Error("usage: node smoke_noa.js BASE_URL ADMIN_KEY SOURCE");
await main(baseUrl, adminKey, source);
