namespace Noa.Stages.Classifier.Manifests;

/// <summary>Collects detections with their evidence while manifests are read; turns them into sorted profile entries.</summary>
internal sealed class Findings
{
    /// <summary>Evidence kept per entry: enough to explain, small enough for 10k-file trees.</summary>
    public const int MaxEvidence = 5;

    private readonly Dictionary<string, Entry> _buildSystems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _frameworks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Score, List<Evidence> Evidence)> _services = new(StringComparer.Ordinal);

    public List<DeclaredLicense> Declared { get; } = [];

    public void BuildSystem(string id, string name, string kind, string? ecosystem, string path, string detail) =>
        Add(_buildSystems, id, name, kind, ecosystem, new Evidence(path, detail));

    public void Dependency(string ecosystem, string dependency, string path, string detail)
    {
        if (FrameworkCatalog.Find(ecosystem, dependency) is not { } f)
        {
            return;
        }
        Framework(f, path, detail);
    }

    /// <summary>Records a framework without scoring a service type (dev and peer dependencies).</summary>
    public void FrameworkOnly(FrameworkDef f, string path, string detail) =>
        Add(_frameworks, f.Id, f.Name, f.Kind, f.Ecosystem, new Evidence(path, detail));

    public void Framework(FrameworkDef f, string path, string detail)
    {
        var evidence = new Evidence(path, detail);
        Add(_frameworks, f.Id, f.Name, f.Kind, f.Ecosystem, evidence);
        switch (f.Kind)
        {
            case "http":
                Service("http-api", 3, evidence);
                break;
            case "rpc":
                Service("http-api", 2, evidence);
                break;
            case "fullstack":
                Service("frontend", 3, evidence);
                Service("http-api", 1, evidence);
                break;
            case "frontend":
                Service("frontend", 3, evidence);
                break;
            case "cli":
                Service("cli", 2, evidence);
                break;
            case "worker":
                Service("worker", 3, evidence);
                break;
        }
    }

    public void Service(string type, int weight, Evidence evidence)
    {
        if (!_services.TryGetValue(type, out var entry))
        {
            entry = (0, []);
        }
        if (entry.Evidence.Count < MaxEvidence && !entry.Evidence.Contains(evidence))
        {
            entry.Evidence.Add(evidence);
        }
        _services[type] = (entry.Score + weight, entry.Evidence);
    }

    public bool HasService(string type) => _services.ContainsKey(type);

    public IReadOnlyList<Detection> BuildSystems() => Materialize(_buildSystems);

    public IReadOnlyList<Detection> Frameworks() => Materialize(_frameworks);

    public IReadOnlyList<ServiceTypeScore> Services() => _services
        .Where(p => p.Value.Score > 0)
        .Select(p => new ServiceTypeScore(p.Key, p.Value.Score, Sorted(p.Value.Evidence)))
        .OrderByDescending(s => s.Score).ThenBy(s => s.Type, StringComparer.Ordinal)
        .ToArray();

    private static void Add(Dictionary<string, Entry> map, string id, string name, string kind, string? ecosystem, Evidence evidence)
    {
        if (!map.TryGetValue(id, out var entry))
        {
            map[id] = entry = new Entry(name, kind, ecosystem);
        }
        if (entry.Evidence.Count < MaxEvidence && !entry.Evidence.Contains(evidence))
        {
            entry.Evidence.Add(evidence);
        }
    }

    private static IReadOnlyList<Detection> Materialize(Dictionary<string, Entry> map) => map
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => new Detection(p.Key, p.Value.Name, p.Value.Kind, p.Value.Ecosystem, Sorted(p.Value.Evidence)))
        .ToArray();

    private static Evidence[] Sorted(List<Evidence> evidence) =>
        [.. evidence.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Detail, StringComparer.Ordinal)];

    private sealed record Entry(string Name, string Kind, string? Ecosystem)
    {
        public List<Evidence> Evidence { get; } = [];
    }
}
