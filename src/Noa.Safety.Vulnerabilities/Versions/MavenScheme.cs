using System.Globalization;
using System.Numerics;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>Maven: org.apache.maven.artifact.versioning.ComparableVersion. A version is a list of
/// numbers and qualifiers split at '.', '-' and digit/letter transitions ('-' and a transition open a
/// sub-list); trailing "null" items (0, "", ga, final, release) are dropped; qualifiers order
/// alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final = release &lt; sp &lt; unknown
/// (alphabetically); a, b, m directly followed by a digit mean alpha, beta, milestone.</summary>
internal sealed class MavenScheme : VersionScheme
{
    public static readonly MavenScheme Instance = new();

    public override bool IsValid(string version) => version.Trim().Length > 0;

    public override int Compare(string? x, string? y) => MavenItem.Parse(Require(x)).CompareTo(MavenItem.Parse(Require(y)));
}

internal abstract record MavenItem
{
    private static readonly string[] Qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

    public abstract int CompareTo(MavenItem? other);

    public abstract bool IsNull { get; }

    public static ListItem Parse(string version)
    {
        var text = version.Trim().ToLowerInvariant();
        var root = new ListItem();
        var list = root;
        var stack = new Stack<ListItem>();
        stack.Push(list);
        var isDigit = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' || c == '-')
            {
                list.Items.Add(i == start ? new IntItem(0) : Item(isDigit, text[start..i], false));
                start = i + 1;
                if (c == '-') Open(ref list, stack);
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!isDigit && i > start)
                {
                    list.Items.Add(new StringItem(Alias(text[start..i], followedByDigit: true)));
                    start = i;
                    Open(ref list, stack);
                }
                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Items.Add(Item(true, text[start..i], false));
                    start = i;
                    Open(ref list, stack);
                }
                isDigit = false;
            }
        }
        if (text.Length > start) list.Items.Add(Item(isDigit, text[start..], false));
        while (stack.Count > 0) stack.Pop().Normalise();
        return root;
    }

    private static void Open(ref ListItem list, Stack<ListItem> stack)
    {
        var next = new ListItem();
        list.Items.Add(next);
        list = next;
        stack.Push(list);
    }

    private static MavenItem Item(bool digit, string text, bool followedByDigit) =>
        digit ? new IntItem(BigInteger.Parse(text, CultureInfo.InvariantCulture)) : new StringItem(Alias(text, followedByDigit));

    private static string Alias(string q, bool followedByDigit)
    {
        if (followedByDigit && q.Length == 1) q = q switch { "a" => "alpha", "b" => "beta", "m" => "milestone", _ => q };
        return q switch { "ga" or "final" or "release" => "", "cr" => "rc", _ => q };
    }

    // Unknown qualifiers rank after every known one, alphabetically ("7-xyz").
    private static string Comparable(string q)
    {
        var i = Array.IndexOf(Qualifiers, q);
        return i >= 0 ? i.ToString(CultureInfo.InvariantCulture) : $"{Qualifiers.Length}-{q}";
    }

    internal sealed record IntItem(BigInteger Value) : MavenItem
    {
        public override bool IsNull => Value.IsZero;

        public override int CompareTo(MavenItem? other) => other switch
        {
            null => Value.IsZero ? 0 : 1,
            IntItem i => Value.CompareTo(i.Value),
            _ => 1,
        };
    }

    internal sealed record StringItem(string Value) : MavenItem
    {
        public override bool IsNull => Value.Length == 0;

        public override int CompareTo(MavenItem? other) => other switch
        {
            null => Math.Sign(string.CompareOrdinal(Comparable(Value), Comparable(""))),
            IntItem => -1,
            StringItem s => Math.Sign(string.CompareOrdinal(Comparable(Value), Comparable(s.Value))),
            _ => -1,
        };
    }

    internal sealed record ListItem : MavenItem
    {
        public List<MavenItem> Items { get; } = [];

        public override bool IsNull => Items.Count == 0;

        public void Normalise()
        {
            for (var i = Items.Count - 1; i >= 0; i--)
            {
                if (Items[i].IsNull) Items.RemoveAt(i);
                else if (Items[i] is not ListItem) break;
            }
        }

        public override int CompareTo(MavenItem? other)
        {
            switch (other)
            {
                case null:
                    foreach (var item in Items)
                    {
                        var r = item.CompareTo(null);
                        if (r != 0) return r;
                    }
                    return 0;
                case IntItem:
                    return -1;
                case StringItem:
                    return 1;
            }
            var o = (ListItem)other;
            for (var i = 0; i < Math.Max(Items.Count, o.Items.Count); i++)
            {
                var l = i < Items.Count ? Items[i] : null;
                var r = i < o.Items.Count ? o.Items[i] : null;
                var c = l is null ? (r is null ? 0 : -r.CompareTo(null)) : l.CompareTo(r);
                if (c != 0) return c;
            }
            return 0;
        }
    }
}
