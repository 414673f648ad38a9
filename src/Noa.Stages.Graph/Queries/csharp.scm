; C# (tree-sitter-c-sharp 0.23). Capture names: see README.md.
; No @doc captures: the extractor reads the `///` run right above a declaration from its preceding siblings
; (attributes are inside the declaration, so they do not come between).
; A file-scoped `namespace A.B;` has no body in the grammar: its definition is the one-line declaration, and the
; extractor should treat it as covering the rest of the file.

; ---------------------------------------------------------------- definitions

(namespace_declaration name: (_) @name) @definition.namespace
(file_scoped_namespace_declaration name: (_) @name) @definition.namespace

(class_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(struct_declaration name: (identifier) @name) @definition.struct
(record_declaration name: (identifier) @name) @definition.record
(enum_declaration name: (identifier) @name) @definition.enum
(delegate_declaration name: (identifier) @name) @definition.type

; Methods; xUnit/NUnit/MSTest tests ([Fact], [Theory], [Test], [TestCase], [TestMethod], [DataTestMethod]) also @test.
((method_declaration (attribute_list)* @_attrs name: (identifier) @name) @definition.method
  (#not-match? @_attrs "^\\[\\s*([\\w.]+\\.)?(Fact|Theory|Test|TestCase|TestCaseSource|TestMethod|DataTestMethod|SkippableFact)(Attribute)?\\s*[\\](,]"))

((method_declaration (attribute_list)+ @_attrs name: (identifier) @name) @definition.method @test
  (#any-match? @_attrs "^\\[\\s*([\\w.]+\\.)?(Fact|Theory|Test|TestCase|TestCaseSource|TestMethod|DataTestMethod|SkippableFact)(Attribute)?\\s*[\\](,]"))

(constructor_declaration name: (identifier) @name) @definition.constructor
(destructor_declaration name: (identifier) @name) @definition.method
(property_declaration name: (identifier) @name) @definition.property
; A positional record's parameters are its properties (`record Command(ArticleData Article)`).
(record_declaration (parameter_list (parameter name: (identifier) @name) @definition.property))
(event_declaration name: (identifier) @name) @definition.property
(indexer_declaration) @definition.property
(enum_member_declaration name: (identifier) @name) @definition.constant

; Fields and event fields, one match per declarator (`int a, b;`); `const` fields are constants.
((field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @definition.field
  (#not-match? @definition.field "^([^=]*\\s)?const\\s"))
((field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @definition.constant
  (#match? @definition.constant "^([^=]*\\s)?const\\s"))
(event_field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @definition.property

; Local functions.
(local_function_statement name: (identifier) @name) @definition.function

; ---------------------------------------------------------------- inheritance

; Base lists: a name that looks like an interface (I + capital) is @implements, anything else @base (the first base
; of a class may be a class or an interface; C# does not say which).
((_
  name: (identifier) @name
  (base_list [(identifier) (generic_name) (qualified_name)] @implements)) @inherits
  (#match? @implements "^([\\w.]+\\.)?I[A-Z]"))

((_
  name: (identifier) @name
  (base_list [(identifier) (generic_name) (qualified_name)] @base)) @inherits
  (#not-match? @base "^([\\w.]+\\.)?I[A-Z]"))

(record_declaration
  name: (identifier) @name
  (base_list (primary_constructor_base_type type: (_) @base))) @inherits

; ---------------------------------------------------------------- imports

; `using A.B;`, `global using A.B;`, `using static A.B;`, `using X = A.B;` (alias X).
(using_directive !name [(identifier) (qualified_name)] @import.module) @import
(using_directive name: (identifier) @import.alias (_) @import.module) @import

; ---------------------------------------------------------------- references

(invocation_expression function: (identifier) @name) @reference.call
(invocation_expression function: (generic_name (identifier) @name)) @reference.call
(invocation_expression
  function: (member_access_expression
    expression: (_) @receiver
    name: [(identifier) @name (generic_name (identifier) @name)])) @reference.call

; `new X()` is a call named X (and a type reference).
(object_creation_expression
  type: [
    (identifier) @name
    (generic_name (identifier) @name)
    (qualified_name name: [(identifier) @name (generic_name (identifier) @name)])
  ]) @reference.call

(_ type: (identifier) @name @reference.type)
(_ type: (generic_name (identifier) @name) @reference.type)
(_ type: (qualified_name name: (identifier) @name) @reference.type)
(_ type: (nullable_type (identifier) @name) @reference.type)
(type_argument_list (identifier) @name @reference.type)
(base_list (identifier) @name @reference.type)
(base_list (generic_name (identifier) @name) @reference.type)

; ---------------------------------------------------------------- surface

; ASP.NET minimal APIs: `app.MapGet("/x", Handler)`, `group.MapPost("/", async (…) => …)`, `MapMethods` (its verbs
; are read from the second argument). @endpoint.router is the receiver: the builder follows groups to it.
((invocation_expression
  function: (member_access_expression expression: (_) @receiver @endpoint.router name: (identifier) @endpoint.method)
  arguments: (argument_list
    .
    (argument [(string_literal) (verbatim_string_literal) (raw_string_literal)] @endpoint.route)
    (argument [(identifier) (member_access_expression)] @endpoint.handler)
    .)) @endpoint
  (#match? @endpoint.method "^Map(Get|Post|Put|Delete|Patch|Methods|Fallback)?$"))

((invocation_expression
  function: (member_access_expression expression: (_) @receiver @endpoint.router name: (identifier) @endpoint.method)
  arguments: (argument_list
    .
    (argument [(string_literal) (verbatim_string_literal) (raw_string_literal)] @endpoint.route)
    (argument [(lambda_expression) (anonymous_method_expression) (invocation_expression) (object_creation_expression) (cast_expression)])
    .)) @endpoint
  (#match? @endpoint.method "^Map(Get|Post|Put|Delete|Patch|Methods|Fallback)?$"))

; A project's own Map{Verb} overloads that take the handler first and the pattern second, optional (the
; CleanArchitecture template's `group.MapPost(CreateTodoItem)`, `group.MapPut(UpdateTodoItem, "{id}")`): ASP.NET's own
; Map{Verb} always takes the pattern first, so a method group first is such a wrapper; no pattern is its default, "".
((invocation_expression
  function: (member_access_expression expression: (_) @receiver @endpoint.router name: (identifier) @endpoint.method)
  arguments: (argument_list
    .
    (argument [(identifier) (member_access_expression)] @endpoint.handler)
    .
    (argument [(string_literal) (verbatim_string_literal) (raw_string_literal)] @endpoint.route)
    .)) @endpoint
  (#match? @endpoint.method "^Map(Get|Post|Put|Delete|Patch)$"))
((invocation_expression
  function: (member_access_expression expression: (_) @receiver @endpoint.router name: (identifier) @endpoint.method)
  arguments: (argument_list . (argument [(identifier) (member_access_expression)] @endpoint.handler) .)) @endpoint
  (#match? @endpoint.method "^Map(Get|Post|Put|Delete|Patch)$"))

; ASP.NET Core Identity's `MapIdentityApi<TUser>()`: the endpoints it maps on its receiver (Microsoft.AspNetCore.Identity,
; IdentityApiEndpointRouteBuilderExtensions), "VERB path" separated by ";".
((invocation_expression
  function: (member_access_expression expression: (_) @endpoint.router name: (generic_name (identifier) @_fn))) @endpoint
  (#eq? @_fn "MapIdentityApi")
  (#set! routes "POST /register;POST /login;POST /refresh;GET /confirmEmail;POST /resendConfirmationEmail;POST /forgotPassword;POST /resetPassword;POST /manage/2fa;GET /manage/info;POST /manage/info"))

; `app.MapHealthChecks("/health")` (GET, what probes send; the middleware answers any verb), `MapOpenApi`,
; `MapPrometheusScrapingEndpoint` (GET; their default paths without an argument), YARP's
; `app.MapForwarder("/x/{id}", …)` (any verb).
((invocation_expression
  function: (member_access_expression expression: (_) @endpoint.router name: (identifier) @_fn)
  arguments: (argument_list . (argument [(string_literal) (verbatim_string_literal) (raw_string_literal)] @endpoint.route))) @endpoint
  (#any-of? @_fn "MapHealthChecks" "MapPrometheusScrapingEndpoint" "MapOpenApi")
  (#set! method "GET"))
; … and their default paths when called without one.
((invocation_expression
  function: (member_access_expression expression: (_) @endpoint.router name: (identifier) @_fn)
  arguments: (argument_list) @_args) @endpoint
  (#eq? @_args "()")
  (#eq? @_fn "MapPrometheusScrapingEndpoint")
  (#set! method "GET")
  (#set! route "/metrics"))
((invocation_expression
  function: (member_access_expression expression: (_) @endpoint.router name: (identifier) @_fn)
  arguments: (argument_list) @_args) @endpoint
  (#eq? @_args "()")
  (#eq? @_fn "MapOpenApi")
  (#set! method "GET")
  (#set! route "/openapi/{documentName}.json"))
((invocation_expression
  function: (member_access_expression expression: (_) @endpoint.router name: (identifier) @_fn)
  arguments: (argument_list . (argument [(string_literal) (verbatim_string_literal) (raw_string_literal)] @endpoint.route))) @endpoint
  (#eq? @_fn "MapForwarder")
  (#set! method "ANY"))

; Routers, for the builder to join prefixes: `app.MapGroup("/api")` (a group of its receiver; chains and variables
; followed). Conventional routes: `MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}")`,
; `MapDefaultControllerRoute()`; a RouteTokenTransformerConvention (e.g. slugify) of route tokens. Controllers (a
; class named *Controller): their public methods are actions under conventional routing.
((invocation_expression
  function: (member_access_expression name: (identifier) @_fn)
  arguments: (argument_list . (argument))) @route.router
  (#eq? @_fn "MapGroup")
  (#set! route.group "")
  (#set! route.prefix "arg:0"))
((invocation_expression
  function: (member_access_expression name: (identifier) @_fn)
  arguments: (argument_list . (argument) . (argument [(string_literal) (verbatim_string_literal)]))) @route.convention
  (#any-of? @_fn "MapControllerRoute" "MapRoute")
  (#set! route.prefix "arg:1"))
((invocation_expression
  function: (member_access_expression name: (identifier) @_fn)) @route.convention
  (#any-of? @_fn "MapDefaultControllerRoute" "UseMvcWithDefaultRoute")
  (#set! route.template "{controller=Home}/{action=Index}/{id?}"))
((object_creation_expression
  type: (identifier) @_t
  arguments: (argument_list . (argument (object_creation_expression type: (identifier) @route.name)))) @route.transform
  (#eq? @_t "RouteTokenTransformerConvention"))
((class_declaration name: (identifier) @_name) @route.controller
  (#match? @_name "Controller$"))
; Path constants a prefix may name: const string ApiPrefix = "/api".
((variable_declarator (identifier) @route.name (string_literal) @route.constant)
  (#match? @route.constant "^\"/"))
((variable_declarator (identifier) @route.name (string_literal) @route.constant)
  (#match? @route.name "(?i)(prefix|path|route|api|base|root)"))
; … and properties that return one: `static string? RoutePrefix => "/api/lists/{id}/items";`.
((property_declaration name: (identifier) @route.name (arrow_expression_clause (string_literal) @route.constant))
  (#match? @route.name "(?i)(prefix|path|route)"))

; Controllers: `[HttpGet("x")]`, `[HttpPost]`, `[Route("x")]` on an action; the action is its own handler.
((method_declaration
  (attribute_list
    (attribute
      name: (identifier) @endpoint.method
      (attribute_argument_list . (attribute_argument [(string_literal) (verbatim_string_literal)] @endpoint.route))?))
  name: (identifier) @endpoint.handler) @endpoint
  (#match? @endpoint.method "^(Http(Get|Post|Put|Delete|Patch|Head|Options)|Route)$"))

; Controller-level `[Route("api/[controller]")]`: a route prefix of the class's actions (@endpoint is the class).
((class_declaration
  (attribute_list
    (attribute
      name: (identifier) @endpoint.method
      (attribute_argument_list . (attribute_argument [(string_literal) (verbatim_string_literal)] @endpoint.route))))
  name: (identifier) @name) @endpoint
  (#eq? @endpoint.method "Route")
  (#set! endpoint.kind "prefix"))

; Environment variables: `Environment.GetEnvironmentVariable("X")`.
((invocation_expression
  function: (member_access_expression expression: (_) @_env name: (identifier) @_fn)
  arguments: (argument_list . (argument (string_literal) @config.env)))
  (#match? @_env "(^|\\.)Environment$")
  (#eq? @_fn "GetEnvironmentVariable"))

; Configuration keys: `configuration["A:B"]`, `config.GetSection("A")`, `GetValue<int>("x")`, `GetConnectionString("db")`.
((element_access_expression
  expression: (_) @_config
  subscript: (bracketed_argument_list . (argument (string_literal) @config.key)))
  (#match? @_config "(?i)(config|configuration|settings|section)$"))

((invocation_expression
  function: (member_access_expression name: [(identifier) @_fn (generic_name (identifier) @_fn)])
  arguments: (argument_list . (argument (string_literal) @config.key)))
  (#any-of? @_fn "GetSection" "GetValue" "GetConnectionString" "GetRequiredSection"))

; CLI: System.CommandLine `new Option<T>("--x")`, `new Command("x")`.
((object_creation_expression
  type: [(identifier) @_type (generic_name (identifier) @_type)]
  arguments: (argument_list . (argument (string_literal) @cli.flag)))
  (#eq? @_type "Option"))

((object_creation_expression
  type: (identifier) @_type
  arguments: (argument_list . (argument (string_literal) @cli.command)))
  (#eq? @_type "Command"))

; HTTP client URLs: `new Uri("https://…")`, `client.GetAsync("…")`, `GetFromJsonAsync`, `PostAsJsonAsync`.
((object_creation_expression
  type: (identifier) @_type
  arguments: (argument_list . (argument (string_literal) @http.url)))
  (#eq? @_type "Uri"))

((invocation_expression
  function: (member_access_expression name: [(identifier) @_fn (generic_name (identifier) @_fn)])
  arguments: (argument_list . (argument (string_literal) @http.url)))
  (#match? @_fn "^(Get|GetString|GetStream|GetByteArray|Post|Put|Patch|Delete|GetFromJson|PostAsJson|PutAsJson|PatchAsJson|DeleteFromJson)Async$"))

; Store calls: ADO.NET (`cmd.ExecuteReader()`), Dapper (`conn.Query<T>(…)`, `conn.ExecuteAsync(…)`), StackExchange.Redis
; (`db.StringGet(…)`, `db.StringSetAsync(…)`).
((invocation_expression
  function: (member_access_expression
    expression: (_) @receiver
    name: [(identifier) @name (generic_name (identifier) @name)])) @store.call
  (#match? @name "^(ExecuteReader|ExecuteNonQuery|ExecuteScalar|Query|QueryFirst|QueryFirstOrDefault|QuerySingle|QuerySingleOrDefault|QueryMultiple|Execute|StringGet|StringSet|StringIncrement|StringDecrement|HashGet|HashGetAll|HashSet|HashDelete|KeyDelete|KeyExists|KeyExpire|ListLeftPush|ListRightPush|ListRange|SetAdd|SetMembers|SortedSetAdd)(Async)?$"))
