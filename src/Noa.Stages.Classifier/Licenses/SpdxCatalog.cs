using System.Collections.Frozen;

namespace Noa.Stages.Classifier.Licenses;

/// <summary>The SPDX licence list (ids, deprecated ids, exceptions, full texts), loaded once from the embedded resource.</summary>
internal sealed class SpdxCatalog
{
    private static readonly Lazy<SpdxCatalog> Shared = new(Load);

    private SpdxCatalog(string version, FrozenSet<string> current, FrozenDictionary<string, string> ids, FrozenSet<string> deprecated,
        FrozenDictionary<string, string> exceptions, SpdxLicense[] licenses)
    {
        Version = version;
        Current = current;
        Ids = ids;
        Deprecated = deprecated;
        Exceptions = exceptions;
        Licenses = licenses;
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // Deprecated ids share names with their replacements (GPL-2.0 and GPL-2.0-only): the current id wins.
        foreach (var license in licenses.OrderBy(l => deprecated.Contains(l.Id)))
        {
            byName.TryAdd(license.Name, license.Id);
        }
        ByName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static SpdxCatalog Instance => Shared.Value;

    public string Version { get; }

    /// <summary>Ids that are neither deprecated nor legacy <c>+</c> forms: the ones licence files are matched against.</summary>
    public FrozenSet<string> Current { get; }

    /// <summary>Canonical id by case-insensitive id, current and deprecated.</summary>
    public FrozenDictionary<string, string> Ids { get; }

    public FrozenSet<string> Deprecated { get; }

    /// <summary>Canonical exception id by case-insensitive id.</summary>
    public FrozenDictionary<string, string> Exceptions { get; }

    /// <summary>Every licence, by ordinal id.</summary>
    public SpdxLicense[] Licenses { get; }

    /// <summary>Id by full name (<c>MIT License</c> → <c>MIT</c>).</summary>
    public FrozenDictionary<string, string> ByName { get; }

    /// <summary>The full texts by id, read from their own resource on first use (only trees with licence files need them).</summary>
    public static IReadOnlyDictionary<string, string> LoadTexts()
    {
        using var doc = EmbeddedData.Open("license-texts.json.gz");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.GetProperty("texts").EnumerateObject())
        {
            texts[p.Name] = p.Value.GetString() ?? "";
        }
        return texts;
    }

    private static SpdxCatalog Load()
    {
        using var doc = EmbeddedData.Open("licenses.json.gz");
        var root = doc.RootElement;
        var deprecated = EmbeddedData.Strings(root, "deprecated");
        var current = EmbeddedData.Strings(root, "ids");
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in current.Concat(deprecated))
        {
            ids.TryAdd(id, id);
        }
        var licenses = new List<SpdxLicense>();
        foreach (var item in root.GetProperty("licenses").EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            ids.TryAdd(id, id);
            licenses.Add(new SpdxLicense(id, item.GetProperty("name").GetString() ?? id, item.GetProperty("osiApproved").GetBoolean()));
        }
        return new SpdxCatalog(
            root.GetProperty("version").GetString() ?? "",
            current.ToFrozenSet(StringComparer.Ordinal),
            ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            deprecated.ToFrozenSet(StringComparer.Ordinal),
            EmbeddedData.Strings(root, "exceptions").Distinct(StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(e => e, e => e, StringComparer.OrdinalIgnoreCase),
            [.. licenses]);
    }
}
