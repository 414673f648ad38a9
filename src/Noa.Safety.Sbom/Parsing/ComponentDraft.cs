namespace Noa.Safety.Sbom.Parsing;

/// <summary>A component while parsers still add to it; merged by purl.</summary>
internal sealed class ComponentDraft
{
    public required string Ecosystem { get; init; }
    public string? Namespace { get; init; }
    public required string Name { get; init; }
    public string? Version { get; init; }
    public string? Requirement { get; set; }
    public IReadOnlyList<KeyValuePair<string, string>>? Qualifiers { get; init; }
    public ComponentScope Scope { get; set; }
    public bool Direct { get; set; }
    public List<ComponentHash> Hashes { get; } = [];
    public DeclaredLicense? License { get; set; }
    public string SourcePath
    {
        get => sourcePath;
        set
        {
            sourcePath = value;
            Sources.Add(value);
        }
    }
    private string sourcePath = "";

    /// <summary>Every file that names the component: the lockfile that pins it and the manifest that declares it.</summary>
    public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);

    public string Purl => purl ??= global::Noa.Safety.Sbom.Purl.Create(Ecosystem, Namespace, Name, Version, Qualifiers);
    private string? purl;

    public void MergeFrom(ComponentDraft other)
    {
        Direct |= other.Direct;
        Scope = (ComponentScope)Math.Min((int)Scope, (int)other.Scope);
        License ??= other.License;
        Requirement ??= other.Requirement;
        Sources.UnionWith(other.Sources);
        foreach (var h in other.Hashes.Where(h => !Hashes.Contains(h)))
        {
            Hashes.Add(h);
        }
    }

    public Component ToComponent() => new()
    {
        Ecosystem = Ecosystem, Namespace = Namespace, Name = Name, Version = Version, Requirement = Requirement,
        Purl = Purl, Scope = Scope, Direct = Direct, License = License, SourcePath = SourcePath, Sources = [.. Sources],
        Hashes = Hashes.OrderBy(h => h.Algorithm, StringComparer.Ordinal).ToList(),
    };
}
