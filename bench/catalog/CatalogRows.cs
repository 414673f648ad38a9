using Noa.Abstractions;

/// <summary>
/// Seeded catalogue rows shaped like published runs: languages, frameworks and licences drawn with a Zipf-like skew (a few
/// values are on most rows, a long tail on few), three tenants of unequal size, verdicts mostly pass, a creation time per run.
/// </summary>
internal static class CatalogRows
{
    public static readonly string[] Languages = ["JavaScript", "TypeScript", "Python", "Go", "Java", "Shell", "Markdown", "C", "C++", "Rust",
        "Ruby", "PHP", "C#", "Kotlin", "Scala", "Perl", "Lua", "Haskell", "Elixir", "Dart", "Swift", "R", "Julia", "OCaml", "Zig"];

    public static readonly string[] Frameworks = ["Express", "React", "Django", "Flask", "FastAPI", "Spring Boot", "Gin", "Rails", "Laravel",
        "pytest", "Jest", "Mocha", "Vue", "Angular", "Next.js", "NestJS", "Koa", "Echo", "Actix", "ASP.NET Core", "Quarkus", "Micronaut"];

    public static readonly string[] Licenses = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "GPL-3.0-only", "BSD-2-Clause", "MPL-2.0",
        "LGPL-2.1-only", "GPL-2.0-only", "Unlicense", "0BSD", "AGPL-3.0-only", "EPL-2.0", "Zlib", "CC0-1.0"];

    public static readonly string[] Tenants = ["local", "team-a", "team-b"];

    public static IEnumerable<CatalogEntry> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var source = $"https://github.com/org{random.Next(2000)}/repo{random.Next(5000)}";
            // Tenants of unequal size: local holds most runs.
            var tenant = random.NextDouble() switch { < 0.7 => Tenants[0], < 0.9 => Tenants[1], _ => Tenants[2] };
            yield return new CatalogEntry
            {
                RunId = $"run-{i:D6}-{random.Next():x8}", Tenant = tenant, Source = source, SourceName = source["https://".Length..],
                TreeHash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))),
                Commit = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(i))),
                Reference = $"noa/{source["https://".Length..]}:tree-{i:x}", Digest = "sha256:" + new string('b', 64), Store = "http://127.0.0.1:5000",
                Languages = Pick(random, Languages, 1 + random.Next(4)), Frameworks = Pick(random, Frameworks, random.Next(3)),
                ServiceTypes = [random.NextDouble() < 0.5 ? "library" : "http-api"], Licenses = Pick(random, Licenses, 1 + (random.NextDouble() < 0.2 ? 1 : 0)),
                Verdict = random.NextDouble() switch { < 0.8 => "pass", < 0.95 => "warn", _ => "fail" },
                // Runs a few seconds apart, with ties (runs created in the same second) as a busy gateway makes.
                CreatedAt = t0.AddSeconds(i * 3 - i % 4),
            };
        }
    }

    // Zipf-like: value k is drawn with weight 1/(k+1).
    private static string[] Pick(Random random, string[] values, int n)
    {
        var weights = values.Select((_, k) => 1.0 / (k + 1)).ToArray();
        var total = weights.Sum();
        var picked = new HashSet<string>(StringComparer.Ordinal);
        while (picked.Count < Math.Min(n, values.Length))
        {
            var x = random.NextDouble() * total;
            var k = 0;
            while ((x -= weights[k]) > 0 && k < values.Length - 1)
                k++;
            picked.Add(values[k]);
        }
        return [.. picked];
    }
}
