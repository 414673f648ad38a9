namespace Noa.Abstractions.Env;

/// <summary>An environment variable an app's code reads (the graph's <c>env:NAME</c> nodes and their <c>READS_CONFIG</c> edges).</summary>
/// <param name="Name">The variable.</param>
/// <param name="Default">The default the code or a declared settings class gives, when it shows one.</param>
/// <param name="Type">The declared type (a settings field's annotation), when known.</param>
/// <param name="Secret">Its name says it holds a credential (password, secret, token, key): compose and Kubernetes pass it as a file.</param>
/// <param name="Evidence">Where it is read or declared (<c>file:line</c>).</param>
public sealed record EnvVariable(string Name, string? Default, string? Type, bool Secret, IReadOnlyList<string> Evidence);
