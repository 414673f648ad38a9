namespace Noa.Abstractions.Graph;

/// <summary>One step of an endpoint's path composition.</summary>
/// <param name="Kind"><c>global</c> (an application-wide prefix), <c>version</c> (URI versioning), <c>mount</c> (a
/// prefix given where a router is mounted or included), <c>group</c> (a router's own prefix, or a group made on
/// another), <c>class</c> (a controller's prefix), <c>convention</c> (a conventional route template), <c>route</c>
/// (the registration's own path).</param>
/// <param name="Value">The text this step adds (may be empty: a mount without prefix).</param>
/// <param name="File">The file it is written in.</param>
/// <param name="Line">Its line.</param>
/// <param name="Constant">When the value was a name: <c>NAME = "value" at file:line</c>.</param>
/// <param name="Unresolved">A prefix written as an expression the graph could not resolve to a literal (the path
/// lacks it).</param>
public sealed record KgRouteStep(string Kind, string Value, string File, int Line, string? Constant = null, string? Unresolved = null);
