namespace Noa.Safety.Secrets.Tests;

/// <summary>The scanners scripts/tools.sh installs under .cache/tools/bin (or any on PATH). Missing: a failure under CI=true, else null and a note.</summary>
internal static class Tools
{
    public static string? Find(string name)
    {
        var root = ScanHelper.RepositoryRoot();
        var local = root is null ? null : Path.Combine(root, ".cache", "tools", "bin", name);
        if (local is not null && File.Exists(local)) { return local; }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        if (onPath is not null) { return onPath; }
        Requirement.Unmet($"{name} is not installed: run scripts/tools.sh (make tools); CI=true needs it.");
        Console.WriteLine($"note: {name} is not installed (scripts/tools.sh); its test checks nothing here");
        return null;
    }
}
