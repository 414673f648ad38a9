namespace Noa.Abstractions;

/// <summary>
/// A filter over the catalogue, newest first. Every filter is optional; the facet filters (language, framework, licence)
/// match any of a row's values, ignoring case; <see cref="Source"/> matches the locator or the short name exactly.
/// </summary>
/// <param name="Tenant">Only this tenant's rows; null for every tenant (admins).</param>
/// <param name="Language">Rows with this language.</param>
/// <param name="Framework">Rows with this framework.</param>
/// <param name="License">Rows with this SPDX licence id.</param>
/// <param name="Verdict">Rows with this safety verdict (one of <see cref="Verdicts"/>).</param>
/// <param name="Source">Rows of this source (locator or short name).</param>
/// <param name="Limit">At most this many rows (1 to <see cref="MaxLimit"/>).</param>
/// <param name="After">Rows after this position (the <see cref="CatalogPage.Next"/> of the previous page).</param>
public sealed record CatalogQuery(string? Tenant = null, string? Language = null, string? Framework = null, string? License = null,
    string? Verdict = null, string? Source = null, int Limit = 50, CatalogCursor? After = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The longest filter value.</summary>
    public const int MaxFilterLength = 256;

    /// <summary>The verdicts a row can have (the Safety stage's).</summary>
    public static IReadOnlyList<string> Verdicts { get; } = ["pass", "warn", "fail"];

    /// <summary>Every bad filter, by its name (<c>language</c>, <c>verdict</c>, <c>limit</c>, …), with the reason; empty when the query is valid.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { ("language", Language), ("framework", Framework), ("license", License), ("source", Source) })
        {
            if (value is not null && (value.Length == 0 || value.Length > MaxFilterLength || value.Any(char.IsControl)))
                errors[name] = $"must be 1–{MaxFilterLength} characters without control characters";
        }
        if (Verdict is not null && !Verdicts.Contains(Verdict, StringComparer.Ordinal))
            errors["verdict"] = $"'{Verdict}' is not a verdict; verdicts: {string.Join(", ", Verdicts)}";
        if (Limit is < 1 or > MaxLimit)
            errors["limit"] = $"must be between 1 and {MaxLimit}";
        return errors;
    }
}
