using Noa.Stages.Classifier.Languages;

namespace Noa.Stages.Classifier.Scanning;

/// <summary>The outcome of scanning one file.</summary>
internal sealed class FileScan(string path, long size, FileCategory category, Language? language)
{
    public string Path { get; } = path;

    public long Size { get; } = size;

    public FileCategory Category { get; } = category;

    public Language? Language { get; } = language;

    /// <summary>What the file is to the software (<see cref="FileScopes"/>): decided by path when scanned, refined by project conventions after.</summary>
    public string Scope { get; set; } = FileScopes.Product;

    /// <summary>Hints found in the head of source files; null when none (most files).</summary>
    public List<Signal>? Signals { get; set; }

    /// <summary>Frameworks the file imports, each with its statement and line (<see cref="ImportedFrameworks"/>); null when none.</summary>
    public List<(Manifests.FrameworkDef Framework, string Detail)>? Imports { get; set; }

    /// <summary>"Use of this source code is governed by a X-style license that can be found in the F file": (style, file).</summary>
    public (string Style, string File)? LicenseNotice { get; set; }

    /// <summary>The expression of an <c>SPDX-License-Identifier:</c> line.</summary>
    public string? SpdxIdentifier { get; set; }
}
