using Noa.Abstractions.Env;
using Noa.Stages.Env.Checks;

namespace Noa.Stages.Env.Tests;

/// <summary>The static checks of the generated files: what the stage writes for a real plan passes them, and each check fails on a
/// small hand-written file with the one mistake it exists for (the controls).</summary>
public sealed class StaticCheckTests
{
    [Fact]
    public async Task GeneratedFiles_PassEveryStaticCheck_AndVerifyJsonRecordsThem()
    {
        var (_, artifacts, _) = await EnvHarness.RunAsync(Repos.FastApiWithPostgres());

        var checks = EnvHarness.Json(artifacts, "env/verify.json").GetProperty("static").EnumerateArray().ToList();
        Assert.Equal(["env/.env.example", "env/compose.yaml", "env/k8s/app.yaml"], checks.Select(c => c.GetProperty("file").GetString()));
        Assert.All(checks, c => Assert.True(c.GetProperty("passed").GetBoolean(), c.ToString()));
    }

    [Fact]
    public void Compose_UnknownKeyAndWrongType_FailTheSchema()
    {
        const string valid = "name: x\nservices:\n  app:\n    image: a:1\n    read_only: true\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [CMD-SHELL, pg_isready]\n      retries: 20\n";
        Assert.True(ComposeSchemaCheck.Check("c.yaml", valid).Passed, string.Join("\n", ComposeSchemaCheck.Check("c.yaml", valid).Problems));

        var unknown = ComposeSchemaCheck.Check("c.yaml", valid.Replace("    read_only: true\n", "    read_only: true\n    readonly: true\n", StringComparison.Ordinal));
        Assert.False(unknown.Passed);
        Assert.Contains(unknown.Problems, p => p.Contains("/services/app", StringComparison.Ordinal));
        var condition = ComposeSchemaCheck.Check("c.yaml", valid.Replace("service_healthy", "healthy", StringComparison.Ordinal));
        Assert.False(condition.Passed);
        Assert.False(ComposeSchemaCheck.Check("c.yaml", "services: [\n").Passed);
    }

    [Fact]
    public void Kubernetes_SelectorMismatchUnknownPortAndNumericConfigValue_AreReported()
    {
        const string valid = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-config}
            data: {PORT: "8000"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: app
                      image: a:1
                      ports: [{name: http, containerPort: 8000}]
                      readinessProbe: {httpGet: {path: /, port: http}}
                      volumeMounts: [{name: tmp, mountPath: /tmp}]
                  volumes: [{name: tmp, emptyDir: {}}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: app}
            spec: {selector: {app: web}, ports: [{port: 8000, targetPort: http}]}
            """;
        Assert.True(KubernetesCheck.Check("k.yaml", valid).Passed, string.Join("\n", KubernetesCheck.Check("k.yaml", valid).Problems));

        var broken = KubernetesCheck.Check("k.yaml", valid
            .Replace("PORT: \"8000\"", "PORT: 8000", StringComparison.Ordinal)
            .Replace("labels: {app: web}", "labels: {app: api}", StringComparison.Ordinal)
            .Replace("port: http}}", "port: web}}", StringComparison.Ordinal)
            .Replace("apiVersion: apps/v1", "apiVersion: v1", StringComparison.Ordinal)
            .Replace("name: tmp, mountPath", "name: cache, mountPath", StringComparison.Ordinal));
        Assert.False(broken.Passed);
        Assert.Equal(5, broken.Problems.Count);
        Assert.Contains("document 1: data.PORT must be a string", broken.Problems);
        Assert.Contains("document 2: Deployment is served at apiVersion apps/v1, not v1", broken.Problems);
        Assert.Contains("document 2: spec.selector.matchLabels does not match spec.template.metadata.labels", broken.Problems);
        Assert.Contains(broken.Problems, p => p.Contains("names port 'web'", StringComparison.Ordinal));
        Assert.Contains(broken.Problems, p => p.Contains("volumeMount 'cache'", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvExample_MissingExtraAndInvalidNames_AreReported()
    {
        var plan = new[] { App("DATABASE_URL", "SECRET_KEY") };
        Assert.True(EnvExampleCheck.Check(".env.example", "# x\nDATABASE_URL=postgres://\nSECRET_KEY=\n", plan).Passed);

        var bad = EnvExampleCheck.Check(".env.example", "DATABASE_URL=\nConnectionStrings:Main=\nOTHER=1\n", plan);
        Assert.Equal(["line 2: 'ConnectionStrings:Main' is not a variable name a shell or dotenv accepts", "SECRET_KEY: planned but not in the file", "OTHER: in the file but not in the plan"], bad.Problems);
    }

    private static AppPlan App(params string[] env)
    {
        var none = Decision.Undecided("test");
        return new AppPlan
        {
            Name = "app", Root = ".", Kind = "web", Server = true, Runtime = none, BuildImage = none, RunImage = none, PackageManager = none,
            Install = none, Build = none, Start = none, Port = none, Health = none,
            Env = [.. env.Select(n => new EnvVariable(n, null, null, false, []))],
        };
    }
}
