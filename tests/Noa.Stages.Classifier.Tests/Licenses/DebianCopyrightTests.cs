using System.Text;
using Noa.Stages.Classifier.Licenses;

namespace Noa.Stages.Classifier.Tests.Licenses;

/// <summary>
/// Licence texts as Debian maintainers copied them from upstream into machine-readable
/// <c>/usr/share/doc/*/copyright</c> files: each stand-alone <c>License:</c> paragraph with a full
/// text must match the SPDX id of its Debian short name.
/// </summary>
public sealed class DebianCopyrightTests
{
    private static readonly Dictionary<string, string> DebianToSpdx = new(StringComparer.Ordinal)
    {
        ["Expat"] = "MIT", ["BSD-3-clause"] = "BSD-3-Clause", ["BSD-2-clause"] = "BSD-2-Clause", ["ISC"] = "ISC", ["Zlib"] = "Zlib",
    };

    [Fact]
    public void Match_DebianLicenseParagraphs_AgreeWithShortName()
    {
        if (!Directory.Exists("/usr/share/doc"))
        {
            return;
        }
        int checkedCount = 0, agreed = 0;
        var disagreements = new List<string>();
        foreach (var file in Directory.EnumerateFiles("/usr/share/doc", "copyright", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var (name, text) in Paragraphs(File.ReadAllLines(file)))
            {
                if (!DebianToSpdx.TryGetValue(name, out var expected) || text.Split(' ', '\n').Length < 40)
                {
                    continue;
                }
                checkedCount++;
                var match = LicenseMatcher.Match(text);
                if (match.Id == expected)
                {
                    agreed++;
                }
                else
                {
                    disagreements.Add($"{file} {name}: {match.Id ?? "none"} ({match.Closest} {match.Confidence})");
                }
            }
        }
        if (checkedCount == 0)
        {
            return; // Not a Debian system.
        }
        Assert.True(checkedCount >= 20, $"only {checkedCount} paragraphs checked");
        Assert.True(agreed >= checkedCount * 0.9, $"{agreed}/{checkedCount} agreed:\n{string.Join('\n', disagreements.Take(30))}");
    }

    // Stand-alone "License: NAME" paragraphs of a DEP-5 file: the body is the indented continuation, "." a blank line.
    private static IEnumerable<(string Name, string Text)> Paragraphs(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("License: ", StringComparison.Ordinal) || (i > 0 && lines[i - 1].Length > 0))
            {
                continue;
            }
            var body = new StringBuilder();
            var j = i + 1;
            for (; j < lines.Length && lines[j].StartsWith(' '); j++)
            {
                body.Append(lines[j].Trim() == "." ? "" : lines[j][1..]).Append('\n');
            }
            if (body.Length > 0)
            {
                yield return (lines[i]["License: ".Length..].Trim(), body.ToString());
            }
            i = j - 1;
        }
    }
}
