namespace Noa.Cli.Search;

/// <summary>
/// <c>Noa:Search:Resident</c> (default true: <c>noa search</c> asks a resident search process, starting one when none
/// runs) and <c>Noa:Search:ResidentIdleSeconds</c> (default 900: the process exits after that long without a search).
/// Read by hand rather than bound, from <see cref="CliSettings"/>: the CLI's fast path loads neither the configuration nor its binder.
/// </summary>
internal sealed record ResidentSearchSettings(bool Enabled, TimeSpan Idle)
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
        return errors.Count > 0 ? (null, errors) : (new ResidentSearchSettings(enabled, TimeSpan.FromSeconds(idle)), errors);
    }
}
