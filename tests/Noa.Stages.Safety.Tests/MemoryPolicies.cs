using Noa.Abstractions;

namespace Noa.Stages.Safety.Tests;

/// <summary>Policies held in memory: the policy store port, for choosing a named policy in a test.</summary>
internal sealed class MemoryPolicies(params PolicyDocument[] policies) : IPolicyStore
{
    public Task SavePolicyAsync(PolicyDocument policy, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PolicyDocument?> GetPolicyAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(policies.FirstOrDefault(p => p.Name == name));

    public Task<IReadOnlyList<PolicyDocument>> ListPoliciesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PolicyDocument>>(policies);
}
