using System.Text.Json;
using Noa.Stages.Graph.Output;
using Noa.Stages.Graph.Repository;
using Noa.Stages.Graph.Tests.Output;

namespace Noa.Stages.Graph.Tests;

/// <summary>Issue 13's "done when" on this repository's own files: its manifests, READMEs, Makefile and every
/// Program.cs (the benchmarks' and any test project's too) give one product entry point, src/Noa.Cli.</summary>
public sealed class SelfDigestTests
{
    [Fact]
    public async Task Digest_ThisRepository_NoaCliIsTheOnlyProductEntryPoint()
    {
        var root = Root();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith(".", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal)
                && !p.StartsWith("bin/", StringComparison.Ordinal) && !p.Contains("node_modules/", StringComparison.Ordinal) && !p.StartsWith("noa-out/", StringComparison.Ordinal))
            .Where(p => RepoFiles.IsRead(p) && !p.EndsWith(".json", StringComparison.Ordinal) || Path.GetFileName(p) == "Program.cs" || p.StartsWith("src/Noa.Cli/", StringComparison.Ordinal) && p.EndsWith(".cs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(Path.Combine(root, p))))
            .ToArray();
        Assert.Contains(files, f => f.p == "src/Noa.Cli/Program.cs");
        var artifacts = await StageHarness.DigestAsync(new MemorySourceTree(files));
        var kg = JsonDocument.Parse(artifacts.Files["kg.json"]).RootElement;
        var entries = kg.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "entrypoint")
            .Select(n => (File: n.GetProperty("file").GetString()!, Scope: n.GetProperty("properties").GetProperty("scope").GetString()!)).ToList();
        Assert.Equal(["src/Noa.Cli/Program.cs"], entries.Where(e => e.Scope == "product").Select(e => e.File).ToList());
        Assert.DoesNotContain(entries, e => e.File.StartsWith("tests/", StringComparison.Ordinal) && e.Scope == "product");
        Assert.Contains(entries, e => e.File.StartsWith("bench/", StringComparison.Ordinal) && e.Scope == "benchmark");
        var card = artifacts.Text(SystemCard.BundlePath);
        var apps = CardProperties.Section(card, "Apps and entry points");
        Assert.Contains("`src/Noa.Cli`", apps, StringComparison.Ordinal);
        Assert.Contains("src/Noa.Cli/Program.cs", apps, StringComparison.Ordinal);
        Assert.DoesNotContain("tests/", apps.Split("Not the product's")[0], StringComparison.Ordinal);
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (Noa.slnx) is not above the test assembly");
    }
}
