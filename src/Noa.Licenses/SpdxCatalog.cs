using System.Collections.Frozen;
using System.IO.Compression;
using System.Text.Json;

namespace Noa.Licenses;

/// <summary>The SPDX licence list (ids, deprecated ids, exceptions, names), embedded once in this assembly from the
/// data <c>scripts/fetch-data.sh</c> packs, and loaded on first use.</summary>
public sealed class SpdxCatalog
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
        foreach (var license in licenses.OrderBy(l => deprecated.Contains(l.Id) || !current.Contains(l.Id)))
        {
            byName.TryAdd(license.Name, license.Id);
        }
        ByName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The embedded list.</summary>
    public static SpdxCatalog Instance => Shared.Value;

    /// <summary>The licence list's version (<c>3.26</c>, or the npm package's version it was packed from).</summary>
    public string Version { get; }

    /// <summary>Ids that are neither deprecated nor legacy <c>+</c> forms.</summary>
    public FrozenSet<string> Current { get; }

    /// <summary>Canonical id by case-insensitive id, current, deprecated and legacy <c>+</c> forms (<c>GPL-2.0+</c>).</summary>
    public FrozenDictionary<string, string> Ids { get; }

    /// <summary>Deprecated ids (<c>GPL-2.0</c>, <c>LGPL-2.1</c>).</summary>
    public FrozenSet<string> Deprecated { get; }

    /// <summary>Canonical exception id by case-insensitive id.</summary>
    public FrozenDictionary<string, string> Exceptions { get; }

    /// <summary>Every licence with its name, by ordinal id.</summary>
    public IReadOnlyList<SpdxLicense> Licenses { get; }

    /// <summary>Id by full name, case-insensitive (<c>MIT License</c> → <c>MIT</c>).</summary>
    public FrozenDictionary<string, string> ByName { get; }

    /// <summary>The canonical id of a licence id in any case; false when the list does not have it.</summary>
    public bool TryLicense(string id, out string canonical) => Ids.TryGetValue(id, out canonical!);

    /// <summary>The canonical id of an exception id in any case; false when the list does not have it.</summary>
    public bool TryException(string id, out string canonical) => Exceptions.TryGetValue(id, out canonical!);

    /// <summary>
    /// The id that means the same terms, for comparing a licence with a policy's list: a deprecated GNU id is its
    /// <c>-only</c> form (<c>GPL-2.0</c> → <c>GPL-2.0-only</c>), a legacy <c>+</c> its <c>-or-later</c> form
    /// (<c>GPL-2.0+</c> → <c>GPL-2.0-or-later</c>); anything else is itself, in canonical case.
    /// </summary>
    public string Equivalent(string id)
    {
        var canonical = TryLicense(id, out var c) ? c : id;
        if (canonical.EndsWith('+') && Ids.TryGetValue(canonical[..^1] + "-or-later", out var later))
        {
            return later;
        }
        if (Deprecated.Contains(canonical) && Ids.TryGetValue(canonical + "-only", out var only))
        {
            return only;
        }
        return canonical;
    }

    private static SpdxCatalog Load()
    {
        const string resource = "Noa.Licenses.licenses.json.gz";
        using var raw = typeof(SpdxCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource {resource} is missing: run scripts/fetch-data.sh and rebuild.");
        using var gzip = new GZipStream(raw, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gzip);
        var root = doc.RootElement;
        var deprecated = Strings(root, "deprecated");
        var current = Strings(root, "ids");
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
            Strings(root, "exceptions").Distinct(StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(e => e, e => e, StringComparer.OrdinalIgnoreCase),
            [.. licenses.OrderBy(l => l.Id, StringComparer.Ordinal)]);
    }

    private static string[] Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(i => i.GetString() ?? "").ToArray()
            : [];
}
