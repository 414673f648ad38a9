using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A Go server whose documented command line passes a file flag its code declares (webhook: <c>webhook -hooks hooks.json</c> in the
/// README, <c>flag.Var(&amp;hooksFiles, "hooks", "path to the json file …")</c>): without the file such a program may refuse to start,
/// and only its docs say so. When the source holds that file or its example (<c>hooks.json</c>, <c>hooks.json.example</c>,
/// <c>.sample</c>, <c>.dist</c>), the image gets it and the start passes it; when it holds neither, the start is left as it was and
/// the decision says which file it may need.
/// </summary>
internal static partial class ConfigFlagRule
{
    /// <summary>The suffixes of a file's example copy the source may hold instead of the file.</summary>
    internal static readonly string[] Suffixes = ["", ".example", ".sample", ".dist"];

    /// <summary>The app's README and docs/*.md, the README first.</summary>
    internal static IEnumerable<string> Docs(string root, SourceText files)
    {
        var prefix = root == "." ? "" : root + "/";
        return files.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            && (p[prefix.Length..].Equals("README.md", StringComparison.OrdinalIgnoreCase) || p[prefix.Length..].StartsWith("docs/", StringComparison.Ordinal)))
            .OrderBy(p => p[prefix.Length..].Contains('/') ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal);
    }

    /// <summary>The start with the flag and the file the run stage copies (null when the source has none), or null when no docs pass
    /// such a flag.</summary>
    public static async Task<(Decision Start, string? File)?> DecideAsync(string root, string program, Decision start, SourceText files, CancellationToken ct)
    {
        if (start.Value is not { } command)
            return null;
        var prefix = root == "." ? "" : root + "/";
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in files.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.EndsWith(".go", StringComparison.Ordinal)
                     && !p[prefix.Length..].Contains('/') && !p.EndsWith("_test.go", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
                continue;
            foreach (Match m in FileFlag().Matches(text))
                declared.TryAdd(m.Groups["name"].Value, $"{path}:{SourceText.LineOf(text, m.Index)}");
        }
        if (declared.Count == 0)
            return null;
        var docs = Docs(root, files);
        var invocation = new Regex($@"(?m)(?:^|[\s/$]){Regex.Escape(program)}(?<args>(?:\s+-{{1,2}}[\w-]+(?:[ =][^\s-][^\s]*)?)+)");
        foreach (var doc in docs)
        {
            if (await files.ReadAsync(doc, ct).ConfigureAwait(false) is not { } text)
                continue;
            foreach (Match call in invocation.Matches(text))
            {
                foreach (Match flag in Flag().Matches(call.Groups["args"].Value))
                {
                    var name = flag.Groups["name"].Value;
                    if (!declared.TryGetValue(name, out var where) || Regex.IsMatch(command, $@"\s-{{1,2}}{Regex.Escape(name)}\b"))
                        continue;
                    var value = flag.Groups["value"].Value;
                    var shown = $"{doc}:{SourceText.LineOf(text, call.Index)}";
                    var file = Suffixes.Select(s => SourceText.Join(root, value + s)).FirstOrDefault(files.Exists);
                    if (file is null)
                        return (start with
                        {
                            Rule = $"{start.Rule}; start.needs-config: the docs run it with -{name} {value} ({shown}), a file the source holds no example of; it may not start without it",
                            Confidence = Math.Min(start.Confidence, 0.4),
                            Evidence = [.. start.Evidence, shown, where],
                        }, null);
                    var inImage = "/app/" + Path.GetFileName(file);
                    return (new Decision($"{command} -{name} {inImage}",
                        $"{start.Rule}; start.config-flag: the docs run it with -{name} {value} ({shown}), a file flag its code declares; the source's {file} is copied into the image and passed",
                        Math.Min(start.Confidence, 0.7), [.. start.Evidence, shown, where, file]), file);
                }
            }
        }
        return null;
    }

    // flag.String("config", "", "path to the config file"), flag.Var(&files, "hooks", "path to the json file …"): a flag whose usage
    // names a file.
    [GeneratedRegex(@"flag\.(?:String|StringVar|Var)\(\s*(?:&?[\w.]+\s*,\s*)?""(?<name>[\w-]+)""\s*,\s*(?:""[^""]*""\s*,\s*)?""(?<usage>[^""]*\bfiles?\b[^""]*)""")]
    private static partial Regex FileFlag();

    [GeneratedRegex(@"-{1,2}(?<name>[\w-]+)[ =](?<value>[^\s-][^\s]*)")]
    private static partial Regex Flag();
}
