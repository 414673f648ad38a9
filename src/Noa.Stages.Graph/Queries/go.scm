; Go (tree-sitter-go 0.25). Capture names: see README.md.

; ---------------------------------------------------------------- definitions

(package_clause (package_identifier) @name) @definition.module

; Functions; tests (TestX, BenchmarkX, ExampleX, FuzzX; not TestMain) are the same definition plus @test.
((comment)* @doc
  .
  (function_declaration name: (identifier) @name) @definition.function
  (#not-match? @name "^(?!TestMain$)(Test|Benchmark|Example|Fuzz)([^a-z].*)?$"))

((comment)* @doc
  .
  (function_declaration name: (identifier) @name) @definition.function @test
  (#match? @name "^(?!TestMain$)(Test|Benchmark|Example|Fuzz)([^a-z].*)?$"))

; Methods, with the receiver's type name as @receiver (T in `func (t *T) M()`, `func (T) M()`, `func (l *List[T]) M()`).
((comment)* @doc
  .
  (method_declaration
    receiver: (parameter_list
      (parameter_declaration
        type: [
          (type_identifier) @receiver
          (pointer_type (type_identifier) @receiver)
          (generic_type type: (type_identifier) @receiver)
          (pointer_type (generic_type type: (type_identifier) @receiver))
          (parenthesized_type (type_identifier) @receiver)
          (parenthesized_type (pointer_type (type_identifier) @receiver))
        ]))
    name: (field_identifier) @name) @definition.method)

; Type declarations: the type_spec is the definition; @doc is the comment above `type` (comments inside a
; `type ( … )` group are not captured: an anchored `(comment)*` inside a parent only matches a first child).
((comment)* @doc
  .
  (type_declaration (type_spec name: (type_identifier) @name type: (struct_type)) @definition.struct))

((comment)* @doc
  .
  (type_declaration (type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface))

((comment)* @doc
  .
  (type_declaration
    (type_spec
      name: (type_identifier) @name
      type: [(type_identifier) (qualified_type) (pointer_type) (slice_type) (array_type) (map_type) (channel_type)
             (function_type) (generic_type) (negated_type) (parenthesized_type)]) @definition.type))

((comment)* @doc
  .
  (type_declaration (type_alias name: (type_identifier) @name) @definition.type))

; Package-level constants and variables, one match per name (`const a, b = 1, 2`: the grammar gives only the first
; const name the `name` field, hence the bare identifier children); no @doc (see above).
(source_file (const_declaration (const_spec (identifier) @name) @definition.constant))

(source_file (var_declaration (var_spec name: (identifier) @name) @definition.field))

(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @name) @definition.field)))

; Struct fields (one match per name in `a, b int`); an embedded field is named after its type.
((comment)* @doc
  .
  (field_declaration name: (field_identifier) @name) @definition.field)

((comment)* @doc
  .
  (field_declaration
    !name
    type: [
      (type_identifier) @name
      (pointer_type (type_identifier) @name)
      (qualified_type name: (type_identifier) @name)
      (pointer_type (qualified_type name: (type_identifier) @name))
      (generic_type type: (type_identifier) @name)
    ]) @definition.field)

; Interface methods.
((comment)* @doc
  .
  (method_elem name: (field_identifier) @name) @definition.method)

; ---------------------------------------------------------------- inheritance

; Struct embedding: the embedded type is a base of the struct (T, *T, pkg.T, *pkg.T).
(type_spec
  name: (type_identifier) @name
  type: (struct_type
    (field_declaration_list
      (field_declaration
        !name
        type: [
          (type_identifier) @base
          (pointer_type (type_identifier) @base)
          (qualified_type) @base
          (pointer_type (qualified_type) @base)
          (generic_type type: (_) @base)
        ])))) @inherits

; Interface embedding (`type ReadCloser interface { Reader; Closer }`).
(type_spec
  name: (type_identifier) @name
  type: (interface_type
    (type_elem [(type_identifier) (qualified_type)] @base))) @inherits

; ---------------------------------------------------------------- imports

(import_spec
  name: (_)? @import.alias
  path: (_) @import.module) @import

; ---------------------------------------------------------------- references

(call_expression function: (identifier) @name) @reference.call

(call_expression
  function: (selector_expression operand: (_) @receiver field: (field_identifier) @name)) @reference.call

; Generic calls: f[T](x), pkg.F[T](x).
(call_expression
  function: (index_expression operand: (identifier) @name)) @reference.call

(call_expression
  function: (index_expression
    operand: (selector_expression operand: (_) @receiver field: (field_identifier) @name))) @reference.call

; Types used by name: parameter/field/var/result types, composite literals, conversions, type arguments, elements.
(_ type: (type_identifier) @name @reference.type)
(_ result: (type_identifier) @name @reference.type)
(_ element: (type_identifier) @name @reference.type)
(_ key: (type_identifier) @name @reference.type)
(map_type value: (type_identifier) @name @reference.type)
(channel_type value: (type_identifier) @name @reference.type)
(pointer_type (type_identifier) @name @reference.type)
(type_elem (type_identifier) @name @reference.type)
(qualified_type package: (package_identifier) @receiver name: (type_identifier) @name) @reference.type

; ---------------------------------------------------------------- surface

; HTTP routes: net/http (`http.HandleFunc("/x", h)`, `mux.Handle("GET /x/{id}", h)`: Go 1.22 patterns keep the verb
; in the route), gin/echo (`r.GET`, `group.POST`), chi (`r.Get`, `r.Post`). The handler is the last argument; it is
; captured when it is a name (h, pkg.H, s.handle). The route starts with "/" (or a verb) or is empty (a group's own
; path: echo `g.GET("", h)`). @receiver is also @endpoint.router, the router the route is registered on.
(call_expression
  function: (selector_expression operand: (_) @receiver @endpoint.router field: (field_identifier) @endpoint.method)
  arguments: (argument_list
    .
    [(interpreted_string_literal) (raw_string_literal)] @endpoint.route
    [(identifier) (selector_expression)] @endpoint.handler
    .)
  (#any-of? @endpoint.method
    "HandleFunc" "Handle" "GET" "POST" "PUT" "DELETE" "PATCH" "HEAD" "OPTIONS" "Any"
    "Get" "Post" "Put" "Delete" "Patch" "Head" "Options" "Connect" "Trace")
  (#not-any-of? @receiver "http.DefaultClient" "client" "c")
  (#match? @endpoint.route "^[\"`](([A-Z]+ +)?[^\"` ]*/|[\"`]$)")) @endpoint

(call_expression
  function: (selector_expression operand: (_) @receiver @endpoint.router field: (field_identifier) @endpoint.method)
  arguments: (argument_list
    .
    [(interpreted_string_literal) (raw_string_literal)] @endpoint.route
    [(func_literal) (call_expression) (composite_literal) (unary_expression) (index_expression)]
    .)
  (#any-of? @endpoint.method
    "HandleFunc" "Handle" "GET" "POST" "PUT" "DELETE" "PATCH" "HEAD" "OPTIONS" "Any"
    "Get" "Post" "Put" "Delete" "Patch" "Head" "Options" "Connect" "Trace")
  (#not-any-of? @receiver "http.DefaultClient" "client" "c")
  (#match? @endpoint.route "^[\"`](([A-Z]+ +)?[^\"` ]*/|[\"`]$)")) @endpoint

; echo `e.Add(http.MethodGet, "/x", h)`, gin `r.Handle("GET", "/x", h)`: the verb is the first argument.
(call_expression
  function: (selector_expression operand: (_) @receiver @endpoint.router field: (field_identifier) @_add)
  arguments: (argument_list
    .
    [(selector_expression) (interpreted_string_literal)] @endpoint.method
    .
    [(interpreted_string_literal) (raw_string_literal)] @endpoint.route
    .
    [(identifier) (selector_expression)] @endpoint.handler
    .)
  (#any-of? @_add "Add" "Handle" "Match")
  (#match? @endpoint.method "^(http\\.Method[A-Z][a-z]+|\"[A-Z]+\")$")
  (#match? @endpoint.route "^[\"`]/")) @endpoint

(call_expression
  function: (selector_expression operand: (_) @receiver @endpoint.router field: (field_identifier) @_add)
  arguments: (argument_list
    .
    [(selector_expression) (interpreted_string_literal)] @endpoint.method
    .
    [(interpreted_string_literal) (raw_string_literal)] @endpoint.route
    .
    [(func_literal) (call_expression) (composite_literal) (unary_expression) (index_expression)]
    .)
  (#any-of? @_add "Add" "Handle" "Match")
  (#match? @endpoint.method "^(http\\.Method[A-Z][a-z]+|\"[A-Z]+\")$")
  (#match? @endpoint.route "^[\"`]/")) @endpoint

; gin static files: r.Static("/assets", "./assets") and r.StaticFS("/x", fs) answer GET and HEAD of /x/*filepath,
; r.StaticFile("/favicon.ico", "./f.ico") GET and HEAD of the path (echo's Static spells its wildcard differently).
((call_expression
  function: (selector_expression operand: (_) @endpoint.router field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @endpoint.route . (_) .)) @endpoint
  (#any-of? @_fn "Static" "StaticFS")
  (#set! method "GET,HEAD")
  (#set! route.suffix "/*filepath"))
((call_expression
  function: (selector_expression operand: (_) @endpoint.router field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @endpoint.route . (_) .)) @endpoint
  (#any-of? @_fn "StaticFile" "StaticFileFS")
  (#set! method "GET,HEAD"))

; Routers, for the builder to join prefixes: gin/echo `r.Group("/v1")` and chi `r.Route("/v1", func(r chi.Router) {…})`
; (the closure's parameter is the group), chi `r.Group(func(r chi.Router) {…})`, gorilla/mux `r.PathPrefix("/v1")`
; (`.Subrouter()` returns it); the frameworks' constructors. Mounts: chi `r.Mount("/x", sub)`, net/http
; `mux.Handle("/api/", http.StripPrefix("/api", sub))`.
((call_expression
  function: (selector_expression field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal) (identifier) (selector_expression)])) @route.router
  (#any-of? @_fn "Group" "Route" "PathPrefix")
  (#set! route.group "")
  (#set! route.prefix "arg:0")
  (#set! route.closure "last"))
((call_expression
  function: (selector_expression field: (field_identifier) @_fn)
  arguments: (argument_list . (func_literal) .)) @route.router
  (#eq? @_fn "Group")
  (#set! route.group "")
  (#set! route.closure "arg:0"))
((call_expression function: (selector_expression operand: (identifier) @_pkg field: (field_identifier) @_fn)) @route.router
  (#any-of? @_pkg "gin" "echo" "chi" "mux" "http" "fiber" "httprouter")
  (#any-of? @_fn "Default" "New" "NewRouter" "NewServeMux" "NewMux"))
((call_expression
  function: (selector_expression field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal) (identifier) (selector_expression)] . [(identifier) (selector_expression) (call_expression)] .)) @route.mount
  (#eq? @_fn "Mount")
  (#set! route.prefix "arg:0")
  (#set! route.child "arg:1"))
((call_expression
  function: (selector_expression field: (field_identifier) @_fn)
  arguments: (argument_list . (_) . (call_expression function: (selector_expression field: (field_identifier) @_sp)) .)) @route.mount
  (#any-of? @_fn "Handle" "Mount")
  (#eq? @_sp "StripPrefix")
  (#set! route.prefix "arg:1.arg:0")
  (#set! route.child "arg:1.arg:1"))
; Path constants a prefix may name: const apiPrefix = "/api".
((const_spec name: (identifier) @route.name value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @route.constant .))
  (#match? @route.constant "^[\"`]/"))
((const_spec name: (identifier) @route.name value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @route.constant .))
  (#match? @route.name "(?i)(prefix|path|route|api|base|root)"))

; Environment variables.
((call_expression
  function: (selector_expression operand: (identifier) @_pkg field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @config.env))
  (#any-of? @_pkg "os" "syscall")
  (#any-of? @_fn "Getenv" "LookupEnv"))

; Configuration keys: viper (`viper.GetString("a.b")`, `v.GetInt("x")`, `viper.Get("x")`).
((call_expression
  function: (selector_expression field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @config.key))
  (#match? @_fn "^(Get(String|Int|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float64|Bool|Duration|Time|StringSlice|StringMap|StringMapString|StringMapStringSlice|IntSlice|SizeInBytes)|IsSet|UnmarshalKey|SetDefault)$"))

((call_expression
  function: (selector_expression operand: (identifier) @_pkg field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @config.key))
  (#eq? @_pkg "viper")
  (#any-of? @_fn "Get" "Sub" "BindEnv"))

; CLI flags: flag/pflag (`flag.String("x", …)`, `fs.IntP("x", "i", …)`, `cmd.Flags().StringP("x", …)`).
((call_expression
  function: (selector_expression operand: (_) @_set field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @cli.flag))
  (#match? @_fn "^(Bool|BoolFunc|Func|String|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|Count|StringSlice|StringArray|StringToString|IntSlice|BoolSlice|DurationSlice|IP|IPSlice|IPMask|IPNet|BytesHex|BytesBase64)P?$")
  (#match? @_set "(^(flag|pflag)$|[Ff]lags\\(\\)$|[Ff]lag[Ss]et|^fs$|[Ff]lags$)"))

; … and the Var forms (`flag.BoolVar(&v, "x", …)`, `cmd.Flags().StringVarP(&v, "x", "s", …)`, `flag.Var(&v, "x", …)`).
((call_expression
  function: (selector_expression operand: (_) @_set field: (field_identifier) @_fn)
  arguments: (argument_list . (_) . [(interpreted_string_literal) (raw_string_literal)] @cli.flag))
  (#match? @_fn "^(Bool|String|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|Count|StringSlice|StringArray|StringToString|IntSlice|BoolSlice|DurationSlice|IP|IPSlice|IPMask|IPNet|Text|BytesHex|BytesBase64)?VarP?$")
  (#match? @_set "(^(flag|pflag)$|[Ff]lags\\(\\)$|[Ff]lag[Ss]et|^fs$|[Ff]lags$)"))

; Subcommands: cobra (`&cobra.Command{Use: "serve [flags]"}`; the name is the first word of Use).
((composite_literal
  type: (qualified_type package: (package_identifier) @_pkg name: (type_identifier) @_type)
  body: (literal_value
    (keyed_element
      key: (literal_element (identifier) @_key)
      value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @cli.command))))
  (#eq? @_pkg "cobra")
  (#eq? @_type "Command")
  (#eq? @_key "Use"))

; HTTP client URLs: `http.Get("https://…")`, `client.Post("https://…", …)`, `http.NewRequest("GET", "https://…", nil)`.
((call_expression
  function: (selector_expression operand: (identifier) @_pkg field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @http.url))
  (#eq? @_pkg "http")
  (#any-of? @_fn "Get" "Head" "Post" "PostForm"))

((call_expression
  function: (selector_expression operand: (_) @_client field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @http.url))
  (#not-eq? @_client "http")
  (#any-of? @_fn "Get" "Head" "Post" "PostForm")
  (#match? @http.url "^[\"`]https?://"))

((call_expression
  function: (selector_expression operand: (identifier) @_pkg field: (field_identifier) @_fn)
  arguments: (argument_list . (_) . [(interpreted_string_literal) (raw_string_literal)] @http.url))
  (#eq? @_pkg "http")
  (#eq? @_fn "NewRequest"))

((call_expression
  function: (selector_expression operand: (identifier) @_pkg field: (field_identifier) @_fn)
  arguments: (argument_list . (_) . (_) . [(interpreted_string_literal) (raw_string_literal)] @http.url))
  (#eq? @_pkg "http")
  (#eq? @_fn "NewRequestWithContext"))

; Store calls: database/sql and sqlx (`db.Query(…)`, `tx.ExecContext(…)`, `db.Select(&xs, "…")`).
((call_expression
  function: (selector_expression operand: (_) @receiver field: (field_identifier) @name)) @store.call
  (#any-of? @name
    "Query" "QueryRow" "QueryContext" "QueryRowContext" "Exec" "ExecContext" "Prepare" "PrepareContext"
    "Queryx" "QueryRowx" "NamedExec" "NamedQuery" "MustExec"))
