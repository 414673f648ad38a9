namespace Noa.Stages.Classifier;

/// <summary>A service type with its score (sum of evidence weights) and the evidence.</summary>
/// <param name="Type">cli, http-api, library, worker or frontend.</param>
/// <param name="Score">Sum of weights.</param>
/// <param name="Evidence">What scored.</param>
public sealed record ServiceTypeScore(string Type, int Score, IReadOnlyList<Evidence> Evidence);
