using static Noa.Safety.Sbom.Tests.Support.Inputs;

namespace Noa.Safety.Sbom.Tests;

public sealed class PythonParserTests
{
    [Fact]
    public void Build_Requirements_PinsOnlyExactVersionsAndNamesTheBadLine()
    {
        var sbom = Build("python-req");

        Assert.Equal(new[]
        {
            "pkg:pypi/flask-login runtime direct",
            "pkg:pypi/pytest@8.0.0 dev direct",
            "pkg:pypi/requests@2.31.0 runtime direct",
            "pkg:pypi/urllib3@2.0.7 runtime direct",
        }, Describe(sbom));
        Assert.Equal(">=0.6", sbom.Components[0].Requirement);
        Assert.Equal("SHA-256", sbom.Components.Single(c => c.Name == "requests").Hashes.Single().Algorithm);
        var problem = Assert.Single(sbom.Problems);
        Assert.Equal("requirements-dev.txt", problem.Path);
        Assert.Contains("not a requirement !!", problem.Message);
    }

    [Fact]
    public void Build_PoetryLock_InfersDevFromPyprojectAndSkipsPathPackages()
    {
        var sbom = Build("poetry");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:pypi/certifi@2024.2.2 runtime transitive",
            "pkg:pypi/pluggy@1.4.0 dev transitive",
            "pkg:pypi/pytest@8.0.0 dev direct",
            "pkg:pypi/requests@2.31.0 runtime direct",
            "pkg:pypi/urllib3@2.2.1 optional transitive",
        }, Describe(sbom));
        Assert.Single(sbom.Components.Single(c => c.Name == "requests").Hashes);
        Assert.Empty(sbom.Components.Single(c => c.Name == "certifi").Hashes); // two files, two hashes: neither is the component's
        Assert.Contains("pkg:pypi/pytest@8.0.0 -> pkg:pypi/pluggy@1.4.0", Edges(sbom));
    }

    [Fact]
    public void Build_PipfileLock_ReadsDefaultAndDevelop()
    {
        var sbom = Build("pipfile");

        Assert.Equal(new[]
        {
            "pkg:pypi/asgiref@3.7.2 runtime transitive",
            "pkg:pypi/black@24.2.0 dev direct",
            "pkg:pypi/django@5.0.2 runtime direct",
        }, Describe(sbom));
    }

    [Fact]
    public void Build_UvLock_ReadsMembersDevGroupsAndSdistHashes()
    {
        var sbom = Build("uv");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:pypi/anyio@4.3.0 runtime direct",
            "pkg:pypi/idna@3.6 runtime transitive",
            "pkg:pypi/ruff@0.3.0 dev direct",
            "pkg:pypi/sniffio@1.3.1 runtime transitive",
        }, Describe(sbom));
        Assert.Equal("f75253795a87df48568485fd18cdd2a3fa5c4f7c5be8e5e36637733fce06fed6", sbom.Components[0].Hashes.Single().Value);
    }

    [Fact]
    public void Build_PyprojectAlone_GivesUnpinnedDirectRequirements()
    {
        var sbom = Build("pyproject");

        Assert.Equal(new[]
        {
            "pkg:pypi/attrs@23.2.0 runtime direct",
            "pkg:pypi/click optional direct",
            "pkg:pypi/httpx runtime direct",
            "pkg:pypi/pytest dev direct",
            "pkg:pypi/typing-extensions runtime direct",
        }, Describe(sbom));
        Assert.Equal(">=0.27", sbom.Components.Single(c => c.Name == "httpx").Requirement);
    }
}
