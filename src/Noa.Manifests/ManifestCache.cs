using System.Collections.Concurrent;

namespace Noa.Manifests;

/// <summary>
/// Parsed manifests by content: a stage that meets the same file again (a workspace root read for each member, a pyproject beside
/// a lockfile) and the stages of one process that read the same snapshot get the one immutable record. Bounded: past
/// <see cref="Capacity"/> entries it starts again, so a huge monorepo costs a re-parse, never unbounded memory.
/// </summary>
internal static class ManifestCache
{
    public const int Capacity = 4096;

    // Keyed by the text itself: manifests are small, and equal texts are equal manifests.
    private static readonly ConcurrentDictionary<(Type, string), object> Entries = new();

    public static T GetOrAdd<T>(string text, Func<string, T> parse) where T : class
    {
        var key = (typeof(T), text);
        if (Entries.TryGetValue(key, out var found))
        {
            return (T)found;
        }
        var parsed = parse(text);
        if (Entries.Count >= Capacity)
        {
            Entries.Clear();
        }
        Entries[key] = parsed;
        return parsed;
    }
}
