namespace Noa.Deploy.Tests;

/// <summary>The checks themselves catch what they are for: a manifest that is wrong in one way gets that one problem.</summary>
public sealed class DeployChecksTests
{
    private static Workload Good(Dictionary<string, string>? environment = null, string[]? args = null, int[]? ports = null, Probe[]? probes = null) => new(
        "test",
        args ?? ["serve", "--target", "intake", "--urls", "http://0.0.0.0:8080"],
        ports ?? [8080],
        environment ?? new Dictionary<string, string>
        {
            ["Noa__Workflows__Dispatch"] = "bus",
            ["Noa__Bus__Provider"] = "redis",
            ["Noa__Metadata__Postgres__PasswordFile"] = "/run/secrets/noa/postgres-password",
        },
        new HashSet<string> { "/run/secrets/noa/postgres-password" },
        [],
        probes ?? [new Probe("liveness", "/healthz", 8080), new Probe("readiness", "/readyz", 8080)]);

    [Fact]
    public void All_AGoodWorker_HasNoProblem()
    {
        Problems.None(DeployChecks.All(Good(), kubernetes: true));
        Assert.Equal(["intake"], Good().WorkerStages);
    }

    [Theory]
    [InlineData("serve --target intkae --urls http://0.0.0.0:8080", "unknown target 'intkae'")]
    [InlineData("serve --target intake --urls http://0.0.0.0:9090", "--urls listens on 9090")]
    [InlineData("serve --target intake", "no --urls")]
    [InlineData("serve --urls http://0.0.0.0:8080", "no --target")]
    [InlineData("serve --target intake --port 8080 --urls http://0.0.0.0:8080", "--port")]
    [InlineData("digest --target intake --urls http://0.0.0.0:8080", "not 'noa serve")]
    public void Command_Wrong_IsReported(string command, string problem)
    {
        var problems = DeployChecks.Command(Good(args: command.Split(' '))).ToList();
        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Noa__Bus__Redis__ConnectionStrng", "127.0.0.1:6379", "ConnectionStrng")]
    [InlineData("Noa__Buss__Provider", "redis", "no options section")]
    [InlineData("Noa__Bus__Provider", "kafka", "choices are inprocess | redis | nats")]
    [InlineData("Noa__Metadata__Provider", "mysql", "choices are sqlite | postgres")]
    [InlineData("Noa__Workflows__WorkerSlots", "many", "WorkerSlots")]
    [InlineData("Noa__Workflows__Dispatch", "kafka", "Dispatch")]
    [InlineData("Noa__Workflows__Scheduler__Leese", "00:01:00", "Leese")]
    [InlineData("Noa__Gateway__MaxQueueDepht", "10", "MaxQueueDepht")]
    [InlineData("ASPNETCORE_URLS", "http://+:8080", "no options section")]
    public void Settings_UnknownKeyOrBadValue_IsReported(string name, string value, string problem)
    {
        var environment = new Dictionary<string, string> { [name] = value };
        var problems = DeployChecks.Settings(Good(environment)).ToList();
        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Noa__Workflows__Scheduler__Lease", "00:01:00")]
    [InlineData("Noa__Gateway__Queues__tasks.intake", "workers")]
    [InlineData("Noa__Intake__AllowedFileRoots__0", "/srv")]
    [InlineData("Noa__Artifacts__S3__ForcePathStyle", "true")]
    [InlineData("Noa__Bus__Nats__MaxAckPending", "10")]
    [InlineData("Noa__Home", "/var/lib/noa")]
    public void Settings_RealKeys_AreAccepted(string name, string value)
    {
        Problems.None(DeployChecks.Settings(Good(new Dictionary<string, string> { [name] = value })));
    }

    [Theory]
    [InlineData("Noa__Bus__Redis__Password", "hunter2", "holds a secret as a plain value")]
    [InlineData("Noa__Metadata__Postgres__PasswordFile", "/etc/postgres-password", "is not a mounted secret file")]
    [InlineData("Noa__Metadata__Postgres__ConnectionString", "Host=db;Username=noa;Password=hunter2", "holds a secret")]
    [InlineData("Noa__Gateway__BootstrapKeyFile", "/run/secrets/noa/admin-key", "is not a mounted secret file")]
    [InlineData("Noa__Gateway__BootstrapKey", "noa_bootstrap_0123456789abcdef0123456789abcdef", "holds a secret")]
    public void Secrets_InTheEnvironmentOrUnmounted_AreReported(string name, string value, string problem)
    {
        var problems = DeployChecks.Secrets(Good(new Dictionary<string, string> { [name] = value })).ToList();
        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_FromASecretKeyRef_AreReported()
    {
        var workload = Good() with { SecretsInEnvironment = ["Noa__Bus__Redis__Password"] };
        Assert.Contains(DeployChecks.Secrets(workload), p => p.Contains("takes a secret into the environment", StringComparison.Ordinal));
    }

    [Fact]
    public void Probes_WrongPathOrPortOrMissing_AreReported()
    {
        var problems = DeployChecks.Probes(Good(probes: [new Probe("liveness", "/readyz", 8080), new Probe("readiness", "/readyz", 9090)]), kubernetes: true).ToList();
        Assert.Contains(problems, p => p.Contains("liveness probe on /readyz, expected /healthz", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("readiness probe on port 9090", StringComparison.Ordinal));
        Assert.Contains(DeployChecks.Probes(Good(probes: [new Probe("liveness", "/healthz", 8080)]), kubernetes: true), p => p.EndsWith("no readiness probe", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkerStages_WithoutBusDispatch_AreNone()
    {
        Assert.Empty(Good(new Dictionary<string, string> { ["Noa__Bus__Provider"] = "redis" }).WorkerStages);
    }
}
