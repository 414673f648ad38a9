using System.Diagnostics.Metrics;
using Noa.Abstractions;

namespace Noa.Capsule;

/// <summary>
/// The telemetry agent's metrics (meter <c>Noa.Capsule</c>): capsules spawned and ended (by termination), and each running
/// capsule's cgroup counters — CPU time, peak memory, processes — read when the metrics are collected.
/// </summary>
internal sealed class CapsuleTelemetry
{
    public const string MeterName = "Noa.Capsule";
    private readonly Meter _meter;
    private readonly Counter<long> _spawned;
    private readonly Counter<long> _ended;

    // The host's factory owns the meter (and disposes it with the container).
    public CapsuleTelemetry(IMeterFactory meters, Func<IEnumerable<(string Id, SandboxUsage Usage)>> running)
    {
        _meter = meters.Create(MeterName);
        _spawned = _meter.CreateCounter<long>("noa.capsule.spawned", description: "Capsules started");
        _ended = _meter.CreateCounter<long>("noa.capsule.ended", description: "Capsules ended, by termination (exited, oom, pids, timeout, output, stopped)");
        _meter.CreateObservableGauge("noa.capsule.cpu.time", () => running().Select(c => new Measurement<double>(c.Usage.CpuTime.TotalSeconds, Tag(c.Id))),
            unit: "s", description: "CPU time of a running capsule (its cgroup)");
        _meter.CreateObservableGauge("noa.capsule.memory.peak", () => running().Select(c => new Measurement<long>(c.Usage.PeakMemoryBytes, Tag(c.Id))),
            unit: "By", description: "Peak memory of a running capsule (its cgroup)");
        _meter.CreateObservableGauge("noa.capsule.pids", () => running().Select(c => new Measurement<int>(c.Usage.PeakPids, Tag(c.Id))),
            description: "Peak processes of a running capsule (its cgroup)");
        _meter.CreateObservableGauge("noa.capsule.running", () => running().Count(), description: "Capsules running");
    }

    public void Spawned(string policy) => _spawned.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void Ended(SandboxTermination termination) =>
        _ended.Add(1, new KeyValuePair<string, object?>("termination", termination.ToString().ToLowerInvariant()));

    private static KeyValuePair<string, object?> Tag(string id) => new("capsule.id", id);
}
