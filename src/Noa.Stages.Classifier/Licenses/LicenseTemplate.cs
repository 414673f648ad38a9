namespace Noa.Stages.Classifier.Licenses;

/// <summary>One SPDX text to match against, normalised on first use: a licence file only needs the
/// templates of about its own length, so most of the ~700 are never normalised at all.</summary>
internal sealed class LicenseTemplate(string id, string text)
{
    private HashSet<string>? _words;

    public string Id { get; } = id;

    /// <summary>Characters of the terms proper, the measure <see cref="LicenseMatcher"/> compares lengths by.</summary>
    public int TermsLength { get; } = TermsLengthOf(text);

    public HashSet<string> Words => LazyInitializer.EnsureInitialized(ref _words, () => LicenseText.Words(text));

    public static int TermsLengthOf(string text)
    {
        var end = text.IndexOf("END OF TERMS AND CONDITIONS", StringComparison.OrdinalIgnoreCase);
        return end > 0 ? end : text.Length;
    }
}
