using System.Text.Json;
using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;
using Noa.Stages.Graph.Build;
using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Tests.Output;

/// <summary>A small hand-built graph with every node kind, edge kind, flag and field, and a matching profile.</summary>
internal static class SampleGraph
{
    public static string Dir(string path) => Symbols.Directory(path);

    public static string File(string path) => Symbols.File(path.EndsWith(".go", StringComparison.Ordinal) ? "go" : "pypi", path);

    public static KnowledgeGraph Create(int extraEndpoints = 0)
    {
        var g = new KnowledgeGraph();
        foreach (var dir in new[] { "", "api", "db", "cli", "util", "tests" })
        {
            g.Nodes.Add(new KgNode { Id = Dir(dir), Kind = "directory", Name = dir.Length == 0 ? "." : dir, File = dir.Length == 0 ? "." : dir });
            if (dir.Length > 0)
            {
                g.Edges.Add(new KgEdge(Dir(""), Dir(dir), "CONTAINS", "tree-sitter", 1));
            }
        }
        foreach (var path in new[] { "api/routes.py", "api/server.py", "db/store.py", "cli/main.go", "util/helpers.py", "tests/test_api.py" })
        {
            g.Nodes.Add(new KgNode
            {
                Id = File(path), Kind = "file", Name = Path.GetFileName(path), Language = path.EndsWith(".go", StringComparison.Ordinal) ? "go" : "python",
                File = path, Range = new TextRange(1, 1, 40, 1), Flags = path == "api/server.py" ? ["partial"] : null,
                Properties = new(StringComparer.Ordinal) { ["scope"] = path.StartsWith("tests/", StringComparison.Ordinal) ? "test" : "product" },
            });
            g.Edges.Add(new KgEdge(Dir(path[..path.IndexOf('/')]), File(path), "CONTAINS", "tree-sitter", 1));
        }
        var handler = File("api/routes.py") + "list_users().";
        var main = File("cli/main.go") + "main().";
        var test = File("tests/test_api.py") + "test_users().";
        var store = File("db/store.py") + "Store#";
        g.Nodes.Add(new KgNode { Id = handler, Kind = "function", Name = "list_users", Language = "python", File = "api/routes.py", Range = new TextRange(10, 1, 14, 20), Doc = "Lists users.", Signature = "def list_users():" });
        g.Nodes.Add(new KgNode { Id = main, Kind = "function", Name = "main", Language = "go", File = "cli/main.go", Range = new TextRange(5, 1, 9, 2), Flags = ["entry"] });
        g.Nodes.Add(new KgNode { Id = test, Kind = "function", Name = "test_users", Language = "python", File = "tests/test_api.py", Range = new TextRange(3, 1, 6, 1), Flags = ["test"] });
        g.Nodes.Add(new KgNode { Id = store, Kind = "class", Name = "Store", Language = "python", File = "db/store.py", Range = new TextRange(2, 1, 30, 1) });
        Endpoint(g, "GET", "/users", "api/routes.py", 9, handler, 1.0);
        Endpoint(g, "POST", "/import", "api/routes.py", 20, File("api/routes.py"), 0.7);
        Endpoint(g, "GET", "/health", "tests/test_api.py", 2, test, 1.0);
        for (var i = 0; i < extraEndpoints; i++)
        {
            Endpoint(g, "GET", $"/items/{i:D3}", "api/server.py", 100 + i, File("api/server.py"), 1.0);
        }
        Surface(g, "env", "DATABASE_URL", "environment variable", handler, "READS_CONFIG", 12);
        Surface(g, "config", "app.port", "configuration key", main, "READS_CONFIG", 6);
        Surface(g, "flag", "--port", "command-line flag", main, "DEFINES", 7);
        Surface(g, "command", "serve", "command-line subcommand", main, "DEFINES", 8);
        Surface(g, "store", "postgres", "PostgreSQL", File("db/store.py"), "DEPENDS_ON", 1);
        g.Edges.Add(new KgEdge(store, "store:postgres", "READS", "heuristic", 0.7, 12));
        g.Edges.Add(new KgEdge(store, "store:postgres", "WRITES", "heuristic", 0.7, 14));
        Surface(g, "service", "api.example.com", "external service", handler, "DEPENDS_ON", 13);
        Surface(g, "service", "fixture.test", "external service", test, "DEPENDS_ON", 5);
        g.Nodes.Add(new KgNode { Id = "external:pypi:flask", Kind = "external", Name = "flask", Language = "python", Properties = new(StringComparer.Ordinal) { ["manager"] = "pypi" } });
        g.Nodes.Add(new KgNode
        {
            Id = "entrypoint:go-main:cli/main.go", Kind = "entrypoint", Name = "cli", File = "cli/main.go", Range = new TextRange(5, 1, 5, 1),
            Properties = new(StringComparer.Ordinal)
            {
                ["kind"] = "go-main", ["scope"] = "product", ["role"] = "primary", ["app"] = "cli", ["project"] = "cli/go.mod",
                ["evidence"] = "package main, func main", ["command"] = "go run .", ["cwd"] = "cli", ["commandSource"] = "convention",
            },
        });
        g.Nodes.Add(new KgNode
        {
            Id = "entrypoint:wsgi:api/server.py", Kind = "entrypoint", Name = "app", File = "api/server.py", Range = new TextRange(3, 1, 3, 1),
            Properties = new(StringComparer.Ordinal)
            {
                ["kind"] = "wsgi", ["scope"] = "product", ["role"] = "primary", ["app"] = ".", ["evidence"] = "module-level WSGI application `app`",
                ["command"] = "gunicorn api.server:app", ["cwd"] = ".", ["commandSource"] = "Procfile:1", ["documented"] = "Procfile:1",
            },
        });
        g.Nodes.Add(new KgNode
        {
            Id = "entrypoint:python-main:tests/test_api.py", Kind = "entrypoint", Name = "test_api", File = "tests/test_api.py", Range = new TextRange(30, 1, 30, 1),
            Properties = new(StringComparer.Ordinal) { ["kind"] = "python-main", ["scope"] = "test", ["role"] = "test", ["app"] = "." },
        });
        g.Nodes.Add(new KgNode
        {
            Id = "project:cli/go.mod", Kind = "project", Name = "example.com/cli", File = "cli/go.mod",
            Properties = new(StringComparer.Ordinal) { ["ecosystem"] = "go", ["root"] = "cli", ["scope"] = "product", ["files"] = "1" },
        });
        Task(g, "install", "pip install -r requirements.txt", ".", "README.md", 5, "readme", "0");
        Task(g, "test", "pytest -q", ".", "README.md", 9, "readme", "0");
        Task(g, "run", "gunicorn api.server:app", ".", "Procfile", 1, "procfile", "1");
        Task(g, "build", "go build ./...", "cli", "cli/go.mod", 1, "convention", "7");
        Task(g, "run", "python scripts/start.py", ".", "README.md", 12, "readme", "0", missing: "scripts/start.py");
        g.Edges.Add(new KgEdge(File("api/routes.py"), "external:pypi:flask", "IMPORTS", "tree-sitter", 1, 1));
        g.Edges.Add(new KgEdge(File("api/routes.py"), File("db/store.py"), "IMPORTS", "tree-sitter", 1, 2));
        g.Edges.Add(new KgEdge(File("api/routes.py"), File("util/helpers.py"), "IMPORTS", "tree-sitter", 0.8, 3));
        g.Edges.Add(new KgEdge(Dir("api"), Dir("db"), "DEPENDS_ON", "tree-sitter", 1));
        g.Edges.Add(new KgEdge(Dir("api"), Dir("util"), "DEPENDS_ON", "tree-sitter", 1));
        g.Edges.Add(new KgEdge(File("api/routes.py"), handler, "DEFINES", "tree-sitter", 1));
        g.Edges.Add(new KgEdge(handler, store, "CALLS", "tree-sitter", 0.9, 11));
        g.Edges.Add(new KgEdge(handler, store, "REFERENCES", "tree-sitter", 1, 11));
        g.Edges.Add(new KgEdge(store, File("util/helpers.py") + "Base#", "INHERITS", "heuristic", 0.5, 2));
        g.Edges.Add(new KgEdge(store, File("util/helpers.py") + "Closeable#", "IMPLEMENTS", "tree-sitter", 1, 2));
        g.Edges.Add(new KgEdge(test, handler, "TESTS", "tree-sitter", 1, 4));
        g.Flows.Add(new KgFlow("endpoint:GET /users @api/routes.py:9", handler, ["env:DATABASE_URL"], ["store:postgres"], ["service:api.example.com"]));
        g.Skipped.Add(new KgSkipped("web/bundle.min.js", "minified (9,000 bytes per line on average)"));
        g.Stats.Parsed = 5;
        g.Stats.Cached = 1;
        g.Stats.Partial = 1;
        g.Stats.Skipped["minified"] = 1;
        g.Stats.Languages["go"] = 1;
        g.Stats.Languages["python"] = 5;
        g.Stats.UnresolvedReferences = 3;
        g.Nodes.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var kind in g.Nodes.GroupBy(n => n.Kind))
        {
            g.Stats.Nodes[kind.Key] = kind.Count();
        }
        foreach (var kind in g.Edges.GroupBy(e => e.Kind))
        {
            g.Stats.Edges[kind.Key] = kind.Count();
        }
        return g;
    }

    public const string ProfileJson = """
        {
          "version": 2,
          "data": { "linguistLanguages": "7.0.0", "spdxLicenseList": "6.10.0" },
          "languages": [
            { "name": "Python", "type": "programming", "files": 5, "bytes": 9000, "share": 0.75 },
            { "name": "Shell", "type": "programming", "files": 2, "bytes": 2000, "share": 0.1667 },
            { "name": "Go", "type": "programming", "files": 1, "bytes": 1000, "share": 0.0833 }
          ],
          "files": { "total": 10, "classified": 8, "other": 2, "vendored": 0, "generated": 0, "documentation": 0, "binary": 0 },
          "scopes": { "product": 10, "test": 0, "fixture": 0, "example": 0, "benchmark": 0, "documentation": 0, "generated": 0, "vendored": 0 },
          "buildSystems": [
            { "id": "go-modules", "name": "Go modules", "kind": "package-manager", "ecosystem": "go", "scopes": ["product"], "evidence": [{ "path": "cli/go.mod", "detail": "go.mod" }] },
            { "id": "gradle", "name": "Gradle", "kind": "build-system", "scopes": ["product"], "evidence": [{ "path": "gradlew", "detail": "gradlew" }] },
            { "id": "pip", "name": "pip", "kind": "package-manager", "scopes": ["product"], "evidence": [{ "path": "requirements.txt", "detail": "requirements file" }] }
          ],
          "frameworks": [{ "id": "flask", "name": "Flask", "kind": "http", "ecosystem": "pypi", "scopes": ["product"], "evidence": [{ "path": "requirements.txt", "detail": "flask" }] }],
          "elsewhere": { "buildSystems": [], "frameworks": [] },
          "serviceType": "http-api",
          "serviceTypes": [{ "type": "http-api", "score": 3, "confidence": 0.75, "evidence": [{ "path": "requirements.txt", "detail": "flask" }] }],
          "apps": [],
          "workspaces": [],
          "licenses": { "primary": "MIT", "files": [], "declared": [], "notices": [], "spdxHeaders": [] }
        }
        """;

    public static CardProfile Profile() =>
        CardProfile.From(JsonSerializer.Deserialize(ProfileJson, ArtifactJson.Readable.Profile)!);

    private static void Endpoint(KnowledgeGraph g, string method, string route, string file, int line, string handler, double confidence)
    {
        var id = $"endpoint:{method} {route} @{file}:{line}";
        g.Nodes.Add(new KgNode
        {
            Id = id, Kind = "endpoint", Name = $"{method} {route}", Language = "python", File = file, Range = new TextRange(line, 1, line, 1),
            Properties = new(StringComparer.Ordinal) { ["handler"] = handler, ["method"] = method, ["route"] = route },
        });
        g.Edges.Add(new KgEdge(handler, id, "EXPOSES", "tree-sitter", confidence, line));
    }

    private static void Task(KnowledgeGraph g, string phase, string command, string cwd, string file, int line, string source, string rank, string? missing = null)
    {
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["phase"] = phase, ["command"] = command, ["cwd"] = cwd, ["source"] = source, ["rank"] = rank,
        };
        if (missing is not null)
        {
            properties["missing"] = missing;
        }
        g.Nodes.Add(new KgNode { Id = $"task:{phase}:{cwd}:{command}", Kind = "task", Name = command, File = file, Range = new TextRange(line, 1, line, 1), Properties = properties });
    }

    private static void Surface(KnowledgeGraph g, string kind, string value, string description, string src, string edge, int line)
    {
        g.Nodes.Add(new KgNode { Id = $"{kind}:{value}", Kind = kind, Name = value, Properties = new(StringComparer.Ordinal) { ["description"] = description } });
        g.Edges.Add(new KgEdge(src, $"{kind}:{value}", edge, "tree-sitter", 0.9, line));
    }
}
