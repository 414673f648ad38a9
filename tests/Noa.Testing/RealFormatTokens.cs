using System.Text;

namespace Noa.Testing;

/// <summary>Credentials in their providers' real formats, made at run time so that no scanner flags a test file for
/// holding one, and made up so that none works anywhere.</summary>
public static class RealFormatTokens
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A GitHub personal access token (classic): <c>ghp_</c>, 30 random base62 characters and their CRC32 in
    /// six base62 digits, as GitHub's own format has it.</summary>
    public static string GitHubPat(int seed = 1)
    {
        var random = new Random(seed);
        var body = string.Concat(Enumerable.Range(0, 30).Select(_ => Base62[random.Next(Base62.Length)]));
        var crc = Crc32(Encoding.ASCII.GetBytes(body));
        var check = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            check[i] = Base62[(int)(crc % 62)];
            crc /= 62;
        }
        return "ghp_" + body + new string(check);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
