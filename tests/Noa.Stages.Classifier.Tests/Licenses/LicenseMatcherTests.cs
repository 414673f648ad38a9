using System.Text.Json;
using Noa.Stages.Classifier.Licenses;

namespace Noa.Stages.Classifier.Tests.Licenses;

public sealed class LicenseMatcherTests
{
    private const string CommonLicenses = "/usr/share/common-licenses";
    private const string NpmPackages = "/usr/lib/node_modules/npm/node_modules";

    // Debian ships the licence texts as projects copy them; each must match its SPDX id.
    [Theory]
    [InlineData("Apache-2.0", "Apache-2.0")]
    [InlineData("GPL-2", "GPL-2.0-only")]
    [InlineData("GPL-3", "GPL-3.0-only")]
    [InlineData("LGPL-2.1", "LGPL-2.1-only")]
    [InlineData("LGPL-3", "LGPL-3.0-only")]
    [InlineData("MPL-2.0", "MPL-2.0")]
    [InlineData("BSD", "BSD-3-Clause")]
    [InlineData("CC0-1.0", "CC0-1.0")]
    public void Match_DebianCommonLicense_FindsSpdxId(string file, string expected)
    {
        var path = Path.Combine(CommonLicenses, file);
        if (!File.Exists(path))
        {
            return; // Not a Debian machine: the hand-written and npm cases still run.
        }
        var match = LicenseMatcher.Match(File.ReadAllText(path));
        Assert.Equal(expected, match.Id);
        Assert.True(match.Confidence >= LicenseMatcher.Threshold);
    }

    [Fact]
    public void Match_GoLicense_IsBsd3Clause() =>
        Assert.Equal("BSD-3-Clause", LicenseMatcher.Match(TestTexts.GoLicense).Id);

    [Fact]
    public void Match_MitWithHolder_IsMit()
    {
        var match = LicenseMatcher.Match(TestTexts.Mit);
        Assert.Equal("MIT", match.Id);
        Assert.True(match.Confidence > 0.95, $"confidence {match.Confidence}");
    }

    [Fact]
    public void Match_NotALicense_HasNoId()
    {
        var match = LicenseMatcher.Match("This project is great. Install it with npm and enjoy the ride, it does many things.");
        Assert.Null(match.Id);
        Assert.True(match.Confidence < LicenseMatcher.Threshold);
    }

    // The data packages this project builds from carry their own licence files.
    [Theory]
    [InlineData("linguist-languages", "MIT")]
    [InlineData("spdx-license-list", "CC0-1.0")]
    public void Match_DataPackageLicense_AgreesWithItsPackageJson(string package, string expected)
    {
        var dir = RepoFolder(Path.Combine("data", "node_modules", package));
        var file = dir is null ? null : Directory.EnumerateFiles(dir).FirstOrDefault(f => LicenseAnalyzer.IsLicenseFile(Path.GetFileName(f)));
        if (file is null)
        {
            Requirement.Unmet("data/node_modules is missing: run scripts/fetch-data.sh");
            return;
        }
        Assert.Equal(expected, LicenseMatcher.Match(File.ReadAllText(file)).Id);
    }

    private static string? RepoFolder(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var path = Path.Combine(dir.FullName, relative);
                return Directory.Exists(path) ? path : null;
            }
        }
        return null;
    }

    // Real packages: where package.json declares one common licence and a LICENSE file sits beside
    // it, the text must match the declaration (a few packages ship a different text, so 90% must agree).
    [Fact]
    public void Match_RealNpmPackages_AgreeWithDeclaredLicense()
    {
        if (!Directory.Exists(NpmPackages))
        {
            return;
        }
        string[] common = ["MIT", "ISC", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "BlueOak-1.0.0"];
        int checkedCount = 0, agreed = 0;
        var disagreements = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(NpmPackages).Order(StringComparer.Ordinal))
        {
            var manifest = Path.Combine(dir, "package.json");
            var license = Directory.EnumerateFiles(dir).FirstOrDefault(f => LicenseAnalyzer.IsLicenseFile(Path.GetFileName(f)));
            if (!File.Exists(manifest) || license is null)
            {
                continue;
            }
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            if (!doc.RootElement.TryGetProperty("license", out var declared) || declared.ValueKind != JsonValueKind.String
                || !common.Contains(declared.GetString()))
            {
                continue;
            }
            checkedCount++;
            var match = LicenseMatcher.Match(File.ReadAllText(license));
            if (match.Id == declared.GetString())
            {
                agreed++;
            }
            else
            {
                disagreements.Add($"{Path.GetFileName(dir)}: declared {declared.GetString()}, matched {match.Id ?? "none"} ({match.Closest} {match.Confidence})");
            }
        }
        Assert.True(checkedCount >= 20, $"only {checkedCount} packages checked");
        Assert.True(agreed >= checkedCount * 0.9, $"{agreed}/{checkedCount} agreed:\n{string.Join('\n', disagreements)}");
    }
}
