namespace Noa.Cli.Commands;

/// <summary>How the CLI says what was wrong with its input: one line, without .NET's " (Parameter 'x')" suffix.</summary>
internal static class BadInput
{
    /// <summary>The exception's message without the parameter suffix .NET appends to it.</summary>
    public static string Message(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
