using MAB.DotIgnore;

namespace Noa.Stages.Intake;

/// <summary>The rules of one <c>.gitignore</c> and the folder (relative to the root) they apply from.</summary>
internal sealed record IgnoreLevel(string Folder, IgnoreList Rules)
{
    /// <summary>Git's answer for this level alone: true ignored, false re-included by a negation, null when
    /// no rule of this file matches (then a shallower file decides). The last matching rule wins.</summary>
    public bool? Decide(string path, bool isFolder)
    {
        var relative = Folder.Length == 0 ? path : path[(Folder.Length + 1)..];
        for (var i = Rules.Rules.Count - 1; i >= 0; i--)
        {
            var rule = Rules.Rules[i];
            if (rule.IsMatch(relative, isFolder))
            {
                return !rule.PatternFlags.HasFlag(PatternFlags.NEGATION);
            }
        }
        return null;
    }
}
