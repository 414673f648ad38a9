using System.Text.RegularExpressions;

namespace Noa.Abstractions;

/// <summary>The rule for collection names, shared by every <see cref="IVectorStore"/> (Postgres uses them in table names).</summary>
public static partial class VectorCollection
{
    /// <summary>Throws an <see cref="ArgumentException"/> unless the name is 1–40 lowercase ASCII letters, digits or underscores, starting with a letter.</summary>
    public static string Validate(string collection)
    {
        if (!NamePattern().IsMatch(collection))
            throw new ArgumentException($"Collection name '{collection}' is not 1-40 lowercase letters, digits or underscores starting with a letter.", nameof(collection));
        return collection;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming both dimensions when they differ.</summary>
    public static void CheckDimensions(string collection, int expected, int actual)
    {
        if (expected != actual)
            throw new ArgumentException($"Collection '{collection}' holds {expected}-dimension vectors; got a vector of {actual} dimensions.", "vector");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex NamePattern();
}
