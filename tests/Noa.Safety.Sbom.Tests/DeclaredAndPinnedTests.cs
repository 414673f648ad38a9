using System.Text;
using static Noa.Safety.Sbom.Tests.Support.Inputs;

namespace Noa.Safety.Sbom.Tests;

/// <summary>A package a manifest declares with a range and the lockfile beside it pins is one component, with the lockfile's
/// version and both files as evidence.</summary>
public sealed class DeclaredAndPinnedTests
{
    private const string UvLock = """
        version = 1
        requires-python = ">=3.12"

        [[package]]
        name = "requests"
        version = "2.32.3"
        source = { registry = "https://pypi.org/simple" }
        dependencies = [
            { name = "idna" },
        ]

        [[package]]
        name = "idna"
        version = "3.7"
        source = { registry = "https://pypi.org/simple" }
        """;

    [Fact]
    public void Build_RequirementAndUvLock_InOneFolder_AreOneComponent()
    {
        var sbom = SbomBuilder.Build(Files(("requirements.txt", "Requests>=2.31\n"), ("uv.lock", UvLock)), "p");

        var requests = Assert.Single(sbom.Components, c => c.Name == "requests");
        Assert.Equal("pkg:pypi/requests@2.32.3", requests.Purl);
        Assert.Equal(["requirements.txt", "uv.lock"], requests.Sources);
        Assert.True(requests.Direct);
        Assert.Equal(">=2.31", requests.Requirement);
        Assert.Contains($"{sbom.ProjectRef} -> pkg:pypi/requests@2.32.3", Edges(sbom));
        Assert.Contains("pkg:pypi/requests@2.32.3 -> pkg:pypi/idna@3.7", Edges(sbom));
        Assert.DoesNotContain(Edges(sbom), e => e.EndsWith("pkg:pypi/requests", StringComparison.Ordinal));
        using var output = new MemoryStream();
        CycloneDxWriter.Write(sbom, output, DateTimeOffset.UnixEpoch);
        var cyclonedx = Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("\"value\": \"requirements.txt\"", cyclonedx);
        Assert.Contains("\"value\": \"uv.lock\"", cyclonedx);
    }

    [Fact]
    public void Build_RequirementInAnotherFolder_StaysItsOwnComponent()
    {
        // Control: the lockfile pins another project's packages.
        var sbom = SbomBuilder.Build(Files(("tools/requirements.txt", "requests>=2.31\n"), ("uv.lock", UvLock)), "p");

        Assert.Equal(["pkg:pypi/requests", "pkg:pypi/requests@2.32.3"], sbom.Components.Where(c => c.Name == "requests").Select(c => c.Purl));
    }

    private static List<(string, byte[])> Files(params (string Path, string Text)[] files) =>
        files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Text))).ToList();
}
