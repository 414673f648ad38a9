namespace Noa.Stages.Integrator.Model;

/// <summary>
/// <c>--include</c>/<c>--exclude</c> for huge APIs: each pattern is a tag (<c>tag:repos</c>) or a path prefix
/// (<c>/repos</c>, or <c>path:/repos</c>). An operation is kept when it matches an include (or there are none) and no exclude.
/// </summary>
internal sealed class OperationFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
{
    public bool IsEmpty => include.Count == 0 && exclude.Count == 0;

    public bool Includes(string path, IEnumerable<string> tags)
    {
        var tagList = tags.ToList();
        bool Matches(string pattern) => pattern.StartsWith("tag:", StringComparison.Ordinal)
            ? tagList.Contains(pattern[4..], StringComparer.OrdinalIgnoreCase)
            : path.StartsWith(pattern.StartsWith("path:", StringComparison.Ordinal) ? pattern[5..] : pattern, StringComparison.Ordinal);
        return (include.Count == 0 || include.Any(Matches)) && !exclude.Any(Matches);
    }
}
