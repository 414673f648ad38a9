using System.Text.RegularExpressions;

namespace Noa.Deploy.Tests;

/// <summary>deploy/compose.yaml, read as compose reads it: merge keys applied, <c>${VAR:-default}</c> taken at its default.</summary>
internal sealed partial class ComposeFile
{
    public const string SecretsDirectory = "/run/secrets/";

    private ComposeFile(Dictionary<string, object?> root) => Root = root;

    public Dictionary<string, object?> Root { get; }

    public static ComposeFile Load(string? path = null) => new(Yaml.Load(path ?? Repo.Path("deploy", "compose.yaml")));

    public IReadOnlyDictionary<string, Dictionary<string, object?>> Services =>
        Root.Map("services").ToDictionary(s => s.Key, s => (Dictionary<string, object?>)s.Value!, StringComparer.Ordinal);

    public static IReadOnlyList<string> Profiles(Dictionary<string, object?> service) => [.. service.List("profiles").Cast<string>()];

    /// <summary>A noa container: built from deploy/Dockerfile.</summary>
    public static bool IsNoa(Dictionary<string, object?> service) =>
        service.Map("build").Text("dockerfile") == "deploy/Dockerfile";

    public IEnumerable<Workload> Workloads() =>
        Services.Where(s => IsNoa(s.Value)).Select(s => ToWorkload(s.Key, s.Value));

    public static Workload ToWorkload(string name, Dictionary<string, object?> service)
    {
        var args = service.GetValueOrDefault("command") switch
        {
            List<object?> list => list.Cast<string>().Select(Interpolate).ToList(),
            string text => [.. Interpolate(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)],
            _ => new List<string>(),
        };
        var ports = service.List("ports").Cast<string>().Select(ContainerPort)
            .Concat(service.List("expose").Cast<string>().Select(ContainerPort)).Distinct().ToList();
        var environment = service.GetValueOrDefault("environment") switch
        {
            Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Interpolate(e.Value as string ?? "")),
            List<object?> list => list.Cast<string>().Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => Interpolate(e.ElementAtOrDefault(1) ?? "")),
            _ => [],
        };
        var secrets = service.List("secrets").Select(s => s switch
        {
            string source => SecretsDirectory + source,
            Dictionary<string, object?> long_ => long_.Text("target") is { } target && target.StartsWith('/')
                ? target
                : SecretsDirectory + (long_.Text("target") ?? long_.Text("source")),
            _ => throw new InvalidDataException($"{name}: bad secrets entry"),
        }).ToHashSet(StringComparer.Ordinal);
        var probes = new List<Probe>();
        var test = service.Map("healthcheck").List("test").Cast<string>().ToList();
        foreach (var url in test.Where(t => t.StartsWith("http", StringComparison.Ordinal)).Select(t => new Uri(t)))
            probes.Add(new Probe("healthcheck", url.AbsolutePath, url.Port));
        return new Workload($"compose:{name}", args, ports, environment, secrets, [], probes);
    }

    /// <summary>The container side of <c>8080</c>, <c>127.0.0.1:8080:8080</c>, <c>8080:8080/tcp</c>.</summary>
    private static int ContainerPort(string port) => int.Parse(port.Split('/')[0].Split(':')[^1]);

    /// <summary>Compose's interpolation, with every variable unset: <c>${X:-d}</c> and <c>${X-d}</c> give d, <c>${X}</c> gives "".</summary>
    public static string Interpolate(string value) => Variable().Replace(value, m => m.Groups["default"].Value);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
