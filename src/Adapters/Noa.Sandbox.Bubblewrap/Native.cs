using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>The few system calls .NET does not offer: FIFOs for bubblewrap's control descriptors, and setns.</summary>
internal static partial class Native
{
    public const int CloneNewNet = 0x40000000;

    public static void MakeFifo(string path)
    {
        if (mkfifo(path, 0b110_000_000) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"mkfifo {path}");
    }

    public static void SetNamespace(SafeHandle ns, int type)
    {
        if (setns(ns, type) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "setns");
    }

    /// <summary>SIGKILL to one process; false when it no longer exists.</summary>
    public static bool KillProcess(int pid) => kill(pid, 9) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, uint mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(SafeHandle fd, int nstype);
}
