using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Abstractions.Env;

/// <summary>
/// <c>env/plan.json</c> (schema <c>schemas/env-plan.schema.json</c>), written by Env Synthesis: per app, how it is built and
/// run, every decision with its rule, confidence and evidence. The files of <c>env/</c> are rendered from it.
/// </summary>
public sealed record EnvPlan
{
    /// <summary>Bundle path.</summary>
    public const string BundlePath = "env/plan.json";

    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>How the plan is written and read: camelCase, nulls left out, indented.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The rules, in the fixed order they are tried (each decision names the one that decided it).</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>One plan per app of the profile.</summary>
    public required IReadOnlyList<AppPlan> Apps { get; init; }

    /// <summary>Why nothing is deployable, when nothing is.</summary>
    public string? Note { get; init; }

    /// <summary>Reads a plan; <see cref="InvalidDataException"/> names what is wrong.</summary>
    public static async Task<EnvPlan> ReadAsync(Stream json, CancellationToken cancellationToken = default)
    {
        EnvPlan? plan;
        try
        {
            plan = await JsonSerializer.DeserializeAsync<EnvPlan>(json, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{BundlePath} does not follow its contract (version {CurrentVersion}, schemas/env-plan.schema.json): {e.Message}", e);
        }
        if (plan is null)
            throw new InvalidDataException($"{BundlePath} is null.");
        if (plan.Version != CurrentVersion)
            throw new InvalidDataException($"{BundlePath} is version {plan.Version}; this build reads version {CurrentVersion}: digest the source again.");
        return plan;
    }
}
