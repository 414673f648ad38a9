using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Tests.Versions;

internal static class Ordering
{
    /// <summary>Every pair of an ascending list must compare in the listed order, both ways round.</summary>
    public static void AssertAscending(VersionScheme scheme, params string[] versions)
    {
        for (var i = 0; i < versions.Length; i++)
        {
            for (var j = i + 1; j < versions.Length; j++)
            {
                Assert.True(scheme.Compare(versions[i], versions[j]) < 0, $"expected {versions[i]} < {versions[j]}");
                Assert.True(scheme.Compare(versions[j], versions[i]) > 0, $"expected {versions[j]} > {versions[i]}");
            }
        }
    }
}
