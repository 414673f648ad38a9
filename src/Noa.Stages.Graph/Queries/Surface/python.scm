; Python entry points (appended to python.scm; capture convention in ../README.md).
; `if __name__ == "__main__":` at module level.
(module
  (if_statement
    condition: (comparison_operator . [(identifier) (string)] @_l . [(identifier) (string)] @_r .)) @entry
  (#any-of? @_l "__name__" "\"__main__\"" "'__main__'")
  (#any-of? @_r "__name__" "\"__main__\"" "'__main__'")
  (#set! entry.kind "python-main"))

; A web application object constructed at module level: `app = FastAPI(...)`, `application = get_wsgi_application()`.
(module
  (expression_statement
    (assignment
      left: (identifier) @entry.name
      right: (call function: [(identifier) (attribute)] @_f))) @entry
  (#match? @_f "(^|\\.)(FastAPI|Starlette|Quart|Sanic|Litestar|get_asgi_application|Falcon|App\\.asgi)$")
  (#set! entry.kind "asgi"))
(module
  (expression_statement
    (assignment
      left: (identifier) @entry.name
      right: (call function: [(identifier) (attribute)] @_f))) @entry
  (#match? @_f "(^|\\.)(Flask|get_wsgi_application|Bottle|make_wsgi_app|falcon\\.App|falcon\\.API)$")
  (#set! entry.kind "wsgi"))

; The same constructors anywhere else (inside an application factory): the factory's callers at module level are
; the entry points (`app = create_app()`), which the graph resolves across files.
((call function: [(identifier) (attribute)] @_f) @entry
  (#match? @_f "(^|\\.)(FastAPI|Starlette|Quart|Sanic|Litestar|get_asgi_application)$")
  (#set! entry.kind "asgi-factory"))
((call function: [(identifier) (attribute)] @_f) @entry
  (#match? @_f "(^|\\.)(Flask|get_wsgi_application|Bottle|make_wsgi_app)$")
  (#set! entry.kind "wsgi-factory"))

; A module-level `app`/`application` made by a call (`app = create_app(Config)`): a candidate, kept when the call
; resolves to a factory above or a launcher names it.
(module
  (expression_statement
    (assignment
      left: (identifier) @entry.name
      right: (call function: [(identifier) (attribute)] @entry.target))) @entry
  (#any-of? @entry.name "app" "application" "api" "asgi_app" "wsgi_app")
  (#not-match? @entry.target "(^|\\.)(FastAPI|Starlette|Quart|Sanic|Litestar|get_asgi_application|Flask|get_wsgi_application|Bottle|make_wsgi_app)$")
  (#set! entry.kind "app-candidate"))

; Django's manage.py.
((call function: [(identifier) (attribute)] @_f) @entry
  (#match? @_f "(^|\\.)execute_from_command_line$")
  (#set! entry.kind "django-manage"))
