using System.Text.RegularExpressions;

namespace Noa.Images.Buildah;

/// <summary>
/// The images a Dockerfile builds <c>FROM</c>: those that are not <c>scratch</c>, an earlier stage or a build argument.
/// A build without network runs in a network namespace of its own, where no registry is reachable: these are pulled
/// before it.
/// </summary>
internal static partial class DockerfileBases
{
    public static IReadOnlyList<string> Of(string dockerfile)
    {
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bases = new List<string>();
        foreach (Match m in From().Matches(File.ReadAllText(dockerfile)))
        {
            var image = m.Groups["image"].Value;
            if (!image.Equals("scratch", StringComparison.OrdinalIgnoreCase) && !stages.Contains(image) && !image.Contains('$', StringComparison.Ordinal)
                && !bases.Contains(image, StringComparer.Ordinal))
                bases.Add(image);
            if (m.Groups["stage"].Success)
                stages.Add(m.Groups["stage"].Value);
        }
        return bases;
    }

    [GeneratedRegex(@"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(?<image>[^\s]+)(?:[ \t]+AS[ \t]+(?<stage>\S+))?[ \t]*\r?$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex From();
}
