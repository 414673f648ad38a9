using Noa.Embeddings.Chunking;

namespace Noa.Embeddings.Tests.Chunking;

public sealed class CodeChunkingTests
{
    private const string Path = "pkg/greet.py";

    private const string Source = """"
        import os


        class Greeter:
            """Greets people."""
            prefix = "Hello"

            def greet(self, name):
                return f"{self.prefix}, {name}"

            def shout(self, name):
                return self.greet(name).upper()


        def main():
            print(Greeter().greet(os.environ["USER"]))
        """";

    private static readonly Kg.Def[] Defs =
    [
        new("noa pypi . . pkg/`greet.py`/Greeter#", "class", "Greeter", Path, [4, 1, 12, 40], "class Greeter:"),
        new("noa pypi . . pkg/`greet.py`/Greeter#greet().", "method", "greet", Path, [8, 5, 9, 40], "def greet(self, name):"),
        new("noa pypi . . pkg/`greet.py`/Greeter#shout().", "method", "shout", Path, [11, 5, 12, 40], "def shout(self, name):"),
        new("noa pypi . . pkg/`greet.py`/main().", "function", "main", Path, [15, 1, 16, 50], "def main():", "Entry point."),
    ];

    private static Task<ChunkResult> ChunkAsync(string source, params Kg.Def[] defs) =>
        Chunker.FromGraphAsync(Kg.Json(defs), p => p == Path ? source : null);

    [Fact]
    public async Task FromGraph_FunctionInAFunction_KeepsTheSeparator()
    {
        const string js = "export function useAuth() {\n  const login = () => {\n    return 1;\n  };\n  return { login };\n}\n";
        var result = await Chunker.FromGraphAsync(Kg.Json(
            new Kg.Def("noa npm . . src/`auth.js`/useAuth().", "function", "useAuth", "src/auth.js", [1, 8, 6, 1], "function useAuth()"),
            new Kg.Def("noa npm . . src/`auth.js`/useAuth().login().", "function", "login", "src/auth.js", [2, 9, 4, 3], "login = () =>")),
            p => p == "src/auth.js" ? js : null);
        Assert.Contains("useAuth().login", result.Chunks.Select(c => c.Symbol)); // not useAuthlogin
        Assert.Contains("useAuth", result.Chunks.Select(c => c.Symbol));
    }

    [Fact]
    public async Task FromGraph_ClassWithMethods_OneChunkPerDefinitionAndClassOutlinesItsMembers()
    {
        var result = await ChunkAsync(Source, Defs);

        Assert.Equal(["greet.py", "Greeter", "Greeter.greet", "Greeter.shout", "main"], result.Chunks.Select(c => c.Symbol));
        var cls = result.Chunks.Single(c => c.Symbol == "Greeter");
        Assert.Equal((4, 12, "class"), (cls.StartLine, cls.EndLine, cls.Kind));
        Assert.Contains("prefix = \"Hello\"", cls.Text);
        Assert.Contains("    def greet(self, name): …", cls.Text);
        Assert.DoesNotContain("upper()", cls.Text);
        var shout = result.Chunks.Single(c => c.Symbol == "Greeter.shout");
        Assert.Equal("pkg/greet.py | method Greeter.shout | def shout(self, name):", shout.Text.Split('\n')[0]);
        Assert.EndsWith("return self.greet(name).upper()", shout.Text);
        Assert.Equal("python", shout.Language);
        Assert.Contains("| Entry point.", result.Chunks.Single(c => c.Symbol == "main").Text.Split('\n')[0]);
        var file = result.Chunks[0];
        Assert.Contains("import os", file.Text);
        Assert.DoesNotContain("print(", file.Text);
        Assert.All(result.Chunks, c => Assert.InRange(c.TokenCount, 5, 256));
    }

    [Fact]
    public async Task FromGraph_SameInputTwice_SameIdsAndAnEditChangesOnlyItsChunk()
    {
        var first = await ChunkAsync(Source, Defs);
        var again = await ChunkAsync(Source, Defs);
        var edited = await ChunkAsync(Source.Replace(".upper()", ".lower()"), Defs);

        Assert.Equal(first.Chunks.Select(c => c.Id), again.Chunks.Select(c => c.Id));
        Assert.Equal(first.Chunks.Count, first.Chunks.Select(c => c.Id).Distinct().Count());
        var changed = first.Chunks.Zip(edited.Chunks).Where(p => p.First.Id != p.Second.Id).Select(p => p.First.Symbol);
        Assert.Equal(["Greeter.shout"], changed);
        Assert.All(first.Chunks, c => Assert.Matches("^[0-9a-f]{64}$", c.Id));
    }

    [Fact]
    public async Task FromGraph_OversizedFunction_SplitIntoWindowsWithinBudgetKeepingEveryLine()
    {
        var body = Enumerable.Range(1, 300).Select(i => $"    total = total + compute_value(item_{i}, factor={i})");
        var source = string.Join("\n", body.Prepend("def big(items):").Append("    return total")) + "\n";
        var result = await ChunkAsync(source, new Kg.Def("noa pypi . . pkg/`greet.py`/big().", "function", "big", Path, [1, 1, 302, 17], "def big(items):"));

        var parts = result.Chunks.Where(c => c.Symbol == "big").ToList();
        Assert.True(parts.Count > 5, $"{parts.Count} parts");
        Assert.Equal(Enumerable.Range(1, parts.Count), parts.Select(c => c.Part));
        Assert.All(parts, c => Assert.InRange(c.TokenCount, 1, 256));
        Assert.All(parts, c => Assert.StartsWith("pkg/greet.py | function big | def big(items):\n", c.Text));
        var lines = source.TrimEnd('\n').Split('\n');
        for (var n = 1; n <= lines.Length; n++)
            Assert.Contains(parts, c => c.StartLine <= n && n <= c.EndLine && c.Text.Contains(lines[n - 1]));
        Assert.True(parts.Zip(parts.Skip(1)).All(p => p.Second.StartLine <= p.First.EndLine), "consecutive windows overlap");
    }

    [Fact]
    public async Task FromGraph_OneLineLongerThanTheBudget_CutBetweenWordsWithNoWordLost()
    {
        var words = Enumerable.Range(1, 700).Select(i => $"v{i}");
        var source = "def flat(): return [" + string.Join(", ", words) + "]\n";
        var result = await ChunkAsync(source, new Kg.Def("noa pypi . . pkg/`greet.py`/flat().", "function", "flat", Path, [1, 1, 1, 30]));

        Assert.True(result.Chunks.Count > 2);
        Assert.All(result.Chunks, c => Assert.InRange(c.TokenCount, 1, 256));
        var kept = string.Join(" ", result.Chunks.Select(c => c.Text[(c.Text.IndexOf('\n') + 1)..]));
        Assert.Equal(source.TrimEnd('\n'), kept);
    }

    [Fact]
    public async Task FromGraph_FileTheReaderCannotRead_ReportedNotChunked()
    {
        var result = await Chunker.FromGraphAsync(Kg.Json(Defs), _ => null);

        Assert.Empty(result.Chunks);
        Assert.Equal([Path], result.Unreadable);
    }
}
