namespace Noa.Stages.Classifier.Tests.Manifests;

/// <summary>
/// Issue 13 item 4, the import half: frameworks seen where the code uses them, with the file, the line and the statement as evidence,
/// counted in the scope of the file. The statements are copied from real repositories (fastapi/full-stack-fastapi-template,
/// dotnet/eShop, spring-projects/spring-petclinic, Prisma's and Playwright's own guides); the controls are mentions that are not imports.
/// </summary>
public sealed class FrameworkImportTests
{
    [Theory]
    [InlineData("app/models.py", "import uuid\n\nfrom pydantic import EmailStr\nfrom sqlmodel import Field, Relationship, SQLModel\n", "sqlmodel", "line 4: from sqlmodel import Field, Relationship, SQLModel")]
    [InlineData("app/backend_pre_start.py", "import logging\n\nfrom sqlalchemy import Engine\n", "sqlalchemy", "line 3: from sqlalchemy import Engine")]
    [InlineData("app/alembic/env.py", "import os\nfrom logging.config import fileConfig\n\nfrom alembic import context\n", "alembic", "line 4: from alembic import context")]
    [InlineData("app/core/config.py", "import secrets\nfrom pydantic_settings import BaseSettings, SettingsConfigDict\n", "pydantic-settings", "line 2: from pydantic_settings import BaseSettings, SettingsConfigDict")]
    [InlineData("src/Ordering.API/GlobalUsings.cs", "\uFEFFglobal using System.Data.Common;\nglobal using Microsoft.EntityFrameworkCore;\n", "efcore", "line 2: global using Microsoft.EntityFrameworkCore;")]
    [InlineData("src/eShop.AppHost/Extensions.cs", "\uFEFFusing Aspire.Hosting.Eventing;\nusing Aspire.Hosting.Lifecycle;\n", "aspire", "line 1: using Aspire.Hosting.Eventing;")]
    [InlineData("src/WebApp/Components/App.cs", "using Microsoft.AspNetCore.Components;\nnamespace WebApp;\n", "blazor", "line 1: using Microsoft.AspNetCore.Components;")]
    [InlineData("src/ClientApp/MauiProgram.cs", "using Microsoft.Maui.Controls.Hosting;\n", "maui", "line 1: using Microsoft.Maui.Controls.Hosting;")]
    [InlineData("src/main/java/org/example/owner/OwnerRepository.java", "package org.example.owner;\n\nimport org.springframework.data.jpa.repository.JpaRepository;\n", "spring-data-jpa", "line 3: import org.springframework.data.jpa.repository.JpaRepository;")]
    [InlineData("src/main/resources/templates/welcome.html", "<!DOCTYPE html>\n\n<html xmlns:th=\"https://www.thymeleaf.org\" th:replace=\"~{fragments/layout :: layout (~{::body},'home')}\">\n", "thymeleaf", "line 3: xmlns:th=\"https://www.thymeleaf.org\"")]
    [InlineData("src/db.ts", "import { PrismaClient } from '@prisma/client'\n\nexport const prisma = new PrismaClient()\n", "prisma", "line 1: import { PrismaClient } from '@prisma/client'")]
    [InlineData("src/db.js", "'use strict';\nconst { PrismaClient } = require(\"@prisma/client\");\n", "prisma", "line 2: const { PrismaClient } = require(\"@prisma/client\");")]
    public async Task Classify_ProductImport_FindsTheFrameworkWithItsLine(string path, string text, string id, string detail)
    {
        var result = await MemoryFiles.ClassifyAsync((path, text));

        var framework = Assert.Single(result.Profile.Frameworks, f => f.Id == id);
        Assert.Equal([FileScopes.Product], framework.Scopes);
        Assert.Contains(framework.Evidence, e => e.Path == path && e.Detail == detail);
    }

