using Noa.Stages.Runner.Planning;

namespace Noa.Stages.Runner.Tests;

public sealed class PlannerTests
{
    private static readonly Toolbox Tools = new(["/bin-test"], []);

    private static Toolbox With(params string[] tools)
    {
        var bin = Directory.CreateTempSubdirectory("noa-runner-bin-").FullName;
        foreach (var t in tools)
            File.WriteAllText(Path.Combine(bin, t), "");
        return new Toolbox([bin], []);
    }

    private static KgTask Task(string phase, string command, string source, string file, int line, string cwd = "", string? missing = null) =>
        new(phase, command, cwd, source, file, line, missing, null);

    [Fact]
    public void Test_CiFirst_ThenMakefile_ThenPackageJson_ThenConvention_EachWithItsSource()
    {
        var kg = new KgFacts([
            Task("test", "npm test", "package.json", "package.json", 5),
            Task("test", "npm run test:ci", "ci", ".github/workflows/ci.yml", 31),
            Task("test", "make check", "makefile", "Makefile", 12),
            Task("test", "node --test", "convention", "package.json", 1),
        ], [], []);

        var plan = Planner.Create(kg, null, new HashSet<string> { "package.json" }, With("npm", "make", "node"), InstallAccess.Closed, maxApps: 3);

        var test = Assert.Single(plan.Steps, s => s.Phase == "test");
        Assert.Equal(["npm run test:ci", "make check", "npm test", "node --test"], test.Candidates.Select(c => c.Command));
        Assert.Equal(".github/workflows/ci.yml:31", test.Candidates[0].Where);
    }

    [Fact]
    public void Unrunnable_AreLeftOutWithTheReason()
    {
        var kg = new KgFacts([
            Task("test", "tox -e py311", "ci", ".github/workflows/ci.yml", 20),
            Task("test", "python3 scripts/run_tests.py", "readme", "README.md", 40, missing: "scripts/run_tests.py"),
            Task("test", "npm run test -- --watch", "package.json", "package.json", 7),
            Task("test", "docker compose run tests", "makefile", "Makefile", 3),
        ], [], []);

        var plan = Planner.Create(kg, null, new HashSet<string> { "setup.py", "tests/test_x.py" }, With("python3", "npm", "docker"), InstallAccess.Closed, maxApps: 3);

        var test = Assert.Single(plan.Steps, s => s.Phase == "test");
        Assert.Contains(test.Skipped, s => s.StartsWith("tox -e py311", StringComparison.Ordinal) && s.Contains("tox is not installed", StringComparison.Ordinal));
        Assert.Contains(test.Skipped, s => s.Contains("scripts/run_tests.py, which the source does not have", StringComparison.Ordinal));
        Assert.Contains(test.Skipped, s => s.Contains("watch mode", StringComparison.Ordinal));
        Assert.Contains(test.Skipped, s => s.Contains("docker is not run inside a capsule", StringComparison.Ordinal));
        // What the platform offers instead: the standard library's unittest, from the tests folder.
        Assert.Equal("python3 -m unittest discover -v -s tests", Assert.Single(test.Candidates).Command);
    }

    private static InstallAccess Registries(params string[] ecosystems) =>
        new(InstallAccess.RegistriesPolicy, [.. ecosystems.Select(e => new Noa.Abstractions.PackageRegistry(e, new Uri("https://registry.invalid/" + e + "/"), "test"))]);

    [Theory]
    [InlineData("npm ci", "npm", true)]
    [InlineData("dotnet restore", "nuget", true)]
    [InlineData("pip install -r requirements.txt", "npm", false)]
    [InlineData("poetry install", "nuget", false)]
    [InlineData("go mod download", "npm", false)]
    [InlineData("cargo fetch", "npm", false)]
    [InlineData("make deps", "npm", true)] // not an ecosystem's tool: it runs, and what it reaches is what the policy allows
    public void Install_UnderTheRegistriesPolicy_RunsOnlyForAConfiguredEcosystem(string command, string configured, bool runs)
    {
        var kg = new KgFacts([Task("install", command, "ci", ".github/workflows/ci.yml", 10)], [], []);

        // yarn.lock with yarn on the host: neither the Runner's own `npm install` (a package.json with no lockfile gets one) nor an
        // install of yarn itself (a step of its own when the host lacks it) stands beside the command under test.
        var plan = Planner.Create(kg, null, new HashSet<string> { "package.json", "yarn.lock" }, With("npm", "yarn", "dotnet", "pip", "poetry", "go", "cargo", "make"), Registries(configured), maxApps: 3);

        var install = Assert.Single(plan.Steps, s => s.Phase == "install");
        if (runs)
            Assert.Null(install.NotRun);
        else
            Assert.Contains("names no", install.NotRun);
    }

