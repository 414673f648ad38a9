using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Tests.Repository;

public sealed class CommandLinesTests
{
    private static List<CommandLine> Read(params (string Path, string Text)[] files) =>
        CommandLines.Read(new RepoFiles(files.Select(f => f.Path), files.ToDictionary(f => f.Path, f => f.Text))).Lines;

    [Fact]
    public void Readme_ShellBlocks_PromptsOutputContinuationsAndCd()
    {
        var lines = Read(("README.md",
            "# x\n\n```console\n$ pip install -r requirements.txt\nCollecting flask\n$ uvicorn app.main:app \\\n    --reload\n```\n\n" +
            "```bash\ncd frontend && npm ci\nnpm run dev\n```\n\n```python\nprint('not a command')\n```\n\nThen run `docker compose up` or read `the docs`.\n"));
        Assert.Equal(
            [("pip install -r requirements.txt", "", 4), ("uvicorn app.main:app --reload", "", 6), ("npm ci", "frontend", 11), ("npm run dev", "frontend", 12), ("docker compose up", "", 19)],
            lines.Select(l => (l.Text, l.Cwd, l.Line)).ToList());
    }

    [Fact]
    public void Readme_RstLiteralBlocks_OnlyToolLines()
    {
        var lines = Read(("README.rst", "Setup\n-----\n\nRun these ::\n\n    export FLASK_APP=/path/to/autoapp.py\n    flask run --with-threads\n\n.. code-block:: bash\n\n    make test\n"));
        Assert.Equal(["export FLASK_APP=/path/to/autoapp.py", "flask run --with-threads", "make test"], lines.Select(l => l.Text).ToList());
    }

    [Fact]
    public void BuildFiles_MakeTargetsScriptsProcfileDockerComposeAndCi()
    {
        var lines = Read(
            ("Makefile", ".PHONY: test\ntest:\n\tgo test -race ./...\n%.o: %.c\n\tcc $<\n"),
            ("web/package.json", "{\"scripts\": {\"dev\": \"vite\", \"test\": \"vitest\"}}"),
            ("Procfile", "web: flask db upgrade; gunicorn app:app\n"),
            ("Dockerfile", "FROM python\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n"),
            ("compose.yaml", "services:\n  api:\n    command: uvicorn app.main:app\n"),
            (".github/workflows/ci.yml", "jobs:\n  test:\n    steps:\n      - run: |\n          cd backend\n          pytest -q\n        working-directory: .\n"));
        Assert.Contains(lines, l => l.Text == "make test" && l.Source == "makefile" && l.Line == 2);
        Assert.Contains(lines, l => l.Text == "go test -race ./..." && l.Name == "test");
        Assert.DoesNotContain(lines, l => l.Text.Contains("cc ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text == "vite" && l.Name == "dev" && l.Cwd == "web");
        Assert.Contains(lines, l => l.Text == "gunicorn app:app" && l.Source == "procfile");
        Assert.Contains(lines, l => l.Text == "uvicorn app.main:app --host 0.0.0.0" && l.Source == "dockerfile" && l.Line == 2);
        Assert.Contains(lines, l => l.Text == "uvicorn app.main:app" && l.Source == "compose" && l.Name == "api");
        Assert.Contains(lines, l => l.Text == "pytest -q" && l.Source == "ci" && l.Cwd == "backend");
    }

    [Theory]
    [InlineData("pytest -q", CommandPhase.Test)]
    [InlineData("poetry run pytest", CommandPhase.Test)]
    [InlineData("docker compose exec backend bash scripts/test.sh", CommandPhase.Other)]
    [InlineData("go test ./...", CommandPhase.Test)]
    [InlineData("go build ./...", CommandPhase.Build)]
    [InlineData("go run main.go", CommandPhase.Run)]
    [InlineData("cargo build --release", CommandPhase.Build)]
    [InlineData("dotnet run --project src/Web", CommandPhase.Run)]
    [InlineData("./mvnw spring-boot:run", CommandPhase.Run)]
    [InlineData("./mvnw package", CommandPhase.Build)]
    [InlineData("./gradlew bootRun", CommandPhase.Run)]
    [InlineData("npm ci", CommandPhase.Install)]
    [InlineData("yarn dev", CommandPhase.Run)]
    [InlineData("pnpm test:unit", CommandPhase.Test)]
    [InlineData("npm run build", CommandPhase.Build)]
    [InlineData("pip install -r requirements/dev.txt", CommandPhase.Install)]
    [InlineData("uv sync", CommandPhase.Install)]
    [InlineData("flask run --with-threads", CommandPhase.Run)]
    [InlineData("flask db upgrade", CommandPhase.Setup)]
    [InlineData("python manage.py runserver", CommandPhase.Run)]
    [InlineData("./manage.py migrate", CommandPhase.Setup)]
    [InlineData("CONDUIT_SECRET=x uvicorn app.main:app", CommandPhase.Run)]
    [InlineData("docker compose up -d", CommandPhase.Run)]
    [InlineData("make", CommandPhase.Build)]
    [InlineData("make lint", CommandPhase.Lint)]
    [InlineData("git clone https://x", CommandPhase.Other)]
    public void Phase_Command_ByToolAndVerb(string command, string expected) =>
        Assert.Equal(expected, CommandPhase.Of(new CommandLine("README.md", 1, "", command, "readme").Words));

    [Theory]
    [InlineData("gunicorn autoapp:app -b 0.0.0.0:$PORT -w 3", "wsgi", "autoapp", "app")]
    [InlineData("gunicorn -k uvicorn.workers.UvicornWorker app.main:app", "asgi", "app.main", "app")]
    [InlineData("poetry run uvicorn --host=0.0.0.0 app.main:app", "asgi", "app.main", "app")]
    [InlineData("FLASK_APP=microblog.py", "python-file", "microblog.py", null)]
    [InlineData("python -m httpie --help", "python-module", "httpie", null)]
    [InlineData("python manage.py runserver 0.0.0.0:8000", "manage", "manage.py", null)]
    [InlineData("node dist/main", "node-file", "dist/main", null)]
    [InlineData("go run ./cmd/soft", "go-run", "cmd/soft", null)]
    [InlineData("cargo run --bin rg", "cargo-run", "rg", null)]
    [InlineData("dotnet run --project src/eShop.AppHost/eShop.AppHost.csproj", "dotnet-run", "src/eShop.AppHost/eShop.AppHost.csproj", null)]
    [InlineData("yarn dev", "npm-script", "dev", null)]
    [InlineData("soft serve", "program", "soft", null)]
    public void Launchers_Command_WhatItStarts(string command, string kind, string target, string? attribute)
    {
        var launch = Launchers.Parse(new CommandLine("README.md", 1, "", command, "readme"));
        Assert.NotNull(launch);
        Assert.Equal((kind, target, attribute), (launch.Kind, launch.Target, launch.Attribute));
    }
}
