using System.Text.Encodings.Web;
using System.Text.Json;

namespace Noa.Stages.Env.Files;

/// <summary>Commands as JSON arrays for exec-form <c>CMD</c>/<c>HEALTHCHECK</c> and Kubernetes: split on spaces when the command
/// has no shell syntax, else run through <c>sh -c</c>.</summary>
internal static class Argv
{
    private static readonly char[] Shell = ['&', '|', ';', '<', '>', '$', '`', '"', '\'', '*', '(', ')', '\\', '='];

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<string> Of(string command) =>
        command.IndexOfAny(Shell) >= 0 ? ["sh", "-c", command] : command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string Json(IReadOnlyList<string> argv) => JsonSerializer.Serialize(argv, Options);
}
