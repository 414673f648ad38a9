using System.Text.RegularExpressions;

namespace Noa.Deploy.Tests;

/// <summary>The checks every noa container of every manifest must pass; each returns every problem, not the first.</summary>
internal static partial class DeployChecks
{
    /// <summary>Names that end like a secret but are not one: the S3 access key id is the public half of the pair
    /// (S3Settings.AccessKey); its secret half is SecretKeyFile.</summary>
    private static readonly HashSet<string> NotSecrets = new(StringComparer.OrdinalIgnoreCase) { "Noa:Artifacts:S3:AccessKey" };

    /// <summary>The command is <c>noa serve</c> with targets the catalogue resolves, listening where the container publishes.</summary>
    public static IEnumerable<string> Command(Workload w)
    {
        var serve = w.Serve;
        foreach (var error in serve.Errors)
            yield return $"{w.Name}: {error}";
        if (serve.Target is { } target && NoaCode.Resolve(target).Error is { } refused)
            yield return $"{w.Name}: --target {target}: {refused}";
        if (serve.Urls is null)
            yield break;
        foreach (var port in serve.Ports.Where(p => !w.ContainerPorts.Contains(p)))
            yield return $"{w.Name}: --urls listens on {port}, which the container does not publish ({string.Join(", ", w.ContainerPorts)})";
        foreach (var port in w.ContainerPorts.Where(p => !serve.Ports.Contains(p)))
            yield return $"{w.Name}: publishes port {port}, on which noa does not listen (--urls {serve.Urls})";
    }

    /// <summary>Every setting maps onto an option noa reads, with a value of the right type.</summary>
    public static IEnumerable<string> Settings(Workload w) => SettingsModel.Check(w.Settings).Select(p => $"{w.Name}: {p}");

    /// <summary>No environment value holds a secret: secret settings are *File paths to a mounted secret file.</summary>
    public static IEnumerable<string> Secrets(Workload w)
    {
        foreach (var name in w.SecretsInEnvironment)
            yield return $"{w.Name}: {name} takes a secret into the environment; mount it as a file and set a *File setting";
        foreach (var (key, value) in w.Settings)
        {
            var last = key[(key.LastIndexOf(':') + 1)..];
            if (last.EndsWith("File", StringComparison.OrdinalIgnoreCase) && SecretName().IsMatch(last[..^4]))
            {
                if (!w.SecretFiles.Contains(value))
                    yield return $"{w.Name}: {key}={value} is not a mounted secret file ({string.Join(", ", w.SecretFiles.Order())})";
            }
            else if (SecretName().IsMatch(last) && !NotSecrets.Contains(key))
                yield return $"{w.Name}: {key} holds a secret as a plain value; use {last}File with a mounted secret";
            if (SecretValue().IsMatch(value))
                yield return $"{w.Name}: the value of {key} holds a secret ({SecretValue().Match(value).Value.Trim()}…)";
        }
    }

    /// <summary>Liveness on /healthz and readiness on /readyz, on the port noa listens on.</summary>
    public static IEnumerable<string> Probes(Workload w, bool kubernetes)
    {
        var ports = w.Serve.Ports;
        if (w.Probes.Count == 0)
            yield return $"{w.Name}: no health check";
        foreach (var probe in w.Probes)
        {
            var expected = probe.Kind switch
            {
                "liveness" or "startup" => ["/healthz"],
                "readiness" => ["/readyz"],
                _ => new[] { "/healthz", "/readyz" },
            };
            if (!expected.Contains(probe.Path))
                yield return $"{w.Name}: {probe.Kind} probe on {probe.Path}, expected {string.Join(" or ", expected)}";
            if (!ports.Contains(probe.Port))
                yield return $"{w.Name}: {probe.Kind} probe on port {probe.Port}, but noa listens on {string.Join(", ", ports)}";
        }
        if (kubernetes)
        {
            foreach (var kind in new[] { "liveness", "readiness" }.Where(k => w.Probes.All(p => p.Kind != k)))
                yield return $"{w.Name}: no {kind} probe";
        }
    }

    public static IEnumerable<string> All(Workload w, bool kubernetes) =>
        Command(w).Concat(Settings(w)).Concat(Secrets(w)).Concat(Probes(w, kubernetes));

    [GeneratedRegex("(Password|Secret|SecretKey|Key|Token)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // A password in a connection string, or a noa API key.
    [GeneratedRegex(@"(?i)(password|pwd)\s*=|\bnoa_[a-z0-9]+_\S{8,}")]
    private static partial Regex SecretValue();
}
