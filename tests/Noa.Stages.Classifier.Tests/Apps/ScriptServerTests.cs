namespace Noa.Stages.Classifier.Tests.Apps;

/// <summary>Python servers with no manifest (Tornado's chat demo, Werkzeug's shortly): their folder is an app; modules, scripts that
/// do not serve and tests are not.</summary>
public sealed class ScriptServerTests
{
    [Fact]
    public async Task Classify_SingleFileServerWithNoManifest_IsAPythonServiceBuiltFromTheFile()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("chatdemo.py", "import tornado.web\nfrom tornado.options import define, options\ndefine(\"port\", default=8888)\n\n"
                + "def main():\n    app = tornado.web.Application([])\n    app.listen(options.port)\n\nif __name__ == \"__main__\":\n    main()\n"),
            ("templates/index.html", "<html></html>\n"),
            ("static/chat.js", "console.log(1);\n"));

        var app = Assert.Single(result.Profile.Apps);
        Assert.Equal((".", "service", "Python"), (app.Root, app.Kind, app.Language));
        Assert.Equal(new AppBuild("pip", "chatdemo.py", null, null), Assert.Single(app.Builds));
    }

    [Fact]
    public async Task Classify_WerkzeugRunSimpleInASubfolder_IsThatFoldersApp()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("shortly/shortly.py", "from werkzeug.wrappers import Request\n\ndef create_app():\n    return None\n\n"
                + "if __name__ == \"__main__\":\n    from werkzeug.serving import run_simple\n    run_simple(\"127.0.0.1\", 5000, create_app())\n"),
            ("shortly/templates/layout.html", "<html></html>\n"));

        var app = Assert.Single(result.Profile.Apps);
        Assert.Equal(("shortly", "service"), (app.Root, app.Kind));
        Assert.Equal("shortly/shortly.py", Assert.Single(app.Builds).Manifest);
    }

    [Fact]
    public async Task Classify_ModulesScriptsThatDoNotServeAndTests_AreNoApps()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("lib/models.py", "class Model:\n    pass\n"),
            ("lib/server.py", "def serve(app):\n    app.listen(8080)\n"),
            ("scripts/cleanup.py", "import os\n\nif __name__ == \"__main__\":\n    os.remove(\"x\")\n"),
            ("tests/test_server.py", "import tornado.web\n\nif __name__ == \"__main__\":\n    tornado.web.Application([]).listen(8888)\n    app.run()\n"));

        Assert.Empty(result.Profile.Apps);
    }
}
