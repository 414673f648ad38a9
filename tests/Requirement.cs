using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Noa.Testing;

/// <summary>
/// The one rule for a test whose server, corpus, tool or schema is missing: under <c>CI=true</c> the test fails (CI
/// must have everything), otherwise it is reported as skipped with the reason — never as a pass. Compiled into every
/// test assembly by tests/Directory.Build.targets.
/// </summary>
internal static class Requirement
{
    /// <summary>Whether this run is in CI (<c>CI=true</c>), where nothing a test needs may be missing.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Ends the test: a failure under <c>CI=true</c>, else a skip; <paramref name="what"/> says what is missing and how to get it.</summary>
    [DoesNotReturn]
    public static void Unmet(string what)
    {
        if (IsCi)
            Assert.Fail($"{what} (CI=true: everything the tests need must be present).");
        Assert.Skip($"{what} (set CI=true to make this a failure).");
        throw new UnreachableException();
    }

    /// <summary>Returns <paramref name="value"/>, or ends the test as <see cref="Unmet"/> when it is null.</summary>
    public static T Present<T>(T? value, string what) where T : class
    {
        if (value is null)
            Unmet(what);
        return value;
    }
}
