using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Gives <see cref="SandboxConformance{TFixture}"/> and <see cref="SandboxEscapeConformance{TFixture}"/> the sandbox under test.</summary>
public interface ISandboxFixture : IConformanceFixture
{
    /// <summary>The sandbox under test.</summary>
    ISandbox Sandbox { get; }

    /// <summary>What the implementation left on the host after <paramref name="sandboxId"/> ended (cgroups, state, mounts); empty when nothing.</summary>
    IReadOnlyList<string> Leftovers(string sandboxId);
}
