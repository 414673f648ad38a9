using System.Collections.Frozen;
using static Noa.Stages.Classifier.Languages.HeuristicRule;

namespace Noa.Stages.Classifier.Languages;

/// <summary>
/// Linguist's heuristics.yml for the extensions that matter most in real trees: rules are tried in
/// order on the file's first bytes and the first that matches decides; no match leaves the
/// extension's candidates to the fallback. Patterns are linguist's, kept in Ruby semantics (per-line anchors).
/// </summary>
internal static class Heuristics
{
    private static readonly Lazy<FrozenDictionary<string, HeuristicRule[]>> Table = new(Build);

    /// <summary>Linguist considers only this much of a file.</summary>
    public const int ConsiderBytes = 50 * 1024;

    /// <summary>Whether some rule set covers the end of <paramref name="fileName"/> (lower-case).</summary>
    public static HeuristicRule[]? For(string fileName)
    {
        var dot = fileName.IndexOf('.');
        while (dot >= 0)
        {
            if (Table.Value.TryGetValue(fileName[dot..], out var rules))
            {
                return rules;
            }
            dot = fileName.IndexOf('.', dot + 1);
        }
        return null;
    }

    /// <summary>The languages of the first matching rule, or null.</summary>
    public static string[]? Apply(HeuristicRule[] rules, string content)
    {
        foreach (var rule in rules)
        {
            if (rule.Matches(content))
            {
                return rule.Languages;
            }
        }
        return null;
    }

    private static HeuristicRule R(string language, Func<string, bool> test) => new([language], test);

    private static HeuristicRule R(string language) => new([language], Always);

