using Noa.Safety.Secrets.Adapters;

namespace Noa.Safety.Secrets.Tests.Adapters;

/// <summary>Runs the real Gitleaks and Trivy binaries (scripts/tools.sh) on a planted tree.</summary>
public sealed class AdapterTests : IDisposable
{
    private static readonly Fake F = new("adapters");
    private readonly string _dir = Directory.CreateTempSubdirectory("noa-adapters-").FullName;
    private readonly string _github = "ghp_" + F.R(Fake.Alnum, 36);
    private readonly string _aws = "AKIA" + F.R(Fake.Base32, 16);

    public AdapterTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "src"));
        File.WriteAllText(Path.Combine(_dir, "src", "app.py"), $"import os\n\nGITHUB = \"{_github}\"\naws_id = \"{_aws}\"\n");
        File.WriteAllText(Path.Combine(_dir, "README.md"), "nothing to see\n");
    }

    [Fact]
    public async Task Gitleaks_PlantedTree_NormalisedRedactedAndMerged()
    {
        if (Tools.Find("gitleaks") is not { } exe) { return; }
        var result = await new GitleaksAdapter(exe).ScanAsync(_dir);
        Assert.True(result.Status == ExternalScanStatus.Completed, result.Detail);
        Assert.Equal([("src/app.py", 3, "github-pat"), ("src/app.py", 4, "aws-access-token")], result.Findings.Select(f => (f.Path, f.Line, f.RuleId)));
        AssertRedacted(result.Findings);
        Assert.Equal(["gitleaks"], result.Findings[0].Engines);

        var ours = await ScanHelper.DefaultScanner.ScanDirectoryAsync(_dir);
        var merged = SecretFindings.Merge(ours.Findings, result.Findings);
        Assert.Equal(2, merged.Count);
        Assert.All(merged, f => Assert.Equal(["noa", "gitleaks"], f.Engines));
        // Same rule id, path and secret: the content fingerprints agree across engines.
        Assert.Equal(ours.Findings[0].ContentFingerprint, result.Findings[0].ContentFingerprint);
    }

    [Fact]
    public async Task Trivy_PlantedTree_NormalisedAndMergedByLine()
    {
        if (Tools.Find("trivy") is not { } exe) { return; }
        var result = await new TrivyAdapter(exe).ScanAsync(_dir);
        Assert.True(result.Status == ExternalScanStatus.Completed, result.Detail);
        var found = result.Findings.Select(f => (f.Path, f.Line)).ToHashSet();
        Assert.Contains(("src/app.py", 4), found);
        AssertRedacted(result.Findings);
        var ours = await ScanHelper.DefaultScanner.ScanDirectoryAsync(_dir);
        var merged = SecretFindings.Merge(ours.Findings, result.Findings);
        Assert.Equal(2, merged.Count);
        Assert.Contains(merged, f => f.Line == 4 && f.Engines.SequenceEqual(["noa", "trivy"]));
    }

    [Fact]
    public async Task Adapters_NotInstalled_SayWhy()
    {
        var missing = Path.Combine(_dir, "no-such-binary");
        var gitleaks = await new GitleaksAdapter(missing).ScanAsync(_dir);
        var trivy = await new TrivyAdapter(missing).ScanAsync(_dir);
        Assert.Equal((ExternalScanStatus.NotInstalled, ExternalScanStatus.NotInstalled), (gitleaks.Status, trivy.Status));
        Assert.Empty(gitleaks.Findings);
    }

    [Fact]
    public void Parse_GitleaksReport_StripsSourceAndRedacts()
    {
        var json = $$"""[{"Description":"GitHub PAT","StartLine":7,"StartColumn":3,"Match":"token={{_github}}","Secret":"{{_github}}","File":"/src/repo/a/b.py","Commit":"","Entropy":4.5,"Tags":["t"],"RuleID":"github-pat"}]""";
        var f = Assert.Single(GitleaksAdapter.Parse(json, "/src/repo"));
        Assert.Equal(("a/b.py", 7, 3, "ghp_*****", "token=ghp_*****", "a/b.py:github-pat:7"), (f.Path, f.Line, f.Column, f.Redacted, f.RedactedMatch, f.Fingerprint));
    }

    private void AssertRedacted(IEnumerable<SecretFinding> findings)
    {
        var text = string.Join('\n', findings.Select(f => f.ToString()));
        Assert.DoesNotContain(_github[4..], text);
        Assert.DoesNotContain(_aws[4..], text);
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
