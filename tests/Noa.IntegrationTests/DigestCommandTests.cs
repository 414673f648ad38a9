using System.IO.Compression;
using System.Text.Json;

namespace Noa.IntegrationTests;

public sealed class DigestCommandTests : IDisposable
{
    private readonly TempDir _temp = new("noa-it");
    private string Home => _temp.Combine("home");

    private string SmallProject()
    {
        _temp.Write("src/app.py", "import os\n\n\ndef main():\n    print(os.environ.get('PORT', '8080'))\n\n\nif __name__ == '__main__':\n    main()\n");
        _temp.Write("src/util.js", "module.exports = function add(a, b) { return a + b; };\n");
        _temp.Write("src/.gitignore", "build/\n");
        _temp.Write("src/build/out.js", "ignored();\n");
        _temp.Write("src/LICENSE", File.ReadAllText("/usr/share/common-licenses/Apache-2.0"));
        return _temp.Combine("src");
    }

    [Fact]
    public async Task Digest_Folder_WritesBundleAndExitsZero()
    {
        var output = _temp.Combine("out");
        var result = await NoaProcess.RunAsync(Home, "digest", SmallProject(), "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Bundle: " + output, result.Stdout);
        using var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "provenance.json")));
        Assert.Equal("folder", provenance.RootElement.GetProperty("kind").GetString());
        Assert.Equal(4, provenance.RootElement.GetProperty("files").GetInt32());
        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "profile.json")));
        var languages = profile.RootElement.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToArray();
        Assert.Contains("Python", languages);
        Assert.Contains("JavaScript", languages);
        Assert.False(File.Exists(Path.Combine(output, "snapshot.json")));
    }

    [Fact]
    public async Task Digest_ZipSlipArchive_ExitsTwoAndNamesTheEntry()
    {
        var zip = _temp.Combine("evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("ok.txt").Open())) w.Write("fine");
            using (var w = new StreamWriter(archive.CreateEntry("../../escaped.txt").Open())) w.Write("evil");
        }

        var result = await NoaProcess.RunAsync(Home, "digest", zip, "--out", _temp.Combine("out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("../../escaped.txt", result.Stdout + result.Stderr);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escaped.txt")));
    }

    [Fact]
    public async Task Digest_MissingSource_ExitsTwo()
    {
        var result = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("does-not-exist"));
        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Digest_UnknownOnlyStage_ExitsTwoWithTheValidNames()
    {
        var result = await NoaProcess.RunAsync(Home, "digest", SmallProject(), "--only", "clasifier");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("clasifier", result.Stderr);
        Assert.Contains("classifier", result.Stderr);
    }

    [Fact]
    public async Task Digest_OnlyIntake_RunsNothingElse()
    {
        var output = _temp.Combine("out");
        var result = await NoaProcess.RunAsync(Home, "digest", SmallProject(), "--only", "intake", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "provenance.json")));
        Assert.False(File.Exists(Path.Combine(output, "profile.json")));
    }

    [Fact]
    public async Task Runs_ListAndShow_ShowTheDigestedRun()
    {
        var digest = await NoaProcess.RunAsync(Home, "digest", SmallProject(), "--out", _temp.Combine("out"));
        Assert.True(digest.ExitCode == 0, digest.ToString());
        var runId = System.Text.RegularExpressions.Regex.Match(digest.Stdout, @"run_[0-9A-Z]{26}").Value;

        var list = await NoaProcess.RunAsync(Home, "runs", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(runId, list.Stdout);

        var show = await NoaProcess.RunAsync(Home, "runs", "show", runId);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("profile.json", show.Stdout);
        Assert.Contains("classifier", show.Stdout);

        var json = await NoaProcess.RunAsync(Home, "runs", "show", runId, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            Assert.Equal("succeeded", doc.RootElement.GetProperty("run").GetProperty("state").GetString());
            var stages = doc.RootElement.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("stage").GetString()!).ToArray();
            Assert.Equal(["intake", "classifier"], stages[..2]);
            Assert.Equal(["embeddings", "env", "graph", "integrator", "runner", "safety"], stages[2..^1].Order(StringComparer.Ordinal)); // graph and safety side by side, embeddings and env after graph, integrator and runner after graph and safety
            Assert.Equal("registrar", stages[^1]); // last: it publishes what the others wrote
            Assert.Contains(doc.RootElement.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("path").GetString() == "profile.json");
        }

        var missing = await NoaProcess.RunAsync(Home, "runs", "show", "run_nope");
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task Serve_ListTargets_PrintsTheCatalogue()
    {
        var result = await NoaProcess.RunAsync(Home, "serve", "--list-targets");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "all", "intake", "classifier", "workflows", "metadata" })
            Assert.Contains(name, result.Stdout);
    }

    [Fact]
    public async Task Serve_UnknownTarget_ExitsTwoNamingIt()
    {
        var result = await NoaProcess.RunAsync(Home, "serve", "--target", "gateway,intakee");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'intakee'", result.Stderr);
    }

    [Fact]
    public async Task Help_DocumentsExitCodes()
    {
        var result = await NoaProcess.RunAsync(Home, "digest", "--help");
        Assert.Contains("3 blocked by a gate", result.Stdout);
    }

    [Fact]
    public async Task Help_WithNoVerb_ListsEveryVerb_AndAVerbAloneStillParsesItsOptions()
    {
        // `noa VERB ...` builds only that verb (startup); everything else must still see them all (but the hidden
        // prepare-models and search-resident, which make build and noa search call).
        var help = await NoaProcess.RunAsync(Home, "--help");
        var verbs = await NoaProcess.RunAsync(Home, "runs", "list", "--limit", "1", "--json");

        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var verb in new[] { "advisories", "capsule", "catalog", "digest", "publish", "pull", "runs", "search", "serve", "verify" })
            Assert.Contains($"  {verb} ", help.Stdout);
        Assert.True(verbs.ExitCode == 0, verbs.ToString());
        Assert.StartsWith("[", verbs.Stdout.TrimStart());
    }

    [Fact]
    public async Task Digest_EmptyFolder_SaysTheSourceIsEmpty()
    {
        Directory.CreateDirectory(_temp.Combine("empty"));

        var result = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("empty"), "--out", _temp.Combine("out"), "--only", "classifier");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("The source holds no files", result.Stdout);
    }

    [Fact]
    public async Task Digest_UnknownStage_NamesTheFlagInWords()
    {
        var result = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("x"), "--only", "bogus");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--only: Unknown stage 'bogus'", result.Stderr);
        Assert.DoesNotContain("(Parameter", result.Stderr);
    }

    [Fact]
    public async Task UnknownVerb_OneErrorNamingIt()
    {
        var result = await NoaProcess.RunAsync(Home, "bogus");

        Assert.True(result.ExitCode == 2, result.ToString());
        var errors = result.Stderr.Split('\n').Where(l => l.StartsWith("noa: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1 && errors[0].Contains("'bogus'", StringComparison.Ordinal), result.Stderr);
    }

    [Fact]
    public async Task Digest_Folder_PrintsTheRunIdBeforeTheStages()
    {
        var result = await NoaProcess.RunAsync(Home, "digest", SmallProject(), "--out", _temp.Combine("out"), "--only", "intake");

        Assert.True(result.ExitCode == 0, result.ToString());
        var started = result.Stdout.IndexOf("started; if it is interrupted, continue it with: noa digest --resume run_", StringComparison.Ordinal);
        Assert.True(started >= 0 && started < result.Stdout.IndexOf("intake", StringComparison.Ordinal), result.Stdout);
    }

    public void Dispose() => _temp.Dispose();
}
