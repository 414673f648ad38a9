namespace Noa.Stages.Safety.Policy;

/// <summary>An engine that could not finish.</summary>
/// <param name="Engine">The engine.</param>
/// <param name="Error">Why, as the exception said it.</param>
public sealed record EngineFailure(string Engine, string Error);
