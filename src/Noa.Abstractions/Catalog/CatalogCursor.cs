using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Noa.Abstractions;

/// <summary>
/// A keyset position in the catalogue's order (created time descending, then run id descending): the last row of a page.
/// Its text form is opaque to callers (base64url), so the order can change without breaking their loops.
/// </summary>
/// <param name="CreatedAt">The last row's creation time.</param>
/// <param name="RunId">The last row's run id.</param>
public sealed record CatalogCursor(DateTimeOffset CreatedAt, string RunId)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The position of a row.</summary>
    public static CatalogCursor Of(CatalogEntry entry) => new(entry.CreatedAt, entry.RunId);

    /// <summary>The opaque text form.</summary>
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CreatedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "|" + RunId));

    /// <summary>Reads the text form; false when it is not one this build wrote.</summary>
    public static bool TryParse(string? text, out CatalogCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 512)
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }
        var bar = decoded.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || bar == decoded.Length - 1
            || !DateTimeOffset.TryParseExact(decoded[..bar], TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
            return false;
        cursor = new CatalogCursor(created, decoded[(bar + 1)..]);
        return true;
    }
}
