namespace Noa.Stages.Graph.Model;

/// <summary>
/// What one file says about HTTP routing, for the builder to compose full paths across files. Routers are named by
/// <em>references</em> as written in the file: a name (<c>router</c>, <c>v1</c>), a member (<c>users.router</c>,
/// <c>this.app</c>), a call's result (<c>admin_routes()</c>, <c>UsersRouter::new_router()</c>,
/// <c>require(./routes)</c>) or an anonymous router made at a place (<c>#12:8</c>: line and column).
/// </summary>
/// <param name="Kind">
/// <c>endpoint</c>: a route registered by a call on <see cref="Router"/> (null: a plain function such as Django's
/// <c>path()</c>), with its <see cref="Handler"/> as written;
/// <c>handler</c>: a route declared on the definition <see cref="Owner"/>, its own handler (a decorator, annotation or
/// attribute): <see cref="Router"/> is the decorator's object (<c>@router.get</c>), or null when the enclosing class
/// gives the prefix (Spring, ASP.NET, NestJS) or the function is mounted by name (actix <c>.service(f)</c>);
/// <c>action</c>: a public method of an ASP.NET controller (<see cref="Path"/> its name, <see cref="Method"/> the verbs
/// of its [HttpX] attributes or ANY): conventional routing gives it a path;
/// <c>constant</c>: the name <see cref="Router"/> is a string constant with value <see cref="Path"/>;
/// <c>router</c>: the router <see cref="Router"/> is made: a group of <see cref="Parent"/>, or a new router when
/// <see cref="Parent"/> is null, with its own prefix (<see cref="Path"/>/<see cref="PathExpr"/>, APIRouter(prefix=…),
/// Blueprint(url_prefix=…));
/// <c>mount</c>: router <see cref="Child"/> is mounted on <see cref="Parent"/> under a prefix;
/// <c>alias</c>: the name <see cref="Router"/> holds the router <see cref="Child"/>;
/// <c>return</c>: the definition <see cref="Owner"/> returns router <see cref="Child"/> (Owner -1: the module's export);
/// <c>call</c>: a call of <see cref="Handler"/> passes router <see cref="Child"/> as argument <see cref="Argument"/>
/// (-1: as the receiver, for C# extension methods);
/// <c>params</c>: the definition <see cref="Owner"/> takes the parameters <see cref="Parameters"/>, in order
/// (<see cref="Argument"/> 1 when the first binds a call's receiver: a C# extension method);
/// <c>class</c>: a class-level route prefix of the class <see cref="Owner"/> (Spring @RequestMapping, ASP.NET [Route],
/// NestJS @Controller; <see cref="Method"/> holds a NestJS version);
/// <c>global</c>: an application-wide prefix (NestJS setGlobalPrefix; <see cref="Child"/> lists excluded paths,
/// comma-separated); <c>versioning</c>: URI versioning is on (NestJS enableVersioning; <see cref="Path"/> the prefix,
/// "v" by default); <c>convention</c>: a conventional route template (ASP.NET MapControllerRoute);
/// <c>transform</c>: route tokens are transformed (an ASP.NET RouteTokenTransformerConvention; <see cref="Handler"/>
/// the transformer's type);
/// <c>depends</c> (Python): the function or <c>Annotated</c> alias <see cref="Router"/> depends on <see cref="Handler"/>
/// (<see cref="Argument"/> 0: through <c>Depends(…)</c>, 1: through <c>Security(…)</c>, 2: it returns that function);
/// <c>scheme</c> (Python): the name <see cref="Router"/> holds an instance of the FastAPI security class
/// <see cref="Handler"/>.
/// </param>
/// <param name="Owner">Index of the enclosing (for annotations: the annotated) definition, or -1.</param>
/// <param name="Line">Line of the registration.</param>
public sealed record RouteFact(string Kind, int Owner, int Line)
{
    /// <summary>The router a route is registered on, or the router made (<c>router</c>) or named (<c>alias</c>).</summary>
    public string? Router { get; init; }

    /// <summary>The router a group is made on, or a mount's parent.</summary>
    public string? Parent { get; init; }

    /// <summary>A mounted, aliased, returned or passed router.</summary>
    public string? Child { get; init; }

    /// <summary>The literal path or prefix, as written (quotes removed).</summary>
    public string? Path { get; init; }

    /// <summary>A prefix that is not a literal, as written (<c>settings.API_V1_STR</c>): the builder resolves it when the
    /// name is a constant with a literal value somewhere in the source.</summary>
    public string? PathExpr { get; init; }

    /// <summary>HTTP verbs (comma-separated, upper case) or ANY.</summary>
    public string? Method { get; init; }

    /// <summary>An endpoint's handler as written when it is a reference; a call's callee.</summary>
    public string? Handler { get; init; }

    /// <summary>A call's argument index (-1: the receiver), or for <c>params</c> 1 when the first parameter binds the
    /// receiver.</summary>
    public int Argument { get; init; }

    /// <summary>An endpoint handler's parameters (those its signature shows), or a definition's parameter names.</summary>
    public List<RouteParameter>? Parameters { get; init; }

    /// <summary>An endpoint's response type as its handler or registration declares it, and that declaration's line.</summary>
    public (string Type, int Line)? Response { get; init; }

    /// <summary>An endpoint's authorisation markers (on the handler, its class or its registration); FastAPI
    /// dependencies are candidates the builder keeps when they lead to a security scheme.</summary>
    public List<RouteSecurity>? Security { get; init; }
}

/// <summary>An authorisation marker: <see cref="Marker"/> as written (<c>Authorize</c>, <c>UseGuards</c>, <c>Depends</c>,
/// <c>Security</c>, or <c>Annotated</c> for a parameter typed by a dependency alias), the scheme, guard, policy or
/// dependency it names, literal roles or scopes, and its line.</summary>
public sealed record RouteSecurity(string Marker, string? Scheme, List<string>? Roles, int Line);

/// <summary>A parameter of a handler or of a function that receives a router.</summary>
/// <param name="Name">The name the request uses (an alias given to the framework, else the parameter's name).</param>
/// <param name="Type">The declared type as written, when there is one.</param>
/// <param name="Source"><c>path</c>, <c>query</c>, <c>body</c>, <c>header</c>, <c>cookie</c>, <c>form</c> or
/// <c>service</c> when the code says so (an annotation, attribute, decorator or default value); null when only the
/// name and type are known (the builder decides from the route and the type).</param>
/// <param name="Optional">Has a default value or a nullable type.</param>
/// <param name="Embed">A body read as a member of a JSON object (FastAPI <c>Body(embed=True)</c>).</param>
/// <param name="Line">Its line.</param>
public sealed record RouteParameter(string Name, string? Type, string? Source, bool Optional, bool Embed = false, int Line = 0);
