namespace Noa.Licenses;

/// <summary>
/// Licences as manifests declare them: an SPDX expression (<see cref="SpdxExpression"/>), or a licence's name as POMs,
/// trove classifiers and nuspecs write it (<c>The Apache Software License, Version 2.0</c>), or several licences that
/// a package offers at once (npm's and Composer's arrays).
/// </summary>
public static class DeclaredLicenses
{
    // Names real manifests use that are not the SPDX list's full names (those are looked up in the catalogue).
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MIT License"] = "MIT", ["The MIT License"] = "MIT", ["The MIT License (MIT)"] = "MIT",
        ["Apache Software License"] = "Apache-2.0", ["Apache License, Version 2.0"] = "Apache-2.0",
        ["The Apache Software License, Version 2.0"] = "Apache-2.0", ["The Apache License, Version 2.0"] = "Apache-2.0",
        ["Apache License 2.0"] = "Apache-2.0", ["Apache 2.0"] = "Apache-2.0", ["Apache 2"] = "Apache-2.0", ["Apache-2"] = "Apache-2.0",
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

    /// <summary>A declared licence: an expression, else a known licence name (a trove classifier's last part too).</summary>
    public static SpdxParseResult Read(string? text)
    {
        var parsed = SpdxExpression.Parse(text);
        if (parsed.Valid || text is null)
        {
            return parsed;
        }
        var name = text.Trim();
        const string trove = "License :: ";
        if (name.StartsWith(trove, StringComparison.Ordinal))
        {
            name = name[(name.LastIndexOf(" :: ", StringComparison.Ordinal) + 4)..];
        }
        if (Names.TryGetValue(name, out var id) || SpdxCatalog.Instance.ByName.TryGetValue(name, out id))
        {
            return new SpdxParseResult(new LicenseTerm(id, null), null, Note: $"the licence name '{name}' read as {id}");
        }
        return name == text.Trim() ? parsed : SpdxExpression.Parse(name);
    }

    /// <summary>Several licences declared at once mean any of them; null when there are none.</summary>
    public static SpdxParseResult? AnyOf(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count <= 1)
        {
            return texts.Count == 0 ? null : Read(texts[0]);
        }
        var options = new List<LicenseExpression>();
        var deprecated = false;
        foreach (var text in texts)
        {
            var one = Read(text);
            if (one.Expression is null)
            {
                return SpdxParseResult.Invalid($"'{text}': {one.Error}");
            }
            options.Add(one.Expression);
            deprecated |= one.Deprecated;
        }
        var flat = options.SelectMany(o => o is LicenseChoice c ? c.Options : [o]).Distinct().ToList();
        return new SpdxParseResult(flat.Count == 1 ? flat[0] : new LicenseChoice(flat), null, deprecated, "several licences declared: any of them");
    }
}
