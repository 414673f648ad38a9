; Python graph query (tree-sitter-python 0.25). Capture names: see README.md.
;
; Conventions of this file:
; - Each definition node is captured by exactly one pattern (patterns are disjoint by context and by #match?), so
;   one match = one definition, with its @name, its docstring as @doc (first statement of the body, when a string)
;   and @test when it is a test.
; - @definition.* is the function_definition/class_definition itself, never the decorated_definition, so ranges
;   start at `def`/`class` as ctags' lines do (decorators are outside the range).
; - A def directly in a class body is a method; any other def (module level, nested in a def, under if/try/with/…)
;   is a function; the extractor nests by range.
; - Tests (@test): pytest-style `def test*` functions at module level; methods `test*` of classes named `Test*`
;   or whose bases mention `TestCase` (unittest). Nested defs are never tests.
; - Module-level assignments to UPPER_CASE names are constants; assignments to plain names in a class body are
;   fields (class attributes, with or without annotation).
; - Endpoints: `@x.route("/p", methods=[…])` / `@x.api_route(…)` give one match per verb in methods= (no
;   @endpoint.method when methods= is absent: the framework default, GET); `@x.get("/p")` etc. give the decorator
;   method as @endpoint.method; the decorated def is the handler (@endpoint.handler is its name). Route literals
;   start with "/" or are empty to keep `@cache.get(...)`-like decorators out. `x.add_url_rule("/p", …, view_func=f)`,
;   `x.add_api_route("/p", f)` and Django `path("p/", view)`/`re_path`/`url` are call registrations. Routers and
;   mounts (@route.router, @route.mount) let the builder join prefixes.

; ---------------------------------------------------------------- functions
(module
  [(function_definition name: (identifier) @name
     body: (block . (expression_statement (string) @doc)?)) @definition.function
   (decorated_definition definition: (function_definition name: (identifier) @name
     body: (block . (expression_statement (string) @doc)?)) @definition.function)]
  (#not-match? @name "^test"))

(module
  [(function_definition name: (identifier) @name
     body: (block . (expression_statement (string) @doc)?)) @definition.function @test
   (decorated_definition definition: (function_definition name: (identifier) @name
     body: (block . (expression_statement (string) @doc)?)) @definition.function @test)]
  (#match? @name "^test"))

; defs nested in a block that is not a class body (a def under `if` in a class body is a function here; the
; extractor's nesting by range makes it a member of the class)
[(function_definition body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (if_statement consequence: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (elif_clause consequence: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (else_clause body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (try_statement body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (except_clause (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (finally_clause (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (with_statement body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (for_statement body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (while_statement body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))
 (case_clause consequence: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.function)]))]

; lambdas assigned to a name: `H = lambda x: …` (ctags reports them as functions)
(assignment left: (identifier) @name right: (lambda)) @definition.function

; ---------------------------------------------------------------- methods
; in a class that is not a test class, or a non-test method of a test class
(class_definition
  name: (identifier) @_class
  superclasses: (argument_list)? @_bases
  body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method)])
  (#not-match? @_class "^Test")
  (#not-match? @_bases "TestCase\\b"))

(class_definition
  name: (identifier) @_class
  body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method)])
  (#match? @_class "^Test")
  (#not-match? @name "^test"))

(class_definition
  name: (identifier) @_class
  superclasses: (argument_list) @_bases
  body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method)])
  (#not-match? @_class "^Test")
  (#match? @_bases "TestCase\\b")
  (#not-match? @name "^test"))

; test methods: class Test* (pytest, unittest) or a TestCase subclass
(class_definition
  name: (identifier) @_class
  body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method @test
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method @test)])
  (#match? @_class "^Test")
  (#match? @name "^test"))

(class_definition
  name: (identifier) @_class
  superclasses: (argument_list) @_bases
  body: (block
    [(function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method @test
     (decorated_definition definition: (function_definition name: (identifier) @name
       body: (block . (expression_statement (string) @doc)?)) @definition.method @test)])
  (#not-match? @_class "^Test")
  (#match? @_bases "TestCase\\b")
  (#match? @name "^test"))

; ---------------------------------------------------------------- classes, fields, constants
(class_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @definition.class

(class_definition
  body: (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.field))
  (#not-match? @_value "^lambda\\b"))

(module
  [(expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant)
   ; under module-level if/try/with (platform- and import-dependent constants)
   (if_statement consequence: (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant)))
   (if_statement (elif_clause consequence: (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant))))
   (if_statement (else_clause body: (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant))))
   (try_statement body: (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant)))
   (try_statement (except_clause (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant))))
   (try_statement (else_clause body: (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant))))
   (try_statement (finally_clause (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant))))
   (with_statement body: (block (expression_statement (assignment left: (identifier) @name right: (_)? @_value) @definition.constant)))]
  (#match? @name "^_*[A-Z][A-Z0-9_]*$")
  (#not-match? @_value "^lambda\\b"))

; ---------------------------------------------------------------- inheritance
(class_definition
  name: (identifier) @name
  superclasses: (argument_list [(identifier) (attribute) (subscript)] @base)) @inherits

; ---------------------------------------------------------------- imports
(import_statement name: (dotted_name) @import.module) @import
(import_statement name: (aliased_import name: (dotted_name) @import.module alias: (identifier) @import.alias)) @import
(import_from_statement module_name: (_) @import.module name: (dotted_name) @import.name) @import
(import_from_statement module_name: (_) @import.module
  name: (aliased_import name: (dotted_name) @import.name alias: (identifier) @import.alias)) @import
(import_from_statement module_name: (_) @import.module (wildcard_import) @import.name) @import

; ---------------------------------------------------------------- references
(call function: (identifier) @name) @reference.call
(call function: (attribute object: (_) @receiver attribute: (identifier) @name)) @reference.call

(type [(identifier) @name
       (attribute attribute: (identifier) @name)
       (generic_type (identifier) @name)
       (subscript value: (identifier) @name)]) @reference.type

; ---------------------------------------------------------------- endpoints
; Flask/FastAPI: @app.route("/p", methods=["GET", …]) — one match per verb; without methods= GET (both frameworks'
; default). @endpoint.router is the object the decorator is called on (its blueprint or router). A route is "/…" or ""
; (a router's own path under its prefix); `@cache.get("key")`-like decorators stay out.
(decorated_definition
  (decorator (call
    function: (attribute object: (_) @endpoint.router attribute: (identifier) @_route)
    arguments: (argument_list . (string) @endpoint.route
      (keyword_argument name: (identifier) @_methods value: [(list (string) @endpoint.method) (tuple (string) @endpoint.method)]))))
  definition: (function_definition name: (identifier) @endpoint.handler)
  (#any-of? @_route "route" "api_route")
  (#eq? @_methods "methods")
  (#match? @endpoint.route "^[rRuUbB]?(['\"]/|''$|\"\"$)")) @endpoint

(decorated_definition
  (decorator (call
    function: (attribute object: (_) @endpoint.router attribute: (identifier) @_route)
    arguments: (argument_list . (string) @endpoint.route) @_args))
  definition: (function_definition name: (identifier) @endpoint.handler)
  (#any-of? @_route "route" "api_route")
  (#not-match? @_args "methods\\s*=")
  (#match? @endpoint.route "^[rRuUbB]?(['\"]/|''$|\"\"$)")
  (#set! method "GET")) @endpoint

; Flask 2 / FastAPI / Starlette verb decorators: @app.get("/p"), @router.post("/p")
(decorated_definition
  (decorator (call
    function: (attribute object: (_) @endpoint.router attribute: (identifier) @endpoint.method)
    arguments: (argument_list . (string) @endpoint.route)))
  definition: (function_definition name: (identifier) @endpoint.handler)
  (#any-of? @endpoint.method "get" "post" "put" "patch" "delete" "head" "options" "websocket" "trace")
  (#match? @endpoint.route "^[rRuUbB]?(['\"]/|''$|\"\"$)")) @endpoint

; Flask: app.add_url_rule("/p", "name", view, methods=[…]) / view_func=view; FastAPI: router.add_api_route("/p", f, methods=[…])
(call
  function: (attribute object: (_) @endpoint.router attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @endpoint.route
    (keyword_argument name: (identifier) @_view value: [(identifier) (attribute)] @endpoint.handler)?
    (keyword_argument name: (identifier) @_methods value: [(list (string) @endpoint.method) (tuple (string) @endpoint.method)]))
  (#eq? @_fn "add_url_rule")
  (#eq? @_view "view_func")
  (#eq? @_methods "methods")) @endpoint
(call
  function: (attribute object: (_) @endpoint.router attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @endpoint.route
    (keyword_argument name: (identifier) @_view value: [(identifier) (attribute)] @endpoint.handler)?) @_args
  (#eq? @_fn "add_url_rule")
  (#eq? @_view "view_func")
  (#not-match? @_args "methods\\s*=")
  (#set! method "GET")) @endpoint
(call
  function: (attribute object: (_) @endpoint.router attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @endpoint.route . [(identifier) (attribute)] @endpoint.handler
    (keyword_argument name: (identifier) @_methods value: [(list (string) @endpoint.method) (tuple (string) @endpoint.method)]))
  (#eq? @_fn "add_api_route")
  (#eq? @_methods "methods")) @endpoint
(call
  function: (attribute object: (_) @endpoint.router attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @endpoint.route . [(identifier) (attribute)] @endpoint.handler) @_args
  (#eq? @_fn "add_api_route")
  (#not-match? @_args "methods\\s*=")
  (#set! method "GET")) @endpoint

; Django: path("p/", view), re_path(r"^p$", views.f), url(…); include(…)/as_view() have no handler name
(call
  function: (identifier) @endpoint.method
  arguments: (argument_list . (string) @endpoint.route . [(identifier) (attribute)] @endpoint.handler)
  (#any-of? @endpoint.method "path" "re_path" "url")) @endpoint
(call
  function: (identifier) @endpoint.method
  arguments: (argument_list . (string) @endpoint.route . (call function: (attribute attribute: (identifier) @_as)))
  (#any-of? @endpoint.method "path" "re_path" "url")
  (#eq? @_as "as_view")) @endpoint

; Routers (composition: the builder joins prefixes across files): FastAPI `APIRouter(prefix="/x")` and `FastAPI()`,
; Flask `Blueprint("name", __name__, url_prefix="/x")` and `Flask(__name__)`; route.prefix names the argument.
((call function: [(identifier) @_ctor (attribute attribute: (identifier) @_ctor)]) @route.router
  (#any-of? @_ctor "APIRouter" "FastAPI")
  (#set! route.prefix "kw:prefix"))
((call function: [(identifier) @_ctor (attribute attribute: (identifier) @_ctor)]) @route.router
  (#any-of? @_ctor "Blueprint" "Flask" "Quart" "APIBlueprint")
  (#set! route.prefix "kw:url_prefix"))
; Mounts: app.include_router(router, prefix=…), app.register_blueprint(bp, url_prefix=…) (the prefix may be a
; constant: settings.API_V1_STR).
((call function: (attribute attribute: (identifier) @_fn) arguments: (argument_list . (_))) @route.mount
  (#eq? @_fn "include_router")
  (#set! route.child "arg:0")
  (#set! route.prefix "kw:prefix"))
((call function: (attribute attribute: (identifier) @_fn) arguments: (argument_list . (_))) @route.mount
  (#eq? @_fn "register_blueprint")
  (#set! route.child "arg:0")
  (#set! route.prefix "kw:url_prefix"))
; Path constants a prefix may name: API_V1_STR = "/api/v1", a settings field `api_prefix: str = "/api"`.
((assignment left: (identifier) @route.name right: (string) @route.constant)
  (#match? @route.constant "^[rRuU]?['\"]/"))
((assignment left: (identifier) @route.name right: (string) @route.constant)
  (#match? @route.name "(?i)(prefix|path|route|api|base|root)"))

; ---------------------------------------------------------------- configuration
; os.getenv("X"), os.environ.get("X"), os.environ.setdefault("X", …), os.environ["X"], getenv("X")
(call
  function: (attribute object: (identifier) @_os attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @config.env)
  (#eq? @_os "os")
  (#any-of? @_fn "getenv" "getenvb" "unsetenv" "putenv"))
(call
  function: (identifier) @_fn
  arguments: (argument_list . (string) @config.env)
  (#eq? @_fn "getenv"))
(call
  function: (attribute
    object: (attribute object: (identifier) @_os attribute: (identifier) @_environ)
    attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @config.env)
  (#eq? @_os "os")
  (#any-of? @_environ "environ" "environb")
  (#any-of? @_fn "get" "setdefault" "pop"))
(subscript
  value: (attribute object: (identifier) @_os attribute: (identifier) @_environ)
  subscript: (string) @config.env
  (#eq? @_os "os")
  (#any-of? @_environ "environ" "environb"))

; app.config["X"], current_app.config.get("X"), config["X"], settings.get("x"), config.get("x")
(subscript
  value: [(identifier) @_config (attribute attribute: (identifier) @_config)]
  subscript: (string) @config.key
  (#any-of? @_config "config" "settings" "conf" "cfg" "configuration"))
(call
  function: (attribute
    object: [(identifier) @_config (attribute attribute: (identifier) @_config)]
    attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @config.key)
  (#any-of? @_config "config" "settings" "conf" "cfg" "configuration")
  (#any-of? @_fn "get" "getint" "getboolean" "getfloat" "setdefault"))

; ---------------------------------------------------------------- command line
; argparse: parser.add_argument("-v", "--verbose") — one match per name; sub.add_parser("x")
(call
  function: (attribute attribute: (identifier) @_fn)
  arguments: (argument_list (string) @cli.flag)
  (#eq? @_fn "add_argument"))
(call
  function: (attribute attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @cli.command)
  (#eq? @_fn "add_parser"))

; click/typer: @click.option("--x", "-x"), @click.argument("name")
(decorator (call
  function: (attribute object: (_) @_mod attribute: (identifier) @_fn)
  arguments: (argument_list (string) @cli.flag))
  (#any-of? @_fn "option" "argument" "password_option" "confirmation_option")
  (#not-match? @_mod "\\.")) ; click.option, not app.config.option

; click/typer: @click.command("x"), @cli.group("x"), @app.command("x")
(decorator (call
  function: (attribute attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @cli.command))
  (#any-of? @_fn "command" "group"))
; @click.command(), @cli.command(help=…), @click.group: the command is named after the function
(decorated_definition
  (decorator (call
    function: (attribute attribute: (identifier) @_fn)
    arguments: (argument_list) @_args))
  definition: (function_definition name: (identifier) @cli.command)
  (#any-of? @_fn "command" "group")
  (#match? @_args "^\\(\\s*(\\)|[A-Za-z_]\\w*\\s*=)"))
(decorated_definition
  (decorator (attribute attribute: (identifier) @_fn))
  definition: (function_definition name: (identifier) @cli.command)
  (#any-of? @_fn "command" "group"))

; ---------------------------------------------------------------- HTTP clients
; requests.get("…"), httpx.post(url="…"), requests.request("GET", "…")
(call
  function: (attribute object: (identifier) @_lib attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @http.url)
  (#any-of? @_lib "requests" "httpx")
  (#any-of? @_fn "get" "post" "put" "patch" "delete" "head" "options" "stream"))
(call
  function: (attribute object: (identifier) @_lib attribute: (identifier) @_fn)
  arguments: (argument_list . (_) . (string) @http.url)
  (#any-of? @_lib "requests" "httpx")
  (#any-of? @_fn "request" "stream"))
(call
  function: (attribute object: (identifier) @_lib attribute: (identifier) @_fn)
  arguments: (argument_list (keyword_argument name: (identifier) @_url value: (string) @http.url))
  (#any-of? @_lib "requests" "httpx")
  (#eq? @_url "url"))
; urllib.request.urlopen("…"), urlopen("…"), urllib.request.Request("…")
(call
  function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]
  arguments: (argument_list . (string) @http.url)
  (#any-of? @_fn "urlopen" "Request"))
; sessions and clients: session.get("https://…"), self.client.post("http://…") — absolute URLs only
(call
  function: (attribute object: (_) @_lib attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @http.url)
  (#not-any-of? @_lib "requests" "httpx")
  (#any-of? @_fn "get" "post" "put" "patch" "delete" "head" "options" "request" "fetch" "ws_connect")
  (#match? @http.url "^[fFrRbBuU]*['\"]https?://"))

; ---------------------------------------------------------------- data stores
; DB-API / SQLAlchemy: cursor.execute(…), conn.executemany(…), session.query(…), db.session.add(…)
(call
  function: (attribute object: (_) @receiver attribute: (identifier) @name)
  (#any-of? @name "execute" "executemany" "executescript" "query" "add" "add_all" "merge" "delete" "scalars" "scalar" "bulk_save_objects")
  (#match? @receiver "(?i)(^|[._])(cur|cursor|conn|connection|con|db|database|session|engine|txn?|transaction)$")) @store.call
; MongoDB: collection.insert_one(…), db.users.find(…), db["users"].update_many(…)
(call
  function: (attribute object: (_) @receiver attribute: (identifier) @name)
  (#any-of? @name "insert_one" "insert_many" "update_one" "update_many" "delete_one" "delete_many" "replace_one"
     "find_one_and_update" "find_one_and_delete" "find_one_and_replace" "count_documents" "bulk_write" "aggregate")) @store.call
(call
  function: (attribute object: (_) @receiver attribute: (identifier) @name)
  (#any-of? @name "find" "find_one")
  (#match? @receiver "(?i)(^|[._])(db|mongo\\w*|\\w*coll(ection)?s?)([.\\[]|$)|^db\\b")) @store.call
; Redis / caches: redis.get("k"), r.set(…), cache.get(…)
(call
  function: (attribute object: (_) @receiver attribute: (identifier) @name)
  (#any-of? @name "get" "set" "setex" "setnx" "getset" "mget" "mset" "delete" "exists" "expire" "incr" "decr" "incrby"
     "hget" "hset" "hgetall" "hmset" "hdel" "lpush" "rpush" "lpop" "rpop" "lrange" "sadd" "srem" "smembers"
     "zadd" "zrange" "zrem" "publish" "get_many" "set_many")
  (#match? @receiver "(?i)(^|[._])(redis\\w*|\\w*_redis|r|rds|cache)$")) @store.call
