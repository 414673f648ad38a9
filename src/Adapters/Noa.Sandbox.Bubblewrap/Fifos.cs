using System.Text;
using System.Text.Json;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// bubblewrap's two control channels as named pipes in the sandbox's root-only state folder: <c>--info-fd</c> (it writes
/// the pid of the sandbox's first process) and <c>--block-fd</c> (it waits for one byte before running the command, while
/// the host binds sidecar sockets in the sandbox's network). Held open read-write here, so neither side ever blocks on open.
/// </summary>
internal sealed class Fifos : IDisposable
{
    private readonly FileStream _info;
    private readonly FileStream? _block;

    public Fifos(string folder, bool block)
    {
        InfoPath = Path.Combine(folder, "info");
        Native.MakeFifo(InfoPath);
        _info = new FileStream(InfoPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0);
        if (block)
        {
            BlockPath = Path.Combine(folder, "block");
            Native.MakeFifo(BlockPath);
            _block = new FileStream(BlockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0);
        }
    }

    public string InfoPath { get; }

    public string? BlockPath { get; }

    /// <summary>The pid (on the host) of the sandbox's first process, or null when the launch ended before bubblewrap wrote it.</summary>
    public async Task<int?> ReadChildPidAsync(Task exited)
    {
        var read = Task.Run(ReadInfo);
        if (await Task.WhenAny(read, exited).ConfigureAwait(false) != read)
        {
            // A short command may have ended already (then bubblewrap wrote its pid before); if bubblewrap never got that
            // far, this unblocks the reading thread: this side holds the pipe open for writing too.
            _info.Write("{}"u8);
        }
        return await read.ConfigureAwait(false);
    }

    public void Release() => _block?.Write("1"u8);

    private int? ReadInfo()
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var n = _info.Read(buffer);
            if (n == 0)
                return null;
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            var json = text.ToString();
            var end = json.IndexOf('}', StringComparison.Ordinal);
            if (end >= 0)
            {
                // The first object is bubblewrap's (flat); anything after it is this side's unblocking write.
                using var doc = JsonDocument.Parse(json[..(end + 1)]);
                return doc.RootElement.TryGetProperty("child-pid", out var pid) ? pid.GetInt32() : null;
            }
        }
    }

    public void Dispose()
    {
        _info.Dispose();
        _block?.Dispose();
    }
}
