using Noa.Abstractions;

namespace Noa.Capsule.Policy;

/// <summary>
/// The configured egress policies by name, parsed once, and two built in: <c>none</c> (no egress) and <c>registries</c> (the
/// package registries this host's own configuration names, <see cref="PackageRegistries"/>; read when first asked for). A
/// configured policy named <c>registries</c> replaces the derived one.
/// </summary>
internal sealed class EgressPolicies
{
    private readonly Dictionary<string, EgressPolicy> _byName = new(StringComparer.Ordinal);
    private readonly Lazy<EgressPolicy> _registries;

    public EgressPolicies(CapsuleOptions options, Func<IReadOnlyList<PackageRegistry>>? registries = null)
    {
        _byName[EgressPolicy.None] = new EgressPolicy(EgressPolicy.None, []);
        foreach (var (name, policy) in options.Policies)
            _byName[name] = new EgressPolicy(name, policy.Allow.Select(a => EgressRule.Parse(a, out _)).OfType<EgressRule>().ToList());
        var read = registries ?? PackageRegistries.FromHost;
        _registries = new Lazy<EgressPolicy>(() => FromRegistries(read()));
    }

    public IReadOnlyCollection<string> Names => [.. _byName.Keys.Append(EgressPolicy.Registries).Distinct(StringComparer.Ordinal)];

    public EgressPolicy? Find(string name) =>
        _byName.GetValueOrDefault(name) ?? (name == EgressPolicy.Registries ? _registries.Value : null);

    /// <summary>One rule per registry's host and port: its scheme's port, never any other.</summary>
    public static EgressPolicy FromRegistries(IReadOnlyList<PackageRegistry> registries) =>
        new(EgressPolicy.Registries, [.. registries.Select(r => EgressRule.Parse(r.Destination, out _)).OfType<EgressRule>().Distinct()]);

    /// <summary>Every problem of the configured policies (for options validation).</summary>
    public static IEnumerable<string> Problems(CapsuleOptions options)
    {
        foreach (var (name, policy) in options.Policies)
        {
            if (name == EgressPolicy.None)
                yield return $"{CapsuleOptions.Section}:Policies:none is built in (no egress) and cannot be configured.";
            foreach (var rule in policy.Allow)
                if (EgressRule.Parse(rule, out var error) is null)
                    yield return $"{CapsuleOptions.Section}:Policies:{name}:Allow: {error}.";
        }
        if (options.DefaultPolicy is not (EgressPolicy.None or EgressPolicy.Registries) && !options.Policies.ContainsKey(options.DefaultPolicy))
            yield return $"{CapsuleOptions.Section}:DefaultPolicy '{options.DefaultPolicy}' is not a configured policy.";
    }
}
