namespace Noa.Safety.Vulnerabilities;

/// <summary>Why part of a match could not be decided.</summary>
public enum MatchProblemKind
{
    /// <summary>A source could not be reached (network error, timeout, 5xx).</summary>
    SourceUnreachable,
    /// <summary>A source answered but does not offer the service (405, a resource missing from the
    /// service index): a registry mirror that serves packages but not advisories.</summary>
    SourceUnsupported,
    /// <summary>A source answered with something that is not its documented format.</summary>
    SourceInvalidResponse,
    /// <summary>The package's ecosystem is not one the matcher knows.</summary>
    UnknownEcosystem,
    /// <summary>The installed version, or a version in an advisory, does not parse in its ecosystem.</summary>
    InvalidVersion,
    /// <summary>An advisory's range could not be evaluated (a GIT range with no versions list).</summary>
    RangeNotEvaluated,
}

/// <summary>An expected failure, reported beside the findings rather than thrown.</summary>
public sealed record MatchProblem(MatchProblemKind Kind, string Source, string Message, PackageRef? Package = null);

/// <summary>What a match produced: findings, and the problems that make it incomplete.</summary>
public sealed record MatchResult(IReadOnlyList<Finding> Findings, IReadOnlyList<MatchProblem> Problems);
