using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Noa.Storage.Sql;

/// <summary>How values are written as TEXT: timestamps that sort as text, enums and JSON in camelCase.</summary>
internal static class SqlText
{
    // Fixed width with 7 fractional digits and Z, so text order is time order (the queries rely on it).
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The columns' types are generated; anything else still serializes by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(SqlJson.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static object TimeOrNull(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Enum<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static T ParseEnum<T>(string text) where T : struct, Enum => System.Enum.Parse<T>(text, ignoreCase: true);

    public static object OrNull(string? value) => value is null ? DBNull.Value : value;
}
