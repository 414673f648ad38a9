using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Noa.Hosting;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary><c>noa serve --target a,b</c>: runs the chosen modules (and what they need) as a long-lived service.</summary>
internal static class ServeCommand
{
    private static readonly Option<string> Target = new("--target", "-t")
    {
        Description = "Comma-separated modules or groups to run (see --list-targets)",
        DefaultValueFactory = _ => Modules.All,
    };
    private static readonly Option<bool> ListTargets = new("--list-targets") { Description = "Print the module catalogue and exit" };
    private static readonly Option<string> Urls = new("--urls")
    {
        Description = "Addresses to listen on (health, readiness, and the gateway API when it is a target)",
        DefaultValueFactory = _ => "http://127.0.0.1:8080",
    };

    private const string AspNetCoreLogs = "Microsoft.AspNetCore";

    public static Command Create()
    {
        var command = new Command("serve", "Run modules as a service: the whole backend or a split target") { Target, ListTargets, Urls };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(ListTargets))
        {
            PrintCatalogue();
            return ExitCodes.Success;
        }

        // No reload of appsettings files: it watched the working folder and everything below it (a home there, a bench's
        // output) and woke a thread at every write there, an audit record of each API call included; noa reads no
        // appsettings (its settings: the environment, --config, flags).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        NoaHostFactory.Configure(builder.Configuration, GlobalOptions.From(parse), null);
        builder.WebHost.UseUrls(parse.GetValue(Urls)!);
        builder.AddNoaDefaults();
        // ASP.NET Core's own information (six JSON lines a request: routing, the result's status and type, the request's
        // start and end) off unless asked for, as its templates do: the audit log records every API call already.
        if (builder.Configuration[$"Logging:LogLevel:{AspNetCoreLogs}"] is null)
            builder.Logging.AddFilter(AspNetCoreLogs, LogLevel.Warning);
        try
        {
            builder.AddModules(Modules.Catalogue, parse.GetValue(Target)!);
        }
        catch (TargetResolutionException e)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message}");
            return ExitCodes.BadInput;
        }
        var app = builder.Build();
        app.MapNoaDefaults();
        app.MapModules();
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static void PrintCatalogue()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("target", "kind", "needs", "what");
        foreach (var m in Modules.Catalogue.Modules)
            // Plain text, not markup: markup would turn configuration keys such as Noa:Bus:Provider into emoji (:bus:).
            table.AddRow(new Text(m.Name), new Text(m.IsGroup ? "group" : "module"), new Text(string.Join(", ", m.Dependencies)), new Text(m.Description));
        AnsiConsole.Write(table);
    }
}
