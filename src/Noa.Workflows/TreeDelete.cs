using System.Diagnostics;

namespace Noa.Workflows;

/// <summary>
/// Deletes a scratch tree whatever it holds. .NET cannot name a file whose name is not valid UTF-8 (a git checkout of such a
/// repository leaves them), so <see cref="Directory.Delete(string, bool)"/> stops with "Directory not empty"; then
/// <c>rm -rf</c>, which deletes by bytes, finishes the job.
/// </summary>
internal static class TreeDelete
{
    /// <exception cref="IOException">The tree is still there afterwards.</exception>
    public static void Delete(string path)
    {
        if (!Directory.Exists(path))
            return;
        try
        {
            Directory.Delete(path, recursive: true);
            return;
        }
        catch (IOException) when (!OperatingSystem.IsWindows())
        {
        }
        using var rm = Process.Start(new ProcessStartInfo("rm", ["-rf", "--one-file-system", "--", path]) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new IOException($"could not start rm to delete '{path}'");
        var error = rm.StandardError.ReadToEnd();
        rm.WaitForExit();
        if (Directory.Exists(path))
            throw new IOException($"could not delete '{path}': {error.Trim()}");
    }
}
