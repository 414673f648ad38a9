namespace Noa.Stages.Integrator.Tests;

/// <summary>
/// The control of the Prism tests: a generated client sending <c>listPets</c>' required <c>species</c> query parameter
/// under a wrong name, which Prism (<c>--errors</c>) must reject with a 422, so the check program fails.
/// </summary>
internal static class PrismControl
{
    /// <summary>Renames the wire name of the <c>species</c> query parameter in a generated client file.</summary>
    public static void BreakQueryName(string client)
    {
        var text = File.ReadAllText(client);
        var broken = text.Replace("\"species\", ", "\"specie\", ", StringComparison.Ordinal);
        Assert.True(broken != text, $"the control found no \"species\" query parameter to break in {client}");
        File.WriteAllText(client, broken);
    }

    public static void AssertRejected(Tools.Result run)
    {
        Assert.True(run.ExitCode != 0, $"the check passed against a client that sends a wrong query parameter:\n{run.Output}");
        Assert.Contains("422", run.Output);
        Assert.DoesNotContain("prism check passed", run.Output);
    }
}
