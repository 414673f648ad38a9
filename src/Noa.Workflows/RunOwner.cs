using System.Diagnostics;
using System.Globalization;

namespace Noa.Workflows;

/// <summary>
/// Names the process that holds a run's lease, <c>{host}/{pid}/{instance}</c>, and tells when such a holder is certainly
/// gone: a process on this host that no longer exists, or an earlier incarnation of this very pid (a restarted container is
/// pid 1 again) that is no longer registered here. Then its runs need not wait for the lease to run out. A holder on another
/// host is only judged by its lease. A process has one engine, but tests host several: each registers its name while alive.
/// </summary>
internal static class RunOwner
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Alive = new(StringComparer.Ordinal);

    /// <summary>A new name, registered as alive in this process until <see cref="Retire"/>.</summary>
    public static string Create()
    {
        var owner = $"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}"[..^24];
        Alive[owner] = 0;
        return owner;
    }

    /// <summary>The holder of <paramref name="owner"/> stopped (its engine was disposed).</summary>
    public static void Retire(string owner) => Alive.TryRemove(owner, out _);

    /// <summary>True when <paramref name="owner"/> is not <paramref name="self"/> and cannot be alive.</summary>
    public static bool IsGone(string? owner, string self)
    {
        if (owner is null || owner == self)
            return false;
        var parts = owner.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return false;
        if (pid == Environment.ProcessId)
            return !Alive.ContainsKey(owner);
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
