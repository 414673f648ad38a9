using System.Text;

namespace Noa.EventBus.Nats;

/// <summary>
/// Maps bus names (which may hold '.', ':', '*' and so on, like <c>runs.events</c> or <c>{stream}:dead</c>) to
/// JetStream names, which may not: letters, digits and '-' stay, every other UTF-8 byte becomes <c>_XX</c> (hex),
/// '_' included, so the mapping is one-to-one. <c>runs.events</c> → stream <c>noa-runs_2Eevents</c>,
/// subject <c>noa.runs_2Eevents</c>; <c>q:dead</c> → <c>noa-q_3Adead</c>. Groups become durable consumer names the same way.
/// </summary>
internal static class NatsNames
{
    /// <summary>The escaped form of a bus name.</summary>
    public static string Escape(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var sb = new StringBuilder(name.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
                sb.Append(c);
            else
                sb.Append('_').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>The JetStream stream that holds a bus stream.</summary>
    public static string Stream(string prefix, string stream) => $"{prefix}-{Escape(stream)}";

    /// <summary>The subject messages of a bus stream are published on.</summary>
    public static string Subject(string prefix, string stream) => $"{prefix}.{Escape(stream)}";

    /// <summary>The durable consumer of a group.</summary>
    public static string Consumer(string group) => Escape(group);
}
