namespace Noa.Abstractions;

/// <summary>Checks a policy document before it is stored (<see cref="IPolicyStore"/>), so the process that accepts policies (the gateway)
/// needs no reference to the stage that applies them. The Safety stage's library provides it.</summary>
public interface IPolicyValidator
{
    /// <summary>Every problem of the document at once, each naming the field; empty when it is valid.</summary>
    /// <param name="content">The document (JSON or YAML).</param>
    /// <param name="name">How errors name it, e.g. <c>policy 'strict'</c>.</param>
    IReadOnlyList<string> Validate(string content, string name);
}
