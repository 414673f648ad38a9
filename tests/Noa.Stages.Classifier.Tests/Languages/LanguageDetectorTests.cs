using Noa.Stages.Classifier.Languages;

namespace Noa.Stages.Classifier.Tests.Languages;

public sealed class LanguageDetectorTests
{
    [Theory]
    // Modelines beat every other strategy, at the top or the bottom of the file.
    [InlineData("script.txt", "# -*- mode: ruby -*-\nputs 1\n", "Ruby")]
    [InlineData("noext", "/* -*- c++ -*- */\nint x;\n", "C++")]
    [InlineData("build.conf", "x = 1\n\n# vim: set ft=python:\n", "Python")]
    [InlineData("file.h", "// vim: syntax=cpp\nint x;", "C++")]
    [InlineData("a.js", "var a;\n// vi: ft=typescript\n", "TypeScript")]
    // Filenames.
    [InlineData("Dockerfile", "FROM debian\n", "Dockerfile")]
    [InlineData("Makefile", "all:\n\techo\n", "Makefile")]
    [InlineData("CMakeLists.txt", "project(x)\n", "CMake")]
    [InlineData("Gemfile", "source 'https://rubygems.org'\n", "Ruby")]
    // Shebangs, including env -S.
    [InlineData("run", "#!/usr/bin/env -S python3 -u\nprint(1)\n", "Python")]
    [InlineData("tool", "#!/usr/bin/env node\nconsole.log(1)\n", "JavaScript")]
    [InlineData("setup", "#!/bin/bash\necho hi\n", "Shell")]
    [InlineData("x.cgi", "#!/usr/bin/perl\nprint 1;\n", "Perl")]
    // Plain extensions.
    [InlineData("main.go", "package main\n", "Go")]
    [InlineData("lib.rb", "puts 1\n", "Ruby")]
    [InlineData("App.tsx", "export const A = () => <div/>;\n", "TSX")]
    [InlineData("style.scss", "a { b: c }\n", "SCSS")]
    [InlineData("data.json", "{\"a\": 1}\n", "JSON")]
    [InlineData("doc.xml", "<a/>\n", "XML")]
    [InlineData("noext", "<?xml version=\"1.0\"?>\n<a/>\n", "XML")]
    public void Detect_Strategies_FollowLinguistOrder(string name, string content, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(name, content, complete: true)?.Name);

    [Theory]
    [InlineData("x.h", "#import <Foundation/Foundation.h>\n@interface Foo : NSObject\n@end\n", "Objective-C")]
    [InlineData("x.h", "#include <vector>\nclass Foo {\npublic:\n};\n", "C++")]
    [InlineData("x.h", "template <typename T> T max(T a, T b);\n", "C++")]
    [InlineData("x.h", "#include <stdio.h>\nint main(void);\n", "C")]
    [InlineData("x.m", "#import \"Foo.h\"\n@implementation Foo\n@end\n", "Objective-C")]
    [InlineData("x.m", "function y = f(x)\n% comment\ny = x;\n", "MATLAB")]
    [InlineData("x.m", ":- module hello.\n", "Mercury")]
    [InlineData("x.pl", "use strict;\nuse warnings;\nprint 1;\n", "Perl")]
    [InlineData("x.pl", "parent(a, b).\nanc(X, Y) :- parent(X, Y).\n", "Prolog")]
    [InlineData("x.pl", "use v6;\nmy class Foo {}\n", "Raku")]
    [InlineData("x.ts", "export function f(): number { return 1; }\n", "TypeScript")]
    [InlineData("x.ts", "<?xml version=\"1.0\"?>\n<!DOCTYPE TS>\n<TS version=\"2.1\">\n</TS>\n", "XML")]
    [InlineData("README.md", "# Title\n\ntext\n", "Markdown")]
    [InlineData("i386.md", ";; Machine description\n(define_insn \"x\")\n", "GCC Machine Description")]
    [InlineData("x.cs", "using System;\nnamespace A { }\n", "C#")]
    [InlineData("x.cs", "!Object methodsFor: 'x'!\n", "Smalltalk")]
    [InlineData("x.v", "module top (input a);\nendmodule\n", "Verilog")]
    [InlineData("x.v", "fn main() {\n  println('hi')\n}\n", "V")]
    [InlineData("x.r", "x <- c(1, 2)\n", "R")]
    [InlineData("x.r", "REBOL [Title: \"x\"]\n", "Rebol")]
    [InlineData("x.inc", "<?php\necho 1;\n", "PHP")]
    [InlineData("x.inc", "{$mode objfpc}\nend.\n", "Pascal")]
    [InlineData("x.sql", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE plpgsql;\n", "PLpgSQL")]
    [InlineData("x.sql", "DECLARE @x int;\nGO\n", "TSQL")]
    [InlineData("x.sql", "SELECT 1;\n", "SQL")]
    [InlineData("x.pp", "program Hello;\nbegin\nend.\n", "Pascal")]
    [InlineData("x.pp", "class foo {\n  file { '/tmp/x':\n    ensure => present,\n  }\n}\n", "Puppet")]
    [InlineData("x.rs", "use std::io;\nfn main() {}\n", "Rust")]
    [InlineData("x.rs", "#pragma version(1)\n#pragma rs java_package_name(x)\n", "RenderScript")]
    [InlineData("x.t", "use strict;\nuse Test::More;\nok(1);\n", "Perl")]
    [InlineData("x.cls", "\\NeedsTeXFormat{LaTeX2e}\n\\ProvidesClass{x}\n", "TeX")]
    [InlineData("x.cls", "VERSION 1.0 CLASS\nBEGIN\nEND\n", "VBA")]
    [InlineData("x.yml", "openapi: 3.0.0\ninfo: {}\n", "OASv3-yaml")]
    [InlineData("notes.txt", "some notes\n", "Text")]
    [InlineData("Token.sol", "pragma solidity ^0.8.0;\ncontract Token {}\n", "Solidity")]
    [InlineData("configure.m4", "AC_DEFUN([X], [y])\n", "M4Sugar")]
    [InlineData("x.pod", "=head1 NAME\n\nx\n", "Pod")]
    [InlineData("x.lisp", "(defun f (x) x)\n", "Common Lisp")]
    [InlineData("x.i", "%module example\n%{\n#include \"x.h\"\n%}\n", "SWIG")]
    [InlineData("page.html", "<html><body></body></html>\n", "HTML")]
    [InlineData("filters.txt", "[Adblock Plus 2.0]\n||ads.example.com^\n", "Adblock Filter List")]
    public void Detect_AmbiguousExtension_HeuristicDecides(string name, string content, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(name, content, complete: true)?.Name);

    [Theory]
    [InlineData("x.unknownext", "hello")]
    [InlineData("NOEXT", "just words")]
    public void Detect_NothingKnown_ReturnsNull(string name, string content) =>
        Assert.Null(LanguageDetector.Detect(name, content, complete: true));

    [Fact]
    public void Detect_HeuristicNeedsMore_ReadsLongerHead()
    {
        var calls = 0;
        var language = LanguageDetector.Detect("x.h", "/* long licence header */\n", complete: false, () =>
        {
            calls++;
            return "/* long licence header */\n#include <string>\nstd::string s;\n";
        });
        Assert.Equal("C++", language?.Name);
        Assert.Equal(1, calls);
    }
}
