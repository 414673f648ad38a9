using System.Text.Json.Serialization;
using Noa.Abstractions;

namespace Noa.Storage.Sql;

/// <summary>
/// Source-generated metadata for the JSON kept in TEXT columns. Reading a run's request by reflection cost a cold
/// process (<c>noa runs list</c>, every worker's first claim) more CPU than the query itself.
/// </summary>
[JsonSerializable(typeof(DigestRequest))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class SqlJson : JsonSerializerContext;
