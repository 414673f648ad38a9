using Noa.Safety.Secrets.Tests;

namespace Noa.Safety.Secrets.Bench;

internal sealed record PlantedSecret(string RuleId, string Path, int Line, int Lines)
{
    public int NearMissLine => Line + Lines;
}

internal static class Planting
{
    /// <summary>Copies the corpora under <paramref name="tree"/> and appends each rule's sample and near miss to a source file, round robin.</summary>
    public static List<PlantedSecret> Build(IEnumerable<string> corpora, string tree)
    {
        foreach (var corpus in corpora)
        {
            // Named after the corpus (python, npm), not its last folder: Gitleaks and Trivy skip any path
            // through node_modules by policy, and this measures detection, not that policy.
            var name = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(corpus)))!;
            foreach (var file in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(tree, name, Path.GetRelativePath(corpus, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }
        string[] extensions = [".py", ".js", ".ts", ".go", ".java", ".rs", ".cs"];
        var targets = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)) && !f.EndsWith(".min.js", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        var step = Math.Max(1, targets.Length / RuleSamples.All.Count);
        var planted = new List<PlantedSecret>();
        for (var i = 0; i < RuleSamples.All.Count; i++)
        {
            var sample = RuleSamples.All[i];
            var file = targets[i * step % targets.Length];
            var text = File.ReadAllText(file).TrimEnd('\n') + "\n\n";
            var line = text.Count(c => c == '\n') + 1;
            File.WriteAllText(file, text + sample.Positive + "\n" + sample.NearMiss + "\n");
            planted.Add(new PlantedSecret(sample.RuleId, Path.GetRelativePath(tree, file).Replace('\\', '/'), line, sample.Positive.Count(c => c == '\n') + 1));
        }
        return planted;
    }

    public static bool Found(IEnumerable<SecretFinding> findings, PlantedSecret p) =>
        findings.Any(f => f.Path == p.Path && f.Line >= p.Line && f.Line < p.Line + p.Lines);
}
