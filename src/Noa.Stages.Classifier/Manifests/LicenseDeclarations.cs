using Noa.Stages.Classifier.Licenses;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>Turns licence declarations of manifests into <see cref="DeclaredLicense"/> entries.</summary>
internal static class LicenseDeclarations
{
    // Trove classifiers and the licence names Maven POMs use most, mapped to SPDX ids.
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MIT License"] = "MIT", ["The MIT License"] = "MIT", ["MIT"] = "MIT",
        ["Apache Software License"] = "Apache-2.0", ["Apache License, Version 2.0"] = "Apache-2.0",
        ["The Apache Software License, Version 2.0"] = "Apache-2.0", ["Apache License 2.0"] = "Apache-2.0",
        ["Apache 2.0"] = "Apache-2.0", ["Apache 2"] = "Apache-2.0",
        ["BSD License"] = "BSD-3-Clause", ["New BSD License"] = "BSD-3-Clause", ["The BSD License"] = "BSD-3-Clause",
        ["ISC License (ISCL)"] = "ISC",
        ["GNU General Public License v2 (GPLv2)"] = "GPL-2.0-only", ["GNU General Public License v3 (GPLv3)"] = "GPL-3.0-only",
        ["GNU General Public License v2 or later (GPLv2+)"] = "GPL-2.0-or-later", ["GNU General Public License v3 or later (GPLv3+)"] = "GPL-3.0-or-later",
        ["GNU Lesser General Public License v2 or later (LGPLv2+)"] = "LGPL-2.0-or-later", ["GNU Lesser General Public License v3 (LGPLv3)"] = "LGPL-3.0-only",
        ["GNU Library or Lesser General Public License (LGPL)"] = "LGPL-2.0-or-later",
        ["GNU Affero General Public License v3"] = "AGPL-3.0-only", ["GNU Affero General Public License v3 or later (AGPLv3+)"] = "AGPL-3.0-or-later",
        ["Mozilla Public License 2.0 (MPL 2.0)"] = "MPL-2.0", ["Eclipse Public License 2.0"] = "EPL-2.0",
        ["Eclipse Public License - v 2.0"] = "EPL-2.0", ["Eclipse Public License 1.0"] = "EPL-1.0",
        ["The Unlicense (Unlicense)"] = "Unlicense", ["Boost Software License 1.0 (BSL-1.0)"] = "BSL-1.0",
        ["Python Software Foundation License"] = "PSF-2.0", ["zlib/libpng License"] = "Zlib",
        ["CC0 1.0 Universal (CC0 1.0) Public Domain Dedication"] = "CC0-1.0",
    };

    /// <summary>An SPDX expression field (package.json, Cargo.toml, csproj, PEP 639 pyproject).</summary>
    public static DeclaredLicense Expression(string path, string field, string value)
    {
        var r = SpdxExpression.Parse(value);
        return new DeclaredLicense(path, field, value, r.Valid, r.Normalized, r.Licenses, r.Error, r.Deprecated ? true : null);
    }

    /// <summary>A licence given by name (POM, trove classifier): a known name maps to its id, else it is parsed as an expression.</summary>
    public static DeclaredLicense Named(string path, string field, string value)
    {
        var name = value.Trim();
        const string trove = "License :: ";
        if (name.StartsWith(trove, StringComparison.Ordinal))
        {
            name = name[(name.LastIndexOf(" :: ", StringComparison.Ordinal) + 4)..];
        }
        if (Names.TryGetValue(name, out var id) || SpdxCatalog.Instance.ByName.TryGetValue(name, out id))
        {
            return new DeclaredLicense(path, field, value, true, id, [id], null, null);
        }
        var parsed = Expression(path, field, name);
        return parsed with { Value = value };
    }
}
