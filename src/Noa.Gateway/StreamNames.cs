namespace Noa.Gateway;

/// <summary>Stream names the admin API accepts: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, and <c>:</c> between parts.</summary>
internal static class StreamNames
{
    public const string DeadSuffix = ":dead";

    public static bool IsValid(string? stream) =>
        !string.IsNullOrEmpty(stream) && stream.Length <= 200
        && stream.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':')
        && !stream.StartsWith(':') && !stream.EndsWith(':');
}
