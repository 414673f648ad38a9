namespace Noa.Abstractions;

/// <summary>A named policy document (JSON), e.g. what the Safety gate allows.</summary>
/// <param name="Name">Kebab-case name.</param>
/// <param name="Content">The document, as JSON text.</param>
/// <param name="UpdatedAt">When it was last written.</param>
/// <param name="UpdatedBy">Who wrote it (an API key id).</param>
public sealed record PolicyDocument(string Name, string Content, DateTimeOffset UpdatedAt, string UpdatedBy);
