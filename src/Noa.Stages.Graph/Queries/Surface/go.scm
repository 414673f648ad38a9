; Go entry points (appended to go.scm): `func main()` of package main.
(source_file
  (package_clause (package_identifier) @_p)
  (function_declaration name: (identifier) @_n) @entry
  (#eq? @_p "main")
  (#eq? @_n "main")
  (#set! entry.kind "go-main"))
