using System.Text.Json;

namespace Noa.Stages.Runner.Reporting;

/// <summary>
/// What a service smoke step (Smoke/ServiceSmoke) did, read from the last line its script prints: the plan's start command and
/// the one it ran, the port, whether the port opened (and in how long, or why not, with the end of the service's log), how many
/// endpoints it called and how many failed, and one live call that answered.
/// </summary>
internal sealed record ServiceRun(string Start, string Ran, int Port, bool Started, double Seconds, int Called, int Failed)
{
    public string? Reason { get; init; }

    public List<string>? Log { get; init; }

    public LiveCall? Live { get; init; }

    /// <summary>The last marker line of <paramref name="output"/>, or null (not a service smoke step, or its line cut by the output limit).</summary>
    public static ServiceRun? Read(string output, string marker)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal));
        try
        {
            return line is null ? null : JsonSerializer.Deserialize<ServiceRun>(line[marker.Length..], RunnerReport.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A call that answered: the curl line that repeats it, the status, and the start of the body.</summary>
internal sealed record LiveCall(string Curl, int Status, string Body);
