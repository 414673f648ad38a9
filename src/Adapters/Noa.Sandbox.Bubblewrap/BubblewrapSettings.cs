namespace Noa.Sandbox.Bubblewrap;

/// <summary>Settings of the bubblewrap sandbox (section <c>Noa:Capsule:Sandbox</c>).</summary>
public sealed class BubblewrapSettings
{
    /// <summary>The bubblewrap executable.</summary>
    public string Bwrap { get; set; } = "bwrap";

    /// <summary>util-linux <c>setpriv</c>, which drops to the sandbox's unprivileged host user before bubblewrap runs.</summary>
    public string Setpriv { get; set; } = "setpriv";

    /// <summary>util-linux <c>nsenter</c>, which runs <see cref="Abstractions.ISandboxProcess.ExecAsync"/> commands inside a running sandbox.</summary>
    public string Nsenter { get; set; } = "nsenter";

    /// <summary>
    /// The first host user id given to sandboxes: each running sandbox gets its own id from
    /// [<see cref="HostUidBase"/>, <see cref="HostUidBase"/> + <see cref="HostUidCount"/>), never one of a real user.
    /// Two workers on one host should get ranges that do not overlap.
    /// </summary>
    public int HostUidBase { get; set; } = 1_000_000_000;

    /// <summary>How many host user ids the sandboxes of this process may use at once.</summary>
    public int HostUidCount { get; set; } = 65_536;

    /// <summary>The cgroup (relative to each hierarchy's root) under which each sandbox gets its own.</summary>
    public string CgroupParent { get; set; } = "noa-sandbox";

    /// <summary>
    /// The CPU weight of all sandboxes together against the host's other processes (cgroup v2's <c>cpu.weight</c> scale:
    /// 1–10,000, a normal process is 100; on cgroup v1 it becomes <c>cpu.shares</c> × 1024 / 100), written to
    /// <see cref="CgroupParent"/>. The default, 10, lets a digest's own stages (embeddings, search) take the cores they
    /// want while a Runner's build or test suite uses what is left; with idle cores a sandbox still gets its whole
    /// quota (<see cref="Abstractions.SandboxLimits.Cpus"/>): a weight divides contended time, it never caps.
    /// </summary>
    public int CpuWeight { get; set; } = 10;

    /// <summary>A root-only folder for the sandboxes' control files (FIFOs); one subfolder per sandbox, removed after it.</summary>
    public string StateDirectory { get; set; } = "/run/noa-sandbox";

    /// <summary>How often a running sandbox's cgroup counters are read (peak processes, reached limits).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Files of the host's <c>/etc</c> hidden from host-root sandboxes (an empty file is bound over each).</summary>
    public IList<string> MaskedHostFiles { get; set; } = ["/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/sudoers", "/etc/ssh"];
}
