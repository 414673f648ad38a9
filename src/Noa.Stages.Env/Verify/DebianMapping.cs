using System.Text.Json;
using System.Text.Json.Nodes;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Verify;

/// <summary>
/// What a Debian install script printed last in an image build (<see cref="DebianPython"/>, <see cref="DebianSource"/>): the
/// requirements it mapped, those no Debian package provides and why, the packages it installed — for verify.json, so an image
/// that lacks a requirement says which. Read from the build's lines as they pass, since a long build's log is kept only as its tail.
/// </summary>
internal sealed class DebianMapping : IProgress<string>
{
    private static readonly (string Marker, string Ecosystem)[] Markers =
        [(DebianPython.Marker, "pip"), (DebianSource.Go.Marker, DebianSource.Go.Ecosystem), (DebianSource.Rust.Marker, DebianSource.Rust.Ecosystem)];

    private string? _line;
    private string? _ecosystem;

    public void Report(string value)
    {
        foreach (var (marker, ecosystem) in Markers)
            if (value.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0)
                (_line, _ecosystem) = (value[(at + marker.Length)..], ecosystem);
    }

    /// <summary>The last mapping the build printed, with the ecosystem it stood in for; null when no script ran or its line was cut.</summary>
    public JsonObject? Result()
    {
        try
        {
            if (_line is null || JsonNode.Parse(_line) is not JsonObject found)
                return null;
            found["ecosystem"] = _ecosystem;
            return found;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
