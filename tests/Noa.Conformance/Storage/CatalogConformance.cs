using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// What every catalogue (<see cref="ICatalog"/>) must do: a row per run replaced on record, facet filters that ignore case and
/// match any of a row's values, tenants that see only their own rows, and keyset pages that neither skip nor repeat a row when
/// rows share a creation time. The metadata stores implement it beside <see cref="IRunStore"/>, so the run store fixture supplies it.
/// </summary>
public abstract class CatalogConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IRunStoreFixture
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    internal static CatalogEntry Entry(string run, DateTimeOffset created, string tenant = Tenants.Local, string source = "https://github.com/left-pad/left-pad") => new()
    {
        RunId = run, Tenant = tenant, Source = source, SourceName = "github.com/left-pad/left-pad",
        TreeHash = "sha256:" + new string('a', 64), Commit = "0123456789abcdef0123456789abcdef01234567",
        Reference = $"noa/github.com/left-pad/left-pad:{run}", Digest = "sha256:" + new string('b', 64), Store = "oci-layout:/tmp/oci",
        Languages = ["JavaScript", "Markdown"], Frameworks = ["Express"], ServiceTypes = ["library", "cli"], Licenses = ["MIT", "WTFPL"],
        Verdict = "pass", CreatedAt = created,
    };

    [Fact]
    public async Task Record_ThenGet_RoundTripsEveryField_AndRecordingAgainReplaces()
    {
        RequireServer();
        var catalog = await CatalogAsync();
        var entry = Entry("r1", T0) with { Deliverable = new CatalogDeliverable("deliverables/left-pad/r1.zip", "v-1", new string('c', 64), 5_000_000_000) };

        await catalog.RecordAsync(entry);
        var read = await catalog.GetAsync("r1");

        Assert.NotNull(read);
        Assert.Equal(entry.Languages, read.Languages);
        Assert.Equal(entry.Frameworks, read.Frameworks);
        Assert.Equal(entry.ServiceTypes, read.ServiceTypes);
        Assert.Equal(entry.Licenses, read.Licenses);
        Assert.Equal(entry with { Languages = read.Languages, Frameworks = read.Frameworks, ServiceTypes = read.ServiceTypes, Licenses = read.Licenses }, read);
        Assert.Null(await catalog.GetAsync("r2"));

        await catalog.RecordAsync(entry with { Languages = ["Go"], Verdict = "warn", Deliverable = null, Tenant = "someone-else" });
        var replaced = (await catalog.GetAsync("r1"))!;
        Assert.Equal(["Go"], replaced.Languages);
        Assert.Equal("warn", replaced.Verdict);
        Assert.Null(replaced.Deliverable);
        Assert.Equal(Tenants.Local, replaced.Tenant); // a row never moves to another tenant
        // The old facets went with the old row: the run is found by its new language only.
        Assert.Empty((await catalog.ListAsync(new CatalogQuery(Language: "javascript"))).Entries);
        Assert.Single((await catalog.ListAsync(new CatalogQuery(Language: "go"))).Entries);
    }

    [Fact]
    public async Task List_FiltersByEveryFacet_IgnoringCase_AndCombinesThem()
    {
        RequireServer();
        var catalog = await CatalogAsync();
        await catalog.RecordAsync(Entry("js", T0));
        await catalog.RecordAsync(Entry("py", T0.AddSeconds(1), source: "https://github.com/psf/requests") with
        {
            SourceName = "github.com/psf/requests", Languages = ["Python"], Frameworks = ["Flask", "pytest"], Licenses = ["Apache-2.0"], Verdict = "warn",
        });
        await catalog.RecordAsync(Entry("go", T0.AddSeconds(2)) with { Languages = ["Go", "JavaScript"], Frameworks = [], Licenses = ["BSD-3-Clause"], Verdict = "fail" });

        async Task<string[]> Runs(CatalogQuery q) => [.. (await catalog.ListAsync(q)).Entries.Select(e => e.RunId)];

        Assert.Equal(["go", "py", "js"], await Runs(new CatalogQuery()));
        Assert.Equal(["go", "js"], await Runs(new CatalogQuery(Language: "JAVASCRIPT")));
        Assert.Equal(["py"], await Runs(new CatalogQuery(Framework: "flask")));
        Assert.Equal(["py"], await Runs(new CatalogQuery(License: "apache-2.0")));
        Assert.Equal(["js"], await Runs(new CatalogQuery(License: "MIT", Language: "JavaScript")));
        Assert.Equal(["go"], await Runs(new CatalogQuery(Verdict: "fail")));
        Assert.Equal(["py"], await Runs(new CatalogQuery(Source: "https://github.com/psf/requests")));
        Assert.Equal(["py"], await Runs(new CatalogQuery(Source: "github.com/psf/requests")));
        Assert.Empty(await Runs(new CatalogQuery(Language: "Java"))); // a prefix of JavaScript is not JavaScript
        Assert.Empty(await Runs(new CatalogQuery(Language: "Python", Verdict: "pass")));
    }

    [Fact]
    public async Task List_ShowsATenantOnlyItsOwnRows()
    {
        RequireServer();
        var catalog = await CatalogAsync();
        await catalog.RecordAsync(Entry("a1", T0, tenant: "team-a"));
        await catalog.RecordAsync(Entry("b1", T0.AddSeconds(1), tenant: "team-b"));
        await catalog.RecordAsync(Entry("a2", T0.AddSeconds(2), tenant: "team-a"));

        Assert.Equal(["a2", "a1"], (await catalog.ListAsync(new CatalogQuery(Tenant: "team-a"))).Entries.Select(e => e.RunId));
        Assert.Equal(["b1"], (await catalog.ListAsync(new CatalogQuery(Tenant: "team-b"))).Entries.Select(e => e.RunId));
        Assert.Empty((await catalog.ListAsync(new CatalogQuery(Tenant: "team-c"))).Entries);
        Assert.Equal(3, (await catalog.ListAsync(new CatalogQuery())).Entries.Count);
    }

    [Fact]
    public async Task List_PagesByKeyset_WithoutSkippingOrRepeating_WhenTimesTie()
    {
        RequireServer();
        var catalog = await CatalogAsync();
        // 23 rows over 5 distinct times: pages of 4 cut through groups of equal times.
        var expected = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var entry = Entry($"run-{i:D2}", T0.AddMinutes(i / 5));
            await catalog.RecordAsync(entry);
        }
        expected.AddRange(Enumerable.Range(0, 23).Select(i => (Time: T0.AddMinutes(i / 5), Run: $"run-{i:D2}"))
            .OrderByDescending(x => x.Time).ThenByDescending(x => x.Run, StringComparer.Ordinal).Select(x => x.Run));

        var seen = new List<string>();
        CatalogCursor? after = null;
        var pages = 0;
        do
        {
            var page = await catalog.ListAsync(new CatalogQuery(Limit: 4, After: after));
            Assert.True(page.Entries.Count <= 4);
            seen.AddRange(page.Entries.Select(e => e.RunId));
            // The cursor survives its text form, as it does between HTTP calls.
            after = page.Next is null ? null : (CatalogCursor.TryParse(page.Next.ToString(), out var parsed) ? parsed : throw new InvalidOperationException("cursor"));
            pages++;
        }
        while (after is not null && pages < 20);

        Assert.Equal(expected, seen);
        Assert.Equal(6, pages);
    }

    [Fact]
    public async Task List_LastPageHasNoNext_AndAnExactFitHasNoEmptyPage()
    {
        RequireServer();
        var catalog = await CatalogAsync();
        await catalog.RecordAsync(Entry("r1", T0));
        await catalog.RecordAsync(Entry("r2", T0.AddSeconds(1)));

        var page = await catalog.ListAsync(new CatalogQuery(Limit: 2));
        Assert.Equal(2, page.Entries.Count);
        Assert.Null(page.Next);
        var first = await catalog.ListAsync(new CatalogQuery(Limit: 1));
        Assert.NotNull(first.Next);
        Assert.Equal(["r1"], (await catalog.ListAsync(new CatalogQuery(Limit: 1, After: first.Next))).Entries.Select(e => e.RunId));
    }

    [Fact]
    public async Task GetMany_AnswersThePublishedOnes()
    {
        RequireServer();
        var catalog = await CatalogAsync();
        await catalog.RecordAsync(Entry("r1", T0));
        await catalog.RecordAsync(Entry("r2", T0));
        var ids = Enumerable.Range(0, 450).Select(i => $"x{i}").Append("r2").Append("r1").ToArray();

        var found = await catalog.GetManyAsync(ids);

        Assert.Equal(["r1", "r2"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("noa/github.com/left-pad/left-pad:r2", found["r2"].Reference);
        Assert.Empty(await catalog.GetManyAsync([]));
    }

    private async Task<ICatalog> CatalogAsync() => (ICatalog)await Fixture.CreateRunStoreAsync();
}
