namespace Noa.Safety.Vulnerabilities.Tests;

internal sealed class TestFiles : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("noa-vulns-").FullName;

    public static string Fixture(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
