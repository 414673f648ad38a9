namespace Noa.Stages.Classifier.Manifests;

/// <summary>
/// Collects detections with their evidence while manifests are read; turns them into sorted profile entries. Each piece of evidence
/// counts in the scope of its file: the repository's own code (product, test, benchmark) makes a profile entry, examples and
/// documentation only an <see cref="Elsewhere"/> one; service types and declared licences take the product (licences: own) scope only.
/// </summary>
internal sealed class Findings(IReadOnlyDictionary<string, string> scopes)
{
    /// <summary>Findings with every file in product scope (tests of single manifests).</summary>
    public Findings() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>Evidence kept per entry: enough to explain, small enough for 10k-file trees.</summary>
    public const int MaxEvidence = 5;

    private readonly Dictionary<string, Entry> _buildSystems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _frameworks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Score, List<Evidence> Evidence)> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _frameworksByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _buildSystemsByPath = new(StringComparer.Ordinal);
    private readonly List<KindVote> _votes = [];
    private readonly SortedDictionary<string, string> _unread = new(StringComparer.Ordinal);

    public List<DeclaredLicense> Declared { get; } = [];

    /// <summary>The scope of a file (<see cref="FileScopes"/>); product for files not scanned (an absence, a test's own input).</summary>
    public string ScopeOf(string path) => scopes.GetValueOrDefault(path, FileScopes.Product);

    /// <summary>Adds a declared licence of a manifest of the repository's own code; examples and documentation declare other software's.</summary>
    public void Declare(DeclaredLicense license)
    {
        if (FileScopes.IsOwn(ScopeOf(license.Path)))
        {
            Declared.Add(license);
        }
    }

    public void BuildSystem(string id, string name, string kind, string? ecosystem, string path, string detail)
    {
        Add(_buildSystems, id, name, kind, ecosystem, new Evidence(path, detail));
        if (!_buildSystemsByPath.TryGetValue(path, out var ids))
        {
            _buildSystemsByPath[path] = ids = [];
        }
        if (!ids.Contains(id))
        {
            ids.Add(id);
        }
    }

    /// <summary>Framework ids each manifest showed (every scope), for the apps.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> FrameworksByPath => _frameworksByPath;

    /// <summary>Build system ids each file showed, in the order found, for the apps.</summary>
    public IReadOnlyDictionary<string, List<string>> BuildSystemsByPath => _buildSystemsByPath;

    /// <summary>Every vote for an app kind a manifest cast (product scope), uncapped, for the apps.</summary>
    public IReadOnlyList<KindVote> Votes => _votes;

    /// <summary>A vote for an app kind that only apps know (app-host, desktop, mobile), or a stronger vote of a project's own SDK.</summary>
    public void AppKind(string kind, int weight, Evidence evidence)
    {
        if (ScopeOf(evidence.Path) == FileScopes.Product)
        {
            _votes.Add(new KindVote(kind, weight, evidence));
        }
    }

    public void Dependency(string ecosystem, string dependency, string path, string detail)
    {
        if (FrameworkCatalog.Find(ecosystem, dependency) is not { } f)
        {
            return;
        }
        Framework(f, path, detail);
    }

    /// <summary>A development dependency: its framework is recorded, it scores no service type.</summary>
    public void DevDependency(string ecosystem, string dependency, string path, string detail)
    {
        if (FrameworkCatalog.Find(ecosystem, dependency) is { } f)
        {
            FrameworkOnly(f, path, detail);
        }
    }

    /// <summary>Records a framework without scoring a service type (dev and peer dependencies).</summary>
    public void FrameworkOnly(FrameworkDef f, string path, string detail) =>
        AddFramework(f, new Evidence(path, detail));

    public void Framework(FrameworkDef f, string path, string detail)
    {
        var evidence = new Evidence(path, detail);
        AddFramework(f, evidence);
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
            case "desktop":
                AppKind("desktop", 4, evidence);
                break;
            case "mobile":
                AppKind("mobile", 4, evidence);
                break;
        }
    }

    private void AddFramework(FrameworkDef f, Evidence evidence)
    {
        Add(_frameworks, f.Id, f.Name, f.Kind, f.Ecosystem, evidence);
        if (!_frameworksByPath.TryGetValue(evidence.Path, out var ids))
        {
            _frameworksByPath[evidence.Path] = ids = new SortedSet<string>(StringComparer.Ordinal);
        }
        ids.Add(f.Id);
    }

    public void Service(string type, int weight, Evidence evidence)
    {
        if (evidence.Path.Length > 0 && ScopeOf(evidence.Path) != FileScopes.Product)
        {
            return;
        }
        if (evidence.Path.Length > 0 && _recordVotes)
        {
            _votes.Add(new KindVote(type, weight, evidence));
        }
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

    private bool _recordVotes = true;

    /// <summary>From now on service scores are the whole tree's (aggregated source signals), not a manifest's: they cast no app vote.</summary>
    public void StopRecordingVotes() => _recordVotes = false;

    /// <summary>
    /// A manifest that could not be read: the profile lists it with <paramref name="reason"/> (the first line of the
    /// parser's message), so a missing dependency or framework is explained rather than silently absent.
    /// </summary>
    public void Unread(string path, string reason)
    {
        var line = reason.Split('\n', 2)[0].Trim();
        _unread.TryAdd(path, line.Length > 240 ? line[..240] + "…" : line);
    }

    /// <summary>The manifests that could not be read, by path.</summary>
    public IReadOnlyList<UnreadManifest> UnreadManifests() => [.. _unread.Select(u => new UnreadManifest(u.Key, u.Value))];

    /// <summary>Build systems of the repository's own code.</summary>
    public IReadOnlyList<Detection> BuildSystems() => Materialize(_buildSystems, own: true);

    /// <summary>Frameworks of the repository's own code.</summary>
    public IReadOnlyList<Detection> Frameworks() => Materialize(_frameworks, own: true);

    /// <summary>What only examples and documentation show.</summary>
    public Elsewhere Elsewhere() => new(Materialize(_buildSystems, own: false), Materialize(_frameworks, own: false));

    public IReadOnlyList<ServiceTypeScore> Services()
    {
        var positive = _services.Where(p => p.Value.Score > 0).ToArray();
        return positive
            .Select(p => new ServiceTypeScore(p.Key, p.Value.Score,
                Confidence(p.Value.Score, positive.Where(o => o.Key != p.Key).Select(o => o.Value.Score).DefaultIfEmpty(0).Max()), Sorted(p.Value.Evidence)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Type, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>score / (score + the best other score + 1): 0.75 for 3 unopposed points, 0.43 for a 3–3 tie.</summary>
    public static double Confidence(int score, int bestOther) => Math.Round((double)score / (score + bestOther + 1), 2);

    private void Add(Dictionary<string, Entry> map, string id, string name, string kind, string? ecosystem, Evidence evidence)
    {
        if (!map.TryGetValue(id, out var entry))
        {
            map[id] = entry = new Entry(name, kind, ecosystem);
        }
        var scope = ScopeOf(evidence.Path);
        entry.Scopes.Add(scope);
        var list = FileScopes.IsOwn(scope) ? entry.Own : entry.Other;
        if (list.Count < MaxEvidence && !list.Contains(evidence))
        {
            list.Add(evidence);
        }
    }

    private static IReadOnlyList<Detection> Materialize(Dictionary<string, Entry> map, bool own) => map
        .Where(p => (p.Value.Own.Count > 0) == own)
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => new Detection(p.Key, p.Value.Name, p.Value.Kind, p.Value.Ecosystem,
            [.. p.Value.Scopes.Where(s => FileScopes.IsOwn(s) == own).Order(StringComparer.Ordinal)], Sorted(own ? p.Value.Own : p.Value.Other)))
        .ToArray();

    private static Evidence[] Sorted(List<Evidence> evidence) =>
        [.. evidence.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Detail, StringComparer.Ordinal)];

    private sealed record Entry(string Name, string Kind, string? Ecosystem)
    {
        public List<Evidence> Own { get; } = [];

        public List<Evidence> Other { get; } = [];

        public HashSet<string> Scopes { get; } = new(StringComparer.Ordinal);
    }
}
