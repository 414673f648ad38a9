namespace Noa.Stages.Integrator.Model;

/// <summary>
/// Recognises the common paging patterns from an operation's shape: a cursor parameter and a "next" field of the
/// response, a page number, or an offset; the items are the response's array, or the one array field of its object.
/// </summary>
internal static class Paging
{
    private static readonly string[] CursorParameters = ["cursor", "page_token", "pagetoken", "next_token", "nexttoken", "continuation_token", "continuationtoken", "starting_after", "after", "marker"];
    private static readonly string[] NextFields = ["next_cursor", "nextcursor", "next_page_token", "nextpagetoken", "next_token", "nexttoken", "cursor", "next", "continuation_token", "continuationtoken", "marker", "next_marker", "endcursor"];
    private static readonly string[] PageParameters = ["page", "page_number", "pagenumber"];
    private static readonly string[] OffsetParameters = ["offset", "skip", "start"];

    public static PagingHint? Detect(ApiOperation op, ApiModel model)
    {
        if (op.Method != "GET" || op.Success is not { Kind: BodyKind.Json } success)
            return null;
        var query = op.Parameters.Where(p => p.In == ParameterLocation.Query).ToList();
        string? items = null;
        if (success.Type.Kind != TypeKind.Array)
        {
            if (success.Type.Kind != TypeKind.Named || !model.Schemas.TryGetValue(success.Type.Name!, out var schema) || schema.Kind != SchemaKind.Object)
                return null;
            var arrays = schema.Properties.Where(p => p.Type.Kind == TypeKind.Array).ToList();
            if (arrays.Count != 1)
                return null;
            items = arrays[0].WireName;
            if (Find(query, CursorParameters) is { } cursor
                && schema.Properties.FirstOrDefault(f => NextFields.Contains(f.WireName.ToLowerInvariant()) && f.Type.Kind is TypeKind.String or TypeKind.Integer) is { } next)
                return new PagingHint(PagingStyle.Cursor, cursor.WireName, items, next.WireName);
        }
        if (Find(query, PageParameters) is { } page && page.Type.Kind == TypeKind.Integer)
            return new PagingHint(PagingStyle.Page, page.WireName, items, null);
        if (Find(query, OffsetParameters) is { } offset && offset.Type.Kind == TypeKind.Integer)
            return new PagingHint(PagingStyle.Offset, offset.WireName, items, null);
        return null;
    }

    private static ApiParameter? Find(List<ApiParameter> query, string[] names) =>
        query.FirstOrDefault(p => names.Contains(p.WireName.ToLowerInvariant()));
}
