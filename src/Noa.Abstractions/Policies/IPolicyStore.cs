namespace Noa.Abstractions;

/// <summary>Named policy documents in the metadata store. Implementations: SQLite, Postgres.</summary>
public interface IPolicyStore
{
    /// <summary>Creates or replaces a policy.</summary>
    Task SavePolicyAsync(PolicyDocument policy, CancellationToken cancellationToken = default);

    /// <summary>Returns a policy, or null.</summary>
    Task<PolicyDocument?> GetPolicyAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every policy, by name.</summary>
    Task<IReadOnlyList<PolicyDocument>> ListPoliciesAsync(CancellationToken cancellationToken = default);
}
