using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>A value or the reason why the input was refused. Bad input is an expected outcome here,
/// so it travels as a value up to the stage, which turns it into <c>StageOutcome.BadInput</c> (or, for a
/// time limit, a retryable <see cref="StageFailure.Timeout"/>: a slow server is not the user's mistake).</summary>
internal readonly struct Checked<T>
{
    private Checked(T? value, string? error, string errorType)
    {
        Value = value;
        Error = error;
        ErrorType = errorType;
    }

    public T? Value { get; }

    public string? Error { get; }

    /// <summary><see cref="StageFailure.BadInput"/> or <see cref="StageFailure.Timeout"/>.</summary>
    public string ErrorType { get; }

    public bool Failed => Error is not null;

    public static Checked<T> Ok(T value) => new(value, null, StageFailure.BadInput);

    public static Checked<T> Refuse(string error) => new(default, error, StageFailure.BadInput);

    public static Checked<T> TimedOut(string error) => new(default, error, StageFailure.Timeout);

    /// <summary>Passes another failure on, keeping its error type.</summary>
    public static Checked<T> From<TOther>(Checked<TOther> failed) => new(default, failed.Error, failed.ErrorType);

    public static implicit operator Checked<T>(T value) => Ok(value);
}
