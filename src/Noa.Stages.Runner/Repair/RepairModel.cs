using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Credentials;
using Noa.OpenAi;

namespace Noa.Stages.Runner.Repair;

/// <summary>
/// Asks an OpenAI-compatible chat model (<c>POST {endpoint}/v1/chat/completions</c>) for one changed command for a failed step,
/// told the step (command, source, how it ended, the end of its log), where it runs and what was already tried. The answer's
/// message must be the JSON <c>{"command": "…", "reason": "…"}</c> (a Markdown fence around it is tolerated). A server that
/// cannot be reached, does not answer in time, answers an error or anything else is a <see cref="RepairModelException"/> naming why.
/// </summary>
internal sealed class RepairModel(OpenAiServer server, RepairOptions options)
{
    public const string Operation = "chat/completions";
    private const int LogChars = 3000;

    public string Name => options.Model!;

    public string Endpoint => server.Url(Operation).AbsoluteUri;

    /// <exception cref="RepairModelException">No usable answer, with the reason.</exception>
    public async Task<Proposal> ProposeAsync(RepairContext step, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.RequestSeconds));
        ChatResponse response;
        try
        {
            response = await server.PostAsync<ChatRequest, ChatResponse>(Operation, Request(step), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RepairModelException($"the model did not answer within {options.RequestSeconds:0.#} s (Noa:Runner:Repair:RequestSeconds)");
        }
        catch (HttpRequestException e)
        {
            throw new RepairModelException(e.StatusCode is null ? $"the model server could not be reached: {e.Message}" : $"the model server failed: {e.Message}");
        }
        catch (Exception e) when (e is InvalidDataException or SecretFileException)
        {
            throw new RepairModelException(e.Message);
        }
        var content = response.Choices?.FirstOrDefault()?.Message?.Content;
        if (string.IsNullOrWhiteSpace(content))
            throw new RepairModelException("the model's answer has no message");
        return Parse(content);
    }

    /// <exception cref="RepairModelException">The message is not the JSON asked for.</exception>
    public static Proposal Parse(string content)
    {
        var text = content.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var first = text.IndexOf('\n', StringComparison.Ordinal);
            var last = text.LastIndexOf("```", StringComparison.Ordinal);
            text = first > 0 && last > first ? text[(first + 1)..last].Trim() : text;
        }
        try
        {
            var answer = JsonSerializer.Deserialize<Answer>(text);
            if (answer?.Command is not { } command)
                throw new RepairModelException($"the model's answer names no command: {Shorten(content)}");
            return new Proposal(command, answer.Reason);
        }
        catch (JsonException)
        {
            throw new RepairModelException($"the model's answer is not the JSON asked for: {Shorten(content)}");
        }
    }

    private ChatRequest Request(RepairContext step)
    {
        var system = $"You repair one failed step of a build and test run. The step runs as `sh -c COMMAND` in a sandbox: the host's toolchains read-only, the workspace (a copy of the repository, at {Execution.CapsuleStepRunner.Inside}) the only writable place, {step.Network}. "
            + "Propose ONE changed command for this step that makes it succeed for real: the same tests, not fewer, no `|| true`, no sudo. "
            + "Answer with JSON only: {\"command\": \"<one line of shell>\", \"reason\": \"<one sentence>\"}.";
        var user = new StringBuilder();
        user.AppendLine(CultureInfo.InvariantCulture, $"Phase: {step.Phase}; folder: {step.Cwd}");
        user.AppendLine(CultureInfo.InvariantCulture, $"Command: {step.Command}");
        user.AppendLine(CultureInfo.InvariantCulture, $"From: {step.Source}");
        user.AppendLine(CultureInfo.InvariantCulture, $"Ended: {step.Ending}");
        if (step.Environment.Count > 0)
            user.AppendLine(CultureInfo.InvariantCulture, $"Environment set by the runner: {string.Join(" ", step.Environment.Select(kv => $"{kv.Key}={kv.Value}"))}");
        foreach (var (command, ending) in step.Earlier)
            user.AppendLine(CultureInfo.InvariantCulture, $"Already tried, did not help: {command} ({ending})");
        var log = step.Log.Length > LogChars ? "…" + step.Log[^LogChars..] : step.Log;
        user.AppendLine("The end of its output:").AppendLine(log);
        return new ChatRequest(options.Model!, [new ChatMessage("system", system), new ChatMessage("user", user.ToString())], 0, 512);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private sealed record ChatRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("messages")] ChatMessage[] Messages,
        [property: JsonPropertyName("temperature")] double Temperature,
        [property: JsonPropertyName("max_tokens")] int MaxTokens);

    private sealed record ChatMessage([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string? Content);

    private sealed record ChatResponse([property: JsonPropertyName("choices")] List<Choice>? Choices);

    private sealed record Choice([property: JsonPropertyName("message")] ChatMessage? Message);

    private sealed record Answer([property: JsonPropertyName("command")] string? Command, [property: JsonPropertyName("reason")] string? Reason);
}

/// <summary>The failed step, as the model is told it.</summary>
internal sealed record RepairContext(string Phase, string Cwd, string Command, string Source, string Ending, string Log, string Network,
    IReadOnlyDictionary<string, string> Environment, IReadOnlyList<(string Command, string Ending)> Earlier);

/// <summary>The model gave no usable proposal; the message says why.</summary>
internal sealed class RepairModelException(string message) : Exception(message);
