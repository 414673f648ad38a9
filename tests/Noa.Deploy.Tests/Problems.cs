namespace Noa.Deploy.Tests;

internal static class Problems
{
    /// <summary>Fails with every problem, one a line (xunit's Assert.Empty cuts long items short).</summary>
    public static void None(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        Assert.True(all.Count == 0, $"{all.Count} problem(s):\n" + string.Join("\n", all));
    }
}
