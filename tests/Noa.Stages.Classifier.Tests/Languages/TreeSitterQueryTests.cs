using Noa.Stages.Classifier.Languages;

namespace Noa.Stages.Classifier.Tests.Languages;

/// <summary>.scm is both Scheme and linguist's "Tree-sitter Query"; the content, or a queries/ folder, decides.</summary>
public sealed class TreeSitterQueryTests
{
    [Theory]
    // tree-sitter-javascript's highlights.scm style: captures after nodes, strings and alternations.
    [InlineData("highlights.scm", "(identifier) @variable\n\n[\n  \"break\"\n  \"case\"\n] @keyword\n")]
    [InlineData("tags.scm", "(function_declaration\n  name: (identifier) @name) @definition.function\n")]
    [InlineData("locals.scm", "((comment)* @doc\n  .\n  (method_definition name: (property_identifier) @name))\n")]
    [InlineData("x.scm", "((identifier) @constant\n (#match? @constant \"^[A-Z][A-Z_]+$\"))\n")]
    [InlineData("injections.scm", "((comment) @injection.content\n (#set! injection.language \"jsdoc\"))\n")]
    [InlineData("highlights.scm", "; inherits: ecma,jsx\n")] // nvim: a query that only extends another
    public void Detect_TreeSitterQueryContent_IsTreeSitterQuery(string name, string content) =>
        Assert.Equal("Tree-sitter Query", LanguageDetector.Detect(name, content, complete: true)?.Name);

    [Theory]
    [InlineData("(define (square x) (* x x))\n(display (square 4))\n")]
    [InlineData("(define-syntax swap!\n  (syntax-rules ()\n    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))\n")]
    [InlineData("(define (wrap body) `(begin ,@body))\n(define-module (app main) #:use-module (ice-9 match))\n")]
    [InlineData("(import (scheme base))\n(define (even? n) (if (= n 0) #t (odd? (- n 1))))\n")]
    public void Detect_SchemeContent_StaysScheme(string content) =>
        Assert.Equal("Scheme", LanguageDetector.Detect("main.scm", content, complete: true)?.Name);

    [Fact]
    public void Detect_ScmInAQueriesFolder_IsTreeSitterQuery_WhateverItHolds()
    {
        Assert.Equal("Tree-sitter Query", LanguageDetector.Detect("folds.scm", "; nothing to fold yet\n", complete: true, path: "queries/rust/folds.scm")?.Name);
        Assert.Equal("Scheme", LanguageDetector.Detect("folds.scm", "; nothing to fold yet\n", complete: true, path: "src/folds.scm")?.Name);
    }

    [Fact]
    public void Detect_TheGraphStagesQueries_AreTreeSitterQueries_ByContentAlone()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "tree-sitter-queries"), "*.scm");
        Assert.True(files.Length >= 7, $"{files.Length} query files");
        Assert.All(files, f => Assert.Equal("Tree-sitter Query", LanguageDetector.Detect(Path.GetFileName(f), File.ReadAllText(f), complete: true)?.Name));
    }

    [Fact]
    public async Task Classify_ScmFilesOfATree_QueriesFolderAndContentDecide()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("queries/c/highlights.scm", "; inherits nothing, says nothing\n"),
            ("src/tags.scm", "(function_definition name: (identifier) @name) @definition.function\n"),
            ("lib/main.scm", "(define (main) (display \"hi\"))\n"));

        var files = result.FileList.Files.ToDictionary(f => f.Path);
        Assert.Equal("Tree-sitter Query", files["queries/c/highlights.scm"].Language);
        Assert.Equal("Tree-sitter Query", files["src/tags.scm"].Language);
        Assert.Equal("Scheme", files["lib/main.scm"].Language);
    }
}
