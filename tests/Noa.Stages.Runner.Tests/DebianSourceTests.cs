using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Abstractions;
using Noa.Stages.Runner.Planning;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// Go and Rust without their registries: on a host configured for Debian's apt, the Runner maps go.mod's modules to Debian's
/// golang-*-dev packages and Cargo.toml's crates to librust-*-dev, unpacks them in the install step's capsule (through the policy
/// agent), and the upstream suites of two Debian packages (corpus <c>suites</c>: kr/pretty in Go, semver in Rust) run with
/// per-test results. Controls: without the install the same module does not build; a crate Debian lacks is named unmapped.
/// </summary>
public sealed partial class DebianSourceTests : IAsyncLifetime
{
    private RunnerPipeline _pipeline = null!;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private static JsonElement Step(JsonElement report, string phase) =>
        report.GetProperty("steps").EnumerateArray().Last(s => s.GetProperty("phase").GetString() == phase);

    private static string Corpus(string name, string tool)
    {
        var registries = PackageRegistries.FromHost();
        if (!registries.Any(r => r.Ecosystem == "apt") || !File.Exists("/usr/bin/apt-get"))
            Requirement.Unmet("this test needs a host configured for Debian's apt (the packages come from it)");
        if (!File.Exists("/usr/bin/" + tool))
            Requirement.Unmet($"/usr/bin/{tool} is missing (scripts/tools.sh installs Debian's golang-go, cargo and rustc)");
        var corpus = RunnerPipeline.Corpus("suites/" + name);
        if (corpus is null)
            Requirement.Unmet($"the suites corpus has no {name}/ (scripts/corpora.sh suites)");
        return corpus!;
    }

