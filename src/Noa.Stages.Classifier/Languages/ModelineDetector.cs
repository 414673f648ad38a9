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

    // Vim's modeline needs "vi:", "vim:", "Vim:", "vim703:" or " ex:"; most files have none of them,
    // and the full pattern is too costly to run on every file.
    private static bool MayHaveVimModeline(string scope)
    {
        if (scope.Contains("vi:", StringComparison.Ordinal) || scope.Contains("im:", StringComparison.Ordinal) || scope.Contains("ex:", StringComparison.Ordinal))
        {
            return true;
        }
        for (var i = scope.IndexOf("vim", StringComparison.OrdinalIgnoreCase); i >= 0; i = scope.IndexOf("vim", i + 3, StringComparison.OrdinalIgnoreCase))
        {
            var j = i + 3;
            if (j < scope.Length && (char.IsAsciiDigit(scope[j]) || scope[j] is '<' or '=' or '>'))
            {
                return true;
            }
        }
        return false;
    }

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
        if (MayHaveVimModeline(scope) && (m = Vim().Match(scope)).Success)
        {
            return catalog.Find(m.Groups["mode"].Value);
        }
        return null;
    }
}
