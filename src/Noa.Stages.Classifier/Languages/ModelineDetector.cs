using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Languages;

/// <summary>
/// Linguist's first strategy: an Emacs (<c>-*- mode: ruby -*-</c>) or Vim (<c>vim: set ft=python:</c>)
/// modeline in the first or last five lines names the language by alias.
/// </summary>
internal static partial class ModelineDetector
{
    // Emacs: "-*- ruby -*-" or "-*- foo: bar; mode: ruby -*-".
    [GeneratedRegex(@"-\*-(?:\s*(?<mode>[^:;\s]+)\s*-\*-|.*?(?:^|[;\s])mode\s*:\s*(?<mode>[^:;\s]+)(?=[\s;]|-\*-).*?-\*-)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Emacs();

    // Vim's own modeline grammar, as linguist spells it: "vi:", "vim:", "vim600:", " ex:" then options.
    [GeneratedRegex(@"(?:(?:^|[ \t])(?:vi|Vi(?=m))(?:m[<=>]?[0-9]+|m)?|[ \t]ex)(?=:(?=[ \t]*set?[ \t][^\r\n:]+:)|:(?![ \t]*set?[ \t]))(?:(?:[ \t]*:[ \t]*|[ \t])\w*(?:[ \t]*=(?:[^\\\s]|\\.)*)?)*[ \t:](?:filetype|ft|syntax)[ \t]*=(?<mode>\w+)(?=$|\s|:)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Vim();

    /// <summary>The language named by a modeline in <paramref name="scope"/> (first and last lines), if any.</summary>
    public static Language? Detect(string scope, LanguageCatalog catalog)
    {
        if (scope.Length == 0)
        {
            return null;
        }
        Match m;
        if (scope.Contains("-*-", StringComparison.Ordinal) && (m = Emacs().Match(scope)).Success)
        {
            return catalog.Find(m.Groups["mode"].Value);
        }
        if ((scope.Contains("vi", StringComparison.OrdinalIgnoreCase) || scope.Contains("ex:", StringComparison.Ordinal))
            && (m = Vim().Match(scope)).Success)
        {
            return catalog.Find(m.Groups["mode"].Value);
        }
        return null;
    }
}
