using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Noa.Gateway;

/// <summary>The gateway's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Noa.Gateway</c>.
/// Request counts and latency come from ASP.NET Core's own <c>http.server.request.duration</c>.</summary>
internal sealed class GatewayTelemetry : IDisposable
{
    public const string Name = "Noa.Gateway";

    public GatewayTelemetry(IMeterFactory meters, QueueMonitor monitor)
    {
        Meter = meters.Create(Name);
        RunsStarted = Meter.CreateCounter<long>("noa.gateway.runs.started", "{run}", "Runs accepted by POST /digest and queued on runs.requests");
        Rejected = Meter.CreateCounter<long>("noa.gateway.requests.rejected", "{request}", "Requests refused by the rate limit or a full queue, by reason");
        Meter.CreateObservableGauge("noa.gateway.queue.lag", () => monitor.Sample(), "{message}",
            "Messages of a queue its consumer group has not received or acknowledged yet, by stream");
    }

    public ActivitySource Source { get; } = new(Name);

    public Meter Meter { get; }

    public Counter<long> RunsStarted { get; }

    public Counter<long> Rejected { get; }

    public void Dispose() => Source.Dispose();
}
