namespace Noa.Sandbox.Bubblewrap.Cgroups;

/// <summary>Reading and writing the small text files of cgroupfs.</summary>
internal static class CgroupFiles
{
    public static void Write(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (IOException e)
        {
            throw new IOException($"Could not write '{value}' to {path}: {e.Message}", e);
        }
    }

    public static long ReadLong(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), out var value) ? value : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The value of <paramref name="key"/> in a flat-keyed file (<c>key value</c> per line), or 0.</summary>
    public static long ReadKey(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var space = line.IndexOf(' ');
                if (space > 0 && line.AsSpan(0, space).SequenceEqual(key) && long.TryParse(line.AsSpan(space + 1), out var value))
                    return value;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    public static IReadOnlyList<int> ReadPids(string procsFile)
    {
        try
        {
            var pids = new List<int>();
            foreach (var line in File.ReadLines(procsFile))
                if (int.TryParse(line, out var pid))
                    pids.Add(pid);
            return pids;
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Removes an empty cgroup folder; true when it is gone.</summary>
    public static bool RemoveDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits (polling every millisecond, then every 10) until <paramref name="done"/> or the timeout.</summary>
    public static bool WaitUntil(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        for (var i = 0; ; i++)
        {
            if (done())
                return true;
            if (Environment.TickCount64 > deadline)
                return false;
            Thread.Sleep(i < 20 ? 1 : 10);
        }
    }
}
