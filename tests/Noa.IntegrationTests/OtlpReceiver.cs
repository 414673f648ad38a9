using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Noa.IntegrationTests;

/// <summary>
/// An OTLP/HTTP receiver in the test process (<c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>): the <c>noa</c> processes
/// export to it as they would to a collector, and it keeps the spans of <c>/v1/traces</c>, read from the protobuf
/// <c>ExportTraceServiceRequest</c> by field number (opentelemetry-proto's <c>trace.proto</c>); logs and metrics are
/// acknowledged and dropped. It runs on Kestrel: the processes still export while the test stops the receiver, and
/// System.Net.HttpListener, stopped or closed with requests in flight, throws from its own accept loop
/// (an ArgumentNullException from Monitor.Enter, or ObjectDisposedException), which failed a finished test.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, int port, ConcurrentBag<OtlpSpan> spans)
    {
        _app = app;
        Port = port;
        Spans = spans;
    }

    public int Port { get; }

    public ConcurrentBag<OtlpSpan> Spans { get; }

    /// <summary>The settings that make a noa process export here, soon after each span ends.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "600000",
    };

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var spans = new ConcurrentBag<OtlpSpan>();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (signal == "traces")
            {
                foreach (var span in ReadTraces(body.ToArray()))
                    spans.Add(span);
            }
            // An empty Export*ServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new OtlpReceiver(app, new Uri(address).Port, spans);
    }

    public async ValueTask DisposeAsync()
    {
        // Requests still arriving from the processes are cut off: the test has what it asserted on.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    // ExportTraceServiceRequest.resource_spans = 1 → ResourceSpans { resource = 1, scope_spans = 2 } → ScopeSpans { spans = 2 }.
    private static IEnumerable<OtlpSpan> ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = Fields(resourceSpans, 1).Select(resource => Attributes(resource, 1)).FirstOrDefault()?.GetValueOrDefault("service.name") ?? "";
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                    yield return ReadSpan(service, span);
            }
        }
    }

    // Span { trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9 }.
    private static OtlpSpan ReadSpan(string service, byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var input = new CodedInputStream(span);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 4: parent = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }
        return new OtlpSpan(service, traceId, spanId, parent, name, kind, Attributes(span, 9));
    }

    // KeyValue { key = 1, value = 2 } with AnyValue { string_value = 1, bool_value = 2, int_value = 3 }; other values are left out.
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in Fields(message, field))
        {
            var key = Fields(keyValue, 1).Select(b => ByteString.CopyFrom(b).ToStringUtf8()).FirstOrDefault();
            var value = Fields(keyValue, 2).FirstOrDefault();
            if (key is null || value is null)
                continue;
            var input = new CodedInputStream(value);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1: attributes[key] = input.ReadString(); break;
                    case 2: attributes[key] = input.ReadBool() ? "true" : "false"; break;
                    case 3: attributes[key] = input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                    default: input.SkipLastField(); break;
                }
            }
        }
        return attributes;
    }

    /// <summary>The contents of every length-delimited occurrence of <paramref name="field"/> in a message.</summary>
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                found.Add(input.ReadBytes().ToByteArray());
            else
                input.SkipLastField();
        }
        return found;
    }
}
