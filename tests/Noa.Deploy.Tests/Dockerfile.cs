namespace Noa.Deploy.Tests;

/// <summary>The instructions of deploy/Dockerfile's final stage that the manifests depend on.</summary>
internal sealed record Dockerfile(string User, IReadOnlyDictionary<string, string> Env, IReadOnlyList<string> Entrypoint, string Text)
{
    public static Dockerfile Load()
    {
        var text = File.ReadAllText(Repo.Path("deploy", "Dockerfile"));
        // Join continuation lines, then read the last stage only.
        var lines = text.Replace("\\\n", " ").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var final = lines.Skip(lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        var user = final.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Split(':')[0].Trim();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in final.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (var pair in line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Contains('=')))
                env[pair.Split('=', 2)[0]] = pair.Split('=', 2)[1];
        }
        var entry = final.Last(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))[11..];
        var entrypoint = System.Text.Json.JsonSerializer.Deserialize<string[]>(entry)!;
        return new Dockerfile(user, env, entrypoint, text);
    }
}
