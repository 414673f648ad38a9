namespace Noa.Abstractions;

/// <summary>Why a stage attempt failed, in Temporal's terms (<c>ApplicationFailure</c>).</summary>
/// <param name="ErrorType">Stable machine-readable kind, e.g. <c>BadInput</c>, <c>Timeout</c>, <c>Unhandled</c>.</param>
/// <param name="Message">Human-readable explanation that names what was wrong.</param>
/// <param name="NonRetryable">True when retrying cannot help (bad input, policy refusal).</param>
public sealed record StageFailure(string ErrorType, string Message, bool NonRetryable = false)
{
    /// <summary>Error type of input the user must fix; never retried.</summary>
    public const string BadInput = "BadInput";

    /// <summary>Error type of an attempt that ran past its start-to-close timeout.</summary>
    public const string Timeout = "Timeout";

    /// <summary>Error type of an exception the stage did not expect.</summary>
    public const string Unhandled = "Unhandled";
}
