using System.Text.Json;
using Noa.Abstractions;
using Spectre.Console;

namespace Noa.Cli.Console;

/// <summary>
/// Live per-stage progress of a run, fed by the run events on the bus: a redrawn table on a terminal,
/// one line per stage event otherwise (CI logs, pipes). <paramref name="usable"/> is called once the run is usable.
/// </summary>
internal sealed class RunProgressView(IMessageBus bus, IReadOnlyList<string> stages, Action? usable = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _group = "cli-" + Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, StageLine> _lines = stages.ToDictionary(s => s, s => new StageLine(s), StringComparer.Ordinal);
    private readonly bool _interactive = AnsiConsole.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;

    /// <summary>Whether the progress is drawn on a terminal (a person watches), not written line by line.</summary>
    public bool Interactive => _interactive;
    private string? _runId;
    private string? _started;
    private DateTimeOffset _began = DateTimeOffset.UtcNow;
    private string? _usable;
    private bool _completed;

    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_interactive)
            {
                await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async ctx =>
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        await PumpAsync(cancellationToken);
                        ctx.UpdateTarget(Render());
                    }
                });
            }
            else
            {
                while (!cancellationToken.IsCancellationRequested)
                    await PumpAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await ForgetGroupAsync();
        }
    }

    // The group is this view's alone; a bus outage at the end is not worth an error, the group is then left behind.
    private async Task ForgetGroupAsync()
    {
        try
        {
            await bus.DeleteGroupAsync(RunEvent.Stream, _group, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
        }
    }

    /// <summary>Waits until the run's completion event has been shown, so no line is lost at the end.</summary>
    public async Task DrainAsync(string runId)
    {
        _runId ??= runId;
        for (var i = 0; i < 50 && !_completed; i++)
            await Task.Delay(20);
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var options = new ConsumeOptions { MaxMessages = 256, Block = TimeSpan.FromMilliseconds(100) };
        var deliveries = await bus.ReadAsync(RunEvent.Stream, _group, "cli", options, cancellationToken);
        foreach (var delivery in deliveries)
        {
            var e = JsonSerializer.Deserialize<RunEvent>(delivery.Message.Body, Json);
            await bus.AckAsync(delivery, cancellationToken);
            if (e is null || (_runId is not null && e.RunId != _runId))
                continue;
            _runId ??= e.RunId;
            Apply(e);
        }
    }

    private void Apply(RunEvent e)
    {
        if (e.Type == "RunCompleted")
        {
            _completed = true;
            return;
        }
        if (e.Type == "RunUsable")
        {
            // What a user came for is there (search, graph, card, verdict); the doing stages go on and the CLI still waits for them.
            _usable = $"usable after {(e.At - _began).TotalSeconds:0.0} s: {e.Message}";
            if (!_interactive)
                System.Console.WriteLine(_usable);
            usable?.Invoke();
            return;
        }
        if (e.Type == "RunStarted")
        {
            // At the start, not only at the end: a run killed midway is continued by its id.
            _started = e.RunId;
            _began = e.At;
            if (!_interactive)
                System.Console.WriteLine($"Run {e.RunId} started; if it is interrupted, continue it with: noa digest --resume {e.RunId}");
            return;
        }
        if (e.Stage is null || !_lines.TryGetValue(e.Stage, out var line))
            return;
        switch (e.Type)
        {
            case "StageStarted":
                line.Status = "running";
                line.Attempt = e.Attempt ?? 1;
                line.StartedAt ??= e.At;
                break;
            case "StageProgressed":
                line.Progressed(e.Done, e.Total, e.Unit, e.At);
                if (e.Message is not null)
                    line.Message = e.Message;
                // In a log, a line per tenth of long work (a table redraw shows every report).
                if (!_interactive && line.TakeDecile())
                    System.Console.WriteLine($"  {line.Stage,-14} {"running",-12} {line.Elapsed(e.At),-8} {line.Progress}");
                return;
            case "StageRetrying":
                line.Status = "retrying";
                break;
            default:
                line.Status = e.Type switch
                {
                    "StageCompleted" => "done",
                    "GateFailed" => "gate failed",
                    "StageFailed" => "failed",
                    "StageSkipped" => "skipped",
                    _ => line.Status,
                };
                line.EndedAt = e.At;
                break;
        }
        line.Message = e.Message;
        if (!_interactive)
            System.Console.WriteLine($"  {line.Stage,-14} {line.Status,-12} {(line.Attempt > 1 ? $"attempt {line.Attempt} " : "")}{line.Elapsed(e.At),-8} {e.Message}");
    }

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("stage", "status", "progress", "time", "detail");
        if (_started is not null)
            table.Title($"run {_started} (continue an interrupted run with: noa digest --resume {_started})");
        var now = DateTimeOffset.UtcNow;
        foreach (var line in _lines.Values)
        {
            var status = line.Status switch
            {
                "done" => "[green]done[/]",
                "running" => "[yellow]running[/]",
                "retrying" => "[yellow]retrying[/]",
                "failed" => "[red]failed[/]",
                "gate failed" => "[red]gate failed[/]",
                "skipped" => "[grey]skipped[/]",
                _ => "[grey]pending[/]",
            };
            table.AddRow(line.Stage, status, Markup.Escape(line.Progress), line.Elapsed(now), Markup.Escape(Truncate(line.Message, 60)));
        }
        if (_usable is not null)
            table.Caption(Markup.Escape(_usable));
        return table;
    }

    private static string Truncate(string? text, int max) =>
        text is null ? "" : text.Length <= max ? text : text[..(max - 1)] + "…";
}
