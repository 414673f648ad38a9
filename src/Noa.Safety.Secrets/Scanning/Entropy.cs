namespace Noa.Safety.Secrets.Scanning;

/// <summary>Shannon entropy in bits per character, as Gitleaks computes it for a rule's <c>entropy</c> threshold.</summary>
public static class Entropy
{
    /// <summary>The entropy of <paramref name="s"/>; 0 for an empty string.</summary>
    public static double Shannon(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) { return 0; }
        var counts = new Dictionary<char, int>();
        foreach (var c in s) { counts[c] = counts.GetValueOrDefault(c) + 1; }
        double result = 0, n = s.Length;
        foreach (var count in counts.Values)
        {
            var p = count / n;
            result -= p * Math.Log2(p);
        }
        return result;
    }
}
