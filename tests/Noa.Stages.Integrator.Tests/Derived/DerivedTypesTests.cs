using System.Text.Json.Nodes;
using Noa.Abstractions;
using Noa.Stages.Integrator.Go;
using Noa.Stages.Integrator.Python;
using Noa.Stages.Integrator.Tests.Go;
using Noa.Stages.Integrator.TypeScript;

namespace Noa.Stages.Integrator.Tests.Derived;

/// <summary>
/// A spec derived from code whose handlers declare their types and authorisation (a hand-written FastAPI app): request
/// bodies and responses refer to <c>components/schemas</c> built from the models' fields, secured operations carry
/// <c>security</c> with the scheme the code shows; the control operations, which declare none, stay untyped and open. The
/// document is valid 3.1 and its SDKs type the models and pass mypy --strict, tsc --strict and go vet + build.
/// </summary>
public sealed class DerivedTypesTests
{
    private const string Models = """
        from typing import Optional
        from pydantic import BaseModel

        class ItemBase(BaseModel):
            title: str
            description: Optional[str] = None

        class ItemCreate(ItemBase):
            price: float
            tags: list[str] = []

        class Item(ItemBase):
            id: int
            owner: "Owner"

        class Owner(BaseModel):
            name: str
        """;

    private const string Main = """
        from typing import Annotated
        from fastapi import FastAPI, Depends, Request
        from fastapi.security import OAuth2PasswordBearer
        from app.models import Item, ItemCreate

        app = FastAPI()
        oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

        def current_user(token: str = Depends(oauth2_scheme)):
            return token

        CurrentUser = Annotated[str, Depends(current_user)]

        @app.post("/items", response_model=Item)
        def create(item: ItemCreate, user: CurrentUser):
            return item

        @app.get("/items")
        def list_items(q: str = "") -> list[Item]:
            return []

        @app.post("/ping")
        async def ping(request: Request):
            return await request.json()
        """;

    [Fact]
    public async Task FastApiModels_BecomeComponents_BodiesResponsesAndSecurityAreTyped_AndTheSdksCompile()
    {
        var tree = new MemorySourceTree(("app/models.py", Models), ("app/main.py", Main), ("requirements.txt", "fastapi\n"));
        var (outcome, artifacts) = await GraphRun.DigestAsync(tree, "shop");
        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var json = artifacts.Text("sdk/openapi.json");
        var (_, errors) = await DerivedSpecTests.ReadAsync(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var root = JsonNode.Parse(json)!.AsObject();
        var paths = root["paths"]!;

        var create = paths["/items"]!["post"]!;
        Assert.Equal("#/components/schemas/ItemCreate", create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.True(create["requestBody"]!["required"]!.GetValue<bool>());
        Assert.Equal("#/components/schemas/Item", create["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("[{\"bearerAuth\":[]}]", create["security"]!.ToJsonString());
        var list = paths["/items"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal("array", list["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Item", list["items"]!["$ref"]!.GetValue<string>());

        var schemas = root["components"]!["schemas"]!;
        var itemCreate = schemas["ItemCreate"]!;
        Assert.Equal(["title", "description", "price", "tags"], itemCreate["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("[\"title\",\"price\"]", itemCreate["required"]!.ToJsonString());
        Assert.Equal("number", itemCreate["properties"]!["price"]!["type"]!.GetValue<string>());
        Assert.Equal("array", itemCreate["properties"]!["tags"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Owner", schemas["Item"]!["properties"]!["owner"]!["$ref"]!.GetValue<string>());
        Assert.Equal("bearer", root["components"]!["securitySchemes"]!["bearerAuth"]!["scheme"]!.GetValue<string>());

        // Controls: an open GET has no security; a handler reading the raw request has the untyped, optional body.
        Assert.Null(paths["/items"]!["get"]!["security"]);
        var ping = paths["/ping"]!["post"]!;
        Assert.Null(ping["security"]);
        Assert.False(ping["requestBody"]!["required"]!.GetValue<bool>());
        Assert.Empty(ping["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject());

        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var tsc = Tools.RequireTsc();
        var go = GoToolchain.Require();
        var model = await Generate.ModelAsync(json, "openapi.json");
        var work = Directory.CreateTempSubdirectory("noa-derived-types-").FullName;
        try
        {
            var python = Path.Combine(work, "python");
            Generate.WriteAll(PythonGenerator.Generate(model), python);
            Assert.Contains(Directory.EnumerateFiles(python, "*.py", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("class ItemCreate", StringComparison.Ordinal));
            var typed = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], python);
            Assert.True(typed.ExitCode == 0, $"mypy --strict failed on {python}:\n{typed.Output}");
            var ts = Path.Combine(work, "typescript");
            Generate.WriteAll(TypeScriptGenerator.Generate(model), ts);
            var compiled = await Tools.RunAsync(tsc, ["-p", ".", "--strict", "--noEmit"], ts);
            Assert.True(compiled.ExitCode == 0, $"tsc --strict failed on {ts}:\n{compiled.Output}");
            var goFolder = Path.Combine(work, "go");
            Generate.WriteAll(GoGenerator.Generate(model, GoGenerator.DefaultModulePrefix), goFolder);
            Assert.Null(await GoToolchain.VetAndBuildAsync(go, goFolder));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
