using System.Collections.Frozen;

namespace Noa.Stages.Classifier.Languages;

/// <summary>
/// Lookup tables over linguist's languages, built once from the embedded resource. Extensions and
/// aliases are case-insensitive like linguist's indexes; filenames and interpreters are exact.
/// </summary>
internal sealed class LanguageCatalog
{
    private static readonly Lazy<LanguageCatalog> Shared = new(Load);

    private LanguageCatalog(
        string version,
        FrozenDictionary<string, Language> byName,
        FrozenDictionary<string, Language[]> byExtension,
        FrozenDictionary<string, Language[]> byFilename,
        FrozenDictionary<string, Language[]> byInterpreter)
    {
        Version = version;
        ByName = byName;
        ByExtension = byExtension;
        ByFilename = byFilename;
        ByInterpreter = byInterpreter;
    }

    public static LanguageCatalog Instance => Shared.Value;

    /// <summary>Version of the linguist-languages package the data came from.</summary>
    public string Version { get; }

    /// <summary>By name, lower-cased name and alias (modelines name languages by alias).</summary>
    public FrozenDictionary<string, Language> ByName { get; }

    /// <summary>By lower-case extension with its dot, including multi-part ones (<c>.d.ts</c>).</summary>
    public FrozenDictionary<string, Language[]> ByExtension { get; }

    public FrozenDictionary<string, Language[]> ByFilename { get; }

    public FrozenDictionary<string, Language[]> ByInterpreter { get; }

    public Language? Find(string nameOrAlias) => ByName.GetValueOrDefault(nameOrAlias);

    /// <summary>The languages for the longest extension of <paramref name="fileName"/> that has any
    /// (linguist tries <c>.a.b.c</c>, then <c>.b.c</c>, then <c>.c</c>).</summary>
    public Language[]? FindByExtension(string fileName)
    {
        var dot = fileName.IndexOf('.');
        while (dot >= 0)
        {
            var ext = fileName[dot..];
            if (ByExtension.TryGetValue(ext, out var languages))
            {
                return languages;
            }
            dot = fileName.IndexOf('.', dot + 1);
        }
        return null;
    }

    private static LanguageCatalog Load()
    {
        using var doc = EmbeddedData.Open("languages.json.gz");
        var root = doc.RootElement;
        var byName = new Dictionary<string, Language>(StringComparer.OrdinalIgnoreCase);
        var byExt = new Dictionary<string, List<Language>>(StringComparer.OrdinalIgnoreCase);
        var byFile = new Dictionary<string, List<Language>>(StringComparer.Ordinal);
        var byInterp = new Dictionary<string, List<Language>>(StringComparer.Ordinal);
        foreach (var item in root.GetProperty("languages").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            var group = item.GetProperty("group").GetString() ?? name;
            var extensions = EmbeddedData.Strings(item, "extensions");
            var language = new Language(name, item.GetProperty("type").GetString()!, group, extensions.Length > 0 ? extensions[0] : null);
            byName[name] = language;
            byName.TryAdd(name.Replace(' ', '-'), language);
            foreach (var alias in EmbeddedData.Strings(item, "aliases"))
            {
                byName.TryAdd(alias, language);
            }
            Index(byExt, extensions, language);
            Index(byFile, EmbeddedData.Strings(item, "filenames"), language);
            Index(byInterp, EmbeddedData.Strings(item, "interpreters"), language);
        }
        return new LanguageCatalog(
            root.GetProperty("version").GetString() ?? "",
            byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            Freeze(byExt, StringComparer.OrdinalIgnoreCase),
            Freeze(byFile, StringComparer.Ordinal),
            Freeze(byInterp, StringComparer.Ordinal));
    }

    private static void Index(Dictionary<string, List<Language>> index, string[] keys, Language language)
    {
        foreach (var key in keys)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }
            list.Add(language);
        }
    }

    private static FrozenDictionary<string, Language[]> Freeze(Dictionary<string, List<Language>> index, StringComparer comparer) =>
        index.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), comparer);
}
