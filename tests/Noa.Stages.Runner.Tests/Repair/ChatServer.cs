using System.Text.Json;
using Noa.Testing;

namespace Noa.Stages.Runner.Tests.Repair;

/// <summary>
/// Answers of OpenAI's <c>POST /v1/chat/completions</c> for <see cref="ScriptedJsonServer"/>, the model server the repair
/// loop's tests script.
/// </summary>
public static class ChatServer
{
    /// <summary>A server answering each request (its number from 1) with the script's answer.</summary>
    public static ScriptedJsonServer Start(Func<int, ScriptedJsonServer.Answer> script) => new(r => script(r.Number));

    /// <summary>A chat answer whose message is the JSON the Runner asks for.</summary>
    public static ScriptedJsonServer.Answer Propose(string command, string reason) => Message(JsonSerializer.Serialize(new { command, reason }));

    /// <summary>A chat answer with this message content.</summary>
    public static ScriptedJsonServer.Answer Message(string content) => new(200, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1", @object = "chat.completion", model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
    }));
}