    [Theory]
    [InlineData("frontend/tests/login.spec.ts", "import { expect, test } from \"@playwright/test\"\n", "playwright")]
    [InlineData("tests/Catalog.FunctionalTests/CatalogApiFactory.cs", "using Aspire.Hosting.Testing;\nusing Testcontainers.PostgreSql;\n", "testcontainers")]
    [InlineData("src/test/java/org/example/MySqlIntegrationTests.java", "import org.testcontainers.containers.MySQLContainer;\n", "testcontainers")]
    [InlineData("internal/store/store_test.go", "package store\n\nimport (\n\t\"testing\"\n\n\t\"github.com/testcontainers/testcontainers-go/modules/postgres\"\n)\n", "testcontainers")]
    [InlineData("tests/e2e/test_login.py", "from playwright.sync_api import Page, expect\n", "playwright")]
    public async Task Classify_TestOnlyImport_IsTheTestsFrameworkNotTheProducts(string path, string text, string id)
    {
        var result = await MemoryFiles.ClassifyAsync((path, text));

        var framework = Assert.Single(result.Profile.Frameworks, f => f.Id == id);
        Assert.Equal([FileScopes.Test], framework.Scopes);
        Assert.Contains(framework.Evidence, e => e.Path == path && e.Detail.StartsWith("line ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Classify_ExampleImport_IsElsewhereNotAFramework()
    {
        var result = await MemoryFiles.ClassifyAsync(("examples/orm/app.py", "from sqlalchemy.orm import Session\n"));

        Assert.DoesNotContain(result.Profile.Frameworks, f => f.Id == "sqlalchemy");
        Assert.Contains(result.Profile.Elsewhere.Frameworks, f => f.Id == "sqlalchemy");
    }

    [Fact]
    public async Task Classify_AppFrameworks_IncludeWhatItsFilesImport()
    {
        // The manifest names FastAPI only; SQLModel and pydantic-settings come in as what its own modules import.
        var result = await MemoryFiles.ClassifyAsync(
            ("backend/pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"fastapi[standard]\"]\n"),
            ("backend/app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ("backend/app/models.py", "from sqlmodel import Field, SQLModel\n"),
            ("backend/app/core/config.py", "from pydantic_settings import BaseSettings\n"),
            ("backend/tests/conftest.py", "from playwright.sync_api import Page\n"));

        var app = Assert.Single(result.Profile.Apps);
        Assert.Equal(["fastapi", "pydantic-settings", "sqlmodel"], app.Frameworks);
    }

    [Fact]
    public async Task Classify_MentionsThatAreNotImports_FindNoFramework()
    {
        // Control: the module names in strings, comments, other languages' syntax and lookalike modules.
        var result = await MemoryFiles.ClassifyAsync(
            ("src/Catalog.cs", "// uses Microsoft.EntityFrameworkCore like the others\nvar packages = new[] { \"@prisma/client\", \"sqlalchemy\" };\n"),
            ("app/util.py", "# from sqlalchemy import Engine (was)\nimport sqlalchemy_utils\nprint(\"import alembic\")\nfrom sqlmodelx import Thing\n"),
            ("src/index.ts", "const name = 'playwright';\nimport { x } from './playwright';\nimport y from '@prisma/client-lookalike';\n"),
            ("src/main/java/App.java", "// import org.thymeleaf.TemplateEngine;\nclass App { String s = \"org.testcontainers\"; }\n"),
            ("page.html", "<html xmlns:th=\"https://example.org/thymeleaf\"></html>\n"));

        Assert.DoesNotContain(result.Profile.Frameworks, f => f.Id is "efcore" or "prisma" or "sqlalchemy" or "alembic" or "sqlmodel" or "playwright"
            or "thymeleaf" or "testcontainers");
    }

    [Fact]
    public async Task Classify_ThisRepository_HasNoImportedFrameworkItDoesNotUse()
    {
        // Real code: the C# corpus names Prisma, SQLAlchemy, Playwright and Testcontainers in its catalogues and tests as strings,
        // and imports none of them.
        var corpus = CorpusPath("csharp");
        var result = await new SourceClassifier().ClassifyDirectoryAsync(corpus);

        string[] sources = [".cs", ".py", ".ts", ".js", ".java", ".kt", ".go", ".html"];
        Assert.DoesNotContain(result.Profile.Frameworks, f => f.Evidence.Any(e => sources.Contains(Path.GetExtension(e.Path))));
    }

    private static string CorpusPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var corpus = Path.Combine(dir.FullName, ".cache", "corpora", name);
                if (Directory.Exists(corpus))
                {
                    return corpus;
                }
                break;
            }
        }
        Requirement.Unmet($".cache/corpora/{name} is missing: run scripts/corpora.sh {name}.");
        return "";
    }
}
