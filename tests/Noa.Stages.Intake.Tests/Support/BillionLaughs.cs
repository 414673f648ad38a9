using System.Text;

namespace Noa.Stages.Intake.Tests.Support;

/// <summary>The YAML "billion laughs": nine levels of anchors, each aliasing the previous one nine times.</summary>
internal static class BillionLaughs
{
    public static string Document(string prefix)
    {
        var yaml = new StringBuilder(prefix);
        yaml.Append("x-lol0: &l0 [\"lol\"]\n");
        for (var level = 1; level <= 9; level++)
        {
            var aliases = string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9));
            yaml.Append($"x-lol{level}: &l{level} [{aliases}]\n");
        }
        return yaml.ToString();
    }
}
