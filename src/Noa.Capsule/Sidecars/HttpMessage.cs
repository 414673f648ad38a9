using System.Globalization;
using System.Text;

namespace Noa.Capsule.Sidecars;

/// <summary>A minimal HTTP/1.1 request reader (head, then a body by length or chunks) for the build proxy's socket.</summary>
internal sealed class HttpMessage
{
    private const int MaxHead = 64 * 1024;

    public string Method { get; private init; } = "";

    public string Path { get; private init; } = "";

    public Dictionary<string, string> Query { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads one request head from <paramref name="stream"/>; null at the end of the connection.</summary>
    public static async Task<HttpMessage?> ReadHeadAsync(BufferedReader stream, CancellationToken cancellationToken)
    {
        var line = await stream.ReadLineAsync(MaxHead, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(line))
            return null;
        var parts = line.Split(' ');
        if (parts.Length != 3)
            throw new InvalidDataException($"'{line}' is not an HTTP request line");
        var target = parts[1];
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var message = new HttpMessage { Method = parts[0], Path = q < 0 ? target : target[..q] };
        if (q >= 0)
            foreach (var pair in target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                message.Query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        var total = line.Length;
        while (await stream.ReadLineAsync(MaxHead, cancellationToken).ConfigureAwait(false) is { Length: > 0 } header)
        {
            total += header.Length;
            if (total > MaxHead)
                throw new InvalidDataException("the request head is too large");
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                message.Headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
        }
        return message;
    }

    /// <summary>Copies the request's body (by Content-Length or chunked) to <paramref name="target"/>, at most <paramref name="limit"/> bytes.</summary>
    public async Task CopyBodyAsync(BufferedReader stream, Stream target, long limit, CancellationToken cancellationToken)
    {
        if (Headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            long total = 0;
            while (true)
            {
                var size = await stream.ReadLineAsync(1024, cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException();
                var length = long.Parse(size.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (length == 0)
                {
                    while (await stream.ReadLineAsync(MaxHead, cancellationToken).ConfigureAwait(false) is { Length: > 0 })
                    {
                    }
                    return;
                }
                total += length;
                if (total > limit)
                    throw new InvalidDataException($"the build context is larger than {limit} bytes");
                await stream.CopyExactlyAsync(target, length, cancellationToken).ConfigureAwait(false);
                await stream.ReadLineAsync(16, cancellationToken).ConfigureAwait(false);
            }
        }
        if (Headers.TryGetValue("Content-Length", out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var contentLength) && contentLength > 0)
        {
            if (contentLength > limit)
                throw new InvalidDataException($"the build context is larger than {limit} bytes");
            await stream.CopyExactlyAsync(target, contentLength, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Reads lines and exact byte counts from a stream through one buffer.</summary>
internal sealed class BufferedReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public async Task<string?> ReadLineAsync(int max, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                return line.Length == 0 ? null : line.ToString();
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (line.Length > max)
                throw new InvalidDataException("an HTTP line is too long");
            if (newline >= 0)
                return line.ToString().TrimEnd('\r');
        }
    }

    public async Task CopyExactlyAsync(Stream target, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                throw new EndOfStreamException("the request body ended early");
            var n = (int)Math.Min(count, _end - _start);
            await target.WriteAsync(_buffer.AsMemory(_start, n), cancellationToken).ConfigureAwait(false);
            _start += n;
            count -= n;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}
