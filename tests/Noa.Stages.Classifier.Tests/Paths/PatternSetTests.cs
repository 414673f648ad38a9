using System.Text.RegularExpressions;
using Noa.Stages.Classifier.Paths;

namespace Noa.Stages.Classifier.Tests.Paths;

public sealed class PatternSetTests
{
    [Theory]
    [InlineData(@"(^|/)cache/", "cache/")]
    [InlineData(@"vendors?/", "vendor")]
    [InlineData(@"(^|/)[Vv]+endor/", "endor/")]
    [InlineData(@"(\.|-)min\.(js|css)$", "min.")]
    [InlineData(@"(.*?)\.d\.ts$", ".d.ts")]
    [InlineData(@"(^|/)\.sqlx/query-[0-9a-f]{64}\.json$", ".sqlx/query-")]
    [InlineData(@"^[Pp]ackages/.+\.\d+/", "ackages/")]
    [InlineData(@"(?:^|/)\.idea/", ".idea/")]
    [InlineData(@"(^|/)jquery\-\d\.\d+(\.\d+)?\.js$", "jquery-")]
    [InlineData(@"\.(?i:designer)\.(cs|vb)$", null)]
    [InlineData(@"^a|b$", null)]
    [InlineData(@"(^|/)d3(\.v\d+)?([^.]*)\.js$", ".js")]
    public void RequiredLiteral_Pattern_IsASubstringOfEveryMatch(string pattern, string? expected) =>
        Assert.Equal(expected, PatternSet.RequiredLiteral(pattern));

    // The literal filter must never change an answer: compare with every regex run on its own, on
    // real paths (the corpora and Python's library when present) and on the rule tests' paths.
    [Fact]
    public void IsMatch_RealPaths_AgreesWithPlainRegexes()
    {
        var paths = new List<string>
        {
            "node_modules/a/b.js", "static/jquery-3.6.0.min.js", "x/testdata/y.go", "Forms/Main.Designer.cs", ".idea/x.xml",
            "api/user.pb.go", "docs/index.md", "README", "lib/d3.v7.min.js", "packages/Foo.1.2/lib.dll", ".sqlx/query-" + new string('a', 64) + ".json",
        };
        foreach (var root in new[] { "/usr/lib/python3.11", "/work/main/.cache/corpora" }.Where(Directory.Exists))
        {
            paths.AddRange(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Take(12000).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')));
        }
        foreach (var patterns in new[] { PathRules.VendorPatterns, PathRules.FixtureVendorPatterns, PathRules.ToolingVendorPatterns, PathRules.DocumentationPatterns, PathRules.GeneratedPatterns })
        {
            var set = new PatternSet(patterns);
            var plain = patterns.Select(p => new Regex(p)).ToArray();
            foreach (var path in paths)
            {
                Assert.True(plain.Any(r => r.IsMatch(path)) == set.IsMatch(path), path);
            }
        }
    }
}
