; Rust entry points (appended to rust.scm): a file-level `fn main`; the graph decides from the file's place and
; Cargo.toml whether it is a binary, an example, a benchmark or a build script.
(source_file
  (function_item name: (identifier) @_n) @entry
  (#eq? @_n "main")
  (#set! entry.kind "rust-main"))
