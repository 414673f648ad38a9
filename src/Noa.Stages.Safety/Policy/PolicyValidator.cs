using Noa.Abstractions;

namespace Noa.Stages.Safety.Policy;

/// <summary>The gateway's check of a policy before it is stored: the same parser the stage judges by (<see cref="PolicyLoader"/>).</summary>
internal sealed class PolicyValidator : IPolicyValidator
{
    public IReadOnlyList<string> Validate(string content, string name)
    {
        try
        {
            PolicyLoader.Parse(content, name);
            return [];
        }
        catch (PolicyException e)
        {
            return [e.Message];
        }
    }
}
