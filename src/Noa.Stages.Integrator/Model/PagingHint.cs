namespace Noa.Stages.Integrator.Model;

/// <summary>
/// How an operation pages, when the spec or its shape shows it: a cursor parameter fed from a response field, a page
/// number, or an offset; <see cref="ItemsField"/> is the array field of the response that holds the page's items
/// (null when the response is the array itself).
/// </summary>
internal sealed record PagingHint(PagingStyle Style, string Parameter, string? ItemsField, string? NextField);

/// <summary>The paging patterns the generators know.</summary>
internal enum PagingStyle
{
    /// <summary>A cursor/token parameter set from a field of the previous response.</summary>
    Cursor,
    /// <summary>A page number parameter incremented until a page comes back empty.</summary>
    Page,
    /// <summary>An offset parameter advanced by the number of items received.</summary>
    Offset,
}
