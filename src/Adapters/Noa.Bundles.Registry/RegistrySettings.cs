namespace Noa.Bundles.Registry;

/// <summary>Settings of the OCI distribution registry bundle store (section <c>Noa:Bundles:Registry</c>).</summary>
public sealed class RegistrySettings
{
    /// <summary>The registry's base address, e.g. <c>http://127.0.0.1:5000</c> or <c>https://registry.example</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>Blobs larger than this are uploaded in chunks (PATCH), each resumable; smaller ones in one PUT.</summary>
    public long ChunkThreshold { get; set; } = 16L * 1024 * 1024;

    /// <summary>The size of one chunk.</summary>
    public int ChunkSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>How many times one request is tried when the registry cannot be reached or answers 5xx/429.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first wait between attempts; doubled each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A folder where chunked uploads in progress are recorded (their upload location), so a process that died mid-push
    /// resumes the upload where the registry has it instead of starting again; null keeps them only in memory.
    /// </summary>
    public string? UploadStateFolder { get; set; }

    /// <summary>
    /// Whether a blob this store saw in another repository of the registry is mounted from there (cross-repository mount, one
    /// request) instead of uploaded; where it was seen is kept in <see cref="UploadStateFolder"/>'s <c>sources</c> folder. A registry
    /// that cannot mount answers with a plain upload, so this is safe to leave on; off sends every byte.
    /// </summary>
    public bool Mount { get; set; } = true;

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The user name for the registry (basic auth, or the token flow's request for a token); with <see cref="PasswordFile"/>.</summary>
    public string? Username { get; set; }

    /// <summary>A file holding the password of <see cref="Username"/> (read at each use, so a rotated file is seen).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>A file holding a static bearer token, sent as is (instead of a user name and password).</summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// A docker <c>config.json</c> whose <c>auths</c> entry for the registry's host (base64 <c>auth</c> = user:password,
    /// or <c>username</c>/<c>password</c>, or <c>registrytoken</c>) is used when neither a user name nor a token file is set.
    /// </summary>
    public string? DockerConfigFile { get; set; }

    /// <summary>Every problem with the settings, for startup validation.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            errors.Add($"Noa:Bundles:Registry:Url must be an http(s) address (was '{Url}')");
        if (ChunkSize < 64 * 1024)
            errors.Add($"Noa:Bundles:Registry:ChunkSize must be at least 65536 (was {ChunkSize})");
        if (ChunkThreshold < 0)
            errors.Add($"Noa:Bundles:Registry:ChunkThreshold must not be negative (was {ChunkThreshold})");
        if (MaxAttempts < 1)
            errors.Add($"Noa:Bundles:Registry:MaxAttempts must be at least 1 (was {MaxAttempts})");
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(PasswordFile))
            errors.Add("Noa:Bundles:Registry:Username and PasswordFile go together (the password is read from the file)");
        if (!string.IsNullOrEmpty(TokenFile) && !string.IsNullOrEmpty(Username))
            errors.Add("Noa:Bundles:Registry: set either TokenFile or Username/PasswordFile, not both");
        return errors;
    }
}
