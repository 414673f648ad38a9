using System.Text;
using System.Text.Json;
using Noa.Stages.Integrator.Model;

namespace Noa.Stages.Integrator.TypeScript;

/// <summary><c>package.json</c> (ESM, types, Node 20+, no runtime dependencies; OpenTelemetry an optional peer),
/// <c>tsconfig.json</c> (strict), and the packaging steps the README lists.</summary>
internal static class TypeScriptPackaging
{
    /// <summary>The TypeScript the package builds with (the version scripts/tools.sh pins for the tests).</summary>
    public const string TypeScriptVersion = "5.9.3";

    public static string PackageJson(ApiModel model, string name, string version)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("version", version);
            json.WriteString("description", "Typed client for " + model.Title);
            json.WriteString("type", "module");
            json.WriteString("main", "./dist/index.js");
            json.WriteString("types", "./dist/index.d.ts");
            json.WriteStartObject("exports");
            json.WriteStartObject(".");
            json.WriteString("types", "./dist/index.d.ts");
            json.WriteString("import", "./dist/index.js");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("files");
            json.WriteStringValue("dist");
            json.WriteStringValue("src");
            json.WriteStringValue("README.md");
            json.WriteEndArray();
            json.WriteBoolean("sideEffects", false);
            json.WriteStartObject("engines");
            json.WriteString("node", ">=20");
            json.WriteEndObject();
            json.WriteStartObject("scripts");
            json.WriteString("build", "tsc -p .");
            json.WriteString("check", "tsc -p . --noEmit");
            json.WriteString("prepublishOnly", "npm run build");
            json.WriteEndObject();
            json.WriteStartObject("peerDependencies");
            json.WriteString("@opentelemetry/api", "^1.0.0");
            json.WriteEndObject();
            json.WriteStartObject("peerDependenciesMeta");
            json.WriteStartObject("@opentelemetry/api");
            json.WriteBoolean("optional", true);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("devDependencies");
            json.WriteString("typescript", "^" + TypeScriptVersion);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public const string TsConfig = """
        {
          "compilerOptions": {
            "target": "ES2022",
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM"],
            "strict": true,
            "noUncheckedIndexedAccess": true,
            "declaration": true,
            "sourceMap": true,
            "rootDir": "src",
            "outDir": "dist"
          },
          "include": ["src"]
        }

        """;

    public static IEnumerable<string> Steps(string name, string version) =>
    [
        "## Packaging",
        "",
        "```sh",
        "npm install                 # TypeScript, the only (dev) dependency",
        "npm run build               # tsc → dist/ (ES modules, .d.ts, source maps)",
        $"npm version patch           # the version is in package.json ({version}); raise it when the API changes",
        "npm pack --dry-run          # what would be published",
        "npm publish --access public # or --registry for a private registry",
        "```",
        "",
        $"The package is `{name}`: ES modules with types, Node 20+ (or any runtime with `fetch`), no runtime dependencies.",
        "Install `@opentelemetry/api` next to it for spans per call.",
    ];
}
