using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Languages;

/// <summary>One rule of a heuristics.yml disambiguation: when <see cref="Matches"/> holds, the file is <see cref="Languages"/>.</summary>
internal sealed class HeuristicRule(string[] languages, Func<string, bool> matches)
{
    // Ruby's ^ and $ always work per line, so every ported pattern is Multiline.
    private const RegexOptions Options = RegexOptions.Multiline | RegexOptions.CultureInvariant;

    public string[] Languages { get; } = languages;

    public Func<string, bool> Matches { get; } = matches;

    public static Func<string, bool> Pattern(params string[] alternatives)
    {
        var regex = new Regex(alternatives.Length == 1 ? alternatives[0] : "(?:" + string.Join(")|(?:", alternatives) + ")", Options);
        return regex.IsMatch;
    }

    public static Func<string, bool> Not(params string[] alternatives)
    {
        var positive = Pattern(alternatives);
        return s => !positive(s);
    }

    public static Func<string, bool> And(params Func<string, bool>[] all) => s =>
    {
        foreach (var test in all)
        {
            if (!test(s))
            {
                return false;
            }
        }
        return true;
    };

    public static Func<string, bool> Always { get; } = _ => true;
}
