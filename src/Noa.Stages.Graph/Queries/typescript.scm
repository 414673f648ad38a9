; TypeScript/TSX graph query (tree-sitter-typescript 0.23; compiled against both the typescript and tsx grammars).
; Capture names: see README.md. The JavaScript patterns of javascript.scm are repeated here where they fit the
; TypeScript grammar (class names are type_identifier, class fields are public_field_definition, `extends` is an
; extends_clause), followed by the TypeScript-only declarations.
;
; Conventions of this file:
; - Each definition node is captured by one plain pattern (one match = one definition with its @name and @test).
;   There are no @doc captures: the extractor reads the JSDoc block (`/** … */`) right above the definition, or
;   above the statement that holds it (`export`, `const`), from the preceding siblings; sibling-prefix variants
;   (`(program (comment) @doc . X)`, `(_ (_) @_prev . X)`, `(program . X)`) made the query 5–10× the parse.
; - Declarations are found anywhere (program, function bodies, namespaces, the IIFE of a compiled ES5 class),
;   exported or not.
; - Functions: function/generator declarations, and arrow functions, function and generator expressions assigned
;   to a const/let/var, to an object key (`{ k: () => … }` / `{ k() {} }`, as methods), to a class field (as
;   methods), to `module.exports.x`/`exports.x`/`a.b` (as functions) or to `X.prototype.y` (as methods, named y).
;   "Is a function" is decided on the value's text (function/class keywords, arrow heads), which keeps the
;   function and constant/field patterns disjoint.
; - Constants: module-level `const` declarations whose value is not a function or class (`const x = require(…)`
;   included); `let`/`var` variables and function-local consts are not definitions (ctags reports them).
; - Tests: `describe/context/suite("title", fn)` is a definition.class and `it/test/specify("title", fn)` a
;   definition.function with @test (also their .only/.skip/.todo/.concurrent and f*/x* forms); @name is the title
;   literal, which the extractor unquotes. The suite is not itself a test (like a Python Test* class), and nesting
;   by range puts its it() cases inside it.
; - Endpoints: `app.get("/p", h)` etc. (Express, Koa-router, Fastify shorthand, any receiver except HTTP clients;
;   the route literal starts with "/" or is empty); `app.route("/p").get(h)`; `fastify.route({method, url, handler})`.
;   Routers, mounts and path constants (@route.router, @route.mount, @route.constant) let the builder join prefixes.
;   @endpoint.handler is the last argument when it is a name (`h`, `ctrl.list`), absent for inline functions.
; - `new X()` is both a @reference.call (name X) and a @reference.type.
; - TypeScript: interfaces, type aliases, enums (their members as constants), `namespace X` (namespace),
;   `module X` and `declare module "x"` (module, named by its string), abstract classes, overload signatures and
;   `declare function` (functions: one definition per signature), interface/object-type method and property signatures (method,
;   property), abstract method signatures, constructor parameter properties (`constructor(private db: Db)`, fields).
;   `extends` of classes and interfaces is @base, `implements` is @implements. Type references are type names used
;   in annotations, generic arguments, unions, `as`/`satisfies`, heritage… (type parameters such as T included: the
;   extractor finds no definition for them). NestJS `@Get("/p")` methods are endpoints (the method is the handler).

; ---------------------------------------------------------------- functions, classes, constants
; Declarations anywhere (program, function and namespace bodies, IIFE bodies of compiled ES5 classes, exported,
; declared or not); overload signatures and `declare function` are functions too.
[(function_declaration name: (identifier) @name)
 (generator_function_declaration name: (identifier) @name)
 (function_signature name: (identifier) @name)] @definition.function
[(class_declaration name: (type_identifier) @name)
 (abstract_class_declaration name: (type_identifier) @name)] @definition.class
