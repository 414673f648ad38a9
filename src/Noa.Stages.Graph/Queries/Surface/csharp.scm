; C# entry points (appended to csharp.scm).
; Top-level statements: every global statement matches; the extractor keeps the first of a file.
(compilation_unit (global_statement) @entry
  (#set! entry.kind "top-level"))

; `static … Main(…)`.
((method_declaration (modifier) @_m name: (identifier) @_n) @entry
  (#eq? @_n "Main")
  (#eq? @_m "static")
  (#set! entry.kind "csharp-main"))

; The host a program builds, which says what kind of app it is.
((invocation_expression
   function: (member_access_expression expression: (_) @entry.name name: (identifier) @_m)) @entry
  (#match? @entry.name "^(WebApplication|Host|DistributedApplication|WebAssemblyHostBuilder|MauiApp|FunctionsApplication)$")
  (#match? @_m "^Create(Builder|SlimBuilder|EmptyBuilder|DefaultBuilder|ApplicationBuilder|Default)$")
  (#set! entry.kind "dotnet-host"))

; Options bound to a configuration section: `services.Configure<T>(configuration.GetSection("X"))`,
; `services.AddOptions<T>().BindConfiguration("X")` / `.Bind(configuration.GetSection("X"))`.
((invocation_expression
   function: (member_access_expression name: (generic_name (identifier) @_c (type_argument_list (_) @config.options.type)))
   arguments: (argument_list . (argument
     (invocation_expression
       function: (member_access_expression name: (identifier) @_g)
       arguments: (argument_list . (argument (string_literal) @config.options.section)))))) @config.options
  (#eq? @_c "Configure")
  (#any-of? @_g "GetSection" "GetRequiredSection"))

((invocation_expression
   function: (member_access_expression
     expression: (invocation_expression function: (member_access_expression name: (generic_name (identifier) @_a (type_argument_list (_) @config.options.type))))
     name: (identifier) @_b)
   arguments: (argument_list . (argument (string_literal) @config.options.section))) @config.options
  (#eq? @_a "AddOptions")
  (#eq? @_b "BindConfiguration"))

((invocation_expression
   function: (member_access_expression
     expression: (invocation_expression function: (member_access_expression name: (generic_name (identifier) @_a (type_argument_list (_) @config.options.type))))
     name: (identifier) @_b)
   arguments: (argument_list . (argument
     (invocation_expression
       function: (member_access_expression name: (identifier) @_g)
       arguments: (argument_list . (argument (string_literal) @config.options.section)))))) @config.options
  (#eq? @_a "AddOptions")
  (#eq? @_b "Bind")
  (#any-of? @_g "GetSection" "GetRequiredSection"))
