namespace Noa.Abstractions.Profiles;

/// <summary>A service type with its score (sum of evidence weights), confidence and evidence.</summary>
/// <param name="Type">cli, http-api, library, worker or frontend.</param>
/// <param name="Score">Sum of weights.</param>
/// <param name="Confidence">score / (score + the best other score + 1), 2 decimals: high when the evidence is strong and unopposed.</param>
/// <param name="Evidence">What scored.</param>
public sealed record ServiceTypeScore(string Type, int Score, double Confidence, IReadOnlyList<Evidence> Evidence);
