using static Noa.Safety.Sbom.Tests.Support.Inputs;

namespace Noa.Safety.Sbom.Tests;

public sealed class EcosystemParserTests
{
    [Fact]
    public void Build_GoMod_AppliesReplacesAndMarksIndirect()
    {
        var sbom = Build("go");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:golang/github.com/gin-gonic/gin@v1.9.1 runtime direct",
            "pkg:golang/github.com/masterminds/semver/v3@v3.2.1%2Bincompatible runtime direct",
            "pkg:golang/github.com/new/thing@v1.1.0 runtime direct",
            "pkg:golang/golang.org/x/net@v0.20.0 runtime transitive",
            "pkg:golang/gopkg.in/yaml.v3@v3.0.1 runtime transitive",
        }, Describe(sbom));
        Assert.All(sbom.Components, c => Assert.Empty(c.Hashes)); // go.sum's h1: is a tree hash, no file hash
    }

    [Fact]
    public void Build_GoModBefore117_AddsTheHighestContentHashedVersionOfEachGoSumModule()
    {
        Assert.Equal(new[]
        {
            "pkg:golang/github.com/mmcloughlin/avo@v0.2.0 runtime direct",
            "pkg:golang/golang.org/x/mod@v0.3.0 runtime transitive",
            "pkg:golang/golang.org/x/sys@v0.0.0-20210403161142-5e06dd20ab57 runtime transitive",
            "pkg:golang/golang.org/x/text@v0.3.10 runtime transitive",
        }, Describe(Build("go-legacy")));
    }

    [Fact]
    public void Build_CargoLock_ReadsChecksumsGitSourcesAndVersionedDependencies()
    {
        var sbom = Build("rust");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:cargo/mylib@0.2.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fuser%2Fmylib%3Fbranch%3Dmain%231234567890abcdef runtime transitive",
            "pkg:cargo/rand@0.7.3 runtime direct",
            "pkg:cargo/rand@0.8.5 runtime direct",
            "pkg:cargo/serde@1.0.197 runtime direct",
        }, Describe(sbom));
        Assert.Equal("3fb1c873e1b9b056a4dc4c0c198b24c3ffa059243875552b2bd0933b1aee4ce2", sbom.Components.Single(c => c.Name == "serde").Hashes.Single().Value);
        Assert.Contains("pkg:cargo/rand@0.8.5 -> " + sbom.Components[0].Purl, Edges(sbom));
    }

    [Fact]
    public void Build_CargoTomlWithoutLock_GivesDirectRequirementsWithWorkspaceVersionsAndRenames()
    {
        var sbom = Build("cargo-toml");

        Assert.Empty(sbom.Problems);
        Assert.Equal(new[]
        {
            "pkg:cargo/anyhow@1.0.75 runtime direct",
            "pkg:cargo/backtrace optional direct",
            "pkg:cargo/cc dev direct",
            "pkg:cargo/clap runtime direct",
            "pkg:cargo/libc runtime direct",
            "pkg:cargo/mygit runtime direct",
            "pkg:cargo/rand-core-renamed@0.6.4 runtime direct",
            "pkg:cargo/serde runtime direct",
            "pkg:cargo/trybuild dev direct",
        }, Describe(sbom));
        Assert.Equal("1.0.190", sbom.Components.Single(c => c.Name == "serde").Requirement);
    }

    [Fact]
    public void Build_CargoTomlBesideItsLock_LeavesVersionsToTheLock()
    {
        var files = Fixture("cargo-toml");
        files.Add(("Cargo.lock", "version = 3\n"u8.ToArray()));

        Assert.Empty(SbomBuilder.Build(files, "p").Components);
    }

    [Fact]
    public void Build_Pom_ResolvesPropertiesManagementAndScopes()
    {
        var sbom = Build("maven");

        Assert.Equal(new[]
        {
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.0 runtime direct",
            "pkg:maven/com.google.guava/guava@33.0.0-jre runtime direct",
            "pkg:maven/junit/junit@4.13.2 dev direct",
            "pkg:maven/org.example/sibling@2.0.0 runtime direct",
            "pkg:maven/org.missing/m runtime direct",
            "pkg:maven/org.ranged/r optional direct",
            "pkg:maven/org.slf4j/slf4j-api@2.0.12 runtime direct",
        }, Describe(sbom));
        Assert.Contains("undefined.version", Assert.Single(sbom.Problems).Message);
    }

    [Fact]
    public void Build_GradleLockfile_MarksTestAndAnnotationProcessorOnlyModulesDev()
    {
        Assert.Equal(new[]
        {
            "pkg:maven/com.google.guava/guava@33.0.0-jre runtime transitive",
            "pkg:maven/junit/junit@4.13.2 dev transitive",
            "pkg:maven/org.projectlombok/lombok@1.18.30 dev transitive",
        }, Describe(Build("gradle")));
    }

    [Fact]
    public void Build_PackagesLockJson_MergesFrameworksAndConvertsContentHash()
    {
        var sbom = Build("dotnet-lock");

        Assert.Equal(new[]
        {
            "pkg:nuget/Newtonsoft.Json@13.0.3 runtime direct",
            "pkg:nuget/System.Runtime@4.3.0 runtime transitive",
        }, Describe(sbom));
        Assert.Equal(128, sbom.Components[0].Hashes.Single().Value.Length);
        Assert.Contains("pkg:nuget/Newtonsoft.Json@13.0.3 -> pkg:nuget/System.Runtime@4.3.0", Edges(sbom));
    }

    [Fact]
    public void Build_CentralPackageManagement_TakesVersionsFromDirectoryPackagesProps()
    {
        Assert.Equal(new[]
        {
            "pkg:nuget/Microsoft.NET.Test.Sdk@18.0.1 dev direct",
            "pkg:nuget/Nerdbank.GitVersioning@3.6.133 dev direct",
            "pkg:nuget/Polly@8.3.0 runtime direct",
            "pkg:nuget/Serilog@4.0.0 runtime direct",
            "pkg:nuget/StyleCop.Analyzers@1.1.118 dev direct",
            "pkg:nuget/xunit@2.9.3 dev direct",
        }, Describe(Build("dotnet-cpm")));
    }

    [Fact]
    public void Build_GemfileLock_ReadsGemGitPlatformVariantsOnceAndDevGroupsFromGemfile()
    {
        var sbom = Build("ruby");

        Assert.Equal(new[]
        {
            "pkg:gem/gitgem@0.3.0?vcs_url=https:%2F%2Fgithub.com%2Fuser%2Fgitgem.git runtime direct",
            "pkg:gem/nokogiri@1.16.2 runtime direct",
            "pkg:gem/racc@1.7.3 runtime transitive",
            "pkg:gem/rack@3.0.9 runtime transitive",
            "pkg:gem/rspec@3.13.0 dev direct",
        }, Describe(sbom));
        Assert.Contains("pkg:gem/nokogiri@1.16.2 -> pkg:gem/racc@1.7.3", Edges(sbom));
    }

    [Fact]
    public void DevOnly_GemfileGroups_NestedBlocksAndInlineGroups()
    {
        var gemfile = """
            gem "rails"
            group :test do
              if RUBY_VERSION >= "3"
                gem "debug"
              end
              gem "capybara"
            end
            gem "pry", group: :development
            gem "puma", groups: [:development, :production]
            group :development do
              gem "rails"
            end
            """;

        Assert.Equal(["capybara", "debug", "pry"], Noa.Safety.Sbom.Parsers.Ruby.GemfileGroups.DevOnly(gemfile).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_ComposerLock_ReadsDevPackagesLicencesAndShasum()
    {
        var sbom = Build("php");

        Assert.Equal(new[]
        {
            "pkg:composer/monolog/monolog@3.5.0 runtime direct",
            "pkg:composer/phpunit/phpunit@10.5.10 dev direct",
            "pkg:composer/psr/log@3.0.0 runtime transitive",
        }, Describe(sbom));
        Assert.Equal("MIT OR Apache-2.0", sbom.Components.Single(c => c.Name == "log").License!.Expression);
        Assert.Equal("SHA-1", sbom.Components.Single(c => c.Name == "log").Hashes.Single().Algorithm);
        Assert.Empty(sbom.Components.Single(c => c.Name == "monolog").Hashes);
    }
}
