namespace Noa.Gateway;

/// <summary>A policy as listed.</summary>
/// <param name="Name">Its name.</param>
/// <param name="UpdatedAt">When it was last written.</param>
/// <param name="UpdatedBy">Which key wrote it.</param>
internal sealed record PolicyView(string Name, DateTimeOffset UpdatedAt, string UpdatedBy);
