using Noa.Stages.Env.Checks;

namespace Noa.Stages.Env.Tests;

/// <summary>Each implemented hadolint rule fires on the case hadolint's documentation gives for it, and stays quiet on the fixed
/// form; the generated Dockerfiles of every hand-written repository pass all of them.</summary>
public sealed class DockerfileLintTests
{
    private const string Good = "FROM debian:12@sha256:0000000000000000000000000000000000000000000000000000000000000000\nUSER 10001\nHEALTHCHECK CMD [\"true\"]\nCMD [\"run\"]\n";

    [Theory]
    [InlineData("DL3000", "WORKDIR usr/src/app\n")]
    [InlineData("DL3002", "USER root\n")]
    [InlineData("DL3006", "FROM debian\n")]
    [InlineData("DL3007", "FROM debian:latest\n")]
    [InlineData("DL3009", "RUN apt-get update && apt-get install -y --no-install-recommends curl\n")]
    [InlineData("DL3015", "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n")]
    [InlineData("DL3020", "ADD requirements.txt /app/\n")]
    [InlineData("DL3025", "CMD python app.py\n")]
    [InlineData("DL3042", "RUN pip install \\\n    flask\n")]
    [InlineData("DL4000", "MAINTAINER someone@example.org\n")]
    public void Rule_FiresOnItsCase(string rule, string instruction)
    {
        var findings = DockerfileLint.Check("Dockerfile", Good + instruction, server: true);

        Assert.Contains(findings, f => f.Rule == rule);
    }

    [Fact]
    public void GoodDockerfile_NoFinding()
    {
        var fixedForms = Good + "WORKDIR /usr/src/app\nCOPY requirements.txt /app/\nADD https://example.org/x.tar.gz /tmp/\nRUN pip install --no-cache-dir flask\n" +
                         "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n";

        Assert.Empty(DockerfileLint.Check("Dockerfile", fixedForms, server: true));
    }

    [Fact]
    public void ServerWithoutHealthcheck_AndUnpinnedBase_AreFlagged_BuildStageNamesAreNotImages()
    {
        var findings = DockerfileLint.Check("Dockerfile", "FROM node:18-slim AS build\nFROM build\nUSER 1000\nCMD [\"node\"]\n", server: true);

        Assert.Equal(["NOA001", "NOA002"], findings.Select(f => f.Rule).Order());
    }

    [Theory]
    [InlineData("fastapi")]
    [InlineData("monorepo")]
    [InlineData("library")]
    [InlineData("procfile")]
    public async Task GeneratedDockerfiles_PassEveryRule(string repo)
    {
        var tree = repo switch { "fastapi" => Repos.FastApiWithPostgres(), "monorepo" => Repos.NpmMonorepo(), "library" => Repos.Library(), _ => Repos.ContradictingStart() };
        var (_, artifacts, _) = await EnvHarness.RunAsync(tree);

        var findings = EnvHarness.Json(artifacts, "env/checks.json").GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("rule").GetString() != "NOA002") // no images.lock in this test: tags stay unpinned, and the check says so
            .Select(f => f.ToString()).ToList();
        Assert.Empty(findings);
        Assert.Contains(artifacts.Files.Keys, k => k.EndsWith("/Dockerfile", StringComparison.Ordinal));
    }
}
