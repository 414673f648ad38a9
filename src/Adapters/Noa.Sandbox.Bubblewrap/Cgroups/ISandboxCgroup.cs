namespace Noa.Sandbox.Bubblewrap.Cgroups;

/// <summary>The cgroup(s) of one sandbox: every process of the sandbox is in it, so it limits, counts and kills them all.</summary>
internal interface ISandboxCgroup
{
    /// <summary>The <c>cgroup.procs</c> files a process writes its pid into to join (one per v1 hierarchy, one on v2).</summary>
    IReadOnlyList<string> ProcsFiles { get; }

    /// <summary>Reads the counters; never throws (a vanished file reads as zero).</summary>
    CgroupCounters Read();

    /// <summary>SIGKILLs every process in it and waits until it is empty (or <paramref name="timeout"/> passed); true when empty.</summary>
    bool Kill(TimeSpan timeout);

    /// <summary>Whether no process is left in it.</summary>
    bool IsEmpty();

    /// <summary>Removes it (it must be empty); true when nothing is left.</summary>
    bool Remove();
}
