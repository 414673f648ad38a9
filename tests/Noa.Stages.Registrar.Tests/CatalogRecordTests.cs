using System.Text.Json;
using Noa.Abstractions;
using Noa.Abstractions.Profiles;
using Noa.Stages.Classifier;

namespace Noa.Stages.Registrar.Tests;

/// <summary>
/// Publishing records the run's catalogue row from its artifacts: a real npm package classified by the real Classifier
/// (its profile.json), checked against what the package itself declares (package.json), not against our own output.
/// </summary>
public sealed class CatalogRecordTests : IDisposable
{
    private readonly PublishedRuns _runs = new();

    [Fact]
    public async Task Publish_RecordsTheRunsRow_FromItsProfileAndVerdict()
    {
        var folder = Requirement.Present(PublishedRuns.Corpus(Path.Combine("npm", "node_modules", "express")),
            "the npm corpus is missing (.cache/corpora/npm): run scripts/corpora.sh npm");
        var profile = (await new SourceClassifier().ClassifyDirectoryAsync(folder)).Profile;
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "package.json")));
        var declared = manifest.RootElement.GetProperty("license").GetString()!;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Profile.BundlePath] = profile.ToJson(),
            ["safety.json"] = """{"version":1,"status":"warn","policy":"default"}"""u8.ToArray(),
            ["source/package.json"] = await File.ReadAllBytesAsync(Path.Combine(folder, "package.json")),
        };
        var runId = await _runs.AddRunAsync("https://github.com/expressjs/express.git", files);

        var result = await _runs.Publisher(_runs.Layout()).PublishAsync(runId);
        var row = await _runs.Runs.GetAsync(runId);

        Assert.NotNull(row);
        Assert.Equal((result.Reference, result.Digest, result.Store), (row.Reference, row.Digest, row.Store));
        Assert.Equal("https://github.com/expressjs/express.git", row.Source);
        Assert.Equal("github-com-expressjs-express", row.SourceName); // as in the repository noa/github-com-expressjs-express
        Assert.Equal(Tenants.Local, row.Tenant);
        Assert.Equal("warn", row.Verdict);
        Assert.Contains(declared, row.Licenses);
        Assert.Contains("JavaScript", row.Languages);
        Assert.Equal(profile.ServiceType, row.ServiceTypes[0]);
        var page = await _runs.Runs.ListAsync(new CatalogQuery(License: declared.ToLowerInvariant(), Language: "javascript"));
        Assert.Equal([runId], page.Entries.Select(e => e.RunId));
    }

    [Fact]
    public async Task Publish_RunWithoutProfileOrSafety_IsRecordedWithEmptyFacts_AndAgainReplaces()
    {
        var runId = await _runs.AddRunAsync("/srv/sources/plain", new Dictionary<string, byte[]> { ["README.md"] = "# plain\n"u8.ToArray() });
        var publisher = _runs.Publisher(_runs.Layout());

        await publisher.PublishAsync(runId);
        await publisher.PublishAsync(runId);

        var page = await _runs.Runs.ListAsync(new CatalogQuery(Source: "plain"));
        var row = Assert.Single(page.Entries);
        Assert.Empty(row.Languages);
        Assert.Empty(row.Licenses);
        Assert.Null(row.Verdict);
    }

    [Fact]
    public async Task Publish_SafetyReportWithoutAVerdict_FailsAsInvalid()
    {
        var runId = await _runs.AddRunAsync("/srv/sources/odd", new Dictionary<string, byte[]> { ["safety.json"] = """{"status":"maybe"}"""u8.ToArray() });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _runs.Publisher(_runs.Layout()).PublishAsync(runId));

        Assert.Contains("safety.json", error.Message);
        Assert.Null(await _runs.Runs.GetAsync(runId));
        Assert.False(Directory.Exists(Path.Combine(_runs.Home, "oci"))); // nothing pushed
    }

    public void Dispose() => _runs.Dispose();
}
