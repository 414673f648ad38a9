using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Noa.Gateway.Tests;

/// <summary>
/// /metrics reads meters through OpenTelemetry's process-wide listener, so a gateway of another test class running
/// at the same time would add to the same series; this class runs alone (see <see cref="MetricsCollection"/>).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task HealthAndMetrics_NeedNoKey()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        using var anonymous = host.Client();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        var ready = await anonymous.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Contains(ready.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "gateway" && c.GetProperty("status").GetString() == "Healthy");

        await host.Admin.GetAsync("/runs");
        await host.Admin.PostAsJsonAsync("/digest", new { source = "/tmp/x" });
        await host.Admin.GetAsync("/admin/queues");
        var metrics = await anonymous.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("http_route=\"/runs/\"", metrics);
        Assert.Contains("noa_gateway_runs_started_total{otel_scope_name=\"Noa.Gateway\"} 1", metrics);
        Assert.Contains("noa_gateway_queue_lag{otel_scope_name=\"Noa.Gateway\",stream=\"runs.requests\"} 1", metrics);
    }
}
