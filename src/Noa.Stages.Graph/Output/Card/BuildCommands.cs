using System.Text;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>
/// How to build, run and test, from evidence only: each build system the Classifier found maps to its tool's standard
/// commands (the table below); how to run lists the graph's entry points and scripts (no command is guessed for them); test counts from
/// definitions flagged <c>test</c>. A build system without a row here is listed with no command.
/// </summary>
internal static class BuildCommands
{
    /// <summary>Classifier build-system id → (setup or build command, test command), each the tool's documented default.</summary>
    internal static readonly IReadOnlyDictionary<string, (string? Build, string? Test)> Standard = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal)
    {
        ["autotools"] = ("./configure && make", "make check"),
        ["bazel"] = ("bazel build //...", "bazel test //..."),
        ["bun"] = ("bun install", "bun test"),
        ["bundler"] = ("bundle install", null),
        ["cabal"] = ("cabal build", "cabal test"),
        ["cargo"] = ("cargo build", "cargo test"),
        ["cmake"] = ("cmake -S . -B build && cmake --build build", "ctest --test-dir build"),
        ["composer"] = ("composer install", null),
        ["docker"] = ("docker build .", null),
        ["dotnet"] = ("dotnet build", "dotnet test"),
        ["flit"] = ("flit build", null),
        ["go-modules"] = ("go build ./...", "go test ./..."),
        ["gradle"] = ("gradle build", "gradle test"),
        ["hatch"] = ("hatch build", "hatch test"),
        ["just"] = ("just", null),
        ["make"] = ("make", null),
        ["maturin"] = ("maturin build", null),
        ["maven"] = ("mvn package", "mvn test"),
        ["meson"] = ("meson setup build && meson compile -C build", "meson test -C build"),
        ["mix"] = ("mix compile", "mix test"),
        ["npm"] = ("npm ci", "npm test"),
        ["pdm"] = ("pdm install", null),
        ["pip"] = ("pip install -r requirements.txt", null),
        ["pipenv"] = ("pipenv install", null),
        ["pnpm"] = ("pnpm install", "pnpm test"),
        ["poetry"] = ("poetry install", null),
        ["rebar3"] = ("rebar3 compile", "rebar3 eunit"),
        ["sbt"] = ("sbt compile", "sbt test"),
        ["setuptools"] = ("pip install .", null),
        ["stack"] = ("stack build", "stack test"),
        ["swiftpm"] = ("swift build", "swift test"),
        ["task"] = ("task", null),
        ["uv"] = ("uv sync", null),
        ["yarn"] = ("yarn install", "yarn test"),
        ["zig"] = ("zig build", "zig build test"),
    };

    public static void Write(StringBuilder md, CardProfile? profile, GraphIndex index)
    {
        md.Append("## How to build, run and test\n\n");
        var systems = profile?.BuildSystems ?? [];
        if (systems.Count == 0)
        {
            md.Append(profile is null ? "No profile.json: the build systems are not known.\n\n" : "The profile lists no build system.\n\n");
        }
        else
        {
            md.Append("| Build system | Evidence | Build | Test |\n|---|---|---|---|\n");
            foreach (var s in systems.OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                var (build, test) = Standard.GetValueOrDefault(s.Id);
                // The Gradle and Maven wrappers, when committed, pin the tool's version: prefer them.
                if (s.Evidence.Any(p => p.EndsWith("gradlew", StringComparison.Ordinal)))
                {
                    (build, test) = ("./gradlew build", "./gradlew test");
                }
                else if (s.Evidence.Any(p => p.EndsWith("mvnw", StringComparison.Ordinal)))
                {
                    (build, test) = ("./mvnw package", "./mvnw test");
                }
                md.Append($"| {Md.Cell(s.Name)} | {Md.Cell(Md.List(s.Evidence, 3))} | {Md.Cell(build is null ? "—" : Md.Code(build))} | {Md.Cell(test is null ? "—" : Md.Code(test))} |\n");
            }
            md.Append('\n');
        }
        WriteRun(md, index);
        var tests = index.Graph.Nodes.Where(GraphIndex.IsTest).GroupBy(n => n.Language ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {Md.N(g.Count())}").ToList();
        md.Append(tests.Count == 0
            ? "Tests: the graph has no test definitions.\n\n"
            : $"Tests: test definitions in the graph per language: {string.Join(", ", tests)}; {Md.N(index.Graph.Edges.Count(e => e.Kind == "TESTS"))} TESTS edges to what they call.\n\n");
    }

    private static void WriteRun(StringBuilder md, GraphIndex index)
    {
        var entries = index.Graph.Nodes.Where(n => GraphIndex.HasFlag(n, "entry")).ToList();
        var scripts = index.OfKind("script").ToList();
        if (entries.Count + scripts.Count == 0)
        {
            md.Append("Run: the graph has no entry point (`main`) and no manifest scripts, so how to run it is not known.\n\n");
            return;
        }
        md.Append("Run:\n\n");
        foreach (var e in entries.Take(20))
        {
            md.Append($"- entry point {Md.Code(e.Name)} ({e.Language}) in {Md.Where(e.File, e.Range?.StartLine)}\n");
        }
        if (entries.Count > 20)
        {
            md.Append($"- … and {Md.N(entries.Count - 20)} more entry points\n");
        }
        foreach (var s in scripts.Take(20))
        {
            md.Append($"- script {Md.Code(s.Name)}{(s.Properties?.GetValueOrDefault("command") is { } c ? ": " + Md.Code(c) : "")}\n");
        }
        md.Append('\n');
    }
}
