using System.Security.Cryptography;

namespace Noa.Abstractions;

/// <summary>
/// Run ids: <c>run_</c> + a ULID (48-bit millisecond time, then 80 random bits, in Crockford base32), so ids sort by creation time and
/// never collide across processes. The engine and the gateway (which records runs before an engine executes them) both make them here.
/// </summary>
public static class RunIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new time-ordered run id.</summary>
    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Span<char> text = stackalloc char[26];
        var ms = (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds());
        for (var i = 9; i >= 0; i--, ms >>= 5)
            text[i] = Alphabet[(int)(ms & 31)];
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        // 80 bits = 16 groups of 5: take two 40-bit halves.
        for (var half = 0; half < 2; half++)
        {
            ulong bits = 0;
            for (var b = 0; b < 5; b++)
                bits = (bits << 8) | random[half * 5 + b];
            for (var i = 7; i >= 0; i--, bits >>= 5)
                text[10 + half * 8 + i] = Alphabet[(int)(bits & 31)];
        }
        return "run_" + new string(text);
    }

    /// <summary>Whether <paramref name="runId"/> is 1 to 64 letters, digits, <c>_</c> or <c>-</c> (run ids become folder names).</summary>
    public static bool IsValid(string runId) =>
        runId is { Length: > 0 and <= 64 } && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
