namespace Noa.Stages.Classifier.Tests;

/// <summary>
/// Classifies the real code that scripts/corpora.sh puts under <c>.cache/corpora/&lt;name&gt;/</c>. Skips
/// quietly when the corpora are absent, except under CI=true where their absence is a failure.
/// </summary>
public sealed class CorpusTests
{
    // Corpora named after a language must come out with that language on top.
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["go"] = "Go", ["python"] = "Python", ["rust"] = "Rust", ["java"] = "Java", ["csharp"] = "C#",
    };

    [Fact]
    public async Task Classify_EachCorpus_ProducesConsistentProfile()
    {
        var root = CorporaRoot();
        if (root is null)
        {
            Requirement.Unmet(".cache/corpora is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
            return;
        }
        foreach (var corpus in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(corpus);
            var result = await new SourceClassifier().ClassifyDirectoryAsync(corpus);
            var p = result.Profile;
            var f = p.Files;
            Assert.True(f.Total > 0, $"{name}: no files");
            Assert.Equal(f.Total, f.Classified + f.Other + f.Vendored + f.Generated + f.Documentation + f.Binary);
            Assert.Equal(f.Total, result.FileList.Files.Count);
            Assert.Equal(f.Classified, p.Languages.Sum(l => l.Files));
            if (p.Languages.Count > 0)
            {
                Assert.InRange(p.Languages.Sum(l => l.Share), 0.99, 1.01);
            }
            if (Expected.TryGetValue(name, out var language))
            {
                Assert.True(p.Languages.Count > 0 && p.Languages[0].Name == language,
                    $"{name}: expected {language} on top, got {string.Join(", ", p.Languages.Take(3).Select(l => $"{l.Name} {l.Share}"))}");
            }
            Assert.All(p.Licenses.Files, l => Assert.InRange(l.Confidence, 0, 1));
        }
    }

    private static string? CorporaRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var corpora = Path.Combine(dir.FullName, ".cache", "corpora");
                return Directory.Exists(corpora) && Directory.EnumerateDirectories(corpora).Any() ? corpora : null;
            }
        }
        return null;
    }
}
