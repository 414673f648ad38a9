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
