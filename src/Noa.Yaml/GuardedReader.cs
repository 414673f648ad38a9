using System.Diagnostics;

namespace Noa.Yaml;

/// <summary>
/// The text under the parser: counts characters and, every few thousand, checks the cancellation token and the time budget,
/// so cancellation reaches the scanner's CPU-bound work between its events too, however long it scans without one.
/// </summary>
internal sealed class GuardedReader(string text, YamlLimits limits, long started, CancellationToken cancellationToken) : TextReader
{
    private const int CheckEvery = 4096;
    private int _position;
    private int _nextCheck = CheckEvery;

    public override int Peek() => _position < text.Length ? text[_position] : -1;

    public override int Read()
    {
        if (_position >= text.Length)
            return -1;
        if (_position >= _nextCheck)
            Check();
        return text[_position++];
    }

    public override int Read(char[] buffer, int index, int count)
    {
        var n = Math.Min(count, text.Length - _position);
        if (n <= 0)
            return 0;
        Check();
        text.CopyTo(_position, buffer, index, n);
        _position += n;
        return n;
    }

    /// <summary>Throws when the read is cancelled or over its time budget.</summary>
    public void Check()
    {
        _nextCheck = _position + CheckEvery;
        cancellationToken.ThrowIfCancellationRequested();
        if (Stopwatch.GetElapsedTime(started) > limits.MaxDuration)
            throw new YamlLimitException($"parsing took longer than {limits.MaxDuration.TotalSeconds:0.#} s (limit MaxDuration)");
    }
}