; const/let/var bound to a function or a class, at any level.
((variable_declarator name: (identifier) @name value: (_) @_value) @definition.function
  (#match? @_value "^(async\\b\\s*)?(function\\b|(<[^>]*>\\s*)?\\([^()]*(\\([^()]*\\)[^()]*)*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)"))
(variable_declarator name: (identifier) @name value: (class)) @definition.class
; module-level constants (exported, declared or not) whose value is not a function or class
([(program (lexical_declaration kind: "const" (variable_declarator name: (identifier) @name value: (_) @_value) @definition.constant))
  (program (export_statement declaration: (lexical_declaration kind: "const" (variable_declarator name: (identifier) @name value: (_) @_value) @definition.constant)))]
  (#not-match? @_value "^(async\\b\\s*)?(function\\b|class\\b|(<[^>]*>\\s*)?\\([^()]*(\\([^()]*\\)[^()]*)*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)"))
[(program (ambient_declaration (lexical_declaration kind: "const" (variable_declarator name: (identifier) @name) @definition.constant)))
 (program (export_statement declaration: (ambient_declaration (lexical_declaration kind: "const" (variable_declarator name: (identifier) @name) @definition.constant))))]

; assignments: exports.x = function…, module.exports.x = () => …, app.handle = function () {}, f = function () {}.
; A named function expression (`x.y = function name() {}` except on a prototype, `module.exports = function name() {}`, `return function
; name() {}`) is a definition under its own name instead (pattern after these).
((expression_statement (assignment_expression
      left: [(member_expression object: (_) @_object property: (property_identifier) @name) (identifier) @name]
      right: (_) @_value) @definition.function)
  (#not-match? @_object "(^|\\.)prototype$")
  (#not-eq? @_object "this")
  (#not-eq? @name "exports")
  (#match? @_value "^(async\\b\\s*)?(function\\s*\\*?\\s*\\(|(<[^>]*>\\s*)?\\([^()]*(\\([^()]*\\)[^()]*)*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)"))
; X.prototype.y = function…, X.prototype.y = otherFunction (an alias)
((expression_statement (assignment_expression
      left: (member_expression object: (member_expression property: (property_identifier) @_proto) property: (property_identifier) @name)
      right: (_) @_value) @definition.method)
  (#eq? @_proto "prototype")
  (#match? @_value "^(async\\b\\s*)?(function\\b|(<[^>]*>\\s*)?\\([^()]*(\\([^()]*\\)[^()]*)*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)|^[A-Za-z_$][\\w$.]*$"))
; named function expressions: module.exports = function name() {}, return function name() {}, f(function name() {}),
; (_super) => function name() {}
([(assignment_expression left: (_) @_left right: [(function_expression name: (identifier) @name) (generator_function name: (identifier) @name)] @definition.function)
 (return_statement [(function_expression name: (identifier) @name) (generator_function name: (identifier) @name)] @definition.function)
 (arguments [(function_expression name: (identifier) @name) (generator_function name: (identifier) @name)] @definition.function)
 (parenthesized_expression [(function_expression name: (identifier) @name) (generator_function name: (identifier) @name)] @definition.function)
 (arrow_function body: [(function_expression name: (identifier) @name) (generator_function name: (identifier) @name)] @definition.function)]
  (#not-match? @_left "\\.prototype\\.[^.]+$"))
; ES5 classes compiled by TypeScript/Babel: var X = (function (_super) { __extends(X, _super); function X() {} … return X; }(Base));
; (`var` only, which keeps them apart from the `const` constants)
(variable_declaration (variable_declarator name: (identifier) @name
    value: [(parenthesized_expression (call_expression function: (function_expression body: (statement_block (return_statement (identifier)) .))))
            (call_expression function: (parenthesized_expression (function_expression body: (statement_block (return_statement (identifier)) .))))]) @definition.class)

; ---------------------------------------------------------------- class members
((class_body (method_definition name: (_) @name) @definition.method)
  (#not-eq? @name "constructor"))
((class_body (method_definition name: (_) @name) @definition.constructor)
  (#eq? @name "constructor"))
((class_body (public_field_definition name: (_) @name value: (_)? @_value) @definition.field)
  (#not-match? @_value "^(async\\b\\s*)?(function\\b|(<[^>]*>\\s*)?\\([^()]*(\\([^()]*\\)[^()]*)*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)"))
((class_body (public_field_definition name: (_) @name value: (_) @_value) @definition.method)
  (#match? @_value "^(async\\b\\s*)?(function\\b|(<[^>]*>\\s*)?\\([^()]*(\\([^()]*\\)[^()]*)*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)"))
; constructor parameter properties: constructor(private readonly repo: Repo)
(method_definition
  name: (property_identifier) @_ctor
  parameters: (formal_parameters [(required_parameter [(accessibility_modifier) "readonly"] pattern: (identifier) @name)
                                  (optional_parameter [(accessibility_modifier) "readonly"] pattern: (identifier) @name)] @definition.field)
  (#eq? @_ctor "constructor"))
; object literal methods: { m() {}, get x() {}, k: function () {}, k: () => … }
((object (method_definition name: (_) @name) @definition.method))
((object (pair key: (_) @name value: (_) @_value) @definition.method)
  (#match? @_value "^(async\\b\\s*)?(function\\b|(<[^>]*>\\s*)?\\([^()]*(\\([^()]*\\)[^()]*)*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)"))

; ---------------------------------------------------------------- tests (mocha, jest, jasmine, vitest, node:test)
(call_expression
  function: [(identifier) @_fn (member_expression object: (identifier) @_fn property: (property_identifier) @_mod)]
  arguments: (arguments . [(string) (template_string)] @name . [(arrow_function) (function_expression)])
  (#any-of? @_fn "describe" "context" "suite" "fdescribe" "xdescribe")
  (#any-of? @_mod "only" "skip" "todo" "concurrent")) @definition.class
(call_expression
  function: [(identifier) @_fn (member_expression object: (identifier) @_fn property: (property_identifier) @_mod)]
  arguments: (arguments . [(string) (template_string)] @name . [(arrow_function) (function_expression)])
  (#any-of? @_fn "it" "test" "specify" "fit" "xit" "xtest")
  (#any-of? @_mod "only" "skip" "todo" "concurrent" "failing")) @definition.function @test

; ---------------------------------------------------------------- inheritance
([(class_declaration name: (type_identifier) @name (class_heritage (extends_clause value: (_) @base)))
  (abstract_class_declaration name: (type_identifier) @name (class_heritage (extends_clause value: (_) @base)))]) @inherits
([(class_declaration name: (type_identifier) @name (class_heritage (implements_clause [(type_identifier) (generic_type) (nested_type_identifier)] @implements)))
  (abstract_class_declaration name: (type_identifier) @name (class_heritage (implements_clause [(type_identifier) (generic_type) (nested_type_identifier)] @implements)))]) @inherits
(interface_declaration name: (type_identifier) @name
  (extends_type_clause type: (_) @base)) @inherits
(class_heritage (extends_clause value: [(identifier) @name (member_expression property: (property_identifier) @name)])) @reference.type

; ---------------------------------------------------------------- imports
; import x, {y as z} from "m"; import * as ns from "m"; import "m"
(import_statement (import_clause (identifier) @import.name) source: (string) @import.module) @import
(import_statement (import_clause (named_imports (import_specifier name: (_) @import.name alias: (identifier)? @import.alias)))
  source: (string) @import.module) @import
(import_statement (import_clause (namespace_import (identifier) @import.alias)) source: (string) @import.module) @import
(import_statement "import" . source: (string) @import.module) @import
; export {a as b} from "m"; export * from "m"; export * as ns from "m"
(export_statement (export_clause (export_specifier name: (_) @import.name alias: (_)? @import.alias))
  source: (string) @import.module) @import
(export_statement "*" source: (string) @import.module) @import
(export_statement (namespace_export (_) @import.alias) source: (string) @import.module) @import
; const x = require("m"); const {a, b: c} = require("m"); const y = require("m").y; require("m");
(variable_declarator
  name: (identifier) @import.alias
  value: (call_expression function: (identifier) @_require arguments: (arguments . (string) @import.module))
  (#eq? @_require "require")) @import
(variable_declarator
  name: (object_pattern [(shorthand_property_identifier_pattern) @import.name
                         (pair_pattern key: (_) @import.name value: (identifier) @import.alias)])
  value: (call_expression function: (identifier) @_require arguments: (arguments . (string) @import.module))
  (#eq? @_require "require")) @import
(variable_declarator
  name: (identifier) @import.alias
  value: (member_expression
    object: (call_expression function: (identifier) @_require arguments: (arguments . (string) @import.module))
    property: (property_identifier) @import.name)
  (#eq? @_require "require")) @import
(expression_statement (call_expression function: (identifier) @_require arguments: (arguments . (string) @import.module))
  (#eq? @_require "require")) @import
; import("m")
(call_expression function: (import) arguments: (arguments . [(string) (template_string)] @import.module)) @import
; import fs = require("fs")
(import_statement (import_require_clause (identifier) @import.alias source: (string) @import.module)) @import

; ---------------------------------------------------------------- references
(call_expression function: (identifier) @name) @reference.call
(call_expression function: (member_expression object: (_) @receiver property: (property_identifier) @name)) @reference.call
(new_expression constructor: (identifier) @name) @reference.call
(new_expression constructor: (member_expression object: (_) @receiver property: (property_identifier) @name)) @reference.call
(new_expression constructor: [(identifier) @name (member_expression property: (property_identifier) @name)]) @reference.type
; type annotations, generic arguments, unions, `implements`, `extends` of interfaces, aliases' right-hand sides…
([(type_annotation (type_identifier) @name)
  (type_arguments (type_identifier) @name)
  (union_type (type_identifier) @name)
  (intersection_type (type_identifier) @name)
  (array_type (type_identifier) @name)
  (tuple_type (type_identifier) @name)
  (readonly_type (type_identifier) @name)
  (parenthesized_type (type_identifier) @name)
  (constraint (type_identifier) @name)
  (default_type (type_identifier) @name)
  (implements_clause (type_identifier) @name)
  (extends_type_clause type: (type_identifier) @name)
  (type_alias_declaration value: (type_identifier) @name)
  (function_type return_type: (type_identifier) @name)
  (generic_type name: (type_identifier) @name)
  (nested_type_identifier name: (type_identifier) @name)
  (as_expression (type_identifier) @name)
  (satisfies_expression (type_identifier) @name)
  (type_predicate type: (type_identifier) @name)
  (index_type_query (type_identifier) @name)
  (optional_type (type_identifier) @name)
  (rest_type (type_identifier) @name)
  (conditional_type (type_identifier) @name)
  (lookup_type (type_identifier) @name)]) @reference.type

; ---------------------------------------------------------------- endpoints
; app.get("/p", h), router.post("/p", auth, ctrl.create), fastify.delete("/p", opts, h). @endpoint.router is the
; receiver; HTTP clients (axios.get("/x", cfg)) are told apart by the builder: a receiver that is no router it knows
; and is named like a client is dropped.
(call_expression
  function: (member_expression object: (_) @endpoint.router property: (property_identifier) @endpoint.method)
  arguments: (arguments . [(string) (template_string)] @endpoint.route [(identifier) (member_expression)] @endpoint.handler .)
  (#any-of? @endpoint.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @endpoint.route "^['\"`](/|['\"`]$)")) @endpoint
(call_expression
  function: (member_expression object: (_) @endpoint.router property: (property_identifier) @endpoint.method)
  arguments: (arguments . [(string) (template_string)] @endpoint.route (_)? [(arrow_function) (function_expression) (object) (array) (call_expression)] .)
  (#any-of? @endpoint.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @endpoint.route "^['\"`](/|['\"`]$)")) @endpoint
; for (const [url, file] of table) app.get(url, h): a path named by a loop variable (for…of, forEach) over a literal
; table of paths (["/a", …], [["/a", x], …], new Map([["/a", x], …])); the extractor adds one endpoint per path.
(call_expression
  function: (member_expression object: (_) @endpoint.router property: (property_identifier) @endpoint.method)
  arguments: (arguments . (identifier) @endpoint.route (_)* [(identifier) (member_expression)] @endpoint.handler .)
  (#any-of? @endpoint.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#set! route.loop "table")) @endpoint
; app.route("/p").get(h).post(h2).delete(h3): a verb called on a chain; the extractor takes the path of the
; `.route("/p")` it finds down the chain (none: no endpoint).
((call_expression
  function: (member_expression object: (call_expression) @_chain property: (property_identifier) @endpoint.method)
  arguments: (arguments [(identifier) (member_expression)]? @endpoint.handler .)) @endpoint
  (#any-of? @endpoint.method "get" "post" "put" "patch" "delete" "del" "head" "options" "all")
  (#match? @_chain "\\.route\\s*\\(\\s*['\"`]")
  (#set! route.chained "route"))
; fastify.route({ method: "GET", url: "/p", handler })
(call_expression
  function: (member_expression property: (property_identifier) @_route)
  arguments: (arguments . (object
    (pair key: (property_identifier) @_method value: [(string) @endpoint.method (array (string) @endpoint.method)])
    (pair key: (property_identifier) @_url value: [(string) (template_string)] @endpoint.route)))
  (#eq? @_route "route")
  (#eq? @_method "method")
  (#any-of? @_url "url" "path")) @endpoint

; Routers, for the builder to join prefixes: express() / express.Router() / Router() / fastify(); new Router({ prefix })
; (koa-router), new Hono(); Hono's app.basePath("/api") is a group.
((call_expression function: [(identifier) @_ctor (member_expression property: (property_identifier) @_ctor)]) @route.router
  (#any-of? @_ctor "express" "Router" "fastify" "Fastify"))
((new_expression constructor: [(identifier) @_ctor (member_expression property: (property_identifier) @_ctor)]) @route.router
  (#any-of? @_ctor "Router" "KoaRouter" "Hono" "Koa")
  (#set! route.prefix "kw:prefix"))
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments . (string) .)) @route.router
  (#eq? @_fn "basePath")
  (#set! route.group "")
  (#set! route.prefix "arg:0"))
; Mounts: app.use("/api", router), app.use(PREFIX, router), app.use(router), router.use("/x", auth, require("./x")); Fastify's
; app.register(plugin, { prefix: "/v1" }); Hono's app.route("/api", sub). A mounted value that is no router
; (middleware) is left out by the builder.
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments . [(string) (template_string) (identifier) (member_expression)] . (_))) @route.mount
  (#eq? @_fn "use")
  (#set! route.prefix "arg:0")
  (#set! route.child "last"))
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments . [(identifier) (member_expression) (call_expression)] .)) @route.mount
  (#eq? @_fn "use")
  (#set! route.child "arg:0"))
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments . [(identifier) (member_expression) (arrow_function) (function_expression) (call_expression)])) @route.mount
  (#eq? @_fn "register")
  (#set! route.child "arg:0")
  (#set! route.prefix "kw:prefix"))
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments . (string) . [(identifier) (member_expression) (call_expression)] .)) @route.mount
  (#eq? @_fn "route")
  (#set! route.prefix "arg:0")
  (#set! route.child "arg:1"))
; Path constants a prefix may name: const API_PREFIX = "/api".
((variable_declarator name: (identifier) @route.name value: (string) @route.constant)
  (#match? @route.constant "^['\"]/"))
((variable_declarator name: (identifier) @route.name value: (string) @route.constant)
  (#match? @route.name "(?i)(prefix|path|route|api|base|root)"))
; … and configuration defaults: { apiPrefix: process.env.API_PREFIX || "api" } (a prefix read as config "app.apiPrefix").
((pair key: (property_identifier) @route.name value: [(string) @route.constant (binary_expression right: (string) @route.constant)])
  (#match? @route.name "(?i)(prefix|base|root)"))
;
; NestJS: @Get("/p") on a method (the decorated method is the handler; @Get() has its class's path), any decorators
; between; @Controller("x") / @Controller({ path: "x", version: "1" }) on the class is its prefix; app.setGlobalPrefix
; ("api", { exclude }) and app.enableVersioning({ type: VersioningType.URI }) apply to every controller.
((class_body
  (decorator (call_expression function: (identifier) @endpoint.method arguments: (arguments . [(string) (template_string) (array)]? @endpoint.route))) @endpoint)
  (#any-of? @endpoint.method "Get" "Post" "Put" "Patch" "Delete" "Head" "Options" "All"))
((decorator (call_expression function: (identifier) @endpoint.method arguments: (arguments . [(string) (object) (array)]? @endpoint.route))) @endpoint
  (#eq? @endpoint.method "Controller")
  (#set! endpoint.kind "prefix"))
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments . (_))) @route.global
  (#eq? @_fn "setGlobalPrefix")
  (#set! route.prefix "arg:0"))
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments . (object) @_options)) @route.versioning
  (#eq? @_fn "enableVersioning")
  (#match? @_options "URI")
  (#set! route.prefix "kw:prefix"))

; ---------------------------------------------------------------- configuration
; process.env.X, process.env["X"], const { X, Y } = process.env
(member_expression
  object: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  property: (property_identifier) @config.env
  (#eq? @_process "process")
  (#eq? @_env "env"))
(subscript_expression
  object: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  index: (string) @config.env
  (#eq? @_process "process")
  (#eq? @_env "env"))
; (process.env || {}).X, (process.env || '').X: a read guarded for code that also runs where process.env is absent
(member_expression
  object: (parenthesized_expression
    (binary_expression left: (member_expression object: (identifier) @_process property: (property_identifier) @_env)))
  property: (property_identifier) @config.env
  (#eq? @_process "process")
  (#eq? @_env "env"))
(variable_declarator
  name: (object_pattern [(shorthand_property_identifier_pattern) @config.env
                         (pair_pattern key: (property_identifier) @config.env)
                         (object_assignment_pattern left: (shorthand_property_identifier_pattern) @config.env)])
  value: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  (#eq? @_process "process")
  (#eq? @_env "env"))
; config.get("a.b"), nconf.get("x"), config.has("x"), this.configService.get("X") (NestJS)
(call_expression
  function: (member_expression object: (_) @_config property: (property_identifier) @_get)
  arguments: (arguments . [(string) (template_string)] @config.key)
  (#match? @_config "(?i)(^|\\.)(config|conf|cfg|nconf|settings|configService|configuration)$")
  (#any-of? @_get "get" "has" "getOrThrow"))

; ---------------------------------------------------------------- command line
; commander/yargs/cac: .option("-p, --port <n>"), .requiredOption(…), .argument("<file>"), new Option("-x")
(call_expression
  function: (member_expression property: (property_identifier) @_fn)
  arguments: (arguments . [(string) (template_string)] @cli.flag)
  (#any-of? @_fn "option" "requiredOption" "argument" "positional"))
(new_expression
  constructor: (identifier) @_class
  arguments: (arguments . [(string) (template_string)] @cli.flag)
  (#any-of? @_class "Option" "Argument"))
; .command("serve [dir]"), new Command("serve")
(call_expression
  function: (member_expression property: (property_identifier) @_fn)
  arguments: (arguments . [(string) (template_string)] @cli.command)
  (#eq? @_fn "command"))
(new_expression
  constructor: (identifier) @_class
  arguments: (arguments . [(string) (template_string)] @cli.command)
  (#eq? @_class "Command"))

; ---------------------------------------------------------------- HTTP clients
; fetch("…"), axios("…"), got("…"), ky("…")
(call_expression
  function: (identifier) @_fn
  arguments: (arguments . [(string) (template_string)] @http.url)
  (#any-of? @_fn "fetch" "axios" "got" "ky" "request" "superagent" "$fetch" "ofetch"))
; axios.get("…"), got.post("…"), http.get("http://…"), https.request("…"), superagent.put("…")
(call_expression
  function: (member_expression object: (identifier) @_lib property: (property_identifier) @_fn)
  arguments: (arguments . [(string) (template_string)] @http.url)
  (#any-of? @_lib "axios" "got" "ky" "superagent" "http" "https" "request" "needle")
  (#any-of? @_fn "get" "post" "put" "patch" "delete" "head" "options" "request"))
; any other client with an absolute URL: this.http.get("https://…"), client.post(`https://…`)
(call_expression
  function: (member_expression object: (_) @_lib property: (property_identifier) @_fn)
  arguments: (arguments . [(string) (template_string)] @http.url)
  (#not-any-of? @_lib "axios" "got" "ky" "superagent" "http" "https" "request" "needle")
  (#any-of? @_fn "get" "post" "put" "patch" "delete" "head" "options" "request" "fetch")
  (#match? @http.url "^['\"`]https?://"))

; ---------------------------------------------------------------- data stores
; SQL clients: db.query(…), pool.query(…), connection.execute(…), knex.raw(…), sequelize.query(…)
(call_expression
  function: (member_expression object: (_) @receiver property: (property_identifier) @name)
  (#any-of? @name "query" "execute" "raw" "exec" "run" "all" "prepare")
  (#match? @receiver "(?i)(^|[._])(db|database|pool|client|conn|connection|knex|sequelize|pg|mysql|sql|sqlite|tx|trx|transaction|prisma)$")) @store.call
; MongoDB/Mongoose/Sequelize model calls with distinctive names
(call_expression
  function: (member_expression object: (_) @receiver property: (property_identifier) @name)
  (#any-of? @name "insertOne" "insertMany" "updateOne" "updateMany" "deleteOne" "deleteMany" "replaceOne"
     "findOneAndUpdate" "findOneAndDelete" "findOneAndReplace" "countDocuments" "bulkWrite" "findOne" "findById"
     "findByIdAndUpdate" "findByIdAndDelete" "findAll" "findByPk" "findOrCreate" "bulkCreate" "upsert" "aggregate")) @store.call
; find(…) with a filter object (an array's find takes a function): users.find({ age: 3 }), User.find({})
(call_expression
  function: (member_expression object: (_) @receiver property: (property_identifier) @name)
  arguments: (arguments . (object))
  (#any-of? @name "find" "create" "update" "destroy" "count" "insert")) @store.call
; Redis and caches: redis.get(…), client.hset(…), cache.set(…)
(call_expression
  function: (member_expression object: (_) @receiver property: (property_identifier) @name)
  (#any-of? @name "get" "set" "setex" "setnx" "getset" "mget" "mset" "del" "exists" "expire" "incr" "decr" "incrby"
     "hget" "hset" "hgetall" "hmset" "hdel" "lpush" "rpush" "lpop" "rpop" "lrange" "sadd" "srem" "smembers"
     "zadd" "zrange" "zrem" "publish")
  (#match? @receiver "(?i)(^|[._])(redis\\w*|\\w*redis|rds|cache|redisClient)$")) @store.call

; ---------------------------------------------------------------- TypeScript declarations
; anywhere: program, namespace bodies, `declare`d, exported
(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
; namespace X {}, declare namespace X {}, module X {}, declare module "x" {}
(internal_module name: (_) @name) @definition.namespace
(module name: (_) @name) @definition.module
; interface, object-type and class members (abstract and overload signatures)
[(method_signature name: (_) @name) (abstract_method_signature name: (_) @name)] @definition.method
(property_signature name: (_) @name) @definition.property
(enum_body [(property_identifier) @name (enum_assignment name: (_) @name)] @definition.constant)

