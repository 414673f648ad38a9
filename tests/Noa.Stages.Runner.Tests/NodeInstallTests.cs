using Noa.Stages.Runner.Planning;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// How a Node folder's install is planned: <c>npm ci</c> when the lockfile is current (else npm install, with the reason), a
/// README's global install left out, and pnpm or yarn from the npm registry when the folder names one the host lacks. The real
/// installs are in <see cref="RegistryEgressTests"/>.
/// </summary>
public sealed class NodeInstallTests
{
    private static Toolbox With(params string[] tools)
    {
        var bin = Directory.CreateTempSubdirectory("noa-runner-bin-").FullName;
        foreach (var t in tools)
            File.WriteAllText(Path.Combine(bin, t), "");
        return new Toolbox([bin], []);
    }

    private static InstallAccess Npm() =>
        new(InstallAccess.RegistriesPolicy, [new Noa.Abstractions.PackageRegistry("npm", new Uri("https://registry.invalid/npm/"), "test")]);

    private static KgTask Task(string phase, string command, string source, int line = 1) => new(phase, command, "", source, "README.md", line, null, null);

    private const string Package = """{ "name": "demo", "dependencies": { "express": "^4.18.1" }, "devDependencies": { "jest": "^29.4.1" }, "scripts": { "test": "jest" } }""";

    private static string Lockfile(int version, string express = "^4.18.1") => $$"""
        { "name": "demo", "lockfileVersion": {{version}}, "requires": true,
          "packages": { "": { "name": "demo", "dependencies": { "express": "{{express}}" }, "devDependencies": { "jest": "^29.4.1" } } } }
        """;

    private static Plan PlanOf(Dictionary<string, string> files, KgFacts kg, Toolbox tools, InstallAccess access) =>
        Planner.Create(kg, null, files.Keys.ToHashSet(StringComparer.Ordinal), tools, access, maxApps: 3, read: p => files.GetValueOrDefault(p));

    private static readonly KgFacts ReadmeInstall = new([Task("install", "npm install", "readme", 16), Task("test", "npm run test", "package.json")], [], []);

    [Fact]
    public void NoLockfile_TheRunnersNpmInstallTakesThePlaceOfTheDocumentedOne()
    {
        var files = new Dictionary<string, string> { ["package.json"] = Package };

        var plan = PlanOf(files, ReadmeInstall, With("npm", "node", "python3"), Npm());

        var install = Assert.Single(plan.Steps, s => s.Phase == "install");
        Assert.Equal([NpmInstall.Candidate], install.Candidates);
        Assert.Contains(install.Skipped, s => s.StartsWith("npm install (README.md:16): the Runner's npm install runs it", StringComparison.Ordinal));

        // Controls: without python3 the plain `npm install`; a documented command that is not a bare install stays, after it.
        Assert.Equal(["npm install"], Assert.Single(PlanOf(files, ReadmeInstall, With("npm", "node"), Npm()).Steps, s => s.Phase == "install").Candidates.Select(c => c.Command));
        var other = new KgFacts([Task("install", "npm run bootstrap", "readme", 9)], [], []);
        Assert.Equal(["npm run bootstrap", NpmInstall.Candidate.Command],
            Assert.Single(PlanOf(files, other, With("npm", "node", "python3"), Npm()).Steps, s => s.Phase == "install").Candidates.Select(c => c.Command));
    }

