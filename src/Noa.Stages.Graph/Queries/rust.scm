; Rust (tree-sitter-rust 0.24). Capture names: see README.md.
;
; Doc comments (`///`, `/** */`) and attributes (`#[test]`, `#[tokio::test]`, `#[rstest]` mark a test) are the
; preceding siblings of a definition: the extractor reads them from the tree. (Queries that matched sibling prefixes
; spelled out 0..4 deep ran 20 times slower than the parse.) `//!` inner docs document the enclosing module.

; ---------------------------------------------------------------- definitions
; Functions anywhere (crate root, inline modules, function bodies).
(function_item name: (identifier) @name) @definition.function

; Methods and associated functions of impl blocks, with the impl's type name as @receiver.
(impl_item type: [(type_identifier) @receiver (generic_type type: (type_identifier) @receiver) (scoped_type_identifier name: (type_identifier) @receiver) (reference_type type: (_) @receiver) (primitive_type) @receiver (array_type) @receiver (tuple_type) @receiver (pointer_type) @receiver (dynamic_type) @receiver (function_type) @receiver] body: (declaration_list (function_item name: (identifier) @name) @definition.method))

; Trait methods (signatures and default bodies), with the trait's name as @receiver.
(trait_item name: (type_identifier) @receiver body: (declaration_list [(function_item name: (identifier) @name) (function_signature_item name: (identifier) @name)] @definition.method))

