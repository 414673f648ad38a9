namespace Noa.Deploy.Tests;

/// <summary>deploy/compose.yaml against the code: commands, ports, settings, secrets, health checks, profiles.</summary>
public sealed class ComposeTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void NoaServices_CommandsPortsSettingsSecretsAndHealthChecks_MatchTheCode()
    {
        var workloads = _compose.Workloads().ToList();
        Assert.True(workloads.Count >= 4, $"only {workloads.Count} noa services");
        Problems.None(workloads.SelectMany(w => DeployChecks.All(w, kubernetes: false)));
    }

    [Fact]
    public void Services_TheSplitTopology_GatewayWorkflowsAndOneWorkerPerStage()
    {
        var byName = _compose.Workloads().ToDictionary(w => w.Name);
        Assert.Equal("gateway", byName["compose:gateway"].Serve.Target);
        Assert.Equal("workflows", byName["compose:workflows"].Serve.Target);
        foreach (var stage in NoaCode.Stages)
        {
            var worker = byName[$"compose:{stage}"];
            Assert.Equal([stage], worker.WorkerStages);
            Assert.Empty(ComposeFile.Profiles(_compose.Services[stage]));
        }
        foreach (var server in new[] { "redis", "postgres", "minio", "registry" })
            Assert.True(_compose.Services.ContainsKey(server), $"no {server} service");
        Assert.StartsWith("pgvector/pgvector:", _compose.Services["postgres"].Text("image"));
    }

    [Theory]
    [InlineData("nats", "nats")]
    [InlineData("supabase", "supabase-db")]
    [InlineData("vcluster", "intake-scaled")]
    [InlineData("vcluster", "classifier-scaled")]
    public void Profile_Exists_WithItsService(string profile, string service)
    {
        Assert.Contains(profile, ComposeFile.Profiles(_compose.Services[service]));
    }

    [Fact]
    public void NatsProfile_NoaCanSwitchTheBusToIt()
    {
        var nats = _compose.Services["nats"];
        Assert.Contains("-js", nats.List("command").Cast<string>());
        var gateway = _compose.Services["gateway"].Map("environment");
        Assert.Equal("${NOA_BUS_PROVIDER:-redis}", gateway.Text("Noa__Bus__Provider"));
        Assert.Equal("nats://nats:4222", gateway.Text("Noa__Bus__Nats__ConnectionString"));
        Assert.Contains("nats", NoaCode.ProviderKeys["Noa:Bus:Provider"]);
    }

    [Fact]
    public void SupabaseProfile_IsTheSupabasePostgresImage_WithItsPasswordFromAFile()
    {
        var db = _compose.Services["supabase-db"];
        Assert.StartsWith("supabase/postgres:", db.Text("image"));
        Assert.Equal("/run/secrets/postgres-password", db.Map("environment").Text("POSTGRES_PASSWORD_FILE"));
        Assert.Contains("postgres-password", db.List("secrets").Cast<string>());
    }

    [Fact]
    public void VclusterProfile_RunsEachStageWorkerScaledOut_AsTheK8sSplitDoes()
    {
        var scaled = _compose.Services.Where(s => ComposeFile.Profiles(s.Value).Contains("vcluster") && ComposeFile.IsNoa(s.Value)).ToList();
        Assert.Equal(NoaCode.Stages, scaled.SelectMany(s => ComposeFile.ToWorkload(s.Key, s.Value).WorkerStages).Order(StringComparer.Ordinal));
        foreach (var (_, service) in scaled)
        {
            Assert.True(int.Parse(service.Map("deploy").Text("replicas")!) > 1);
            Assert.Equal("true", service.Text("read_only"));
        }
    }

    [Fact]
    public void Secrets_AreFiles_NeverEnvironmentValues()
    {
        var declared = _compose.Root.Map("secrets");
        Assert.NotEmpty(declared);
        foreach (var (name, secret) in declared)
        {
            var file = ((Dictionary<string, object?>)secret!).Text("file");
            Assert.True(file is not null && file.StartsWith("./secrets/", StringComparison.Ordinal), $"secret {name} is not read from deploy/secrets/ ({file})");
        }
        foreach (var (name, service) in _compose.Services)
        {
            foreach (var used in service.List("secrets").Cast<string>())
                Assert.True(declared.ContainsKey(used), $"{name} uses undeclared secret {used}");
            // The servers' own settings: a password is a *_FILE, never the value.
            foreach (var (key, value) in service.Map("environment").Where(e => !e.Key.StartsWith("Noa__", StringComparison.Ordinal)))
            {
                if (key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || key.Contains("SECRET", StringComparison.OrdinalIgnoreCase))
                    Assert.True(key.EndsWith("_FILE", StringComparison.Ordinal), $"{name}: {key}={value} is a secret in the environment");
            }
        }
        Assert.Equal("/secrets/", File.ReadAllText(Repo.Path("deploy", ".gitignore")).Split('\n').Single(l => l.StartsWith('/')));
    }

    [Fact]
    public void CapsuleWorker_IsAProfile_WithOnlyTheDocumentedPrivileges()
    {
        var service = _compose.Services["capsules"];
        Assert.Contains("capsules", ComposeFile.Profiles(service));
        Assert.Contains("capsules", _compose.Workloads().Single(w => w.Name == "compose:capsules").Serve.Target!.Split(','));
        Assert.Equal("true", service.Text("read_only"));
        Assert.Equal(["ALL"], service.List("cap_drop").Cast<string>());
        Assert.Equal(KubernetesTests.CapsuleCapabilities, service.List("cap_add").Cast<string>().Order(StringComparer.Ordinal));
        Assert.Contains("no-new-privileges:true", service.List("security_opt").Cast<string>());
    }

    [Theory]
    [InlineData("runner")]
    [InlineData("runner-scaled")]
    public void RunnerWorker_RunsCapsules_WithOnlyTheCapsuleWorkersPrivileges(string name)
    {
        var service = _compose.Services[name];
        Assert.Equal(["runner"], _compose.Workloads().Single(w => w.Name == $"compose:{name}").Serve.Target!.Split(','));
        Assert.Equal("true", service.Text("read_only"));
        Assert.Equal(["ALL"], service.List("cap_drop").Cast<string>());
        Assert.Equal(KubernetesTests.CapsuleCapabilities, service.List("cap_add").Cast<string>().Order(StringComparer.Ordinal));
        Assert.Contains("no-new-privileges:true", service.List("security_opt").Cast<string>());
    }

    // The capsule worker and the Runner (which runs capsules in its own process) are root with the capsule capabilities.
    private static bool RunsCapsules(string service) => service is "capsules" or "runner" or "runner-scaled";

    [Fact]
    public void NoaServices_RunAsTheImagesNonRootUser_OnAReadOnlyRoot()
    {
        foreach (var (name, service) in _compose.Services.Where(s => ComposeFile.IsNoa(s.Value) && !RunsCapsules(s.Key)))
        {
            Assert.Equal($"{Dockerfile.Load().User}:{Dockerfile.Load().User}", service.Text("user"));
            Assert.Equal("true", service.Text("read_only"));
            Assert.Contains(service.List("tmpfs").Cast<string>(), t => t.StartsWith(Dockerfile.Load().Env["NOA_HOME"] + ":", StringComparison.Ordinal));
            Assert.Equal("..", service.Map("build").Text("context"));
            Assert.NotNull(name);
        }
    }
}
