using Noa.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Noa.Stages.Env.Tests;

/// <summary>Plans of small hand-written repositories, each pinning one edge: evidence, secrets, stores, monorepos, libraries,
/// contradictions. The real Classifier and Graph stages run first, as in a digest.</summary>
public sealed class PlanTests
{
    [Fact]
    public async Task FastApi_PlanNamesRuntimePortStartHealthStoreAndEveryEnvVar_WithEvidence()
    {
        var (outcome, artifacts, plan) = await EnvHarness.RunAsync(Repos.FastApiWithPostgres());

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server);
        Assert.Equal(("3.11", ".python-version:1"), (app.Runtime.Value, app.Runtime.Evidence[0]));
        Assert.Equal("pip install --no-cache-dir -r requirements.txt", app.Install.Value);
        Assert.Equal(("8080", "port.env-default"), (app.Port.Value, app.Port.Rule));
        Assert.Contains("app/main.py:9", app.Port.Evidence);
        Assert.Equal("uvicorn app.main:app --host 0.0.0.0 --port 8080", app.Start.Value);
        Assert.Equal("/healthz", app.Health.Value);
        Assert.Equal("postgres", Assert.Single(app.Stores).Kind);
        Assert.Equal(["DATABASE_URL", "PORT", "SECRET_KEY"], app.Env.Select(e => e.Name));
        Assert.True(app.Env.Single(e => e.Name == "SECRET_KEY").Secret);
        Assert.Equal("postgresql://app@db:5432/app", app.Env.Single(e => e.Name == "DATABASE_URL").Default);
        // Read only by a test: not part of the app's configuration.
        Assert.DoesNotContain(app.Env, e => e.Name == "TEST_ONLY_TOKEN");
        Assert.All(new[] { app.Runtime, app.Port, app.Start, app.Health }, d => Assert.NotEmpty(d.Evidence));