    private static FrozenDictionary<string, HeuristicRule[]> Build()
    {
        var perl = And(Not(@"^\s*use\s+v6\b"), Pattern(HeuristicPatterns.Perl));
        var table = new Dictionary<string, HeuristicRule[]>(StringComparer.OrdinalIgnoreCase)
        {
            [".as"] = [R("ActionScript", Pattern(@"^\s*(?:package(?:\s+[\w.]+)?\s+(?:\{|$)|import\s+[\w.*]+\s*;|(?:intrinsic\s+)class\s+[\w<>.]+|\s+class\s+extends\s+[\w<>.]+)"))],
            [".asm"] = [R("Assembly", Pattern(@"(?i)mov\s+[^\s]{2,},")), R("Motorola 68K Assembly", Pattern(HeuristicPatterns.M68k))],
            [".bb"] = [R("BlitzBasic", Pattern(@"(<^\s*; |End Function)")), R("BitBake", Pattern(@"^(# |include|require|inherit)\b")), R("Clojure", Pattern(@"\((def|defn|defmacro|let)\s"))],
            [".cl"] = [R("Common Lisp", Pattern(@"^\s*\((?i:defun|in-package|defpackage) ")), R("Cool", Pattern("^class")), R("OpenCL", Pattern(@"\/\* |\/\/ |^\}"))],
            [".cls"] =
            [
                R("Visual Basic 6.0", And(Pattern(HeuristicPatterns.VbClass), Pattern(@"^\s*BEGIN(?:\r?\n|\r)\s*MultiUse\s*=.*(?:\r?\n|\r)\s*Persistable\s*="))),
                R("VBA", Pattern(HeuristicPatterns.VbClass)),
                R("TeX", Pattern(@"^\s*\\(?:NeedsTeXFormat|ProvidesClass)\{")),
                R("ObjectScript", Pattern(@"^Class\s")),
            ],
            [".cs"] = [R("Smalltalk", Pattern(@"![\w\s]+methodsFor: ")), R("C#", Pattern(@"^\s*(using\s+[A-Z][\s\w.]+;|namespace\s*[\w\.]+\s*(\{|;)|\/\/)"))],
            [".d"] =
            [
                R("D", Pattern(@"^module\s+[\w.]*\s*;|import\s+[\w\s,.:]*;|\w+\s+\w+\s*\(.*\)(?:\(.*\))?\s*\{[^}]*\}|unittest\s*(?:\(.*\))?\s*\{[^}]*\}")),
                R("DTrace", Pattern(@"^(\w+:\w*:\w*:\w*|BEGIN|END|provider\s+|(tick|profile)-\w+\s+\{[^}]*\}|#pragma\s+D\s+(option|attributes|depends_on)\s|#pragma\s+ident\s)")),
                R("Makefile", Pattern(@"([\/\\].*:\s+.*\s\\$|: \\$|^[ %]:|^[\w\s\/\\.]+\w+\.\w+\s*:\s+[\w\s\/\\.]+\w+\.\w+)")),
            ],
            [".ecl"] = [R("ECLiPSe", Pattern("^[^#]+:-")), R("ECL", Pattern(":="))],
            [".frm"] = [R("VBA", And(Pattern(@"^[ ]*VERSION [0-9]\.[0-9]{2}"), Pattern(@"^\s*Begin\s+\{[0-9A-Z\-]*\}\s?"))), R("Visual Basic 6.0", And(Pattern(@"^[ ]*VERSION [0-9]\.[0-9]{2}"), Pattern(@"^\s*Begin\s+VB\.Form\s+"))), R("INI", Pattern(@"\ATYPE=VIEW"))],
            [".ftl"] = [R("FreeMarker", Pattern(@"^(?:<|[a-zA-Z-][a-zA-Z0-9_-]+[ \t]+\w)|\$\{\w+[^\r\n]*?\}")), R("Fluent", Pattern(@"^-?[a-zA-Z][a-zA-Z0-9_-]* *=|\{\$-?[a-zA-Z][-\w]*(?:\.[a-zA-Z][-\w]*)?\}"))],
            [".g"] = [R("GAP", Pattern(@"\s*(Declare|BindGlobal|KeyDependentOperation|Install(Method|GlobalFunction)|SetPackageInfo)")), R("G-code", Pattern(@"^[MG][0-9]+(?:\r?\n|\r)"))],
            [".gs"] = [R("GLSL", Pattern(@"^#version\s+[0-9]+\b")), R("Gosu", Pattern(@"^uses (java|gw)\.")), R("Genie", Pattern(@"^\[indent=[0-9]+\]"))],
            [".html"] = [R("Ecmarkup", Pattern(@"<emu-(?:alg|annex|biblio|clause|eqn|example|figure|gann|gmod|gprose|grammar|intro|not-ref|note|nt|prodref|production|rhs|table|t|xref)(?:$|\s|>)")), R("HTML")],
            [".i"] = [R("Motorola 68K Assembly", Pattern(HeuristicPatterns.M68k)), R("SWIG", Pattern(@"^[ \t]*%[a-z_]+\b|^%[{}]$")), R("Assembly", Pattern(@"(?i)mov\s+[^\s]+,", @"^\s+(i?)db\s+[a-z\d]"))],
            [".lisp"] = [R("Common Lisp", Pattern(@"^\s*\((?i:defun|in-package|defpackage) ")), R("NewLisp", Pattern(@"^\s*\(define "))],
            [".lsp"] = [R("Common Lisp", Pattern(@"^\s*\((?i:defun|in-package|defpackage) ")), R("NewLisp", Pattern(@"^\s*\(define "))],
            [".ls"] = [R("LoomScript", Pattern(@"^\s*package\s*[\w\.\/\*\s]*\s*\{")), R("LiveScript")],
            [".m4"] = [R("M4Sugar", Pattern("AC_DEFUN|AC_PREREQ|AC_INIT", "^_?m4_")), R("M4")],
            [".mc"] = [R("Win32 Message File", Pattern(@"(?i)^[ \t]*(\/\*\s*)?MessageId=|^\.$")), R("M4", Pattern(@"^dnl|^divert\((?:-?\d+)?\)|^\w+\(`[^\r\n]*?'[),]")), R("Monkey C", Pattern(@"\b(?:using|module|function|class|var)\s+\w"))],
            [".nl"] = [R("NL", Pattern(@"^(b|g)[0-9]+ ")), R("NewLisp")],
            [".nr"] = [R("Roff", Pattern(@"^\.")), R("Noir")],
            [".nu"] = [R("Nushell", Pattern(@"^\s*(import|export|module|def|let|let-env) ")), R("Nu")],
            [".p"] = [R("Gnuplot", Pattern(@"^s?plot\b", @"^set\s+(term|terminal|out|output|[xy]tics|[xy]label|[xy]range|style)\b")), R("OpenEdge ABL")],
            [".plt"] = [R("Prolog", Pattern(@"^\s*:-"))],
            [".pod"] = [R("Pod 6", Pattern(@"^[\s-[\r\n]]*=(comment|begin pod|begin para|item\d+)")), R("Pod")],
            [".q"] = [R("q", Pattern(@"((?i:[A-Z.][\w.]*:\{)|^\\(cd?|d|l|p|ts?) )")), R("HiveQL", Pattern(@"(?i:SELECT\s+[\w*,]+\s+FROM|(CREATE|ALTER|DROP)\s(DATABASE|SCHEMA|TABLE))"))],
            [".qs"] = [R("Q#", Pattern(@"^((\/{2,3})?\s*(namespace|operation)\b)")), R("Qt Script", Pattern(@"(\w+\.prototype\.\w+|===|\bvar\b)"))],
            [".sol"] = [R("Solidity", Pattern(@"\bpragma\s+solidity\b|\b(?:abstract\s+)?contract\s+[a-zA-Z$_][a-zA-Z0-9$_]*(?:\s+is\s+(?:[a-zA-Z0-9$_][^\{]*?)?)?\s*\{")), R("Gerber Image", Pattern(@"^[DGMT][0-9]{2}\*(?:\r?\n|\r)"))],
            [".star"] = [R("STAR", Pattern(@"^loop_\s*$")), R("Starlark")],
            [".tag"] = [R("Java Server Pages", Pattern(@"<%[@!=\s]?\s*(taglib|tag|include|attribute|variable)\s"))],
            [".toc"] = [R("World of Warcraft Addon Data", Pattern("^## |@no-lib-strip@")), R("TeX", Pattern(@"^\\(contentsline|defcounter|beamer|boolfalse)"))],
            [".tst"] = [R("GAP", Pattern("gap> ")), R("Scilab")],
            [".typ"] = [R("Typst", Pattern("^#(import|show|let|set)")), R("XML")],
            [".vba"] = [R("Vim Script", Pattern("^UseVimball")), R("VBA")],
            [".w"] = [R("OpenEdge ABL", Pattern("&ANALYZE-SUSPEND _UIB-CODE-BLOCK _CUSTOM _DEFINITIONS")), R("CWeb", Pattern(@"^@(<|\w+\.)"))],
            [".es"] = [R("Erlang", Pattern(@"^\s*(?:%%|main\s*\(.*?\)\s*->)")), R("JavaScript", Pattern(@"\/\/|[""']use strict[""']|export\s+default\s|\/\*(?:.|[\r\n])*?\*\/"))],
            [".ex"] = [R("Elixir", Pattern(@"^\s*@moduledoc\s", @"^\s*(?:cond|import|quote|unless)\s", @"^\s*def(?:exception|impl|macro|module|protocol)[(\s]"))],
            [".f"] = [R("Forth", Pattern("^: ")), R("Filebench WML", Pattern("flowop")), R("Fortran", Pattern(HeuristicPatterns.Fortran))],
            [".for"] = [R("Forth", Pattern("^: ")), R("Fortran", Pattern(HeuristicPatterns.Fortran))],
            [".fs"] =
            [
                R("Forth", Pattern(@"^(: |new-device)")),
                R("F#", Pattern(@"^\s*(#light|import|let|module|namespace|open|type)")),
                R("GLSL", Pattern(@"^\s*(#version|precision|uniform|varying|vec[234])")),
                R("Filterscript", Pattern(@"#include|#pragma\s+(rs|version)|__attribute__")),
            ],
            [".gd"] = [R("GAP", Pattern(@"\s*(Declare|BindGlobal|KeyDependentOperation)")), R("GDScript", Pattern(@"\s*(extends|var|const|enum|func|class|signal|tool|yield|assert|onready)"))],
            [".h"] = [R("Objective-C", Pattern(HeuristicPatterns.ObjectiveC)), R("C++", Pattern(HeuristicPatterns.Cpp)), R("C")],
            [".hh"] = [R("Hack", Pattern(@"<\?hh"))],
            [".inc"] =
            [
                R("Motorola 68K Assembly", Pattern(HeuristicPatterns.M68k)),
                R("PHP", Pattern(@"^<\?(?:php)?")),
                R("SourcePawn", Pattern(@"^public\s+(?:SharedPlugin(?:\s+|:)__pl_\w+\s*=(?:\s*\{)?|(?:void\s+)?__pl_\w+_SetNTVOptional\(\)(?:\s*\{)?)", @"^methodmap\s+\w+\s+<\s+\w+", @"^\s*MarkNativeAsOptional\s*\(")),
                R("POV-Ray SDL", Pattern(@"^\s*#(declare|local|macro|while)\s")),
                R("Pascal", Pattern(@"(?i:^\s*\{\$(?:mode|ifdef|undef|define)[ ]+[a-z0-9_]+\})", @"^\s*end[.;]\s*$")),
                R("BitBake", Pattern(@"^inherit(\s+[\w.-]+)+\s*$")),
                R("Assembly", Pattern(@"^(?i)[^""m]*mov\s+[^\s]+,", @"^\s+(?i)db\s+[a-z\d]")),
            ],
            [".json"] = [R("OASv2-json", Pattern(@"""swagger"":\s?""2.[0-9.]+""")), R("OASv3-json", Pattern(@"""openapi"":\s?""3.[0-9.]+""")), R("JSON")],
            [".l"] = [R("Common Lisp", Pattern(@"\(def(un|macro)\s")), R("Lex", Pattern(@"^(%[%{}]xs|<.*>)")), R("Roff", Pattern(@"^\.[A-Za-z]{2}(\s|$)")), R("PicoLisp", Pattern(@"^\((de|class|rel|code|data|must)\s"))],
            [".m"] =
            [
                R("Objective-C", Pattern(HeuristicPatterns.ObjectiveC)),
                R("Mercury", Pattern(":- module")),
                R("MUF", Pattern("^: ")),
                R("M", Pattern(@"^\s*;")),
                R("Wolfram Language", And(Pattern(@"\(\*"), Pattern(@"\*\)$"))),
                R("MATLAB", Pattern(@"^\s*%")),
                R("Limbo", Pattern(@"^\w+\s*:\s*module\s*\{")),
            ],
            [".md"] = [R("Markdown", Pattern(@"(^[-A-Za-z0-9=#!\*\[|>])|<\/", @"\A\z")), R("GCC Machine Description", Pattern(@"^(;;|\(define_)")), R("Markdown")],
            [".ml"] = [R("OCaml", Pattern(@"(^\s*module)|let rec |match\s+(\S+\s)+with")), R("Standard ML", Pattern(@"=> |case\s+(\S+\s)+of"))],
            [".mod"] = [R("XML", Pattern("<!ENTITY ")), R("NMODL", Pattern(@"\b(NEURON|INITIAL|UNITS)\b")), R("Modula-2", Pattern(@"^\s*(?i:MODULE|END) [\w\.]+;")), new(["Linux Kernel Module", "AMPL"], Always)],
            [".ms"] = [R("Roff", Pattern(@"^[.'][A-Za-z]{2}(\s|$)")), R("Unix Assembly", And(Not(@"/\*"), Pattern(@"^\s*\.(?:include\s|globa?l\s|[A-Za-z][_A-Za-z0-9]*:)"))), R("MAXScript")],
            [".n"] = [R("Roff", Pattern("^[.']")), R("Nemerle", Pattern(@"^(module|namespace|using)\s"))],
            [".php"] = [R("Hack", Pattern(@"<\?hh")), R("PHP", Pattern(@"<\?[^h]"))],
            [".pl"] = [R("Prolog", Pattern("^[^#]*:-")), R("Perl", perl), R("Raku", Pattern(HeuristicPatterns.Raku))],
            [".pm"] = [R("Perl", perl), R("Raku", Pattern(HeuristicPatterns.Raku)), R("X PixMap", Pattern(@"^\s*\/\* XPM \*\/"))],
            [".plist"] = [R("XML Property List", Pattern(@"^\s*(?:<\?xml\s|<!DOCTYPE\s+plist|<plist(?:\s+version\s*=\s*[""']\d+(?:\.\d+)?[""'])?\s*>\s*$)")), R("OpenStep Property List")],
            [".pp"] = [R("Pascal", Pattern(@"^\s*end[.;]")), R("Puppet", Pattern(@"^\s+\w+\s+=>\s"))],
            [".pro"] =
            [
                R("Proguard", Pattern(@"^-(include\b.*\.pro$|keep\b|keepclassmembers\b|keepattributes\b)")),
                R("Prolog", Pattern(@"^[^\[#]+:-")),
                R("INI", Pattern("last_client=")),
                R("QMake", And(Pattern("HEADERS"), Pattern("SOURCES"))),
                R("IDL", Pattern(@"^\s*(?i:function|pro|compile_opt) \w[ \w,:]*$")),
            ],
            [".properties"] =
            [
                R("INI", And(Pattern(HeuristicPatterns.KeyEqualsValue), Pattern(@"^[;\[]"))),
                R("Java Properties", And(Pattern(HeuristicPatterns.KeyEqualsValue), Pattern("^[#!]"))),
                R("INI", Pattern(HeuristicPatterns.KeyEqualsValue)),
                R("Java Properties", Pattern("^[^#!][^:]*:")),
            ],
            [".r"] =
            [
                R("Rebol", Pattern(@"(?i:\bRebol\b)")),
                R("Rez", Pattern(@"(#include\s+[""<](Types\.r|Carbon\/Carbon\.r)["">])|((resource|data|type)\s+'[A-Za-z0-9]{4}'\s+((\(.*\)\s+){0,1}){)")),
                R("R", Pattern(@"<-|^\s*#")),
            ],
            [".re"] = [R("Reason", Pattern(@"^\s*module\s+type\s", @"^\s*(?:include|open)\s+\w+\s*;\s*$")), R("C++", Pattern(@"^\s*#(?:(?:if|ifdef|define|pragma)\s+\w|\s*include\s+<[^>]+>)", @"^\s*template\s*<"))],
            [".rpy"] = [R("Python", Pattern(@"^(import|from|class|def)\s")), R("Ren'Py")],
            [".rs"] = [R("Rust", Pattern(@"^(use |fn |mod |pub |macro_rules|impl|#!?\[)")), R("RenderScript", Pattern(@"#include|#pragma\s+(rs|version)|__attribute__")), R("XML", Pattern(@"^\s*<\?xml"))],
            [".s"] = [R("Unix Assembly", Pattern(@"(?i:mov[lq]?)\s+[%\$]")), R("Assembly", Pattern(@"(?i:mov)\s+[^\s%]{2,},")), R("Motorola 68K Assembly", Pattern(HeuristicPatterns.M68k))],
            // Not linguist's (it leaves .scm to its Bayesian classifier): a tree-sitter query names captures after a
            // pattern ("(identifier) @name", "(comment)* @doc"), calls predicates ("(#eq? "), or inherits (nvim's
            // "; inherits: c"); Scheme's only "@" follows a comma (",@body").
            [".scm"] = [R("Tree-sitter Query", Pattern(@"[)\]""][*+?]?[ \t]*@[A-Za-z_][\w.-]*", @"\(#[a-z][\w-]*[?!][\s)]", @"^\s*;+\s*inherits\s*:")), R("Scheme")],
            [".sc"] = [R("SuperCollider", Pattern(@"(?i:\^(this|super)\.|^\s*~\w+\s*=\.)")), R("Scala", Pattern(@"(^\s*import (scala|java)\.|^\s*class\b)"))],
            [".sql"] =
            [
                R("PLpgSQL", Pattern(@"(?i:^\\i\b|AS\s+\$\$|LANGUAGE\s+'?plpgsql'?|BEGIN(\s+WORK)?\s*;)")),
                R("SQLPL", Pattern(@"(?i:ALTER\s+MODULE|MODE\s+DB2SQL|\bSYS(CAT|PROC)\.|ASSOCIATE\s+RESULT\s+SET|\bEND!\s*$)")),
                R("PLSQL", Pattern(@"(?i:\$\$PLSQL_|XMLTYPE|systimestamp|\.nextval|CONNECT\s+BY|AUTHID\s+(DEFINER|CURRENT_USER)|constructor\W+function)")),
                R("TSQL", Pattern(@"(?i:^\s*GO\b|BEGIN(\s+TRY|\s+CATCH)|OUTPUT\s+INSERTED|DECLARE\s+@|\[dbo\])")),
                R("SQL"),
            ],
            [".t"] =
            [
                R("Perl", perl),
                R("Raku", Pattern(@"^\s*(?:use\s+v6\b|\bmodule\b|\bmy\s+class\b)")),
                R("Turing", Pattern(@"^\s*%[ \t]+|^\s*var\s+\w+(\s*:\s*\w+)?\s*:=\s*\w+")),
            ],
            [".tpl"] = [R("Go Template", Pattern(@"\{\{-?\s*(`?""\\?""?|\/\*\s|\w*)\b")), R("Smarty", Pattern(@"(?<!\{)\{(\*\s|\$|\/)?\w*\b"))],
            [".ts"] = [R("XML", Pattern(@"<TS\b")), R("TypeScript")],
            // Linguist's .txt rules, less the long Vim-help and hosts-file patterns: plain text unless an ad-block header says otherwise.
            [".txt"] = [R("Adblock Filter List", Pattern(@"\A\[(?:[Aa]d[Bb]lock(?:[ \t][Pp]lus)?|u[Bb]lock(?:[ \t][Oo]rigin)?|[Aa]d[Gg]uard)(?:[ \t]\d+(?:\.\d+)*)?\]")), R("Text")],
            [".tsx"] = [R("XML", Pattern(@"(?i:^\s*<\?xml\s+version)")), R("TSX")],
            [".v"] =
            [
                R("Rocq Prover", Pattern(@"(?:^|\s)(?:Proof|Qed)\.(?:$|\s)|(?:^|\s)Require[ \t]+(Import|Export)\s")),
                R("Verilog", Pattern(@"^[ \t]*module\s+[^\s()]+\s+\#?\(|^[ \t]*`(?:define|ifdef|ifndef|include|timescale)|^[ \t]*always[ \t]+@|^[ \t]*initial[ \t]+(begin|@)")),
                R("V", Pattern(@"\$(?:if|else)[ \t]|^[ \t]*fn\s+[^\s()]+\(.*?\).*?\{|^[ \t]*for\s*\{")),
            ],
            [".x"] = [R("RPC", Pattern(@"\b(program|version)\s+\w+\s*\{|\bunion\s+\w+\s+switch\s*\(")), R("Logos", Pattern(@"^%(end|ctor|hook|group)\b")), R("Linker Script", Pattern(@"OUTPUT_ARCH\(|OUTPUT_FORMAT\(|SECTIONS"))],
            [".yaml"] = Yaml(),
            [".yml"] = Yaml(),
            [".yy"] = [R("JSON", Pattern(HeuristicPatterns.Json)), R("Yacc")],
        };
        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static HeuristicRule[] Yaml() =>
    [
        R("MiniYAML", And(Pattern(@"^\t+.*?[^\s:].*?:"), Not("---"))),
        R("OASv2-yaml", Pattern(@"swagger:\s?'?""?2.[0-9.]+'?""?")),
        R("OASv3-yaml", Pattern(@"openapi:\s?'?""?3.[0-9.]+'?""?")),
        R("YAML"),
    ];
}
