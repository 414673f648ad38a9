namespace Noa.Storage.Sql;

/// <summary>One numbered schema change. Applied once, in order, and recorded in <c>schema_migrations</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