    [Fact]
    public void Install_WithoutNetwork_IsPlannedButNotRun()
    {
        var kg = new KgFacts([Task("install", "npm ci", "ci", ".github/workflows/ci.yml", 10)], [], []);

        var closed = Planner.Create(kg, null, new HashSet<string> { "package.json" }, With("npm", "node"), InstallAccess.Closed, maxApps: 3);
        var open = Planner.Create(kg, null, new HashSet<string> { "package.json" }, With("npm", "node"), Registries("npm"), maxApps: 3);

        Assert.NotNull(Assert.Single(closed.Steps, s => s.Phase == "install").NotRun);
        Assert.Null(Assert.Single(open.Steps, s => s.Phase == "install").NotRun);
    }

    [Fact]
    public void Folders_RootFirst_AndTheLimitIsNoted()
    {
        var kg = new KgFacts([
            Task("test", "npm test", "package.json", "web/package.json", 4, cwd: "web"),
            Task("test", "go test ./...", "convention", "api/go.mod", 1, cwd: "api"),
            Task("test", "make test", "makefile", "Makefile", 2),
        ], [], []);

        var plan = Planner.Create(kg, null, new HashSet<string> { "Makefile", "web/package.json", "api/go.mod" }, With("npm", "make", "node"), InstallAccess.Closed, maxApps: 2);

        Assert.Equal(["", "web"], plan.Steps.Select(s => s.Cwd).Distinct());
        Assert.Contains(plan.Notes, n => n.Contains("api are not", StringComparison.Ordinal));
    }

    [Fact]
    public void NothingToRun_NoSteps_AndANote()
    {
        var plan = Planner.Create(KgFacts.Empty, null, new HashSet<string> { "notes.txt" }, Tools, InstallAccess.Closed, maxApps: 3);

        Assert.Empty(plan.Steps);
        Assert.Single(plan.Notes);
    }

    [Fact]
    public void Go_DownloadsThroughItsProxy_ThenDebianSources_WhenAptIsReachable()
    {
        var files = new HashSet<string> { "go.mod", "main.go", "main_test.go" };

        var plan = Planner.Create(KgFacts.Empty, null, files, With("go", "apt-get", "python3"), Registries("go", "apt"), maxApps: 3);

        var install = Assert.Single(plan.Steps, s => s.Phase == "install");
        Assert.Null(install.NotRun);
        Assert.Equal(["go mod download", DebianSource.Go.Candidate.Command], install.Candidates.Select(c => c.Command));
    }

    [Fact]
    public void Rust_WithoutACargoRegistry_GetsDebianCrates_AndCargoFetchIsLeftOutWithTheReason()
    {
        var files = new HashSet<string> { "Cargo.toml", "src/lib.rs" };

        var plan = Planner.Create(KgFacts.Empty, null, files, With("cargo", "apt-get", "python3"), Registries("apt"), maxApps: 3);

        var installs = plan.Steps.Where(s => s.Phase == "install").ToList();
        Assert.Equal(2, installs.Count);
        Assert.Contains("no cargo registry", installs[0].NotRun, StringComparison.Ordinal);
        Assert.Equal([DebianSource.Rust.Candidate.Command], installs[1].Candidates.Select(c => c.Command));
        Assert.Null(installs[1].NotRun);
        Assert.Equal("cargo test --offline", Assert.Single(plan.Steps, s => s.Phase == "test").Candidates[^1].Command);
    }

    [Fact]
    public void Python_WithoutAPipIndex_DebianInstallIsAStepOfItsOwn_AfterTheFoldersInstall()
    {
        var kg = new KgFacts([
            Task("install", "make deps", "makefile", "Makefile", 3),
            Task("install", "pip install -r requirements.txt", "ci", ".github/workflows/ci.yml", 12),
        ], [], []);
        var files = new HashSet<string> { "pyproject.toml", "requirements.txt", "app.py", "tests/test_app.py", "Makefile" };

        var plan = Planner.Create(kg, null, files, With("make", "pip", "apt-get", "python3"), Registries("apt"), maxApps: 3);

        var installs = plan.Steps.Where(s => s.Phase == "install").ToList();
        Assert.Equal(2, installs.Count);
        Assert.Equal(["make deps"], installs[0].Candidates.Select(c => c.Command));
        Assert.Contains(installs[0].Skipped, s => s.StartsWith("pip install -r requirements.txt", StringComparison.Ordinal) && s.Contains("no pip registry", StringComparison.Ordinal));
        Assert.Equal([DebianPython.Candidate.Command], installs[1].Candidates.Select(c => c.Command));
        Assert.Null(installs[1].NotRun);
        var order = plan.Steps.Select(s => s.Phase).ToList();
        Assert.True(order.LastIndexOf("install") < order.IndexOf("build"), string.Join(", ", order));
        Assert.DoesNotContain(plan.Steps.Where(s => s != installs[1]).SelectMany(s => s.Candidates), c => c == DebianPython.Candidate);

        // The control: with a pip index configured there is no Debian install at all.
        var withPip = Planner.Create(kg, null, files, With("make", "pip", "apt-get", "python3"), Registries("pip", "apt"), maxApps: 3);
        Assert.DoesNotContain(withPip.Steps.SelectMany(s => s.Candidates), c => c == DebianPython.Candidate);
        Assert.Single(withPip.Steps, s => s.Phase == "install");
    }

