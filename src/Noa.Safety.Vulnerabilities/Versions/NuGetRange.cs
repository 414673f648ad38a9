namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>NuGet's version range notation ("Version ranges" in the NuGet docs): "1.0" means ≥ 1.0,
/// "[1.0]" exactly 1.0, "[a, b)" / "(a, b]" with either end open when empty.</summary>
internal sealed record NuGetRange(string? Min, bool MinInclusive, string? Max, bool MaxInclusive)
{
    public static NuGetRange Parse(string text)
    {
        var s = text.Trim();
        if (s.Length == 0) throw new FormatException("empty NuGet version range");
        if (s[0] is not ('[' or '(')) return new NuGetRange(Valid(s), true, null, false);
        if (s[^1] is not (']' or ')')) throw new FormatException($"not a NuGet version range: '{text}'");
        var inner = s[1..^1].Split(',');
        if (inner.Length == 1)
        {
            return s[0] == '[' && s[^1] == ']' ? new NuGetRange(Valid(inner[0].Trim()), true, inner[0].Trim(), true)
                : throw new FormatException($"not a NuGet version range: '{text}'");
        }
        if (inner.Length != 2) throw new FormatException($"not a NuGet version range: '{text}'");
        var (min, max) = (inner[0].Trim(), inner[1].Trim());
        return new NuGetRange(min.Length == 0 ? null : Valid(min), s[0] == '[', max.Length == 0 ? null : Valid(max), s[^1] == ']');
    }

    public bool Contains(string version)
    {
        var scheme = NuGetScheme.Instance;
        if (Min is not null && (scheme.Compare(version, Min) is var lo && (lo < 0 || (lo == 0 && !MinInclusive)))) return false;
        return Max is null || (scheme.Compare(version, Max) is var hi && (hi < 0 || (hi == 0 && MaxInclusive)));
    }

    /// <summary>The exclusive upper bound: the first version outside the range, i.e. the fix.</summary>
    public string? FixedVersion => Max is not null && !MaxInclusive ? Max : null;

    private static string Valid(string v) =>
        NuGetScheme.Instance.IsValid(v) ? v : throw new FormatException($"not a NuGet version: '{v}'");
}
