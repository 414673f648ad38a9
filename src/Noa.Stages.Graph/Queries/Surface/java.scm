; Java entry points (appended to java.scm).
; `static void main(String[] args)` (and Java 21's instance main is left out: it needs a preview flag).
((method_declaration (modifiers) @_m name: (identifier) @_n) @entry
  (#eq? @_n "main")
  (#match? @_m "(^|\\s)static(\\s|$)")
  (#set! entry.kind "java-main"))

; Spring Boot: the @SpringBootApplication class.
((class_declaration
   (modifiers [(marker_annotation name: (_) @_a) (annotation name: (_) @_a)])
   name: (identifier) @entry.name) @entry
  (#match? @_a "(^|\\.)SpringBootApplication$")
  (#set! entry.kind "spring-boot"))
