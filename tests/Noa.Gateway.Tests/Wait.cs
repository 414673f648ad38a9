using System.Net.Http.Json;
using System.Text.Json;

namespace Noa.Gateway.Tests;

/// <summary>Polls the API until a run reaches a state (bounded, so a hang fails the test instead of the run).</summary>
internal static class Wait
{
    public static async Task<JsonElement> ForRunAsync(HttpClient client, string runId, string state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        JsonElement details;
        do
        {
            details = await client.GetFromJsonAsync<JsonElement>($"/runs/{runId}");
            if (details.GetProperty("run").GetProperty("state").GetString() == state)
                return details;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"run {runId} did not become {state}: {details}");
        return details;
    }
}
