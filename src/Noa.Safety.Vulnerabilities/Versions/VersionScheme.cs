namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>The ordering of one ecosystem's versions, as its package manager defines it.</summary>
internal abstract class VersionScheme : IComparer<string>
{
    /// <summary>True when <paramref name="version"/> is a version this scheme can order.</summary>
    public abstract bool IsValid(string version);

    /// <summary>Orders two valid versions; an invalid one throws <see cref="FormatException"/>.</summary>
    public abstract int Compare(string? x, string? y);

    protected static string Require(string? version) =>
        version ?? throw new FormatException("a version is required");

    /// <summary>True for a non-empty run of ASCII digits.</summary>
    protected static bool IsNumeric(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
