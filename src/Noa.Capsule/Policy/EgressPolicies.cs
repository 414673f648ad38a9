namespace Noa.Capsule.Policy;

/// <summary>The configured egress policies by name (<c>none</c> always among them), parsed once.</summary>
internal sealed class EgressPolicies
{
    private readonly Dictionary<string, EgressPolicy> _byName = new(StringComparer.Ordinal);

    public EgressPolicies(CapsuleOptions options)
    {
        _byName[EgressPolicy.None] = new EgressPolicy(EgressPolicy.None, []);
        foreach (var (name, policy) in options.Policies)
            _byName[name] = new EgressPolicy(name, policy.Allow.Select(a => EgressRule.Parse(a, out _)).OfType<EgressRule>().ToList());
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public EgressPolicy? Find(string name) => _byName.GetValueOrDefault(name);

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
        if (options.DefaultPolicy != EgressPolicy.None && !options.Policies.ContainsKey(options.DefaultPolicy))
            yield return $"{CapsuleOptions.Section}:DefaultPolicy '{options.DefaultPolicy}' is not a configured policy.";
    }
}
