using Noa.Embeddings.Models;

namespace Noa.Embeddings.Tests.Models;

public sealed class ModelSelectionTests
{
    private static readonly EmbeddingModelSpec Ollama = new()
    {
        Provider = EmbeddingProvider.OpenAiCompatible, Endpoint = new Uri("http://localhost:11434"), Model = "nomic-embed-text",
    };

    [Fact]
    public void Select_NothingConfigured_EmbeddedMiniLmForBothKindsAndSaysSo()
    {
        var options = new EmbeddingOptions();

        var code = EmbeddingModels.Select(options, ContentKind.Code);
        var docs = EmbeddingModels.Select(options, ContentKind.Docs);

        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8.v2", code.ModelId);
        Assert.Equal(code.ModelId, docs.ModelId);
        Assert.Contains("no model configured for code", code.Reason);
    }

    [Fact]
    public void Select_DocsModelConfigured_DocsUseItCodeKeepsTheDefault()
    {
        var options = new EmbeddingOptions { Docs = Ollama };

        var docs = EmbeddingModels.Select(options, ContentKind.Docs);
        var code = EmbeddingModels.Select(options, ContentKind.Code);

        Assert.Equal(("openai-compatible:nomic-embed-text", ContentKind.Docs), (docs.ModelId, docs.Kind));
        Assert.Equal("Noa:Embeddings:Docs names nomic-embed-text at http://localhost:11434/ for docs", docs.Reason);
        Assert.Equal(EmbeddingProvider.MiniLm, code.Spec.Provider);
    }

    [Fact]
    public void Select_DefaultReplaced_ReasonNamesTheDefaultSetting()
    {
        var selection = EmbeddingModels.Select(new EmbeddingOptions { Default = Ollama }, ContentKind.Code);

        Assert.Equal("Noa:Embeddings:Code unset: Noa:Embeddings:Default names nomic-embed-text at http://localhost:11434/", selection.Reason);
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEveryOne()
    {
        var options = new EmbeddingOptions
        {
            Default = EmbeddingModelSpec.Default with { BatchSize = 65 },
            Code = new EmbeddingModelSpec { Provider = EmbeddingProvider.OpenAiCompatible, Parallelism = 0 },
        };

        var errors = options.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Noa:Embeddings:Default:BatchSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Noa:Embeddings:Code:Parallelism", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Noa:Embeddings:Code:Endpoint", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Noa:Embeddings:Code:Model", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => EmbeddingModels.Create(options.Code!));
    }

    [Fact]
    public void Validate_Int8ForAnOpenAiServer_NamesPrecision()
    {
        var spec = Ollama with { Precision = EmbeddingPrecision.Int8 };

        var errors = spec.Validate("Noa:Embeddings:Default");

        Assert.Equal(["Noa:Embeddings:Default:Precision applies to the embedded MiniLM only; an OpenAI-compatible server chooses its own."], errors);
    }

    [Fact]
    public void IdOf_Int8MiniLm_OwnModelId()
    {
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8.v2", EmbeddingModels.IdOf(EmbeddingModelSpec.Default));
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", EmbeddingModels.IdOf(EmbeddingModelSpec.Default with { Precision = EmbeddingPrecision.Float32 }));
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8.v2", EmbeddingModels.IdOf(EmbeddingModelSpec.Default with { Precision = EmbeddingPrecision.Int8 }));
    }
}
