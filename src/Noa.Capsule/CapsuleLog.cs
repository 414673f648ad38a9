using System.Threading.Channels;
using Noa.Abstractions;

namespace Noa.Capsule;

/// <summary>
/// A capsule's output: the tail kept (at most <c>capacity</c> bytes) for late readers, and every chunk handed to the
/// readers following it live. Completed when the capsule ends.
/// </summary>
internal sealed class CapsuleLog(int capacity)
{
    private readonly LinkedList<CapsuleOutput> _kept = [];
    private readonly List<Channel<CapsuleOutput>> _followers = [];
    private long _keptBytes;
    private bool _completed;

    public void Append(CapsuleOutput output)
    {
        lock (_kept)
        {
            _kept.AddLast(output);
            _keptBytes += output.Text.Length;
            while (_keptBytes > capacity && _kept.First is { } first)
            {
                _keptBytes -= first.Value.Text.Length;
                _kept.RemoveFirst();
            }
            foreach (var follower in _followers)
                follower.Writer.TryWrite(output);
        }
    }

    public void Complete()
    {
        lock (_kept)
        {
            _completed = true;
            foreach (var follower in _followers)
                follower.Writer.TryComplete();
            _followers.Clear();
        }
    }

    public async IAsyncEnumerable<CapsuleOutput> FollowAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<CapsuleOutput>(new UnboundedChannelOptions { SingleReader = true });
        lock (_kept)
        {
            foreach (var output in _kept)
                channel.Writer.TryWrite(output);
            if (_completed)
                channel.Writer.TryComplete();
            else
                _followers.Add(channel);
        }
        try
        {
            await foreach (var output in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return output;
        }
        finally
        {
            lock (_kept)
                _followers.Remove(channel);
        }
    }
}
