namespace Noa.Deploy.Tests;

/// <summary>Paths in the repository the tests run from (found by walking up to <c>Noa.slnx</c>).</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Noa.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Noa.slnx above {AppContext.BaseDirectory}");
    }
}
