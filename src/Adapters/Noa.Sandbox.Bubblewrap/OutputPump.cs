using System.Text;
using System.Threading.Channels;
using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// Reads a process's standard output and error as they come, into one channel, and counts the bytes; past the limit it
/// delivers nothing more and calls <c>exceeded</c> once (the caller ends the sandbox).
/// </summary>
internal sealed class OutputPump
{
    private readonly Channel<SandboxOutput> _channel = Channel.CreateUnbounded<SandboxOutput>(new UnboundedChannelOptions { SingleReader = false });
    private readonly long _limit;
    private readonly Action _exceeded;
    private readonly long[] _bytes = new long[2];
    private readonly StringBuilder _stderrHead = new();
    private int _over;

    public OutputPump(Stream stdout, Stream stderr, long limit, Action exceeded)
    {
        (_limit, _exceeded) = (limit, exceeded);
        Completion = Task.WhenAll(PumpAsync(stdout, SandboxStream.Stdout), PumpAsync(stderr, SandboxStream.Stderr))
            .ContinueWith(_ => _channel.Writer.TryComplete(), TaskScheduler.Default);
    }

    public ChannelReader<SandboxOutput> Reader => _channel.Reader;

    /// <summary>Completes when both streams are closed.</summary>
    public Task Completion { get; }

    /// <summary>The first 2 KiB of standard error (bubblewrap's own errors are there).</summary>
    public string StderrHead
    {
        get
        {
            lock (_stderrHead)
                return _stderrHead.ToString();
        }
    }

    public long StdoutBytes => Interlocked.Read(ref _bytes[(int)SandboxStream.Stdout]);

    public long StderrBytes => Interlocked.Read(ref _bytes[(int)SandboxStream.Stderr]);

    private async Task PumpAsync(Stream stream, SandboxStream which)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var other = which == SandboxStream.Stdout ? SandboxStream.Stderr : SandboxStream.Stdout;
                var before = Interlocked.Add(ref _bytes[(int)which], read) - read + Interlocked.Read(ref _bytes[(int)other]);
                var allowed = Math.Max(0, Math.Min(read, _limit - before));
                if (which == SandboxStream.Stderr && _stderrHead.Length < 2048)
                    lock (_stderrHead)
                        _stderrHead.Append(Encoding.UTF8.GetString(buffer, 0, Math.Min(read, 2048)));
                if (allowed > 0)
                    _channel.Writer.TryWrite(new SandboxOutput(which, buffer.AsSpan(0, (int)allowed).ToArray()));
                if (allowed < read && Interlocked.Exchange(ref _over, 1) == 0)
                    _exceeded();
            }
        }
        catch (IOException)
        {
            // The pipe broke because the sandbox was killed: what was read is delivered.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