    [Fact]
    public void Python_WithNoRequirementsFile_ButToxRunningPytest_GetsPytestFromDebian()
    {
        // A setup.py project (toolz, mccabe, toml…): no requirements*.txt or pyproject.toml, and its tox.ini runs pytest.
        var files = new HashSet<string> { "setup.py", "tox.ini", "pkg/__init__.py", "tests/test_pkg.py" };
        var tools = With("apt-get", "python3");
        var kg = new KgFacts([Task("test", "pytest tests", "tox", "tox.ini", 7)], [], []);

        var plan = Planner.Create(kg, null, files, tools, Registries("apt"), maxApps: 3);

        var install = Assert.Single(plan.Steps, s => s.Phase == "install");
        Assert.Equal([DebianPython.PytestCandidate.Command], install.Candidates.Select(c => c.Command));
        Assert.EndsWith(" --pytest", install.Candidates[0].Command, StringComparison.Ordinal);
        // The project's own `pytest tests` first (python3-pytest's script is on the steps' PATH), the Runner's own after it.
        Assert.Equal(["pytest tests", "python3 -m pytest -q"], Assert.Single(plan.Steps, s => s.Phase == "test").Candidates.Select(c => c.Command).Take(2));
        // The byte-compile leaves out what that step unpacked (sortedcontainers' requirements.txt brought scipy and sympy: killed after 75 s).
        Assert.Contains("|\\.noa-runner)/", Assert.Single(plan.Steps, s => s.Phase == "build").Candidates[0].Command, StringComparison.Ordinal);

        // The control: a tox.ini that runs unittest needs nothing installed, so there is no Debian step and unittest runs.
        var unittest = new KgFacts([Task("test", "python3 -m unittest discover", "tox", "tox.ini", 7)], [], []);
        var plain = Planner.Create(unittest, null, files, tools, Registries("apt"), maxApps: 3);
        Assert.DoesNotContain(plain.Steps, s => s.Phase == "install");
        Assert.DoesNotContain(plain.Steps.SelectMany(s => s.Candidates), c => c.Command.Contains("pytest", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_WithoutALockfile_InstallsWhatPackageJsonNames_NotTheReadmesInstallOfThePackageItself()
    {
        // A published npm package (minimist, qs…): its README tells users to `npm install minimist`; its tests need its devDependencies.
        var kg = new KgFacts([
            Task("install", "npm install minimist", "readme", "README.md", 104),
            Task("test", "npm test", "package.json", "package.json", 30),
        ], [], []);
        var files = new HashSet<string> { "package.json", "README.md", "index.js", "test/parse.js" };

        var plan = Planner.Create(kg, null, files, With("npm", "node"), Registries("npm"), maxApps: 3);

        var install = Assert.Single(plan.Steps, s => s.Phase == "install");
        Assert.Equal(["npm install"], install.Candidates.Select(c => c.Command));
        Assert.Contains(install.Skipped, s => s.StartsWith("npm install minimist (README.md:104): it adds named packages", StringComparison.Ordinal));

        // Controls: a README's bare `npm install` stays the repository's own command, first; a lockfile still means `npm ci`.
        var bare = new KgFacts([Task("install", "npm install && npm test", "readme", "README.md", 12)], [], []);
        Assert.Equal(["npm install && npm test", "npm install"],
            Assert.Single(Planner.Create(bare, null, files, With("npm", "node"), Registries("npm"), maxApps: 3).Steps, s => s.Phase == "install").Candidates.Select(c => c.Command));
        var locked = Planner.Create(kg, null, new HashSet<string>(files) { "package-lock.json" }, With("npm", "node"), Registries("npm"), maxApps: 3);
        Assert.Equal(["npm ci"], Assert.Single(locked.Steps, s => s.Phase == "install").Candidates.Select(c => c.Command));
    }

    [Fact]
    public void DebianSources_NeedApt_TheToolchain_AndTheManifest()
    {
        // Controls: no apt registry, no cargo in the capsule, no Cargo.toml in the folder.
        Assert.False(DebianSource.Rust.Applies("", "rust", new HashSet<string> { "Cargo.toml" }, With("cargo", "apt-get", "python3"), Registries("npm")));
        Assert.False(DebianSource.Rust.Applies("", "rust", new HashSet<string> { "Cargo.toml" }, With("apt-get", "python3"), Registries("apt")));
        Assert.False(DebianSource.Rust.Applies("crate", "rust", new HashSet<string> { "Cargo.toml" }, With("cargo", "apt-get", "python3"), Registries("apt")));
        Assert.True(DebianSource.Rust.Applies("crate", "rust", new HashSet<string> { "crate/Cargo.toml" }, With("cargo", "apt-get", "python3"), Registries("apt")));
        Assert.False(DebianSource.Go.Applies("", "go", new HashSet<string> { "go.mod" }, With("go", "apt-get", "python3"), InstallAccess.Closed));
    }
}
