using static Noa.Safety.Sbom.Tests.Support.Inputs;

namespace Noa.Safety.Sbom.Tests;

public sealed class NpmParserTests
{
    [Fact]
    public void Build_PackageLockV3_ReadsAliasesGitWorkspacesNestedAndFlags()
    {
        var sbom = Build("npm-v3");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:npm/%40types/node@20.1.0 runtime transitive",
            "pkg:npm/debug@2.6.9 runtime direct",
            "pkg:npm/debug@4.3.4 dev transitive",
            "pkg:npm/express@4.18.2 runtime direct",
            "pkg:npm/fsevents@2.3.3 optional transitive",
            "pkg:npm/gitdep@1.2.0?vcs_url=git%2Bssh:%2F%2Fgit%40github.com%2Fuser%2Fgitdep.git%23abc runtime direct",
            "pkg:npm/jest-lite@1.0.0 dev direct",
            "pkg:npm/lodash@4.17.21 runtime direct",
        }, Describe(sbom));
        var express = sbom.Components.Single(c => c.Name == "express");
        Assert.Equal("SHA-512", express.Hashes.Single().Algorithm);
        Assert.StartsWith("e7f3ec2fa8863dd7d0fe528cd54b", express.Hashes.Single().Value);
        Assert.Equal("MIT", express.License!.Expression);
        Assert.Equal("MIT OR Apache-2.0", sbom.Components.Single(c => c.Name == "jest-lite").License!.Expression);
        Assert.Null(sbom.Components.Single(c => c.Name == "gitdep").License!.Expression);
        Assert.Equal("SHA-1", sbom.Components.Single(c => c.Version == "2.6.9").Hashes.Single().Algorithm);
        var edges = Edges(sbom);
        Assert.Contains("pkg:npm/jest-lite@1.0.0 -> pkg:npm/debug@4.3.4", edges);
        Assert.Contains("pkg:npm/express@4.18.2 -> pkg:npm/debug@2.6.9", edges);
        Assert.Contains("pkg:npm/express@4.18.2 -> pkg:npm/%40types/node@20.1.0", edges);
        Assert.Contains($"{sbom.ProjectRef} -> pkg:npm/lodash@4.17.21", edges);
    }

    [Fact]
    public void Build_PackageLockV1_ResolvesNestedRequiresAndAliases()
    {
        var sbom = Build("npm-v1");

        Assert.Equal(new[]
        {
            "pkg:npm/inner@1.0.0 runtime transitive", // the fixture, like npm 6 for a shared package, sets no dev flag
            "pkg:npm/inner@2.0.0 runtime transitive",
            "pkg:npm/left-pad@1.3.0 runtime direct",
            "pkg:npm/mocha-lite@1.0.0 dev direct",
            "pkg:npm/right-pad@1.0.1 runtime direct",
        }, Describe(sbom));
        var edges = Edges(sbom);
        Assert.Contains("pkg:npm/left-pad@1.3.0 -> pkg:npm/inner@2.0.0", edges);
        Assert.Contains("pkg:npm/mocha-lite@1.0.0 -> pkg:npm/inner@1.0.0", edges);
    }

    [Fact]
    public void Build_YarnV1_ReadsDescriptorsAliasesGitAndScopesFromPackageJson()
    {
        var sbom = Build("yarn-v1");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:npm/%40babel/code-frame@7.12.13 dev direct",
            "pkg:npm/%40babel/highlight@7.13.10 dev transitive",
            "pkg:npm/chalk@2.4.2 runtime direct",
            "pkg:npm/gitpkg@1.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fuser%2Fgitpkg.git%230123abc runtime transitive",
            "pkg:npm/left-pad@1.3.0 runtime direct",
        }, Describe(sbom));
        Assert.Contains("pkg:npm/%40babel/highlight@7.13.10 -> pkg:npm/chalk@2.4.2", Edges(sbom));
    }

    [Fact]
    public void Build_YarnBerry_FoldsPatchesIntoTheirPackageAndSkipsWorkspaces()
    {
        var sbom = Build("yarn-berry");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:npm/hasown@2.0.2 runtime transitive",
            "pkg:npm/is-core-module@2.13.1 runtime transitive",
            "pkg:npm/resolve@1.22.8 runtime direct",
            "pkg:npm/typescript@5.4.5 dev direct",
        }, Describe(sbom));
        Assert.Contains("pkg:npm/resolve@1.22.8 -> pkg:npm/is-core-module@2.13.1", Edges(sbom));
    }

    [Theory]
    [InlineData("pnpm-v5")]
    [InlineData("pnpm-v6")]
    [InlineData("pnpm-v9")]
    public void Build_PnpmLock_ReadsPackagesImportersAndPeerSuffixes(string fixture)
    {
        var sbom = Build(fixture);

        Assert.Empty(sbom.Problems);
        string[] expected = fixture == "pnpm-v5"
            ? [
                "pkg:npm/%40babel/core@7.20.12 dev direct",
                "pkg:npm/react-redux@8.0.5 runtime direct",
                "pkg:npm/react@18.2.0 runtime transitive",
            ]
            : fixture == "pnpm-v6"
            ? [
                "pkg:npm/%40types/react@18.2.7 dev direct",
                "pkg:npm/js-tokens@4.0.0 runtime transitive",
                "pkg:npm/loose-envify@1.4.0 runtime transitive",
                "pkg:npm/react-dom@18.2.0 runtime direct",
                "pkg:npm/react@18.2.0 runtime direct",
            ]
            : [
                "pkg:npm/ansi-regex@5.0.1 runtime direct",
                "pkg:npm/string-width@4.2.3 runtime direct",
                "pkg:npm/vitest-lite@1.0.0 dev direct",
                "pkg:npm/zod@3.22.4 runtime direct",
            ];
        Assert.Equal(expected, Describe(sbom));
        Assert.All(sbom.Components, c => Assert.Equal("SHA-512", Assert.Single(c.Hashes).Algorithm));
        Assert.Contains(fixture switch
        {
            "pnpm-v5" => "pkg:npm/react-redux@8.0.5 -> pkg:npm/react@18.2.0",
            "pnpm-v6" => "pkg:npm/react-dom@18.2.0 -> pkg:npm/react@18.2.0",
            _ => "pkg:npm/string-width@4.2.3 -> pkg:npm/ansi-regex@5.0.1",
        }, Edges(sbom));
    }
}
