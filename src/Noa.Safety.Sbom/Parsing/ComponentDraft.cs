namespace Noa.Safety.Sbom.Parsing;

/// <summary>A component while parsers still add to it; merged by purl.</summary>
internal sealed class ComponentDraft
{
    public required string Ecosystem { get; init; }
    public string? Namespace { get; init; }
    public required string Name { get; init; }
    public string? Version { get; init; }
    public string? Requirement { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>>? Qualifiers { get; init; }
    public ComponentScope Scope { get; set; }
    public bool Direct { get; set; }
    public List<ComponentHash> Hashes { get; } = [];
    public DeclaredLicense? License { get; set; }
    public string SourcePath { get; set; } = "";

    public string Purl => purl ??= global::Noa.Safety.Sbom.Purl.Create(Ecosystem, Namespace, Name, Version, Qualifiers);
    private string? purl;

    public void MergeFrom(ComponentDraft other)
    {
        Direct |= other.Direct;
        Scope = (ComponentScope)Math.Min((int)Scope, (int)other.Scope);
        License ??= other.License;
        foreach (var h in other.Hashes.Where(h => !Hashes.Contains(h)))
        {
            Hashes.Add(h);
        }
    }

    public Component ToComponent() => new()
    {
        Ecosystem = Ecosystem, Namespace = Namespace, Name = Name, Version = Version, Requirement = Requirement,
        Purl = Purl, Scope = Scope, Direct = Direct, License = License, SourcePath = SourcePath,
        Hashes = Hashes.OrderBy(h => h.Algorithm, StringComparer.Ordinal).ToList(),
    };
}
