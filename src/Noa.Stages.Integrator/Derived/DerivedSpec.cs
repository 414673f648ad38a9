using System.Text;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Integrator.Derived;

/// <summary>
/// For a source without an OpenAPI document: reads the graph's endpoints from the run's kg.json, writes the synthesised
/// OpenAPI 3.1 document as <c>sdk/openapi.json</c> and hands its text on to be read like any spec. Says why when there is
/// nothing to derive from.
/// </summary>
internal static class DerivedSpec
{
    /// <summary>The first version of an SDK derived from code (later digests bump it by what changed).</summary>
    public const string InitialVersion = "0.1.0";

    public static async Task<((string Path, string Text, IReadOnlyList<string> Problems)? Spec, string? Note)> WriteAsync(StageContext context, CancellationToken cancellationToken)
    {
        KgEndpoints.Read read;
        var kg = await context.Artifacts.OpenReadAsync(KgEndpoints.BundlePath, cancellationToken).ConfigureAwait(false);
        if (kg is null)
            return (null, "no OpenAPI document in the source, and no kg.json to derive one from the code's routes");
        await using (kg.ConfigureAwait(false))
        {
            try
            {
                read = await KgEndpoints.ReadAsync(kg, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                return (null, $"no OpenAPI document in the source, and kg.json cannot be read to derive one: {e.Message}");
            }
        }
        if (read.Endpoints.Count == 0)
            return (null, read.LeftOut == 0
                ? "no OpenAPI document in the source, and no HTTP endpoint in the graph (kg.json) to derive one from"
                : $"no OpenAPI document in the source, and the graph's {read.LeftOut} HTTP endpoints are all in test, fixture, benchmark or documentation files");
        var synthesised = SpecSynthesis.Synthesise(Title(context.Request.Source), InitialVersion, read.Endpoints, read.Types);
        if (synthesised.Operations == 0)
            return (null, "no OpenAPI document in the source, and none of the graph's endpoints is an operation: " + string.Join("; ", synthesised.Problems.Take(5)));
        var text = synthesised.Document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes(text)))
            await context.Artifacts.WriteAsync(SpecSynthesis.BundlePath, content, "application/json", cancellationToken).ConfigureAwait(false);
        return ((SpecSynthesis.BundlePath, text, synthesised.Problems), null);
    }

    /// <summary>The API's title: the source's last name (a folder, a repository), without a <c>.git</c> ending.</summary>
    internal static string Title(string source)
    {
        var trimmed = source.TrimEnd('/', '\\');
        if (trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[..^4];
        var name = trimmed[(trimmed.LastIndexOfAny(['/', '\\', ':']) + 1)..];
        return name is "" or "." or ".." ? "api" : name;
    }
}
