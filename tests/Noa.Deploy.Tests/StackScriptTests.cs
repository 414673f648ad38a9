namespace Noa.Deploy.Tests;

/// <summary>scripts/stack.sh (<c>make up</c>): the settings it gives every process, and the processes it starts.</summary>
public sealed class StackScriptTests
{
    private static readonly string Script = File.ReadAllText(Repo.Path("scripts", "stack.sh"));

    /// <summary>The lines of the settings() here-document: NAME=value.</summary>
    private static Dictionary<string, string> Settings()
    {
        var body = Script[(Script.IndexOf("settings() {", StringComparison.Ordinal))..];
        body = body[(body.IndexOf("<<EOF\n", StringComparison.Ordinal) + 6)..body.IndexOf("\nEOF\n", StringComparison.Ordinal)];
        return body.Split('\n').Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [Fact]
    public void Settings_EveryKeyIsANoaOption_AndSecretsAreFilesUnderTheSecretsFolder()
    {
        var settings = Settings();
        Assert.Equal("bus", settings["Noa__Workflows__Dispatch"]);
        var workload = new Workload("stack.sh", ["serve", "--target", "gateway,workflows", "--urls", "http://127.0.0.1:8080"], [8080], settings,
            settings.Values.Where(v => v.StartsWith("$dir/secrets/", StringComparison.Ordinal)).ToHashSet(), [], [new Probe("readiness", "/readyz", 8080)]);
        Problems.None(DeployChecks.Settings(workload));
        Problems.None(DeployChecks.Secrets(workload));
        Assert.Equal(2, workload.SecretFiles.Count);
    }

    [Fact]
    public void Processes_GatewayWithWorkflows_AndOneWorkerPerStage_AllResolve()
    {
        var line = Script.Split('\n').Single(l => l.StartsWith("processes=(", StringComparison.Ordinal));
        var targets = line["processes=(".Length..^1].Split(' ').Select(p => p.Trim('"').Split(':')[1]).ToList();
        Assert.Equal("gateway,workflows", targets[0]);
        Assert.Equal(NoaCode.Stages, targets.Skip(1).Order(StringComparer.Ordinal));
        Assert.All(targets, t => Assert.Null(NoaCode.Resolve(t).Error));
    }
}
