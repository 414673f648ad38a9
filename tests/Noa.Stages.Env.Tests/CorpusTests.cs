using Noa.Abstractions;

namespace Noa.Stages.Env.Tests;

/// <summary>Code others wrote, from scripts/corpora.sh: the express package (npm) is a library; facts anyone can check upstream.</summary>
public sealed class CorpusTests
{
    [Fact]
    public async Task ExpressPackage_IsALibrary_ItsEnvReadHasUpstreamDefaultAndLine()
    {
        var root = Corpus("npm/node_modules/express");
        var (outcome, artifacts, plan) = await EnvHarness.RunAsync(new DirectorySourceTree(root));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var app = Assert.Single(plan.Apps);
        Assert.Equal(("express", "library", false), (app.Name, app.Kind, app.Server));
        // lib/application.js: `var env = process.env.NODE_ENV || 'development';`
        var nodeEnv = Assert.Single(app.Env, e => e.Name == "NODE_ENV");
        Assert.Equal("development", nodeEnv.Default);
        var line = File.ReadAllLines(Path.Combine(root, "lib/application.js")).Select((text, i) => (text, i)).First(l => l.text.Contains("process.env.NODE_ENV", StringComparison.Ordinal)).i + 1;
        Assert.Contains($"lib/application.js:{line}", nodeEnv.Evidence);
        Assert.DoesNotContain("env/compose.yaml", artifacts.Files.Keys);
        Assert.Contains("nothing deployable", plan.Note);
    }

    internal static string Corpus(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, ".cache", "corpora", folder);
            if (Directory.Exists(path))
                return path;
        }
        Requirement.Unmet($".cache/corpora/{folder} is missing: run scripts/corpora.sh (CI=true needs the real corpora).");
        return null!;
    }
}
