using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Cli.Search;

/// <summary>
/// The protocol's JSON, generated at build time: reflection-based serialization would cost the CLI tens of milliseconds of
/// JIT and reflection in every <c>noa search</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ResidentSearchRequest))]
[JsonSerializable(typeof(ResidentSearchResponse))]
internal sealed partial class ResidentSearchJson : JsonSerializerContext;
