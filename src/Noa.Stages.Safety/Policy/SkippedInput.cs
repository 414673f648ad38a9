namespace Noa.Stages.Safety.Policy;

/// <summary>An input an engine did not scan, or not completely.</summary>
/// <param name="Engine">The engine.</param>
/// <param name="Input">A file path, or a package (<c>npm lodash 4.17.15</c>).</param>
/// <param name="Reason">One of <see cref="SkipReasons"/>.</param>
/// <param name="Detail">What exactly (a size, a parse error, an unreachable host).</param>
public sealed record SkippedInput(string Engine, string Input, string Reason, string Detail);
