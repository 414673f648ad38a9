using System.Diagnostics;
using System.Globalization;
using Noa.Abstractions;

namespace Noa.Bench.Capsule;

/// <summary>
/// The same context built by the outer builder directly and by <c>docker build</c> inside a capsule through the build
/// proxy (the Debian docker CLI of scripts/capsule.sh); each twice, the second of each from the cache.
/// </summary>
internal static class BuildCompare
{
    public static async Task<string> RunAsync(IImageBuilder images, ICapsules capsules)
    {
        var docker = Path.GetFullPath(".cache/capsule/tools/docker-cli/root/usr/bin/docker");
        if (!File.Exists(docker))
            return "build proxy: not measured (the docker CLI is missing: scripts/capsule.sh)";
        var context = Directory.CreateDirectory(Path.Combine("/run/noa-bench-capsules", "ctx-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var unique = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM debian:bookworm-slim\nLABEL run={unique}\nCOPY . /src\nRUN cd /src && find . -type f | sort | xargs sha256sum > /sums && wc -l /sums\n");
        for (var i = 0; i < 200; i++)
            await File.WriteAllTextAsync(Path.Combine(context, $"f{i}.txt"), string.Concat(Enumerable.Repeat($"line {i}\n", 200)));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(context, (UnixFileMode)0b111_101_101); // the capsule's own uid reads the context

        async Task<double> Direct()
        {
            var sw = Stopwatch.StartNew();
            var result = await images.BuildAsync(new ImageBuildRequest { ContextDirectory = context, Tags = ["localhost/noa-bench/direct:1"], Network = false });
            if (!result.Succeeded)
                throw new InvalidOperationException(result.Error);
            return sw.Elapsed.TotalSeconds;
        }
        async Task<(double Seconds, bool Cached)> Proxied()
        {
            var sw = Stopwatch.StartNew();
            var capsule = await capsules.SpawnAsync(new CapsuleRequest
            {
                Command = ["/opt/docker", "build", "-t", "proxied:1", "/ctx"], BuildProxy = true, Tenant = "bench",
                Binds = [new SandboxBind(docker, "/opt/docker"), new SandboxBind(context, "/ctx")],
            });
            var output = new System.Text.StringBuilder();
            await foreach (var o in capsules.FollowAsync(capsule.Id))
                output.Append(o.Text);
            var ended = await capsules.WaitAsync(capsule.Id);
            await capsules.RemoveAsync(capsule.Id);
            if (ended.Result?.Succeeded != true)
                throw new InvalidOperationException("docker build through the proxy failed: " + output);
            var text = output.ToString();
            return (sw.Elapsed.TotalSeconds, text.Contains("Successfully built", StringComparison.Ordinal) && text.Split("Using cache").Length - 1 >= 3);
        }
        var direct1 = await Direct();
        var direct2 = await Direct();
        // A new label makes the proxied build's first pass miss the direct builds' cache.
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), (await File.ReadAllTextAsync(Path.Combine(context, "Dockerfile"))).Replace(unique, unique + "-p", StringComparison.Ordinal));
        var proxied1 = await Proxied();
        var proxied2 = await Proxied();
        Directory.Delete(context, recursive: true);
        return string.Create(CultureInfo.InvariantCulture,
            $"| build (200 files, COPY + RUN) | first s | second s (cached) | second fully cached |\n|---|---:|---:|---|\n" +
            $"| outer builder directly (`IImageBuilder.BuildAsync`) | {direct1:0.00} | {direct2:0.00} | — |\n" +
            $"| `docker build` in a capsule through the build proxy | {proxied1.Seconds:0.00} | {proxied2.Seconds:0.00} | {(proxied2.Cached ? "yes" : "no")} |\n" +
            $"| overhead of the proxy (first build) | {(proxied1.Seconds / direct1 - 1) * 100:0.0}% | | |");
    }
}
