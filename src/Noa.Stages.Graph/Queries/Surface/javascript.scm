; JavaScript entry points (appended to javascript.scm).
; A server that listens: `app.listen(port)`, `server.listen(…)`, `fastify.listen({ port })`.
((call_expression
   function: (member_expression object: (_) @entry.name property: (property_identifier) @_p)) @entry
  (#eq? @_p "listen")
  (#not-match? @entry.name "(^|\\.)(event|events|emitter|db|socket|ipc|ipcMain|ipcRenderer|window|document|channel|bus)$")
  (#set! entry.kind "node-server"))

; NestJS: `NestFactory.create(AppModule)` (a server when the same file listens; a seeder or script otherwise).
((call_expression
   function: (member_expression object: (identifier) @entry.name property: (property_identifier) @_p)) @entry
  (#eq? @entry.name "NestFactory")
  (#match? @_p "^create")
  (#set! entry.kind "nest-app"))

; Deno and Bun servers.
((call_expression
   function: (member_expression object: (identifier) @entry.name property: (property_identifier) @_p)) @entry
  (#any-of? @entry.name "Deno" "Bun")
  (#eq? @_p "serve")
  (#set! entry.kind "node-server"))

; `if (require.main === module)`.
((binary_expression
   left: (member_expression object: (identifier) @_r property: (property_identifier) @_m)
   right: (identifier) @_mod) @entry
  (#eq? @_r "require")
  (#eq? @_m "main")
  (#eq? @_mod "module")
  (#set! entry.kind "node-main"))