; Types, traits, constants, statics, modules, macro_rules (as functions), extern fns, fields, enum variants (constants).
(struct_item name: (type_identifier) @name) @definition.struct
(union_item name: (type_identifier) @name) @definition.struct
(enum_item name: (type_identifier) @name) @definition.enum
(trait_item name: (type_identifier) @name) @definition.trait
(type_item name: (type_identifier) @name) @definition.type
(associated_type name: (type_identifier) @name) @definition.type
(const_item name: (identifier) @name) @definition.constant
(static_item name: (identifier) @name) @definition.constant
(mod_item name: (identifier) @name) @definition.module
(macro_definition name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @definition.function
(field_declaration name: (field_identifier) @name) @definition.field
(enum_variant name: (identifier) @name) @definition.constant

; ---------------------------------------------------------------- inheritance

; `impl Trait for Type`: the impl block is not the type's definition, so @inherits is the impl_item and @name the
; implementing type's name; the extractor resolves the type by name. @implements is the trait.
(impl_item
  trait: [(type_identifier) (scoped_type_identifier) (generic_type)] @implements
  type: [
    (type_identifier) @name
    (generic_type type: (type_identifier) @name)
    (scoped_type_identifier name: (type_identifier) @name)
    (reference_type type: (type_identifier) @name)
  ]) @inherits

; Supertraits: `trait A: B + fmt::Debug` (the trait is @inherits, each bound a @base).
(trait_item
  name: (type_identifier) @name
  bounds: (trait_bounds [(type_identifier) (scoped_type_identifier) (generic_type)] @base)) @inherits

; ---------------------------------------------------------------- imports

; `use a::b::c;`, `use a::b::c as d;`, `use c;`, `use a::*;`
(use_declaration argument: (scoped_identifier path: (_) @import.module name: (identifier) @import.name)) @import
(use_declaration argument: (identifier) @import.name) @import
(use_declaration
  argument: (use_as_clause
    path: [(scoped_identifier path: (_) @import.module name: (identifier) @import.name) (identifier) @import.name]
    alias: (identifier) @import.alias)) @import
(use_declaration argument: (use_wildcard (_) @import.module)) @import

; `use a::b::{c, d as e, f::g, self, h::*}`: one match per name; @import is the braced group, @import.module its path
; (for nested groups `use a::{b::{c}}` the innermost path, `b`).
(scoped_use_list path: (_) @import.module list: (use_list [(identifier) (self)] @import.name)) @import
(scoped_use_list
  path: (_) @import.module
  list: (use_list (scoped_identifier) @import.name)) @import
(scoped_use_list
  path: (_) @import.module
  list: (use_list (use_as_clause path: (_) @import.name alias: (identifier) @import.alias))) @import
(scoped_use_list path: (_) @import.module list: (use_list (use_wildcard) @import.name)) @import

; `extern crate serde;`, `extern crate serde_json as json;`
(extern_crate_declaration name: (identifier) @import.module alias: (identifier)? @import.alias) @import

; `mod x;` loads x.rs / x/mod.rs.
(mod_item !body name: (identifier) @import.module) @import

; ---------------------------------------------------------------- references

(call_expression function: (identifier) @name) @reference.call
(call_expression function: (scoped_identifier path: (_) @receiver name: (identifier) @name)) @reference.call
(call_expression function: (field_expression value: (_) @receiver field: (field_identifier) @name)) @reference.call
(call_expression function: (generic_function function: (identifier) @name)) @reference.call
(call_expression
  function: (generic_function function: (scoped_identifier path: (_) @receiver name: (identifier) @name))) @reference.call
(call_expression
  function: (generic_function function: (field_expression value: (_) @receiver field: (field_identifier) @name))) @reference.call

; Macro invocations `m!(…)`, `a::m!(…)`: calls named m.
(macro_invocation macro: (identifier) @name) @reference.call
(macro_invocation macro: (scoped_identifier path: (_) @receiver name: (identifier) @name)) @reference.call

; Types used by name.
(_ type: (type_identifier) @name @reference.type)
(_ trait: (type_identifier) @name @reference.type)
(_ return_type: (type_identifier) @name @reference.type)
(_ element: (type_identifier) @name @reference.type)
(type_arguments (type_identifier) @name @reference.type)
(trait_bounds (type_identifier) @name @reference.type)
(tuple_type (type_identifier) @name @reference.type)
(struct_expression name: (type_identifier) @name @reference.type)
(scoped_type_identifier path: (_) @receiver name: (type_identifier) @name) @reference.type

; ---------------------------------------------------------------- surface

; actix-web attribute routes: `#[get("/x")] async fn h()`; the function is the endpoint and its own handler.
((attribute_item
  (attribute
    [(identifier) @endpoint.method (scoped_identifier name: (identifier) @endpoint.method)]
    arguments: (token_tree . (string_literal) @endpoint.route)))
  .
  [(attribute_item) (line_comment)]*
  .
  (function_item name: (identifier) @endpoint.handler) @endpoint
  (#any-of? @endpoint.method "get" "post" "put" "delete" "patch" "head" "options" "connect" "trace" "route"))

; axum `.route("/x", get(h).post(h2).put(h3))`: one match per verb (chains of up to three verbs).
(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments . (string_literal) @endpoint.route . (call_expression function: [(identifier) @endpoint.method (scoped_identifier name: (identifier) @endpoint.method)] arguments: (arguments . [(identifier) (scoped_identifier) (field_expression)]? @endpoint.handler)))
  (#eq? @_route "route")
  (#any-of? @endpoint.method "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")) @endpoint

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments . (string_literal) @endpoint.route . (call_expression function: (field_expression value: (call_expression) field: (field_identifier) @endpoint.method) arguments: (arguments . [(identifier) (scoped_identifier) (field_expression)]? @endpoint.handler)))
  (#eq? @_route "route")
  (#any-of? @endpoint.method "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")) @endpoint

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments . (string_literal) @endpoint.route . (call_expression function: (field_expression value: (call_expression function: [(identifier) @endpoint.method (scoped_identifier name: (identifier) @endpoint.method)] arguments: (arguments . [(identifier) (scoped_identifier) (field_expression)]? @endpoint.handler)) field: (field_identifier) @_next)))
  (#eq? @_route "route")
  (#any-of? @endpoint.method "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")
  (#any-of? @_next "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")) @endpoint

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments . (string_literal) @endpoint.route . (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression) field: (field_identifier) @endpoint.method) arguments: (arguments . [(identifier) (scoped_identifier) (field_expression)]? @endpoint.handler)) field: (field_identifier) @_next)))
  (#eq? @_route "route")
  (#any-of? @endpoint.method "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")
  (#any-of? @_next "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")) @endpoint

(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments . (string_literal) @endpoint.route . (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: [(identifier) @endpoint.method (scoped_identifier name: (identifier) @endpoint.method)] arguments: (arguments . [(identifier) (scoped_identifier) (field_expression)]? @endpoint.handler)) field: (field_identifier) @_next)))))
  (#eq? @_route "route")
  (#any-of? @endpoint.method "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")
  (#any-of? @_next "get" "post" "put" "delete" "patch" "head" "options" "trace" "any")) @endpoint

; actix `.route("/x", web::get().to(h))`.
(call_expression
  function: (field_expression field: (field_identifier) @_route)
  arguments: (arguments
    .
    (string_literal) @endpoint.route
    .
    (call_expression
      function: (field_expression
        value: (call_expression function: (scoped_identifier name: (identifier) @endpoint.method))
        field: (field_identifier) @_to)
      arguments: (arguments . [(identifier) (scoped_identifier) (field_expression)] @endpoint.handler)))
  (#eq? @_route "route")
  (#eq? @_to "to")
  (#any-of? @endpoint.method "get" "post" "put" "delete" "patch" "head" "options" "trace")) @endpoint

; actix `web::resource("/x").route(web::get().to(h))`.
(call_expression
  function: (field_expression
    value: (call_expression
      function: (scoped_identifier name: (identifier) @_resource)
      arguments: (arguments . (string_literal) @endpoint.route))
    field: (field_identifier) @_route)
  arguments: (arguments
    (call_expression
      function: (field_expression
        value: (call_expression function: (scoped_identifier name: (identifier) @endpoint.method))
        field: (field_identifier) @_to)
      arguments: (arguments . [(identifier) (scoped_identifier) (field_expression)] @endpoint.handler)))
  (#eq? @_resource "resource")
  (#eq? @_route "route")
  (#eq? @_to "to")) @endpoint

; axum `.route_service("/x", service)`: any verb, a service handles the path.
((call_expression
  function: (field_expression field: (field_identifier) @_fn)
  arguments: (arguments . (string_literal) @endpoint.route . (_) .)) @endpoint
  (#eq? @_fn "route_service"))

; Routers and mounts, for the builder to join prefixes: axum `Router::new()`, `.nest("/api", router)` (the prefix may
; be a constant), `.merge(router)`; actix `web::scope("/api")`, `.service(scope_or_handler)`, `.configure(f)`.
((call_expression function: (scoped_identifier path: (identifier) @_t name: (identifier) @_new)) @route.router
  (#any-of? @_t "Router" "App")
  (#eq? @_new "new"))
((call_expression
  function: (scoped_identifier path: (identifier) @_web name: (identifier) @_fn)
  arguments: (arguments . (_))) @route.router
  (#eq? @_web "web")
  (#eq? @_fn "scope")
  (#set! route.prefix "arg:0"))
((call_expression
  function: (field_expression field: (field_identifier) @_fn)
  arguments: (arguments . (_) . (_) .)) @route.mount
  (#eq? @_fn "nest")
  (#set! route.prefix "arg:0")
  (#set! route.child "arg:1"))
((call_expression
  function: (field_expression field: (field_identifier) @_fn)
  arguments: (arguments . [(identifier) (scoped_identifier) (call_expression) (field_expression)] .)) @route.mount
  (#any-of? @_fn "merge" "service" "configure")
  (#set! route.child "arg:0"))
; Path constants a prefix may name: const API_PREFIX: &str = "/api".
([(const_item name: (identifier) @route.name value: (string_literal) @route.constant)
  (static_item name: (identifier) @route.name value: (string_literal) @route.constant)]
  (#match? @route.constant "^\"/"))
([(const_item name: (identifier) @route.name value: (string_literal) @route.constant)
  (static_item name: (identifier) @route.name value: (string_literal) @route.constant)]
  (#match? @route.name "(?i)(prefix|path|route|api|base|root)"))

; Environment variables: `std::env::var("X")`, `env::var_os("X")`, `env!("X")`, `option_env!("X")`.
((call_expression
  function: (scoped_identifier path: (_) @_env name: (identifier) @_fn)
  arguments: (arguments . (string_literal) @config.env))
  (#match? @_env "(^|::)env$")
  (#any-of? @_fn "var" "var_os"))

((macro_invocation macro: (identifier) @_m (token_tree . (string_literal) @config.env))
  (#any-of? @_m "env" "option_env"))

; Configuration keys: the config crate (`settings.get_string("db.url")`, `cfg.get::<u16>("port")`).
((call_expression
  function: (field_expression field: (field_identifier) @_fn)
  arguments: (arguments . (string_literal) @config.key))
  (#any-of? @_fn "get_string" "get_int" "get_float" "get_bool" "get_table" "get_array"))

((call_expression
  function: (generic_function
    function: (field_expression value: (_) @_cfg field: (field_identifier) @_fn))
  arguments: (arguments . (string_literal) @config.key))
  (#eq? @_fn "get")
  (#match? @_cfg "(?i)(config|settings|cfg|conf)$"))

; CLI: clap derive `#[arg(long)]` / `#[clap(long)]` / `#[structopt(long)]` fields are flags named after the field;
; `Arg::new("x")` / `Arg::with_name("x")` flags; `Command::new("x")` / `App::new("x")` / `SubCommand::with_name`.
((attribute_item
  (attribute (identifier) @_attr arguments: (token_tree (identifier) @_long)))
  .
  [(attribute_item) (line_comment)]*
  .
  (field_declaration name: (field_identifier) @cli.flag)
  (#any-of? @_attr "arg" "clap" "structopt")
  (#eq? @_long "long"))

((call_expression
  function: (scoped_identifier path: (identifier) @_type name: (identifier) @_fn)
  arguments: (arguments . (string_literal) @cli.flag))
  (#eq? @_type "Arg")
  (#any-of? @_fn "new" "with_name"))

((call_expression
  function: (scoped_identifier path: (identifier) @_type name: (identifier) @_fn)
  arguments: (arguments . (string_literal) @cli.command))
  (#any-of? @_type "Command" "App" "SubCommand")
  (#any-of? @_fn "new" "with_name"))

; HTTP client URLs: `reqwest::get("https://…")`, `reqwest::blocking::get(…)`, `client.get("https://…")`.
((call_expression
  function: (scoped_identifier path: (_) @_path name: (identifier) @_fn)
  arguments: (arguments . (string_literal) @http.url))
  (#match? @_path "^reqwest(::blocking)?$")
  (#eq? @_fn "get"))

((call_expression
  function: (field_expression field: (field_identifier) @_fn)
  arguments: (arguments . (string_literal) @http.url))
  (#any-of? @_fn "get" "post" "put" "delete" "patch" "head" "request")
  (#match? @http.url "^\"https?://"))

; Store calls: sqlx `sqlx::query("…")` / `query_as` / `query!`, `.execute(&pool)`, `.fetch_one(…)`; rusqlite
; `conn.execute(…)`, `conn.query_row(…)`, `conn.prepare(…)`.
((call_expression
  function: (scoped_identifier path: (_) @receiver name: (identifier) @name)) @store.call
  (#eq? @receiver "sqlx")
  (#match? @name "^query"))

((call_expression function: (generic_function function: (scoped_identifier path: (_) @receiver name: (identifier) @name))) @store.call
  (#eq? @receiver "sqlx")
  (#match? @name "^query"))

((macro_invocation macro: (scoped_identifier path: (_) @receiver name: (identifier) @name)) @store.call
  (#eq? @receiver "sqlx")
  (#match? @name "^query"))

((call_expression
  function: (field_expression value: (_) @receiver field: (field_identifier) @name)) @store.call
  (#any-of? @name
    "execute" "execute_batch" "fetch" "fetch_one" "fetch_all" "fetch_optional" "query_row" "query_map" "prepare"
    "prepare_cached"))