    [Fact]
    public async Task Corpus_KrPretty_ModulesFromDebian_AndGoTestJsonGivesEveryTest()
    {
        var corpus = Corpus("kr-pretty", "go");

        var (_, report, artifacts) = await _pipeline.RunAsync(corpus, o => o.StepSeconds = 240);

        var install = Step(report, "install");
        Assert.True(install.GetProperty("status").GetString() == "passed", install.GetProperty("output").GetString());
        Assert.True(install.TryGetProperty("debianSource", out var debian), install.ToString());
        Assert.Equal("go", debian.GetProperty("ecosystem").GetString());
        // With a Go proxy configured (go's own default counts) `go mod download` comes first; where it finds no route it gives way.
        var tried = install.GetProperty("tried").EnumerateArray().Select(t => t.GetProperty("command").GetString()!).ToList();
        Assert.EndsWith("debian_go.py", tried[^1], StringComparison.Ordinal);
        if (PackageRegistries.FromHost().Any(r => r.Ecosystem == "go"))
            Assert.Equal("go mod download", tried[0]);
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "github.com/kr/text"
            && m.GetProperty("package").GetString() == "golang-github-kr-text-dev");
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "github.com/rogpeppe/go-internal");
        var test = Step(report, "test");
        Assert.True(test.GetProperty("status").GetString() == "passed", test.GetProperty("output").GetString());
        Assert.Equal("go-test-json", test.GetProperty("testFormat").GetString());
        // The oracle is the source: every top-level Test function of the _test.go files is one passed result of ours.
        var functions = Directory.EnumerateFiles(corpus, "*_test.go").SelectMany(f => TestFunc().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.True(functions.Count > 5, $"kr/pretty has more than 5 test functions; found {functions.Count}");
        var names = report.GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("status").GetString() == "passed").Select(t => t.GetProperty("name").GetString()!).ToList();
        Assert.All(functions, f => Assert.Contains(names, n => n == f || n.EndsWith("." + f, StringComparison.Ordinal) || n.EndsWith("/" + f, StringComparison.Ordinal)));
        Assert.True(report.GetProperty("levels").GetProperty("testsPassed").GetBoolean());
        Assert.Contains("debian_go.py", artifacts.Text("demo.md"));
    }

    [Fact]
    public async Task Corpus_KrPretty_WithoutTheInstall_DoesNotBuild()
    {
        var corpus = Corpus("kr-pretty", "go");

        var (_, report, _) = await _pipeline.RunAsync(corpus, o => o.InstallPolicy = "none");

        Assert.Equal("not-run", Step(report, "install").GetProperty("status").GetString());
        Assert.Equal("failed", Step(report, "build").GetProperty("status").GetString());
        Assert.False(report.GetProperty("levels").GetProperty("testsPassed").GetBoolean());
    }

    [Fact]
    public async Task Corpus_Semver_CratesFromDebian_AndLibtestGivesEveryTest()
    {
        var corpus = Corpus("semver", "cargo");

        var (_, report, _) = await _pipeline.RunAsync(corpus, o => (o.StepSeconds, o.TotalSeconds, o.KeptOutputBytes) = (400, 900, 1 << 20));

        var install = Step(report, "install");
        Assert.True(install.GetProperty("status").GetString() == "passed", install.GetProperty("output").GetString());
        Assert.True(install.TryGetProperty("debianSource", out var debian), install.ToString());
        Assert.Equal("cargo", debian.GetProperty("ecosystem").GetString());
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "serde" && m.GetProperty("package").GetString() == "librust-serde-dev");
        var test = Step(report, "test");
        Assert.True(test.GetProperty("status").GetString() == "passed", test.GetProperty("output").GetString());
        // The oracle is libtest's own summary lines, one per test binary and the doc-tests.
        var output = test.GetProperty("output").GetString()!;
        var passed = ResultLine().Matches(output).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(passed > 20, $"semver's suite has over 20 tests; libtest reported {passed} in the kept output");
        Assert.Equal(passed, report.GetProperty("levels").GetProperty("counts").GetProperty("passed").GetInt32());
    }

    [Fact]
    public async Task Rust_ACrateDebianLacks_IsNamedUnmapped_AndTheBuildFails()
    {
        Corpus("semver", "cargo");
        var folder = _pipeline.Folder(
            ("Cargo.toml", "[package]\nname = \"needs\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nnot-a-real-crate-xyz = \"1\"\nitoa = \"1\"\n"),
            ("src/lib.rs", "pub fn f() -> usize { 1 }\n"));

        var (_, report, _) = await _pipeline.RunAsync(folder, o => o.StepSeconds = 240);

        var debian = Step(report, "install").GetProperty("debianSource");
        Assert.Contains(debian.GetProperty("unmapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "not-a-real-crate-xyz");
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("package").GetString() == "librust-itoa-dev");
        var build = Step(report, "build");
        Assert.Equal("failed", build.GetProperty("status").GetString());
        Assert.Contains("not-a-real-crate-xyz", build.GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Go_AMajorVersionModule_AndARequirementNothingImports_BuildAndTestFromDebian()
    {
        Corpus("kr-pretty", "go");
        // assert/v2 is Debian's golang-github-go-playground-assert-v2-dev (not the name without -v2); example.invalid/notreal is
        // a leftover requirement no package imports (as Debian's gin no longer needs go.mod's goccy/go-json): dropped, it does not
        // stop the module from loading. Control: the package that imports kr/text still needs it, and gets it.
        var folder = _pipeline.Folder(
            ("go.mod", "module example.com/tiny\n\ngo 1.19\n\nrequire (\n\texample.invalid/notreal v1.0.0 // indirect\n"
                + "\tgithub.com/go-playground/assert/v2 v2.2.0\n\tgithub.com/kr/text v0.2.0\n)\n"),
            ("a/a.go", "package a\n\nimport \"github.com/kr/text\"\n\nfunc Indent(s string) string { return text.Indent(s, \"  \") }\n"),
            ("a/a_test.go", "package a\n\nimport (\n\t\"testing\"\n\n\t\"github.com/go-playground/assert/v2\"\n)\n\n"
                + "func TestIndent(t *testing.T) { assert.Equal(t, Indent(\"x\"), \"  x\") }\n"));

        var (_, report, _) = await _pipeline.RunAsync(folder, o => o.StepSeconds = 240);

        var debian = Step(report, "install").GetProperty("debianSource");
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "github.com/go-playground/assert/v2"
            && m.GetProperty("package").GetString() == "golang-github-go-playground-assert-v2-dev");
        Assert.Contains(debian.GetProperty("unmapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "example.invalid/notreal");
        Assert.Contains("example.invalid/notreal", debian.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()));
        var build = Step(report, "build");
        Assert.True(build.GetProperty("status").GetString() == "passed", build.ToString());
        Assert.Contains(report.GetProperty("tests").EnumerateArray(), t => t.GetProperty("name").GetString()!.EndsWith("TestIndent", StringComparison.Ordinal)
            && t.GetProperty("status").GetString() == "passed");
        Assert.True(report.GetProperty("levels").GetProperty("testsPassed").GetBoolean());
    }

    [Theory]
    [InlineData("github.com/go-playground/validator/v10", "golang-github-go-playground-validator-dev golang-github-go-playground-validator-v10-dev", "golang-github-go-playground-validator-v10-dev")]
    [InlineData("github.com/golang/protobuf", "golang-github-golang-protobuf-1-3-dev golang-github-golang-protobuf-1-5-dev golang-goprotobuf-dev", "golang-github-golang-protobuf-1-5-dev")]
    [InlineData("github.com/kr/text", "golang-github-kr-text-dev golang-github-kr-text-1-2-dev", "golang-github-kr-text-dev")] // control: the plain name first
    [InlineData("github.com/pelletier/go-toml", "golang-github-pelletier-go-toml-dev golang-github-pelletier-go-toml-v2-dev", "golang-github-pelletier-go-toml-dev")] // control: v1
    public void Go_ModuleToDebianPackage_MajorVersionThenNewestVersionedName(string module, string available, string expected)
    {
        if (!File.Exists("/usr/bin/python3"))
            Requirement.Unmet("Debian's python3 is not installed in /usr/bin");
        var folder = _pipeline.Folder([.. DebianSource.Go.Files().Select(f => (f.Name, f.Text))]);
        var code = $"import debian_go; n = debian_go.names({Quote(module)}, set({Quote(available)}.split())); print(next(p for p in n if p in set({Quote(available)}.split())))";
        var output = Python(folder, code);

        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public void Go_ImportsOfDebiansSources_AreFoundAndGivenAModule_AndAnotherMajorVersionsFolderProvidesTheRequiredPath()
    {
        if (!File.Exists("/usr/bin/python3"))
            Requirement.Unmet("Debian's python3 is not installed in /usr/bin");
        // Debian's purell imports urlesc, which no go.mod lists and Debian ships without a go.mod; its ulid is v2 at the v1 path.
        // Controls: the standard library, a test file's, another system's and a `go run` file's imports are not needed; a
        // module nothing unpacked is provided by no folder.
        var src = ".noa/goroot/usr/share/gocode/src/";
        var folder = _pipeline.Folder([.. DebianSource.Go.Files().Select(f => (f.Name, f.Text)),
            (src + "github.com/PuerkitoBio/purell/purell.go", "package purell\n\nimport (\n\t\"net/url\"\n\n\t\"github.com/PuerkitoBio/urlesc\"\n\t\"golang.org/x/net/idna\"\n)\n"),
            (src + "github.com/PuerkitoBio/purell/purell_test.go", "package purell\n\nimport \"github.com/stretchr/testify/assert\"\n"),
            (src + "github.com/PuerkitoBio/purell/sys_windows.go", "package purell\n\nimport \"github.com/Microsoft/go-winio\"\n"),
            (src + "github.com/PuerkitoBio/purell/gen.go", "//go:build ignore\n\npackage main\n\nimport \"github.com/acme/generator\"\n"),
            (src + "github.com/PuerkitoBio/urlesc/urlesc.go", "package urlesc\n"),
            (src + "github.com/oklog/ulid/go.mod", "module github.com/oklog/ulid/v2\n"),
            (src + "github.com/oklog/ulid/ulid.go", "package ulid\n")]);
        var code = "import os; os.environ['NOA_GOROOT_DEBIAN'] = os.path.abspath('.noa/goroot'); import debian_go as d; "
            + "print(sorted(d.go_imports(os.path.join(d.SRC, 'github.com/PuerkitoBio/purell')))); "
            + "print(d.module_root('github.com/PuerkitoBio/urlesc'), open(os.path.join(d.SRC, 'github.com/PuerkitoBio/urlesc/go.mod')).read().strip()); "
            + "have = d.unpacked(); print(os.path.relpath(d.folder_of('github.com/oklog/ulid', have), d.SRC)); print(d.folder_of('github.com/absent/x', have))";
        var output = Python(folder, code);

        Assert.Equal(["['github.com/PuerkitoBio/urlesc', 'golang.org/x/net/idna']",
            "github.com/PuerkitoBio/urlesc module github.com/PuerkitoBio/urlesc", "github.com/oklog/ulid", "None"], output.Trim().Split('\n'));
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"(?m)^func (Test\w*)\(")]
    private static partial Regex TestFunc();

    [GeneratedRegex(@"test result: \w+\. (\d+) passed")]
    private static partial Regex ResultLine();

    // Runs `python3 -c CODE` in FOLDER (where the mapping script is) and returns its standard output; a failure shows its stderr.
    private static string Python(string folder, string code)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-c", code]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = System.Diagnostics.Process.Start(start)!;
        var error = python.StandardError.ReadToEndAsync();
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, error.Result);
        return output;
    }
}
