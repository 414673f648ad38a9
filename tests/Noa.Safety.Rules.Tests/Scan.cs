using System.Text;

namespace Noa.Safety.Rules.Tests;

/// <summary>Shared by the tests: the starter pack, loaded once, and a way to scan a snippet.</summary>
internal static class Scan
{
    private static readonly Lazy<RulePack> Pack = new(RulePack.LoadDefault);

    public static RulePack Default => Pack.Value;

    public static async Task<ScanResult> SnippetAsync(RulePack pack, string language, string code, string path = "snippet") =>
        await RuleEngine.ScanAsync(pack, [new SourceFile(path, language, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(code))))]);
}
