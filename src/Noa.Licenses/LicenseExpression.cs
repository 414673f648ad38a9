using System.Text;

namespace Noa.Licenses;

/// <summary>A parsed SPDX licence expression: a licence (with its exception), or a choice (<c>OR</c>) or a combination
/// (<c>AND</c>) of expressions. <see cref="object.ToString"/> is the normalised text.</summary>
public abstract record LicenseExpression
{
    /// <summary>True when using the code requires accepting a licence in <paramref name="deny"/>: a choice is denied only
    /// when every option is, a combination when any part is.</summary>
    public abstract bool Denied(IReadOnlyCollection<string> deny);

    /// <summary>True when the code can be used under licences in <paramref name="allow"/> only.</summary>
    public abstract bool Allowed(IReadOnlyCollection<string> allow);

    /// <summary>Every licence id it names, in canonical case (a legacy <c>+</c> kept), depth first.</summary>
    public abstract IEnumerable<string> Ids();

    internal abstract void Render(StringBuilder text, bool nested);

    /// <summary>The normalised expression: canonical ids, upper-case operators, parentheses only where a choice and a
    /// combination meet.</summary>
    public sealed override string ToString()
    {
        var text = new StringBuilder();
        Render(text, nested: false);
        return text.ToString();
    }
}

/// <summary>One licence: an SPDX id (or <c>LicenseRef-…</c>), possibly with a legacy <c>+</c> and an exception.</summary>
/// <param name="Id">The canonical id, with its <c>+</c> when written so.</param>
/// <param name="Exception">The canonical exception id after <c>WITH</c>, if any.</param>
public sealed record LicenseTerm(string Id, string? Exception) : LicenseExpression
{
    /// <inheritdoc />
    public override bool Denied(IReadOnlyCollection<string> deny) => deny.Any(d => Same(Id, d));

    /// <inheritdoc />
    public override bool Allowed(IReadOnlyCollection<string> allow) => allow.Any(a => Same(Id, a) || OrLaterOf(Id, a));

    /// <inheritdoc />
    public override IEnumerable<string> Ids() => [Id];

    internal override void Render(StringBuilder text, bool nested)
    {
        text.Append(Id);
        if (Exception is not null)
        {
            text.Append(" WITH ").Append(Exception);
        }
    }

    // An exception only widens what the licence permits: the licence is what a policy judges.
    private static bool Same(string id, string listed) =>
        string.Equals(SpdxCatalog.Instance.Equivalent(id), SpdxCatalog.Instance.Equivalent(listed.Trim()), StringComparison.OrdinalIgnoreCase);

    // "X-or-later" may be used under X-only, so a policy that allows X-only allows it.
    private static bool OrLaterOf(string id, string listed)
    {
        var equivalent = SpdxCatalog.Instance.Equivalent(id);
        var other = SpdxCatalog.Instance.Equivalent(listed.Trim());
        return equivalent.EndsWith("-or-later", StringComparison.Ordinal) && other.EndsWith("-only", StringComparison.Ordinal)
            && string.Equals(equivalent[..^"-or-later".Length], other[..^"-only".Length], StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A choice: the code may be used under any one of <see cref="Options"/>.</summary>
/// <param name="Options">Two or more expressions.</param>
public sealed record LicenseChoice(IReadOnlyList<LicenseExpression> Options) : LicenseExpression
{
    /// <inheritdoc />
    public override bool Denied(IReadOnlyCollection<string> deny) => Options.All(o => o.Denied(deny));

    /// <inheritdoc />
    public override bool Allowed(IReadOnlyCollection<string> allow) => Options.Any(o => o.Allowed(allow));

    /// <inheritdoc />
    public override IEnumerable<string> Ids() => Options.SelectMany(o => o.Ids());

    internal override void Render(StringBuilder text, bool nested) => LicenseCombination.Join(text, Options, " OR ", nested);
}

/// <summary>A combination: using the code means accepting every one of <see cref="Parts"/>.</summary>
/// <param name="Parts">Two or more expressions.</param>
public sealed record LicenseCombination(IReadOnlyList<LicenseExpression> Parts) : LicenseExpression
{
    /// <inheritdoc />
    public override bool Denied(IReadOnlyCollection<string> deny) => Parts.Any(p => p.Denied(deny));

    /// <inheritdoc />
    public override bool Allowed(IReadOnlyCollection<string> allow) => Parts.All(p => p.Allowed(allow));

    /// <inheritdoc />
    public override IEnumerable<string> Ids() => Parts.SelectMany(p => p.Ids());

    internal override void Render(StringBuilder text, bool nested) => Join(text, Parts, " AND ", nested);

    internal static void Join(StringBuilder text, IReadOnlyList<LicenseExpression> items, string op, bool nested)
    {
        if (nested)
        {
            text.Append('(');
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(op);
            }
            items[i].Render(text, nested: items[i] is not LicenseTerm);
        }
        if (nested)
        {
            text.Append(')');
        }
    }
}