    [Fact]
    public void CurrentLockfile_NpmCiTakesThePlaceOfTheDocumentedNpmInstall()
    {
        var files = new Dictionary<string, string> { ["package.json"] = Package, ["package-lock.json"] = Lockfile(3) };

        var plan = PlanOf(files, ReadmeInstall, With("npm", "node"), Npm());

        var install = Assert.Single(plan.Steps, s => s.Phase == "install");
        Assert.Equal(["npm ci"], install.Candidates.Select(c => c.Command));
        Assert.Contains(install.Skipped, s => s.StartsWith("npm install (README.md:16): the lockfile is current", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "^4.18.1", "version 1")]
    [InlineData(3, "^4.17.0", "express@^4.18.1")] // package.json asks for a range the lockfile was not made for
    public void OldOrStaleLockfile_NpmInstallStays_AndSaysWhyNotNpmCi(int version, string locked, string why)
    {
        var files = new Dictionary<string, string> { ["package.json"] = Package, ["package-lock.json"] = Lockfile(version, locked) };

        var documented = PlanOf(files, ReadmeInstall, With("npm", "node"), Npm());
        var undocumented = PlanOf(files, KgFacts.Empty, With("npm", "node"), Npm());

        Assert.Equal(["npm install"], Assert.Single(documented.Steps, s => s.Phase == "install").Candidates.Select(c => c.Command));
        var own = Assert.Single(Assert.Single(undocumented.Steps, s => s.Phase == "install").Candidates);
        Assert.Equal("npm install", own.Command);
        Assert.Contains(why, own.Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npm install --global serve")]
    [InlineData("npm i -g serve")]
    [InlineData("yarn global add serve")]
    public void GlobalInstall_FromAReadme_IsLeftOutWithTheReason(string command)
    {
        var files = new Dictionary<string, string> { ["package.json"] = Package, ["package-lock.json"] = Lockfile(3) };
        var kg = new KgFacts([Task("install", command, "readme", 36)], [], []);

        var plan = PlanOf(files, kg, With("npm", "node", "yarn"), Npm());

        var install = Assert.Single(plan.Steps, s => s.Phase == "install");
        Assert.Equal(["npm ci"], install.Candidates.Select(c => c.Command));
        Assert.Contains(install.Skipped, s => s.StartsWith(command, StringComparison.Ordinal) && s.Contains("global install", StringComparison.Ordinal));
    }

    private const string PnpmPackage = """{ "name": "serve", "scripts": { "test": "pnpm test:unit" }, "packageManager": "pnpm@10.33.0+sha512.10568bb4a6af" }""";
    private static readonly KgFacts PnpmTasks = new([Task("install", "pnpm install", "ci", 23), Task("test", "pnpm test", "ci", 43)], [], []);

    [Fact]
    public void PackageManagerField_PnpmIsInstalledFromTheRegistryFirst_ThenTheFoldersOwnCommandsRun()
    {
        var files = new Dictionary<string, string> { ["package.json"] = PnpmPackage, ["pnpm-lock.yaml"] = "lockfileVersion: '9.0'\n", ["tests/a.test.ts"] = "" };

        var plan = PlanOf(files, PnpmTasks, With("npm", "node"), Npm());

        Assert.Equal(["install", "install", "test"], plan.Steps.Select(s => s.Phase));
        Assert.EndsWith($"--prefix {NodeManager.ToolsPrefix} pnpm@10.33.0", Assert.Single(plan.Steps[0].Candidates).Command, StringComparison.Ordinal);
        Assert.Equal("pnpm install", plan.Steps[1].Candidates[0].Command);
        Assert.Equal("pnpm test", plan.Steps[2].Candidates[0].Command);
    }

    [Fact]
    public void Pnpm_NotProvided_WhenTheHostHasIt_OrNoRegistryIsReachable()
    {
        // Controls: pnpm on the host needs no install; with no npm registry its commands are left out, the reason named.
        var files = new Dictionary<string, string> { ["package.json"] = PnpmPackage, ["pnpm-lock.yaml"] = "lockfileVersion: '9.0'\n" };

        var onHost = PlanOf(files, PnpmTasks, With("npm", "node", "pnpm"), Npm());
        var closed = PlanOf(files, PnpmTasks, With("npm", "node"), InstallAccess.Closed);

        Assert.Equal("pnpm install", Assert.Single(onHost.Steps, s => s.Phase == "install").Candidates[0].Command);
        Assert.DoesNotContain(closed.Steps.SelectMany(s => s.Candidates), c => c.Command.Contains(NodeManager.ToolsPrefix, StringComparison.Ordinal));
        Assert.Contains(closed.Steps.SelectMany(s => s.Skipped), s => s.Contains("pnpm is not installed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "packageManager": "yarn@4.5.1" }""", "yarn.lock", "@yarnpkg/cli-dist@4.5.1")]
    [InlineData("""{ "name": "x" }""", "yarn.lock", "yarn@1")]
    [InlineData("""{ "name": "x" }""", "pnpm-lock.yaml", "pnpm@9")]
    [InlineData("""{ "packageManager": "bun@1.1.0" }""", "bun.lock", null)]
    [InlineData("""{ "name": "x" }""", "package-lock.json", null)]
    public void Manager_FromThePackageManagerField_ElseTheLockfile(string packageJson, string lockfile, string? provisioned)
    {
        var files = new Dictionary<string, string> { ["package.json"] = packageJson, [lockfile] = "lockfileVersion: '9.0'\n" };

        var manager = NodeManager.Of("", files.Keys.ToHashSet(), p => files.GetValueOrDefault(p));

        if (provisioned is null)
            Assert.Null(manager.Provision());
        else
            Assert.EndsWith(" " + provisioned, manager.Provision()!.Command, StringComparison.Ordinal);
    }
}
