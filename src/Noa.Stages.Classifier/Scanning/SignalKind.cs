namespace Noa.Stages.Classifier.Scanning;

/// <summary>Facts read from source files that hint at what the software is.</summary>
internal enum SignalKind
{
    /// <summary>An executable entry point: Go <c>package main</c>, Rust <c>src/main.rs</c>, a <c>__main__</c> guard, a <c>Main</c> method.</summary>
    EntryPoint,

    /// <summary>Command-line parsing: Go flag/cobra, argparse/click, clap, System.CommandLine.</summary>
    ArgumentParsing,

    /// <summary>Starts an HTTP server in code.</summary>
    HttpServer,

    /// <summary>A hosted background service or queue consumer in code.</summary>
    BackgroundWorker,

    /// <summary>A web page entry (<c>index.html</c> at the root, <c>public/</c> or <c>src/</c>).</summary>
    HtmlEntry,

    /// <summary>A library entry (Rust <c>src/lib.rs</c>, Python <c>__init__.py</c> at the top of a package).</summary>
    LibraryEntry,

    /// <summary>ASP.NET Core request handling beyond health checks: endpoints mapped (<c>MapGet</c>, <c>MapGroup</c>, an app's own
    /// <c>Map…</c> extension), controllers, Razor Pages, hubs, gRPC services, static files, proxies, terminal middleware.</summary>
    RequestHandlers,

    /// <summary>ASP.NET Core health, liveness or metrics endpoints mapped (<c>MapHealthChecks</c>, Aspire's <c>MapDefaultEndpoints</c>).</summary>
    HealthChecks,
}
