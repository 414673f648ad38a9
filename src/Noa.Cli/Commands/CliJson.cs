using System.Text.Json.Serialization;
using Noa.Abstractions;

namespace Noa.Cli.Commands;

/// <summary>
/// Source-generated metadata for what the read verbs print with <c>--json</c>: built by reflection, a run list's types
/// cost a cold process more CPU than reading them from the store.
/// </summary>
[JsonSerializable(typeof(List<RunRecord>))]
internal sealed partial class CliJson : JsonSerializerContext;
