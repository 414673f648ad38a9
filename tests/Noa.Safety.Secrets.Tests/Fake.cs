using System.Text;

namespace Noa.Safety.Secrets.Tests;

/// <summary>
/// Fake credentials built at run time from parts (a documented prefix and random characters), so no
/// live-looking secret is ever committed and push-protection scanners have nothing to flag here.
/// </summary>
internal sealed class Fake(string seed)
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Hex = Digits + "abcdef";
    public const string Alnum = Upper + Lower + Digits;
    public const string UrlSafe = Alnum + "_-";
    public const string Base64 = Alnum + "+/";
    public const string Base32 = Upper + "234567";
    public const string UpperDigits = Upper + Digits;
    public const string LowerDigits = Lower + Digits;

    // A stable seed per case (string.GetHashCode is randomised per process).
    private readonly Random _random = new(seed.Aggregate(17, (h, c) => unchecked(h * 31 + c)));

    public string R(string alphabet, int n)
    {
        var sb = new StringBuilder(n);
        for (var i = 0; i < n; i++) { sb.Append(alphabet[_random.Next(alphabet.Length)]); }
        return sb.ToString();
    }

    public string Uuid() => $"{R(Hex, 8)}-{R(Hex, 4)}-4{R(Hex, 3)}-a{R(Hex, 3)}-{R(Hex, 12)}";
}
