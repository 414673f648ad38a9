namespace Noa.Abstractions;

/// <summary>
/// Thrown by a stage, from however deep in its work, when its input is wrong in a way no retry can change (a file name that
/// is not valid UTF-8, a tree nested past a limit). The engine records the attempt as <see cref="StageFailure.BadInput"/>
/// with this message and never retries it; the CLI exits with 2. Expected refusals are better returned as
/// <see cref="StageOutcome.BadInput"/>; this is for code that cannot return one.
/// </summary>
public sealed class BadInputException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> names what was wrong and where.</summary>
    public BadInputException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that revealed the bad input.</summary>
    public BadInputException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public BadInputException() : base("the input cannot be processed")
    {
    }
}
