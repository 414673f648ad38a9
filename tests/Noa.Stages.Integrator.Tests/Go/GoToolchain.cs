namespace Noa.Stages.Integrator.Tests.Go;

/// <summary>
/// The real Go toolchain (Debian's golang-go) on a generated module: <c>go vet</c> and <c>go build</c>, offline
/// (<c>GOPROXY=off</c>, standard library only), with one build cache for all tests.
/// </summary>
internal static class GoToolchain
{
    public static string Require() => Tools.Require("go", "Debian package golang-go: make tools (scripts/tools.sh) installs it");

    public static Dictionary<string, string> Environment() => new()
    {
        ["GOFLAGS"] = "-mod=mod",
        ["GOPROXY"] = "off",
        ["GOTOOLCHAIN"] = "local",
        ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "noa-integrator-gocache"),
        ["GOPATH"] = Path.Combine(Path.GetTempPath(), "noa-integrator-gopath"),
        ["CGO_ENABLED"] = "0",
    };

    /// <summary><c>go vet ./...</c> then <c>go build ./...</c> in <paramref name="folder"/>: the first failure's output, or null when both pass.</summary>
    public static async Task<string?> VetAndBuildAsync(string go, string folder)
    {
        foreach (var step in new[] { "vet", "build" })
        {
            var result = await Tools.RunAsync(go, [step, "./..."], folder, Environment(), TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
                return $"go {step} failed in {folder}:\n{result.Output}";
        }
        return null;
    }

    /// <summary>A <c>main</c> module next to the SDK that imports it through a <c>replace</c> directive, as a user's program would.</summary>
    public static string Program(string root, string module, string source)
    {
        var folder = Path.Combine(root, "program");
        Directory.CreateDirectory(folder);
        // A module path ending in /vN (N ≥ 2) must be required at a vN version, even when replaced.
        var suffix = System.Text.RegularExpressions.Regex.Match(module, @"/v(\d+)$");
        var version = suffix.Success ? $"v{suffix.Groups[1].Value}.0.0" : "v0.0.0";
        File.WriteAllText(Path.Combine(folder, "go.mod"), $"module example.com/smoke\n\ngo 1.19\n\nrequire {module} {version}\n\nreplace {module} => ../sdk\n");
        File.WriteAllText(Path.Combine(folder, "main.go"), source);
        return folder;
    }
}
