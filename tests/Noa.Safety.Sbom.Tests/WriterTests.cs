using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Noa.Safety.Sbom.Tests.Support;

namespace Noa.Safety.Sbom.Tests;

public sealed class WriterTests
{
    private static readonly string[] AllFixtures = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures"))
        .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    // Every fixture in one snapshot: all ecosystems, unpinned and pinned, every licence and hash shape.
    private static Sbom Everything() => SbomBuilder.Build(
        AllFixtures.SelectMany(f => Inputs.Fixture(f).Select(x => ($"{f}/{x.Path}", x.Content))).ToList(), "everything");

    private static JsonNode Write(Action<Sbom, Stream> writer, Sbom sbom)
    {
        using var stream = new MemoryStream();
        writer(sbom, stream);
        return JsonNode.Parse(stream.ToArray())!;
    }

    [Fact]
    public void CycloneDx_AllFixtures_IsValidAgainstTheOfficialSchema()
    {
        var sbom = Everything();
        var json = Write((s, o) => CycloneDxWriter.Write(s, o), sbom);

        if (Schemas.CycloneDxErrors(json) is { } errors)
        {
            Assert.True(errors.Length == 0, string.Join("\n", errors));
        }
        Assert.Equal("1.6", json["specVersion"]!.GetValue<string>());
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", json["serialNumber"]!.GetValue<string>());
        var components = json["components"]!.AsArray();
        Assert.Equal(sbom.Components.Count, components.Count);
        Assert.All(components, c => Assert.Equal(c!["purl"]!.GetValue<string>(), c["bom-ref"]!.GetValue<string>()));
        var refs = components.Select(c => c!["bom-ref"]!.GetValue<string>()).Append(sbom.ProjectRef).ToHashSet();
        Assert.All(json["dependencies"]!.AsArray().SelectMany(d => d!["dependsOn"]!.AsArray()), r => Assert.Contains(r!.GetValue<string>(), refs));
        Assert.Contains(components, c => c!["licenses"]?[0]?["expression"]?.GetValue<string>() == "MIT OR Apache-2.0");
        Assert.Contains(components, c => c!["licenses"]?[0]?["license"]?["name"]?.GetValue<string>() == "Custom: see LICENSE");
        Assert.Contains(components, c => c!["scope"]!.GetValue<string>() == "optional");
    }

    [Fact]
    public void CycloneDx_SchemaCheck_RejectsAScopeTheSpecDoesNotKnow()
    {
        var json = Write((s, o) => CycloneDxWriter.Write(s, o), Inputs.Build("npm-v3"));
        json["components"]![0]!["scope"] = "dev";

        if (Schemas.CycloneDxErrors(json) is { } errors)
        {
            Assert.Contains(errors, e => e.StartsWith("/components/0/scope", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Spdx_AllFixtures_HasTheRequiredFieldsAndConsistentRelationships()
    {
        var sbom = Everything();
        var json = Write((s, o) => SpdxWriter.Write(s, o), sbom);

        Assert.Equal("SPDX-2.3", json["spdxVersion"]!.GetValue<string>());
        Assert.Equal("CC0-1.0", json["dataLicense"]!.GetValue<string>());
        Assert.Equal("1970-01-01T00:00:00Z", json["creationInfo"]!["created"]!.GetValue<string>());
        Assert.True(Uri.TryCreate(json["documentNamespace"]!.GetValue<string>(), UriKind.Absolute, out var ns) && ns.Fragment.Length == 0);
        var packages = json["packages"]!.AsArray();
        Assert.Equal(sbom.Components.Count + 1, packages.Count);
        var ids = packages.Select(p => p!["SPDXID"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(new Regex("^SPDXRef-[A-Za-z0-9.-]+$"), id));
        Assert.All(packages, p =>
        {
            foreach (var field in new[] { "name", "downloadLocation", "licenseConcluded", "licenseDeclared", "copyrightText" })
            {
                Assert.NotNull(p![field]);
            }
        });
        Assert.All(packages.Skip(1), p => Assert.Equal("purl", p!["externalRefs"]![0]!["referenceType"]!.GetValue<string>()));
        Assert.All(packages.SelectMany(p => p!["checksums"]?.AsArray() ?? []),
            c => Assert.Contains(c!["algorithm"]!.GetValue<string>(), new[] { "SHA1", "SHA256", "SHA512" }));
        var relationships = json["relationships"]!.AsArray();
        var known = ids.Append("SPDXRef-DOCUMENT").ToHashSet();
        Assert.All(relationships, r =>
        {
            Assert.Contains(r!["spdxElementId"]!.GetValue<string>(), known);
            Assert.Contains(r["relatedSpdxElement"]!.GetValue<string>(), known);
        });
        var related = relationships.SelectMany(r => new[] { r!["spdxElementId"]!.GetValue<string>(), r["relatedSpdxElement"]!.GetValue<string>() }).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, related));
        Assert.Contains(relationships, r => r!["relationshipType"]!.GetValue<string>() == "DEV_DEPENDENCY_OF");
        Assert.Contains(packages, p => p!["licenseDeclared"]!.GetValue<string>() == "MIT OR Apache-2.0");
        Assert.Equal("NOASSERTION", packages.Single(p => p!["name"]!.GetValue<string>() == "gitdep")!["licenseDeclared"]!.GetValue<string>());
    }

    [Fact]
    public void Writers_SameInputTwice_GiveTheSameBytes_AndDifferentInputADifferentId()
    {
        static byte[] Bytes(Action<Sbom, Stream> writer, Sbom sbom)
        {
            using var stream = new MemoryStream();
            writer(sbom, stream);
            return stream.ToArray();
        }
        Action<Sbom, Stream>[] writers = [(s, o) => CycloneDxWriter.Write(s, o), (s, o) => SpdxWriter.Write(s, o)];
        foreach (var writer in writers)
        {
            Assert.Equal(Bytes(writer, Everything()), Bytes(writer, Everything()));
            Assert.NotEqual(Bytes(writer, Inputs.Build("npm-v3")), Bytes(writer, Inputs.Build("npm-v1")));
        }
        using var stream = new MemoryStream();
        CycloneDxWriter.Write(Inputs.Build("npm-v3"), stream, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Assert.Equal("2026-01-02T03:04:05Z", JsonNode.Parse(stream.ToArray())!["metadata"]!["timestamp"]!.GetValue<string>());
    }
}
