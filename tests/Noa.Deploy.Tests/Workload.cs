namespace Noa.Deploy.Tests;

/// <summary>One noa container as a manifest declares it, whichever the format (compose service, k8s Deployment).</summary>
/// <param name="Name">Where it is declared, e.g. <c>compose:gateway</c> or <c>k8s:noa-intake</c>.</param>
/// <param name="Args">The arguments given to <c>noa</c> (<c>serve --target … --urls …</c>).</param>
/// <param name="ContainerPorts">Ports the container publishes (compose ports/expose, k8s containerPort).</param>
/// <param name="Environment">Environment variables with their values (ConfigMap entries included).</param>
/// <param name="SecretFiles">Files a secret is mounted as, by full path.</param>
/// <param name="SecretsInEnvironment">Environment variables whose value comes from a secret (k8s secretKeyRef).</param>
/// <param name="Probes">Health checks: kind (liveness, readiness, startup, healthcheck), path and port.</param>
internal sealed record Workload(
    string Name,
    IReadOnlyList<string> Args,
    IReadOnlyList<int> ContainerPorts,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlySet<string> SecretFiles,
    IReadOnlyList<string> SecretsInEnvironment,
    IReadOnlyList<Probe> Probes)
{
    public ServeArgs Serve => NoaCode.ParseServe(Args);

    /// <summary>The environment as configuration keys (<c>Noa__Bus__Provider</c> → <c>Noa:Bus:Provider</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings =>
        Environment.ToDictionary(e => SettingsModel.KeyOf(e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The pipeline stages this container works on as a bus worker (none unless <c>Noa:Workflows:Dispatch=bus</c>
    /// and a stage module is among its targets' modules, but not as the orchestrator's in-process stage).</summary>
    public IReadOnlyList<string> WorkerStages
    {
        get
        {
            if (Serve.Target is not { } target || NoaCode.Resolve(target) is not { Error: null } resolved)
                return [];
            return Settings.TryGetValue("Noa:Workflows:Dispatch", out var d) && d.Equals("bus", StringComparison.OrdinalIgnoreCase)
                ? [.. NoaCode.Stages.Where(resolved.Modules.Contains)]
                : [];
        }
    }
}

/// <summary>An HTTP health check of a container.</summary>
internal sealed record Probe(string Kind, string Path, int Port);
