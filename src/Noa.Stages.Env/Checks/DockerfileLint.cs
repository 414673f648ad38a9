using System.Text.RegularExpressions;

namespace Noa.Stages.Env.Checks;

/// <summary>
/// A named subset of hadolint's Dockerfile rules (same ids and meaning, https://github.com/hadolint/hadolint#rules), and two of
/// our own (NOA…): DL3000 absolute WORKDIR, DL3002 last USER not root, DL3006 tagged FROM, DL3007 no <c>latest</c>, DL3009
/// apt lists removed, DL3015 <c>--no-install-recommends</c>, DL3020 COPY rather than ADD for local files, DL3025 exec-form CMD and
/// ENTRYPOINT, DL3042 <c>pip install --no-cache-dir</c>, DL4000 no MAINTAINER, NOA001 a server image has a HEALTHCHECK, NOA002 FROM
/// pinned by digest. Instructions continued with <c>\</c> are joined first; build-stage names are not images.
/// </summary>
internal static partial class DockerfileLint
{
    public static IReadOnlyList<LintFinding> Check(string path, string dockerfile, bool server)
    {
        var findings = new List<LintFinding>();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? lastUser = null;
        var healthcheck = false;
        foreach (var (line, instruction, args) in Instructions(dockerfile))
        {
            void Add(string rule, string level, string message) => findings.Add(new LintFinding(path, line, rule, level, message));
            switch (instruction)
            {
                case "FROM":
                    var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
                    var image = parts.FirstOrDefault() ?? "";
                    if (parts.Count >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                        stages.Add(parts[2]);
                    if (image == "scratch" || stages.Contains(image))
                        break;
                    var nameTag = image.Split('@')[0];
                    var lastSegment = nameTag[(nameTag.LastIndexOf('/') + 1)..];
                    if (!lastSegment.Contains(':') && !image.Contains('@'))
                        Add("DL3006", "warning", $"Always tag the version of an image explicitly ({image}).");
                    if (lastSegment.EndsWith(":latest", StringComparison.Ordinal))
                        Add("DL3007", "warning", $"Using latest is prone to errors if the image will ever update ({image}).");
                    if (!image.Contains("@sha256:", StringComparison.Ordinal))
                        Add("NOA002", "info", $"The base image is not pinned by digest ({image}); make lock-images pins it.");
                    break;
                case "WORKDIR":
                    if (!args.StartsWith('/') && !args.StartsWith('$') && !WindowsPath().IsMatch(args))
                        Add("DL3000", "error", $"Use absolute WORKDIR ({args}).");
                    break;
                case "USER":
                    lastUser = args.Trim();
                    break;
                case "RUN":
                    if (args.Contains("apt-get install", StringComparison.Ordinal) && !args.Contains("--no-install-recommends", StringComparison.Ordinal))
                        Add("DL3015", "info", "Avoid additional packages by specifying --no-install-recommends.");
                    if (args.Contains("apt-get install", StringComparison.Ordinal) && !args.Contains("rm -rf /var/lib/apt/lists", StringComparison.Ordinal))
                        Add("DL3009", "info", "Delete the apt-get lists after installing something.");
                    if (PipInstall().IsMatch(args) && !args.Contains("--no-cache-dir", StringComparison.Ordinal) && !args.Contains("PIP_NO_CACHE_DIR", StringComparison.Ordinal))
                        Add("DL3042", "warning", "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`.");
                    break;
                case "ADD":
                    if (!args.Contains("://", StringComparison.Ordinal) && !Archive().IsMatch(args))
                        Add("DL3020", "error", "Use COPY instead of ADD for files and folders.");
                    break;
                case "CMD" or "ENTRYPOINT":
                    if (!args.TrimStart().StartsWith('['))
                        Add("DL3025", "warning", $"Use arguments JSON notation for {instruction}.");
                    break;
                case "MAINTAINER":
                    Add("DL4000", "error", "MAINTAINER is deprecated.");
                    break;
                case "HEALTHCHECK":
                    healthcheck = !args.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase);
                    break;
            }
        }
        if (lastUser is null || lastUser is "root" or "0" || lastUser.StartsWith("root:", StringComparison.Ordinal) || lastUser.StartsWith("0:", StringComparison.Ordinal))
            findings.Add(new LintFinding(path, 0, "DL3002", "warning", "Last USER should not be root."));
        if (server && !healthcheck)
            findings.Add(new LintFinding(path, 0, "NOA001", "warning", "A server image has no HEALTHCHECK."));
        return findings;
    }

    /// <summary>Each instruction with its first line, continuations joined, comments and blank lines skipped.</summary>
    private static IEnumerable<(int Line, string Instruction, string Args)> Instructions(string dockerfile)
    {
        var lines = dockerfile.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            var start = i;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
                text = text[..^1] + " " + lines[++i].Trim();
            var space = text.IndexOfAny([' ', '\t']);
            yield return space < 0 ? (start + 1, text.ToUpperInvariant(), "") : (start + 1, text[..space].ToUpperInvariant(), text[(space + 1)..].Trim());
        }
    }

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsPath();

    [GeneratedRegex(@"\bpip3?\s+install\b")]
    private static partial Regex PipInstall();

    [GeneratedRegex(@"\.(tar|tar\.gz|tgz|tar\.bz2|tar\.xz|txz)\s")]
    private static partial Regex Archive();
}
