using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Tests;

/// <summary>An endpoint's request body, response type and authorisation, read from hand-written handlers per framework,
/// each with a control that must not get them; and the fields of the types they name. Every kg.json here must follow
/// schemas/kg.schema.json.</summary>
public sealed class EndpointApiTests
{
    private static async Task<KnowledgeGraph> GraphOf(params (string Path, string Content)[] files)
    {
        var artifacts = await StageHarness.DigestAsync(new MemorySourceTree(files));
        Output.KgSchema.AssertValid(artifacts.Files["kg.json"]); // the new fields follow schemas/kg.schema.json
        using var kg = new MemoryStream(artifacts.Files["kg.json"]);
        return KnowledgeGraph.Read(kg);
    }

    private static KgEndpoint Endpoint(KnowledgeGraph g, string name)
    {
        var endpoints = g.Nodes.Where(n => n.Kind == "endpoint").ToList();
        Assert.True(endpoints.Count(n => n.Name == name) == 1, $"{name} among: {string.Join(", ", endpoints.Select(n => n.Name))}");
        return endpoints.Single(n => n.Name == name).Endpoint!;
    }

    private static KgNode Type(KnowledgeGraph g, string id) => Assert.Single(g.Nodes, n => n.Id == id);

    [Fact]
    public async Task FastApi_BodiesResponseModelsAndSecurityThroughDependencyChains()
    {
        var g = await GraphOf(
            ("app/models.py", """
                from typing import Optional
                from pydantic import BaseModel

                class ItemBase(BaseModel):
                    title: str
                    description: Optional[str] = None

                class ItemCreate(ItemBase):
                    price: float

                class Item(ItemBase):
                    id: int
                    owner: "Owner"

                class Owner(BaseModel):
                    name: str
                """),
            ("app/deps.py", """
                from typing import Annotated
                from fastapi import Depends
                from fastapi.security import OAuth2PasswordBearer

                oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

                def get_db():
                    yield 1

                def get_current_user(token: str = Depends(oauth2_scheme)):
                    return token

                def get_admin(user=Depends(get_current_user)):
                    return user

                CurrentUser = Annotated[str, Depends(get_current_user)]
                SessionDep = Annotated[int, Depends(get_db)]
                """),
            ("app/main.py", """
                from fastapi import FastAPI, Body, Depends
                from app.models import Item, ItemCreate
                from app.deps import CurrentUser, SessionDep, get_admin, get_db

                app = FastAPI()

                @app.post("/items", response_model=Item)
                def create(item: ItemCreate, user: CurrentUser, session: SessionDep):
                    return item

                @app.put("/items/{id}", dependencies=[Depends(get_admin)])
                def replace(id: int, item: ItemCreate = Body(..., embed=True)) -> Item:
                    return item

                @app.get("/items")
                def list_items(q: str = "", db=Depends(get_db)) -> list[Item]:
                    return []
                """));
        var create = Endpoint(g, "POST /items");
        Assert.Equal("ItemCreate", create.Body!.Type);
        Assert.Null(create.Body.Name);
        Assert.Equal("Item", create.Response!.Type);
        var security = Assert.Single(create.Security!);
        Assert.Equal(("oauth2_scheme", "oauth2", "Annotated"), (security.Scheme, security.Type, security.Marker));
        var replace = Endpoint(g, "PUT /items/{id}");
        Assert.Equal("item", replace.Body!.Name); // Body(embed=True): {"item": {...}}
        Assert.Equal("Item", replace.Response!.Type);
        Assert.Equal("Depends", Assert.Single(replace.Security!).Marker); // dependencies=[Depends(get_admin)], two steps from the scheme
        // Control: a GET with a scalar query and a dependency that reaches no scheme has no body and no security.
        var list = Endpoint(g, "GET /items");
        Assert.Null(list.Body);
        Assert.Null(list.Security);
        Assert.Equal("list[Item]", list.Response!.Type);
        // The types' fields, bases first, resolved across files.
        var itemCreate = Type(g, create.Body.Schema!);
        Assert.Equal(["title", "description", "price"], itemCreate.Fields!.Select(f => f.Name));
        Assert.Equal([true, false, true], itemCreate.Fields!.Select(f => f.Required));
        var item = Type(g, create.Response.Schema!);
        Assert.EndsWith("Owner#", item.Fields!.Single(f => f.Name == "owner").Schema);
    }

    [Fact]
    public async Task Spring_RequestBodyResponseEntityAndPreAuthorize()
    {
        var g = await GraphOf(
            ("src/main/java/demo/Pet.java", "package demo;\npublic class Pet {\n    private String name;\n    private Integer age;\n    private static int count;\n}\n"),
            ("src/main/java/demo/PetController.java", """
                package demo;
                @RestController
                @RequestMapping("/pets")
                public class PetController {
                    @PostMapping
                    @PreAuthorize("hasRole('ADMIN')")
                    public ResponseEntity<Pet> create(@RequestBody Pet pet) { return null; }

                    @GetMapping("/{id}")
                    public Pet get(@PathVariable int id, @RequestParam String q) { return null; }
                }
                """),
            ("src/main/java/demo/PageController.java", """
                package demo;
                @Controller
                public class PageController {
                    @GetMapping("/owners")
                    @Secured("ROLE_USER")
                    public String owners(Pet pet) { return "owners/list"; }
                }
                """));
        var create = Endpoint(g, "POST /pets");
        Assert.Equal("Pet", create.Body!.Type);
        Assert.Equal("ResponseEntity<Pet>", create.Response!.Type);
        var security = Assert.Single(create.Security!);
        Assert.Equal(("PreAuthorize", "ADMIN"), (security.Marker, Assert.Single(security.Roles!)));
        Assert.Equal(["name", "age"], Type(g, create.Body.Schema!).Fields!.Select(f => f.Name)); // the static field is not
        var get = Endpoint(g, "GET /pets/{id}");
        Assert.Null(get.Body);
        Assert.Null(get.Security);
        Assert.Equal("Pet", get.Response!.Type);
        // Control: an MVC @Controller's String is a view name, and a model attribute is no JSON body.
        var owners = Endpoint(g, "GET /owners");
        Assert.Null(owners.Response);
        Assert.Null(owners.Body);
        Assert.Equal(["ROLE_USER"], Assert.Single(owners.Security!).Roles);
    }

