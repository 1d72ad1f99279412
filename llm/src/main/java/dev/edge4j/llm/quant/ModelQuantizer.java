package dev.edge4j.llm.quant;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.gguf.GgmlType;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufTensorInfo;
import dev.edge4j.gguf.GgufValue;
import dev.edge4j.gguf.GgufWriter;
import dev.edge4j.llm.tensor.WeightMatrix;
import java.nio.file.Path;

/**
 * Rewrites a GGUF model in another {@link QuantScheme}: every tensor is read back to floats and
 * quantized to the type the scheme gives it; metadata is kept ({@code general.file_type} updated).
 */
public final class ModelQuantizer {
    private ModelQuantizer() {}

    /** Quantizes {@code in} to {@code out}; returns the bytes written. */
    public static long quantize(Path in, Path out, QuantScheme scheme, Parallel pool, Progress progress) {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new InvalidInputException("the output file must differ from the input " + in);
        }
        try (GgufFile src = GgufFile.open(in)) {
            String arch = src.metadata().getString("general.architecture", "");
            int layers = src.metadata().getInt(arch + ".block_count", 0);
            boolean tied = src.findTensor("output.weight").isEmpty();
            GgufWriter w = new GgufWriter();
            w.putAll(src.metadata());
            w.put("general.file_type", GgufValue.uint32(scheme.fileType()));
            long total = 0;
            for (GgufTensorInfo t : src.tensors()) {
                total += t.elementCount();
            }
            progress.set(0);
            for (GgufTensorInfo t : src.tensors()) {
                // Vectors (norms, biases) keep their type; matrices get the scheme's.
                GgmlType type = t.rank() < 2 ? t.type() : scheme.typeFor(t.name(), t.rank(), t.rowLength(), layers, tied);
                if (type != t.type() && !Quantizer.supports(type)) {
                    throw new InvalidInputException("tensor '" + t.name() + "' would become " + type + " under "
                            + scheme.label() + ", which Edge4j cannot write yet");
                }
                GgmlType target = type;
                if (t.type() == target) {
                    w.addTensor(t.name(), target, t.dims(), src.data(t));
                } else {
                    w.addTensor(t.name(), target, t.dims(), segment -> convert(src, t, target, segment, pool));
                }
                progress.add(t.elementCount());
            }
            w.write(out);
            return java.nio.file.Files.size(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void convert(GgufFile src, GgufTensorInfo t, GgmlType target, java.lang.foreign.MemorySegment out,
                                Parallel pool) {
        long rows = t.rowCount();
        int cols = (int) t.rowLength();
        if (rows > Integer.MAX_VALUE) {
            throw new ModelFormatException(src.path() + ": tensor '" + t.name() + "' has too many rows");
        }
        WeightMatrix m = WeightMatrix.of(t.name(), t.type(), (int) rows, cols, src.data(t));
        long rowBytes = target.bytesFor(cols);
        int rowsPerTask = Math.max(1, (1 << 16) / cols);
        int tasks = (int) ((rows + rowsPerTask - 1) / rowsPerTask);
        pool.forEach(tasks, task -> {
            int r0 = task * rowsPerTask;
            int n = (int) Math.min(rowsPerTask, rows - r0);
            float[] values = new float[n * cols];
            for (int r = 0; r < n; r++) {
                m.dequantizeRowReference(r0 + r, values, r * cols);
            }
            Quantizer.quantize(target, values, 0, values.length, out, r0 * rowBytes);
        });
    }
}
