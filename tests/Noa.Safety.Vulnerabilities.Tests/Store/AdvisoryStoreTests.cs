using System.IO.Compression;
using Noa.Safety.Vulnerabilities.Sources;
using Noa.Safety.Vulnerabilities.Store;

namespace Noa.Safety.Vulnerabilities.Tests.Store;

public class AdvisoryStoreTests
{
    [Fact]
    public async Task ImportAsync_Folder_StoresEveryRecordAndSetsRevision()
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        Assert.Equal(AdvisoryStore.EmptyRevision, store.Revision);
        var report = await store.ImportAsync(TestFiles.Fixture("osv"));
        Assert.Equal(15, report.Stored);
        Assert.Empty(report.Rejected);
        Assert.Equal(15, store.Count);
        Assert.Matches("^[0-9a-f]{64}$", store.Revision);
    }

    [Fact]
    public async Task ImportAsync_SameRecordsTwice_RevisionUnchangedAndNothingStored()
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        var first = await store.ImportAsync(TestFiles.Fixture("osv", "real"));
        var second = await store.ImportAsync(TestFiles.Fixture("osv", "real"));
        Assert.Equal((6, 0), (second.Unchanged, second.Stored));
        Assert.Equal(first.Revision, second.Revision);
    }

    [Fact]
    public async Task ImportAsync_ZipExport_MatchesFolderImportRevision()
    {
        using var files = new TestFiles();
        var zip = files.Path("all.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var f in Directory.GetFiles(TestFiles.Fixture("osv", "real"), "*.json"))
                archive.CreateEntryFromFile(f, Path.GetFileName(f));
        }
        using var fromZip = AdvisoryStore.Open(files.Path("zip.db"));
        using var fromFolder = AdvisoryStore.Open(files.Path("folder.db"));
        var a = await fromZip.ImportAsync(zip);
        var b = await fromFolder.ImportAsync(TestFiles.Fixture("osv", "real"));
        Assert.Equal(6, a.Stored);
        Assert.Equal(b.Revision, a.Revision);
    }

    [Fact]
    public async Task ImportAsync_NewerModified_ReplacesAndChangesRevision_OlderIsIgnored()
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        const string v1 = """{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"versions":["1.0.0"]}]}""";
        const string v2 = """{"id":"X-1","modified":"2024-06-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"b"},"versions":["1.0.0"]}]}""";
        await File.WriteAllTextAsync(files.Path("v1.json"), v1);
        await File.WriteAllTextAsync(files.Path("v2.json"), v2);
        var r1 = await store.ImportAsync(files.Path("v1.json"));
        var r2 = await store.ImportAsync(files.Path("v2.json"));
        var r3 = await store.ImportAsync(files.Path("v1.json"));
        Assert.NotEqual(r1.Revision, r2.Revision);
        Assert.Equal(r2.Revision, r3.Revision);
        Assert.Equal(1, r3.Unchanged);
        Assert.Empty(store.Lookup("npm", "a"));
        Assert.Single(store.Lookup("npm", "b"));
    }

    [Fact]
    public async Task ImportAsync_NotOsv_RejectedWithReason()
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        await File.WriteAllTextAsync(files.Path("bad.json"), """{"no":"id"}""");
        await File.WriteAllTextAsync(files.Path("broken.json"), "{");
        var report = await store.ImportAsync(files.Root);
        Assert.Equal(2, report.Rejected.Count);
        Assert.Contains(report.Rejected, r => r.Contains("without an id", StringComparison.Ordinal));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.ImportAsync(files.Path("missing")));
    }

    [Fact]
    public async Task Open_Existing_KeepsRecordsAndRevision()
    {
        using var files = new TestFiles();
        string revision;
        using (var store = AdvisoryStore.Open(files.Path("osv.db")))
            revision = (await store.ImportAsync(TestFiles.Fixture("osv", "real"))).Revision;
        using var reopened = AdvisoryStore.Open(files.Path("osv.db"));
        Assert.Equal(revision, reopened.Revision);
        Assert.Equal(6, reopened.Count);
    }

    [Theory]
    [InlineData("PyPI", "zope-interface")]
    [InlineData("PyPI", "ZOPE__interface")]
    [InlineData("pypi", "zope.Interface")]
    [InlineData("NuGet", "SOME.PACKAGE")]
    [InlineData("Maven", "com.example:widget")]
    [InlineData("Packagist", "symfony/http-kernel")]
    public async Task Lookup_NormalisedNames_Found(string ecosystem, string name)
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        await store.ImportAsync(TestFiles.Fixture("osv", "edge"));
        Assert.Single(store.Lookup(ecosystem, name));
    }

    [Fact]
    public async Task Lookup_Npm_IsCaseSensitive()
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        await store.ImportAsync(TestFiles.Fixture("osv", "real"));
        Assert.Equal(2, store.Lookup("npm", "lodash").Count);
        Assert.Empty(store.Lookup("npm", "Lodash"));
    }

    [Fact]
    public async Task Offline_SecondQuery_ServedFromCacheUntilRevisionChanges()
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        await store.ImportAsync(TestFiles.Fixture("osv", "real"));
        var source = new OfflineAdvisorySource(store);
        PackageRef[] packages = [new("npm", "lodash", "4.17.15")];
        var first = await source.QueryAsync(packages, CancellationToken.None);
        var second = await source.QueryAsync(packages, CancellationToken.None);
        Assert.Equal(1, source.CacheMisses);
        Assert.Equal(first.Findings.Select(f => (f.Id, f.FixedVersion, f.Severity)), second.Findings.Select(f => (f.Id, f.FixedVersion, f.Severity)));
        await store.ImportAsync(TestFiles.Fixture("osv", "edge"));
        await source.QueryAsync(packages, CancellationToken.None);
        Assert.Equal(2, source.CacheMisses);
    }
}