    [Fact]
    public async Task AspNet_ControllersAndMinimalApis()
    {
        var g = await GraphOf(
            ("Web/Todo.cs", "public record Todo\n{\n    public int Id { get; set; }\n    public string? Title { get; set; }\n}\npublic interface ITodoService { }\n"),
            ("Web/Features.cs", """
                public class Create { public record Command(Todo Item, string? Note); }
                public class Rename { public record Command(string Title); }
                """),
            ("Web/TodosController.cs", """
                [ApiController]
                [Route("api/todos")]
                [Authorize(Roles = "Admin,Editor")]
                public class TodosController : ControllerBase
                {
                    [HttpPost]
                    public async Task<ActionResult<Todo>> Create([FromBody] Todo todo) => todo;

                    [HttpPut("{id}")]
                    public Task<Todo> Replace(int id, [FromBody] Create.Command command) => null;

                    [HttpGet("{id}")]
                    [AllowAnonymous]
                    [ProducesResponseType(typeof(Todo), 200)]
                    public IActionResult Get(int id) => Ok();
                }
                """),
            ("Web/HomeController.cs", """
                public class HomeController : Controller
                {
                    [HttpPost("/login")]
                    public IActionResult Login(Todo model) => View();
                }
                """),
            ("Web/Program.cs", """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapPost("/todos", (Todo todo, ITodoService service) => Results.Ok(todo)).RequireAuthorization("writers").Produces<Todo>(201);
                app.MapGet("/ping", (string name) => "pong");
                app.Run();
                """));
        var create = Endpoint(g, "POST /api/todos");
        Assert.Equal("Todo", create.Body!.Type);
        Assert.Equal("Task<ActionResult<Todo>>", create.Response!.Type);
        Assert.Equal(["Admin", "Editor"], Assert.Single(create.Security!).Roles);
        Assert.Equal(["Id", "Title"], Type(g, create.Body.Schema!).Fields!.Select(f => f.Name));
        Assert.Equal([true, false], Type(g, create.Body.Schema!).Fields!.Select(f => f.Required));
        // A positional record's parameters are its fields; Create.Command is told from Rename.Command by its qualifier.
        var replace = Endpoint(g, "PUT /api/todos/{id}");
        Assert.EndsWith("Create#Command#", replace.Body!.Schema);
        Assert.Equal([("Item", true), ("Note", false)], Type(g, replace.Body.Schema!).Fields!.Select(f => (f.Name, f.Required)));
        var get = Endpoint(g, "GET /api/todos/{id}");
        Assert.Null(get.Security); // [AllowAnonymous] over the class's [Authorize]
        Assert.Equal("Todo", get.Response!.Type);
        var minimal = Endpoint(g, "POST /todos");
        Assert.Equal("Todo", minimal.Body!.Type); // the complex parameter, not the service interface
        Assert.Equal("Todo", minimal.Response!.Type);
        Assert.Equal("RequireAuthorization", Assert.Single(minimal.Security!).Marker);
        Assert.Null(Endpoint(g, "POST /login").Body); // an MVC controller's model is bound from the form
        // Control: a scalar parameter is no body, and nothing requires authorisation.
        var ping = Endpoint(g, "GET /ping");
        Assert.Null(ping.Body);
        Assert.Null(ping.Security);
    }

    [Fact]
    public async Task NestJs_BodyDtoPromiseAndGuards()
    {
        var g = await GraphOf(
            ("src/cats/dto.ts", "export class CreateCatDto {\n  name: string;\n  age?: number;\n  static kind = 'cat';\n}\n"),
            ("src/cats/cats.controller.ts", """
                import { CreateCatDto } from './dto';

                @Controller('cats')
                export class CatsController {
                  @Post()
                  @UseGuards(AuthGuard('jwt'))
                  async create(@Body() dto: CreateCatDto): Promise<CreateCatDto> { return dto; }

                  @Put(':id')
                  replace(@Param('id') id: string, @Body('cat') dto: CreateCatDto) { return dto; }

                  @Get(':id')
                  findOne(@Param('id') id: string, @Query('q') q: string) { return id; }
                }
                """));
        var create = Endpoint(g, "POST /cats");
        Assert.Equal("CreateCatDto", create.Body!.Type);
        Assert.Equal("Promise<CreateCatDto>", create.Response!.Type);
        Assert.Equal("UseGuards", Assert.Single(create.Security!).Marker);
        Assert.Equal([("name", true), ("age", false)], Type(g, create.Body.Schema!).Fields!.Select(f => (f.Name, f.Required)));
        Assert.Null(create.Body.Name);
        Assert.Equal("cat", Endpoint(g, "PUT /cats/:id").Body!.Name); // @Body('cat'): the body's member
        // Control: no body, no declared response, no guard.
        var one = Endpoint(g, "GET /cats/:id");
        Assert.Null(one.Body);
        Assert.Null(one.Response);
        Assert.Null(one.Security);
    }
}
