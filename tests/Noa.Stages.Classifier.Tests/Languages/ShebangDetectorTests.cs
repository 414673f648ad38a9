using Noa.Stages.Classifier.Languages;

namespace Noa.Stages.Classifier.Tests.Languages;

public sealed class ShebangDetectorTests
{
    [Theory]
    [InlineData("#!/usr/bin/env python3\nprint(1)", "python3")]
    [InlineData("#!/usr/bin/env -S python3 -u\n", "python3")]
    [InlineData("#!/usr/bin/env -S deno run --allow-net\n", "deno")]
    [InlineData("#!/usr/bin/env -i PATH=/bin node\n", "node")]
    [InlineData("#!/usr/bin/env FOO=1 BAR=2 ruby\n", "ruby")]
    [InlineData("#!/bin/bash -e\n", "bash")]
    [InlineData("#! /usr/bin/perl -w\n", "perl")]
    [InlineData("#!/usr/bin/python2.7\n", "python2")]
    [InlineData("#!/usr/local/bin/node\r\nconsole.log(1)", "node")]
    [InlineData("#!/bin/sh\nexec scala \"$0\" \"$@\"\n!#\n", "scala")]
    public void Interpreter_Shebang_ReturnsInterpreter(string head, string expected) =>
        Assert.Equal(expected, ShebangDetector.Interpreter(head));

    [Theory]
    [InlineData("")]
    [InlineData("#!")]
    [InlineData("#!/usr/bin/env\n")]
    [InlineData("#!/usr/bin/env -S\n")]
    [InlineData("# just a comment\n")]
    [InlineData(" #!/bin/sh\n")]
    public void Interpreter_NoUsableShebang_ReturnsNull(string head) => Assert.Null(ShebangDetector.Interpreter(head));
}
