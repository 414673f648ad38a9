using System.Diagnostics;

namespace Noa.Stages.Intake.Tests.Support;

/// <summary>
/// Files whose names are not valid UTF-8, which .NET cannot create (it writes names as UTF-8): made by the shell, byte
/// for byte. <c>\377</c> (0xFF) never occurs in UTF-8.
/// </summary>
internal static class RawNames
{
    /// <summary>Creates <c>{folder}/evil\377name.py</c> and returns the name as .NET reads it back (with U+FFFD).</summary>
    public static string CreateInvalidUtf8File(string folder)
    {
        Directory.CreateDirectory(folder);
        Shell(folder, "printf 'x = 1\\n' > \"$(printf 'evil\\377name.py')\"");
        return "evil\uFFFDname.py";
    }

    /// <summary>A tar of <paramref name="folder"/>'s content, by GNU tar, which keeps names as bytes.</summary>
    public static void Tar(string folder, string archive) => Shell(folder, $"tar -cf '{archive}' .");

    public static void Shell(string folder, string script)
    {
        var start = new ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = folder, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sh -c {script} failed: {error}");
    }
}
