namespace Noa.Stages.Graph.Languages;

/// <summary>
/// Modules that come with a language rather than from a package registry: an import of one is marked <c>stdlib</c>
/// on its external node. Python: <c>sys.stdlib_module_names</c> of CPython 3.11; Node: <c>module.builtinModules</c> of
/// Node 20 (also written <c>node:fs</c>); Go: import paths whose first element has no dot; Java: the JDK's packages;
/// .NET: the base class library's namespaces; Rust: std, core, alloc, proc_macro, test.
/// </summary>
internal static class StandardLibraries
{
    private static readonly HashSet<string> Python = new(StringComparer.Ordinal)
    {
        "__future__", "_abc", "_aix_support", "_ast", "_asyncio", "_bisect", "_blake2", "_bootsubprocess", "_bz2",
        "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw",
        "_collections", "_collections_abc", "_compat_pickle", "_compression", "_contextvars", "_crypt", "_csv",
        "_ctypes", "_curses", "_curses_panel", "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
        "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io", "_json",
        "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec", "_multiprocessing",
        "_opcode", "_operator", "_osx_support", "_overlapped", "_pickle", "_posixshmem", "_posixsubprocess",
        "_py_abc", "_pydecimal", "_pyio", "_queue", "_random", "_scproxy", "_sha1", "_sha256", "_sha3", "_sha512",
        "_signal", "_sitebuiltins", "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_statistics", "_string",
        "_strptime", "_struct", "_symtable", "_thread", "_threading_local", "_tkinter", "_tokenize", "_tracemalloc",
        "_typing", "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "_zoneinfo", "abc", "aifc",
        "antigravity", "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit", "audioop", "base64",
        "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar", "cgi", "cgitb", "chunk", "cmath",
        "cmd", "code", "codecs", "codeop", "collections", "colorsys", "compileall", "concurrent", "configparser",
        "contextlib", "contextvars", "copy", "copyreg", "crypt", "csv", "ctypes", "curses", "dataclasses",
        "datetime", "dbm", "decimal", "difflib", "dis", "distutils", "doctest", "email", "encodings", "ensurepip",
        "enum", "errno", "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib",
        "functools", "gc", "genericpath", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip",
        "hashlib", "heapq", "hmac", "html", "http", "idlelib", "imaplib", "imghdr", "imp", "importlib", "inspect",
        "io", "ipaddress", "itertools", "json", "keyword", "lib2to3", "linecache", "locale", "logging", "lzma",
        "mailbox", "mailcap", "marshal", "math", "mimetypes", "mmap", "modulefinder", "msilib", "msvcrt",
        "multiprocessing", "netrc", "nis", "nntplib", "nt", "ntpath", "nturl2path", "numbers", "opcode", "operator",
        "optparse", "os", "ossaudiodev", "pathlib", "pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform",
        "plistlib", "poplib", "posix", "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile",
        "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib",
        "resource", "rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil",
        "signal", "site", "smtpd", "smtplib", "sndhdr", "socket", "socketserver", "spwd", "sqlite3", "sre_compile",
        "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string", "stringprep", "struct", "subprocess",
        "sunau", "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile",
        "termios", "textwrap", "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib",
        "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata",
        "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg",
        "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo"
    };

    private static readonly HashSet<string> Node = new(StringComparer.Ordinal)
    {
        "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
        "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module",
        "net", "os", "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream",
        "string_decoder", "sys", "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi",
        "worker_threads", "zlib"
    };

    private static readonly string[] Jdk =
    [
        "java.", "jdk.", "sun.", "com.sun.", "javax.swing", "javax.crypto", "javax.net", "javax.xml", "javax.sql", "javax.naming",
        "javax.management", "javax.security", "javax.script", "javax.tools", "javax.imageio", "javax.sound", "javax.print",
        "javax.accessibility", "javax.lang", "javax.annotation.processing", "org.w3c.dom", "org.xml.sax", "org.ietf.jgss",
    ];

    /// <summary>True when <paramref name="module"/> (an import as written) is part of its language's standard library.</summary>
    public static bool Contains(string language, string module) => language switch
    {
        "python" => Python.Contains(module.Split('.')[0]),
        "javascript" or "typescript" => module.StartsWith("node:", StringComparison.Ordinal) || Node.Contains(module.Split('/')[0]),
        "go" => module.Length > 0 && !module.Split('/')[0].Contains('.', StringComparison.Ordinal),
        "java" => Jdk.Any(p => p.EndsWith('.') ? module.StartsWith(p, StringComparison.Ordinal) : module == p || module.StartsWith(p + ".", StringComparison.Ordinal)),
        "csharp" => module is "System" || module.StartsWith("System.", StringComparison.Ordinal) || module.StartsWith("Microsoft.Win32", StringComparison.Ordinal)
            || module.StartsWith("Microsoft.CSharp", StringComparison.Ordinal) || module.StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal),
        "rust" => module.Split("::")[0] is "std" or "core" or "alloc" or "proc_macro" or "test",
        _ => false,
    };
}
