namespace Noa.Stages.Runner.Repair;

/// <summary>
/// The optional repair loop (<c>Noa:Runner:Repair</c>): when a step fails, an OpenAI-compatible chat model proposes one changed
/// command at a time. Off unless <see cref="Endpoint"/> is set; without it the Runner is fully rule-based.
/// </summary>
public sealed class RepairOptions
{
    /// <summary>Base URL of an OpenAI-compatible server (<c>http://localhost:11434</c> for Ollama, <c>http://localhost:8080</c>
    /// for the llama.cpp server); <c>/v1/chat/completions</c> is appended (only <c>/chat/completions</c> when it ends with <c>/v1</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The chat model the server knows (<c>qwen2.5-coder:7b</c>).</summary>
    public string? Model { get; set; }

    /// <summary>A file holding the server's bearer key, when it wants one (read at every request; never a plain setting).</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>Proposals asked for at most per failed step (a refused or unanswered one counts).</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>Seconds the whole run may spend repairing (model calls and the proposals' runs), on top of nothing: the Runner's
    /// own <c>TotalSeconds</c> still bounds every step.</summary>
    public double TotalSeconds { get; set; } = 600;

    /// <summary>Seconds one model call may take.</summary>
    public double RequestSeconds { get; set; } = 120;

    /// <summary>Characters a proposed command may have.</summary>
    public int MaxCommandLength { get; set; } = 500;

    /// <summary>Whether the loop is on.</summary>
    public bool Enabled => Endpoint is not null;

    /// <summary>Every problem with these options, named by key.</summary>
    public IEnumerable<string> Validate(string prefix)
    {
        if (Endpoint is null)
        {
            if (!string.IsNullOrWhiteSpace(Model))
                yield return $"{prefix}:Endpoint must be set when {prefix}:Model is (the server the model runs on).";
            yield break;
        }
        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
            yield return $"{prefix}:Endpoint must be an absolute http(s) URL (was '{Endpoint}').";
        if (string.IsNullOrWhiteSpace(Model))
            yield return $"{prefix}:Model must name the server's chat model.";
        if (Attempts is < 1 or > 20)
            yield return $"{prefix}:Attempts must be 1–20 (was {Attempts}).";
        if (TotalSeconds < 1)
            yield return $"{prefix}:TotalSeconds must be at least 1 (was {TotalSeconds}).";
        if (RequestSeconds < 1)
            yield return $"{prefix}:RequestSeconds must be at least 1 (was {RequestSeconds}).";
        if (MaxCommandLength is < 16 or > 4096)
            yield return $"{prefix}:MaxCommandLength must be 16–4096 (was {MaxCommandLength}).";
    }
}
