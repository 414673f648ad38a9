using Noa.Stages.Integrator.TypeScript;

namespace Noa.Stages.Integrator.Tests.TypeScript;

/// <summary>
/// The hand-written spec of the edges (keyword and non-identifier names, a repeated operationId, a comment-breaking
/// description, a discriminated oneOf over allOf objects, anyOf, circular references, nullable enums, binary up- and
/// download, multipart, SSE, NDJSON, cursor paging, every auth scheme): its TypeScript SDK passes <c>tsc --strict</c>, a
/// control that misuses the SDK's types fails it, and the compiled package behaves against a local HTTP server
/// (<c>runtime_check.mjs</c>, run by node), and with <c>@opentelemetry/api</c> importable makes spans (<c>otel_check.mjs</c>).
/// </summary>
public sealed class TypeScriptHostileSpecTests
{
    [Fact]
    public async Task HostileSpec_PassesTscStrict_RejectsAMisuse_AndBehavesAgainstAServer()
    {
        var tsc = Tools.RequireTsc();
        var node = Tools.Require("node", "Debian package nodejs (Node 20)");
        var model = await Generate.ModelAsync(Generate.Spec("hostile.yaml"), "hostile.yaml");
        var files = TypeScriptGenerator.Generate(model);
        var folder = Directory.CreateTempSubdirectory("noa-ts-hostile-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var typed = await Tools.RunAsync(tsc, ["-p", ".", "--strict", "--noEmit"], folder);
            Assert.True(typed.ExitCode == 0, $"tsc --strict failed on {folder}:\n{typed.Output}");

            // The control: the same check must fail when code misuses the generated types (a string for an integer
            // parameter, a missing required property, an unknown discriminator value).
            var control = Path.Combine(folder, "src", "control.ts");
            await File.WriteAllTextAsync(control, """
                import { Client, type Pet } from "./index.js";
                const client = new Client("http://localhost");
                await client.list({ class: "three" });
                const pet: Pet = { kind: "cow", name: "x" };
                const dog: Pet = { kind: "dog" };
                export { pet, dog };
                """);
            var misuse = await Tools.RunAsync(tsc, ["-p", ".", "--strict", "--noEmit"], folder);
            Assert.NotEqual(0, misuse.ExitCode);
            Assert.Contains("control.ts(3,", misuse.Output);
            Assert.Contains("control.ts(4,", misuse.Output);
            Assert.Contains("control.ts(5,", misuse.Output);
            Assert.DoesNotContain("client.ts(", misuse.Output);
            File.Delete(control);

            var client = files.Single(f => f.Path == "src/client.ts").Content;
            var models = files.Single(f => f.Path == "src/models.ts").Content;
            Assert.Contains("async list(", client);                // the first 'list'
            Assert.Contains("async listPost(", client);            // the repeated id, renamed
            Assert.Contains("async *iterateList(", client);        // cursor paging from cursor + next_cursor
            Assert.Contains("async call_123Download(", client);    // an id starting with a digit
            Assert.Contains("class?: number;", client);           // a keyword as a params key (legal in TypeScript)
            Assert.Contains("AsyncGenerator<rt.ServerSentEvent>", client);
            Assert.Contains("export const DEFAULT_BASE_URL = \"https://eu.example.com/v1\";", client);
            Assert.Contains("export type Pet = (Cat & { kind: \"cat\" }) | (Dog & { kind: \"dog\" });", models);
            Assert.Contains("export type Breed = \"lab\" | \"pit-bull\" | \"1st\" | \"None\" | null;", models);
            Assert.Contains("export type Cat = (Base & {", models);
            Assert.DoesNotContain("*/ import", client + models);  // a description cannot end its doc comment
            Assert.DoesNotContain("*/ export const hijacked", client);

            // Built as a publisher would (tsc emits dist/), then driven by node against a local server.
            var built = await Tools.RunAsync(tsc, ["-p", "."], folder);
            Assert.True(built.ExitCode == 0, $"tsc -p . failed:\n{built.Output}");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TypeScript", "runtime_check.mjs"), Path.Combine(folder, "runtime_check.mjs"));
            var run = await Tools.RunAsync(node, ["runtime_check.mjs"], folder);
            Assert.True(run.ExitCode == 0, $"the runtime checks failed:\n{run.Output}");
            Assert.Contains("runtime checks passed", run.Output);

            // With the real OpenTelemetry API importable, every call is a client span and the propagator's context travels.
            Directory.CreateSymbolicLink(Path.Combine(folder, "node_modules"), Tools.RequireToolsNodeModules());
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TypeScript", "otel_check.mjs"), Path.Combine(folder, "otel_check.mjs"));
            var traced = await Tools.RunAsync(node, ["otel_check.mjs"], folder);
            Assert.True(traced.ExitCode == 0, $"the telemetry checks failed:\n{traced.Output}");
            Assert.Contains("telemetry checks passed", traced.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
