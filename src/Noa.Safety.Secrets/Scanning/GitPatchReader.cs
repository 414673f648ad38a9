using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Noa.Safety.Secrets.Scanning;

/// <summary>Streams <c>git log -p -U0</c> over all refs and yields the added lines of each (commit, file).</summary>
internal static class GitPatchReader
{
    public static async IAsyncEnumerable<GitPatch> ReadAsync(string repository, [EnumeratorCancellation] CancellationToken ct)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-C", repository, "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--full-history", "--all", "--format=commit %H" })
        {
            start.ArgumentList.Add(a);
        }
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var stderr = git.StandardError.ReadToEndAsync(ct);
        string? commit = null, path = null;
        var text = new StringBuilder();
        var lines = new List<int>();
        var next = 0;
        var inHunk = false;
        while (await git.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            // Hunk lines start with '+', '-', ' ' or '\\', so a line starting "commit " or "diff " is always a header.
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                if (Flush() is { } patch) { yield return patch; }
                path = null;
                inHunk = false;
                continue;
            }
            if (line.StartsWith("commit ", StringComparison.Ordinal) && line.Length == 47)
            {
                if (Flush() is { } patch) { yield return patch; }
                commit = line[7..];
                path = null;
                inHunk = false;
                continue;
            }
            if (!inHunk && line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                path = line == "+++ /dev/null" ? null : Unquote(line[4..])[2..];
                continue;
            }
            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                inHunk = true;
                var plus = line.IndexOf(" +", StringComparison.Ordinal);
                var end = line.IndexOfAny([',', ' '], plus + 2);
                next = int.Parse(line.AsSpan(plus + 2, end - plus - 2), System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }
            if (inHunk && path is not null && line.StartsWith('+'))
            {
                text.Append(line, 1, line.Length - 1).Append('\n');
                lines.Add(next++);
            }
        }
        if (Flush() is { } last) { yield return last; }
        await git.WaitForExitAsync(ct);
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git log failed in {repository}: {(await stderr).Trim()}");
        }

        GitPatch? Flush()
        {
            if (commit is null || path is null || lines.Count == 0) { text.Clear(); lines.Clear(); return null; }
            var patch = new GitPatch(commit, path, text.ToString(), lines.ToArray());
            text.Clear();
            lines.Clear();
            return patch;
        }
    }

    // git quotes paths with unusual characters: "b/dir/na\303\257ve.txt".
    private static string Unquote(string s)
    {
        if (s.Length < 2 || s[0] != '"') { return s; }
        var bytes = new List<byte>();
        for (var i = 1; i < s.Length - 1; i++)
        {
            if (s[i] != '\\') { bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString())); continue; }
            var c = s[++i];
            if (c is >= '0' and <= '7') { bytes.Add(Convert.ToByte(s.Substring(i, 3), 8)); i += 2; }
            else { bytes.Add((byte)(c switch { 'n' => '\n', 't' => '\t', _ => c })); }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
