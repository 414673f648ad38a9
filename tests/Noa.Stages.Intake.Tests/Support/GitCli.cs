using System.Diagnostics;

namespace Noa.Stages.Intake.Tests.Support;

/// <summary>Builds real git repositories for the tests with the git CLI.</summary>
internal static class GitCli
{
    public static string Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        foreach (var pair in new[] { "user.name=Test", "user.email=test@example.com", "init.defaultBranch=main", "protocol.file.allow=always", "commit.gpgsign=false" })
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(pair);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {error}");
        return output.Result.Trim();
    }

    /// <summary>Creates a repository with the given files committed in one commit, and returns the commit id.</summary>
    public static string Commit(string folder, string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        Run(folder, "add", "-A");
        Run(folder, "commit", "-q", "-m", message);
        return Run(folder, "rev-parse", "HEAD");
    }

    public static void Init(string folder)
    {
        Directory.CreateDirectory(folder);
        Run(folder, "init", "-q");
    }
}
