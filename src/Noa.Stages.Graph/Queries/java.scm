; Java (tree-sitter-java 0.23). Capture names: see README.md.
; No @doc captures: the extractor reads the Javadoc (`/** … */`) right above a declaration from its preceding
; siblings (annotations are inside the declaration's modifiers, so they do not come between).

; ---------------------------------------------------------------- definitions

; `package io.spring.api;` (one line: nothing nests in it; it tells import resolution which packages are this source's)
(package_declaration [(scoped_identifier) (identifier)] @name) @definition.namespace

(class_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(record_declaration name: (identifier) @name) @definition.record
(annotation_type_declaration name: (identifier) @name) @definition.interface

; Methods; JUnit 4/5 test methods (@Test, @ParameterizedTest, @RepeatedTest, @TestFactory, @TestTemplate) also @test.
((method_declaration (modifiers)? @_mods name: (identifier) @name) @definition.method
  (#not-match? @_mods "@(org\\.junit\\.(jupiter\\.api\\.)?)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b"))

((method_declaration (modifiers) @_mods name: (identifier) @name) @definition.method @test
  (#match? @_mods "@(org\\.junit\\.(jupiter\\.api\\.)?)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b"))

(annotation_type_element_declaration name: (identifier) @name) @definition.method

(constructor_declaration name: (identifier) @name) @definition.constructor
(compact_constructor_declaration name: (identifier) @name) @definition.constructor

; Fields, one match per declarator (`int a, b;`); interface constants; enum constants.
(field_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.field
(constant_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.constant
(enum_constant name: (identifier) @name) @definition.constant

; ---------------------------------------------------------------- inheritance

(class_declaration
  name: (identifier) @name
  superclass: (superclass [(type_identifier) (scoped_type_identifier) (generic_type)] @base)) @inherits

(_
  name: (identifier) @name
  interfaces: (super_interfaces (type_list [(type_identifier) (scoped_type_identifier) (generic_type)] @implements))) @inherits

(interface_declaration
  name: (identifier) @name
  (extends_interfaces (type_list [(type_identifier) (scoped_type_identifier) (generic_type)] @base))) @inherits

; ---------------------------------------------------------------- imports

; `import a.b.C;` (module a.b, name C), `import a.b.*;` (module a.b), `import static a.b.C.m;` (module a.b.C, name m).
(import_declaration (scoped_identifier scope: (_) @import.module name: (identifier) @import.name) .) @import
(import_declaration (_) @import.module (asterisk)) @import

; ---------------------------------------------------------------- references

(method_invocation object: (_) @receiver name: (identifier) @name) @reference.call
(method_invocation !object name: (identifier) @name) @reference.call

; `new X()` is a call named X (and a type reference).
(object_creation_expression
  type: [
    (type_identifier) @name
    (generic_type [(type_identifier) @name (scoped_type_identifier (type_identifier) @name .)])
    (scoped_type_identifier (type_identifier) @name .)
  ]) @reference.call

(type_identifier) @name @reference.type

; ---------------------------------------------------------------- surface

; Spring MVC: `@GetMapping("/x")`, `@PostMapping(value = "/x")`, `@GetMapping(path = {"/a", "/b"})` on methods; the
; annotated method is the endpoint and its own handler; @endpoint.method is the annotation name.
((method_declaration
  (modifiers
    (annotation
      name: (identifier) @endpoint.method
      arguments: (annotation_argument_list
        [
          (string_literal) @endpoint.route
          (element_value_array_initializer (string_literal) @endpoint.route)
          (element_value_pair
            key: (identifier) @_key
            value: [(string_literal) @endpoint.route (element_value_array_initializer (string_literal) @endpoint.route)])
        ])))
  name: (identifier) @endpoint.handler) @endpoint
  (#any-of? @endpoint.method "GetMapping" "PostMapping" "PutMapping" "DeleteMapping" "PatchMapping")
  (#any-of? @_key "value" "path"))

; `@GetMapping` without a path (the class-level prefix is the route).
((method_declaration
  (modifiers (marker_annotation name: (identifier) @endpoint.method))
  name: (identifier) @endpoint.handler) @endpoint
  (#any-of? @endpoint.method "GetMapping" "PostMapping" "PutMapping" "DeleteMapping" "PatchMapping"))

; `@RequestMapping(value = "/x", method = RequestMethod.GET)` on a method: the verb is @endpoint.method.
((method_declaration
  (modifiers
    (annotation
      name: (identifier) @_ann
      arguments: (annotation_argument_list
        (element_value_pair
          key: (identifier) @_key
          value: [(string_literal) @endpoint.route (element_value_array_initializer (string_literal) @endpoint.route)])
        (element_value_pair
          key: (identifier) @_mkey
          value: [
            (field_access field: (identifier) @endpoint.method)
            (identifier) @endpoint.method
            (element_value_array_initializer [(field_access field: (identifier) @endpoint.method) (identifier) @endpoint.method])
          ]))))
  name: (identifier) @endpoint.handler) @endpoint
  (#eq? @_ann "RequestMapping")
  (#any-of? @_key "value" "path")
  (#eq? @_mkey "method"))

; `@RequestMapping("/x")` on a method without `method =`: any verb; @endpoint.method is RequestMapping.
((method_declaration
  (modifiers
    (annotation
      name: (identifier) @endpoint.method
      arguments: (annotation_argument_list
        [
          (string_literal) @endpoint.route
          (element_value_pair key: (identifier) @_key value: (string_literal) @endpoint.route)
        ]) @_args))
  name: (identifier) @endpoint.handler) @endpoint
  (#eq? @endpoint.method "RequestMapping")
  (#any-of? @_key "value" "path")
  (#not-match? @_args "method\\s*="))

; Class-level `@RequestMapping("/base")`: a route prefix of the class's endpoints (@endpoint is the class,
; property endpoint.kind = prefix).
((class_declaration
  (modifiers
    (annotation
      name: (identifier) @endpoint.method
      arguments: (annotation_argument_list
        [
          (string_literal) @endpoint.route
          (element_value_pair key: (identifier) @_key value: (string_literal) @endpoint.route)
        ])))
  name: (identifier) @name) @endpoint
  (#eq? @endpoint.method "RequestMapping")
  (#any-of? @_key "value" "path")
  (#set! endpoint.kind "prefix"))

; Environment variables and configuration keys: `System.getenv("X")`, `System.getProperty("x")`,
; `env.getProperty("x")`, Spring `@Value("${x.y:default}")`.
((method_invocation
  object: (identifier) @_sys
  name: (identifier) @_fn
  arguments: (argument_list . (string_literal) @config.env))
  (#eq? @_sys "System")
  (#eq? @_fn "getenv"))

((method_invocation
  name: (identifier) @_fn
  arguments: (argument_list . (string_literal) @config.key))
  (#any-of? @_fn "getProperty" "getRequiredProperty" "getString" "getInt" "getBoolean" "getLong" "getConfig"))

((annotation
  name: (identifier) @_ann
  arguments: (annotation_argument_list (string_literal) @config.key))
  (#eq? @_ann "Value")
  (#match? @config.key "^\"[$#]\\{"))

; CLI: picocli `@Option(names = {"-x", "--xx"})`, `@Command(name = "x")`.
((annotation
  name: (identifier) @_ann
  arguments: (annotation_argument_list
    (element_value_pair
      key: (identifier) @_key
      value: [(string_literal) @cli.flag (element_value_array_initializer (string_literal) @cli.flag)])))
  (#eq? @_ann "Option")
  (#eq? @_key "names"))

((annotation
  name: (identifier) @_ann
  arguments: (annotation_argument_list
    (element_value_pair key: (identifier) @_key value: (string_literal) @cli.command)))
  (#eq? @_ann "Command")
  (#eq? @_key "name"))

; HTTP client URLs: `URI.create("https://…")`, `new URI("…")`, `new URL("…")`.
((method_invocation
  object: (identifier) @_uri
  name: (identifier) @_fn
  arguments: (argument_list . (string_literal) @http.url))
  (#eq? @_uri "URI")
  (#eq? @_fn "create"))

((object_creation_expression
  type: (type_identifier) @_type
  arguments: (argument_list . (string_literal) @http.url))
  (#any-of? @_type "URI" "URL"))

; Store calls: JDBC (`stmt.executeQuery(…)`, `conn.prepareStatement(…)`), Spring JdbcTemplate
; (`jdbcTemplate.queryForObject(…)`, `.update(…)`).
((method_invocation object: (_) @receiver name: (identifier) @name) @store.call
  (#any-of? @name
    "executeQuery" "executeUpdate" "executeLargeUpdate" "execute" "executeBatch" "addBatch" "prepareStatement"
    "prepareCall" "queryForObject" "queryForList" "queryForMap" "queryForRowSet" "batchUpdate")
  (#not-match? @receiver "(?i)(executor|service|pool|task|thread)"))

((method_invocation object: (_) @receiver name: (identifier) @name) @store.call
  (#any-of? @name "query" "update")
  (#match? @receiver "(?i)jdbc"))
