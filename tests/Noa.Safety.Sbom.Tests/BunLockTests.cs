using static Noa.Safety.Sbom.Tests.Support.Inputs;

namespace Noa.Safety.Sbom.Tests;

/// <summary>Bun's text lockfile. The fixture is written in the format bun 1.2 writes (JSONC with trailing commas, workspaces,
/// a nested copy per requiring package, a github dependency, a workspace link); its integrities are the npm registry's
/// (checked with <c>npm view zod@3.24.1 dist.integrity</c>).</summary>
public sealed class BunLockTests
{
    [Fact]
    public void Build_BunLock_ReadsWorkspacesNestedCopiesGitAndScopes()
    {
        var sbom = Build("bun");

        Assert.Empty(sbom.Problems);
        var described = Describe(sbom);
        Assert.Equal(new[]
        {
            "pkg:npm/%40hono/node-server@1.13.7 runtime direct",
            "pkg:npm/%40types/bun@1.1.14 dev direct",
            "pkg:npm/%40types/node@20.12.14 dev transitive",
            "pkg:npm/%40types/node@20.12.8 dev transitive",
            "pkg:npm/%40types/ws@8.5.13 dev transitive",
            "pkg:npm/bun-types@1.1.37 dev transitive",
            "pkg:npm/fsevents@2.3.3 optional direct",
            "pkg:npm/hono@3.12.12 runtime direct",
            "pkg:npm/hono@4.6.14 runtime direct",
        }, described.Where(d => !d.StartsWith("pkg:npm/left-pad", StringComparison.Ordinal)).Take(9));
        Assert.Contains(described, d => d.StartsWith("pkg:npm/left-pad?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fleft-pad%2Fleft-pad%235ac4b5d runtime direct", StringComparison.Ordinal));
        Assert.Contains("pkg:npm/typescript@5.7.2 dev direct", described);
        Assert.Contains("pkg:npm/undici-types@5.26.5 dev transitive", described);
        Assert.Contains("pkg:npm/zod@3.24.1 runtime direct", described);
        Assert.Equal(13, sbom.Components.Count); // the workspace "shared" is the project's own code
        var edges = Edges(sbom);
        Assert.Contains("pkg:npm/bun-types@1.1.37 -> pkg:npm/%40types/node@20.12.8", edges); // the nested copy first
        Assert.Contains("pkg:npm/%40types/ws@8.5.13 -> pkg:npm/%40types/node@20.12.14", edges);
        Assert.Contains("pkg:npm/%40hono/node-server@1.13.7 -> pkg:npm/hono@4.6.14", edges);
        var zod = sbom.Components.Single(c => c.Name == "zod");
        Assert.Equal("SHA-512", zod.Hashes.Single().Algorithm);
        Assert.Equal("bun.lock", zod.SourcePath);
    }

    [Theory]
    [InlineData("{\"lockfileVersion\": 1, \"packages\": {\"a\": [\"a\"]}}", "has no version")]
    [InlineData("{\"lockfileVersion\": 1, \"packages\": {\"a\": {\"version\": \"1\"}}}", "is not a package entry")]
    [InlineData("{\"packages\": {}}", "is not a bun.lock")]
    [InlineData("{\"lockfileVersion\": 1,, }", "cannot be read")]
    public void Build_BadBunLock_SaysWhatIsWrong(string text, string problem)
    {
        var sbom = SbomBuilder.Build([("bun.lock", System.Text.Encoding.UTF8.GetBytes(text))], "p");

        Assert.Contains(sbom.Problems, p => p.Path == "bun.lock" && p.Message.Contains(problem, StringComparison.Ordinal));
    }
}