        var compose = Yaml(artifacts.Text("env/compose.yaml"));
        var service = (YamlMappingNode)compose["services"]["app"];
        Assert.Equal("service_healthy", service["depends_on"]["postgres"]["condition"].ToString());
        Assert.Equal("pg_isready -U postgres", ((YamlSequenceNode)compose["services"]["postgres"]["healthcheck"]["test"])[1].ToString());
        // Secrets are files, never values in the environment.
        Assert.DoesNotContain(((YamlMappingNode)service["environment"]).Children.Keys, k => k.ToString() == "SECRET_KEY");
        Assert.Equal("secret_key", ((YamlSequenceNode)service["secrets"])[0].ToString());
        Assert.Contains("SECRET_KEY=\n", artifacts.Text("env/.env.example"));
        Assert.Contains("# read at app/main.py:8", artifacts.Text("env/.env.example"));
    }

    [Fact]
    public async Task Kubernetes_DeploymentIsNonRootReadOnlyWithProbesLimitsAndSecretFiles()
    {
        var (_, artifacts, _) = await EnvHarness.RunAsync(Repos.FastApiWithPostgres());

        var stream = new YamlStream();
        stream.Load(new StringReader(artifacts.Text("env/k8s/app.yaml")));
        var kinds = stream.Documents.Select(d => ((YamlMappingNode)d.RootNode)["kind"].ToString()).ToList();
        Assert.Equal(["ConfigMap", "Deployment", "Service"], kinds);
        var pod = (YamlMappingNode)stream.Documents[1].RootNode["spec"]["template"]["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"])[0];
        Assert.Equal("true", container["securityContext"]["readOnlyRootFilesystem"].ToString());
        Assert.Equal("true", container["securityContext"]["runAsNonRoot"].ToString());
        Assert.Equal("/healthz", container["readinessProbe"]["httpGet"]["path"].ToString());
        Assert.Equal("512Mi", container["resources"]["limits"]["memory"].ToString());
        Assert.Contains(((YamlSequenceNode)container["volumeMounts"]).Cast<YamlMappingNode>(), m => m["mountPath"].ToString() == "/run/secrets");
        Assert.DoesNotContain("SECRET_KEY", ((YamlMappingNode)stream.Documents[0].RootNode["data"]).Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public async Task NpmMonorepo_TwoAppsTwoPlans_InstalledAtTheWorkspaceRootWithEveryMemberManifest()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Repos.NpmMonorepo());

        var api = EnvHarness.App(plan, "services/api");
        var web = EnvHarness.App(plan, "services/web");
        Assert.Equal(("4000", "port.env-default"), (api.Port.Value, api.Port.Rule));
        Assert.Equal(("5001", "port.listen-literal"), (web.Port.Value, web.Port.Rule));
        Assert.Equal("/health", api.Health.Value);
        Assert.Equal("redis", Assert.Single(api.Stores).Kind);
        Assert.Empty(web.Stores);
        Assert.Equal("npm ci", api.Install.Value);
        var dockerfile = artifacts.Text("env/apps/api/Dockerfile");
        Assert.Contains("COPY services/web/package.json /src/services/web/package.json", dockerfile);
        Assert.True(dockerfile.IndexOf("RUN npm ci", StringComparison.Ordinal) < dockerfile.IndexOf("COPY . /src/", StringComparison.Ordinal), "dependency layer before source");
        var services = (YamlMappingNode)Yaml(artifacts.Text("env/compose.yaml"))["services"];
        Assert.Equal(["api", "web", "redis"], services.Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public async Task Library_PlanSaysNotAServer_ImageRunsTheTests_NoServerFiles()
    {
        var (outcome, artifacts, plan) = await EnvHarness.RunAsync(Repos.Library());

        var app = Assert.Single(plan.Apps);
        Assert.False(app.Server);
        Assert.Equal("npm test", app.Start.Value);
        Assert.Contains("nothing deployable", plan.Note);
        Assert.Contains("env/apps/left-pad-ish/Dockerfile", artifacts.Files.Keys);
        Assert.DoesNotContain("env/compose.yaml", artifacts.Files.Keys);
        Assert.DoesNotContain(artifacts.Files.Keys, k => k.StartsWith("env/k8s/", StringComparison.Ordinal));
        Assert.Contains("0 server(s)", outcome.Summary);
    }

    [Fact]
    public async Task ProcfileAndReadmeDisagree_ProcfileWins_AndTheContradictionListsBoth()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Repos.ContradictingStart());

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("gunicorn --bind 0.0.0.0:$PORT wsgi:app", "start.procfile"), (app.Start.Value, app.Start.Rule));
        var conflict = Assert.Single(app.Contradictions);
        Assert.Equal("start", conflict.Field);
        Assert.Equal(["Procfile:1", "README.md:6"], conflict.Candidates.Select(c => c.Evidence[0]).Order());
        // The command expands $PORT: the image sets it to the planned port, gunicorn's own (app.run's 5000 is for `python app.py`).
        Assert.Equal(("8000", "port.server-default:gunicorn"), (app.Port.Value, app.Port.Rule));
        Assert.Contains("ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PORT=8000", artifacts.Text("env/apps/app/Dockerfile"));
    }

    [Fact]
    public async Task SameSource_SameBytes()
    {
        var (_, first, _) = await EnvHarness.RunAsync(Repos.NpmMonorepo());
        var (_, second, _) = await EnvHarness.RunAsync(Repos.NpmMonorepo());

        Assert.Equal(first.Files.Keys.Order(), second.Files.Keys.Order());
        foreach (var (path, bytes) in first.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(second.Files[path]), path);
    }

    [Fact]
    public async Task ConfigSchema_TypesAndDefaultsFromTheCode_RequiredWithoutDefault()
    {
        var (_, artifacts, _) = await EnvHarness.RunAsync(Repos.NpmMonorepo());

        var schema = EnvHarness.Json(artifacts, "env/config.schema.json");
        Assert.Equal("4000", schema.GetProperty("properties").GetProperty("PORT").GetProperty("default").GetString());
        Assert.Equal(["API_URL", "REDIS_URL"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
