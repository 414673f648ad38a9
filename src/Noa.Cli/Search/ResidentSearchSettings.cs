namespace Noa.Cli.Search;

/// <summary>
/// <c>Noa:Search:Resident</c> (default true: <c>noa search</c> asks a resident search process, starting one when none
/// runs), <c>Noa:Search:ResidentIdleSeconds</c> (default 900: the process exits after that long without a search) and
/// <c>Noa:Search:WarmAfterDigest</c> (<c>auto</c>, the default: <c>noa digest</c> run from a terminal starts the resident
/// process as soon as its search is usable, so the first search after it is a warm one; <c>true</c>: always; <c>false</c>: never).
/// Read by hand rather than bound, from <see cref="CliSettings"/>: the CLI's fast path loads neither the configuration nor its binder.
/// </summary>
internal sealed record ResidentSearchSettings(bool Enabled, TimeSpan Idle, bool? WarmAfterDigest = null)
{
    public const string Section = "Noa:Search";

    /// <summary>The settings, or every error in them.</summary>
    public static (ResidentSearchSettings? Settings, IReadOnlyList<string> Errors) From(CliSettings configuration)
    {
        var errors = new List<string>();
        var enabled = true;
        if (configuration[$"{Section}:Resident"] is { } flag && !bool.TryParse(flag, out enabled))
            errors.Add($"{Section}:Resident must be true or false (was '{flag}')");
        var idle = 900;
        if (configuration[$"{Section}:ResidentIdleSeconds"] is { } seconds && (!int.TryParse(seconds, out idle) || idle < 1))
            errors.Add($"{Section}:ResidentIdleSeconds must be a whole number of seconds ≥ 1 (was '{seconds}')");
        bool? warm = null;
        if (configuration[$"{Section}:WarmAfterDigest"] is { } when && !when.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (bool.TryParse(when, out var always))
                warm = always;
            else
                errors.Add($"{Section}:WarmAfterDigest must be auto, true or false (was '{when}')");
        }
        return errors.Count > 0 ? (null, errors) : (new ResidentSearchSettings(enabled, TimeSpan.FromSeconds(idle), warm), errors);
    }

    /// <summary>Whether <c>noa digest</c> starts the resident process once its search is usable (<paramref name="terminal"/>: its output is one).</summary>
    public bool WarmsAfterDigest(bool terminal) => Enabled && (WarmAfterDigest ?? terminal);
}
