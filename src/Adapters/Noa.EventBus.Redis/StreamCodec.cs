using System.Globalization;
using Noa.Abstractions;
using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>
/// A message as stream fields: <c>type</c>, <c>body</c>, and one <c>h:{name}</c> field per header, so entries
/// read plainly in <c>redis-cli XRANGE</c>. Also parses the entries that scripts and raw commands return.
/// </summary>
internal static class StreamCodec
{
    private const string TypeField = "type", BodyField = "body", HeaderPrefix = "h:";

    public static NameValueEntry[] Encode(BusMessage message)
    {
        var headers = message.Headers ?? new Dictionary<string, string>();
        var fields = new NameValueEntry[2 + headers.Count];
        fields[0] = new NameValueEntry(TypeField, message.Type);
        fields[1] = new NameValueEntry(BodyField, message.Body);
        var i = 2;
        foreach (var (name, value) in headers)
            fields[i++] = new NameValueEntry(HeaderPrefix + name, value);
        return fields;
    }

    /// <summary>Decodes a flat field/value array (as XRANGE and XREADGROUP return it).</summary>
    public static BusMessage Decode(RedisResult[] flat)
    {
        string type = "", body = "";
        Dictionary<string, string>? headers = null;
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            var name = (string?)flat[i] ?? "";
            var value = (string?)flat[i + 1] ?? "";
            if (name == TypeField)
                type = value;
            else if (name == BodyField)
                body = value;
            else if (name.StartsWith(HeaderPrefix, StringComparison.Ordinal))
                (headers ??= new(StringComparer.Ordinal))[name[HeaderPrefix.Length..]] = value;
        }
        return new BusMessage(type, body, headers);
    }

    /// <summary>Entries of the read script: each <c>{id, deliveries, fields}</c>.</summary>
    public static List<BusDelivery> FromScript(string stream, string group, RedisResult entries)
    {
        var list = new List<BusDelivery>();
        foreach (var e in (RedisResult[])entries!)
        {
            var parts = (RedisResult[])e!;
            var count = (long)parts[1];
            list.Add(new BusDelivery(stream, group, (string)parts[0]!, Decode((RedisResult[])parts[2]!),
                (int)Math.Min(count, int.MaxValue)));
        }
        return list;
    }

    /// <summary>Entries of a raw <c>XREADGROUP</c> reply (<c>[[stream, [[id, fields]…]]]</c>, or nil on timeout), first deliveries.</summary>
    public static List<BusDelivery> FromReadGroup(string stream, string group, RedisResult reply)
    {
        var list = new List<BusDelivery>();
        if (reply.IsNull)
            return list;
        var streams = (RedisResult[])reply!;
        // RESP2 answers [[stream, entries]…]; RESP3 a map, which arrives flat as [stream, entries, …].
        var flat = streams.Length > 0 && streams[0].Resp2Type != ResultType.Array;
        for (var i = flat ? 1 : 0; i < streams.Length; i += flat ? 2 : 1)
        {
            var entries = flat ? streams[i] : ((RedisResult[])streams[i]!)[1];
            foreach (var e in (RedisResult[])entries!)
            {
                var entry = (RedisResult[])e!;
                // A pending entry deleted by trimming comes back without fields; it has nothing to deliver.
                if (entry[1].IsNull)
                    continue;
                list.Add(new BusDelivery(stream, group, (string)entry[0]!, Decode((RedisResult[])entry[1]!), 1));
            }
        }
        return list;
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
