using System.Security.Cryptography;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Output;

namespace Noa.Stages.Graph.Tests;

/// <summary>
/// kg.json and system_card.md of small real corpora (scripts/corpora.sh's pinned sources), byte for byte, against digests
/// committed here: a change to how the graph is built or written (its memory use, its order) must not change a byte. When a
/// change means to change the graph (a new fact, a better resolution), update the digests with the actual ones the failure prints.
/// </summary>
public sealed class GoldenDigestTests
{
    [Theory]
    [InlineData("endpoints/gin", "1d64f33a4d0154c83c632fbb3ef728eb9fff5a9ba360abb0a2589fe8371676bd", "527a846d102be0f049e0a8be81acdee6a660592576227ea6bfa0631b19c04dba")]
    public async Task Digest_SmallRealCorpus_SameBytesAsCommitted(string folder, string kgSha256, string cardSha256)
    {
        var root = CorpusTests.CorporaRoot();
        if (root is null)
        {
            Requirement.Unmet(".cache/corpora is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
            return;
        }
        var digest = await StageHarness.DigestAsync(new DirectorySourceTree(Path.Combine(root, folder)));

        var kg = digest.Files[KnowledgeGraph.BundlePath];
        var card = digest.Files[SystemCard.BundlePath];
        Assert.True(Sha256(kg) == kgSha256 && Sha256(card) == cardSha256,
            $"{folder}: expected kg.json {kgSha256} and system_card.md {cardSha256}, actual {Sha256(kg)} and {Sha256(card)}");
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
