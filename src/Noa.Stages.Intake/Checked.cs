namespace Noa.Stages.Intake;

/// <summary>A value or the reason why the input was refused. Bad input is an expected outcome here,
/// so it travels as a value up to the stage, which turns it into <c>StageOutcome.BadInput</c>.</summary>
internal readonly struct Checked<T>
{
    private Checked(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    public bool Failed => Error is not null;

    public static Checked<T> Ok(T value) => new(value, null);

    public static Checked<T> Refuse(string error) => new(default, error);

    public static implicit operator Checked<T>(T value) => Ok(value);
}
