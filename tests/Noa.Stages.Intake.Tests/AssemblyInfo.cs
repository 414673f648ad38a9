// The tests build real git repositories, symlinks and Unix file modes: they run where the stage is served.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
