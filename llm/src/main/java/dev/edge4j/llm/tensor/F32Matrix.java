package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.FLOAT_LE;
import static dev.edge4j.llm.tensor.Lanes.LE;

import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** 32-bit float weights, multiplied against float inputs. */
public final class F32Matrix extends WeightMatrix {
    F32Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.F32, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.F32;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.FLOAT;
    }

    @Override
    public float dot(int row, Activation x) {
        float[] v = x.values();
        long base = row * rowBytes;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * FL <= cols; i += 2 * FL) {
            acc0 = FloatVector.fromMemorySegment(F, data, base + 4L * i, LE).fma(FloatVector.fromArray(F, v, i), acc0);
            acc1 = FloatVector.fromMemorySegment(F, data, base + 4L * (i + FL), LE).fma(FloatVector.fromArray(F, v, i + FL), acc1);
        }
        float sum = Lanes.sum(acc0.add(acc1));
        for (; i < cols; i++) {
            sum += data.get(FLOAT_LE, base + 4L * i) * v[i];
        }
        return sum;
    }

    @Override
    public float dotReference(int row, Activation x) {
        float[] v = x.values();
        long base = row * rowBytes;
        float sum = 0;
        for (int i = 0; i < cols; i++) {
            sum += data.get(FLOAT_LE, base + 4L * i) * v[i];
        }
        return sum;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        MemorySegment.copy(data, FLOAT_LE, row * rowBytes, out, offset, cols);
    }

    @Override
    public void dequantizeRowReference(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int i = 0; i < cols; i++) {
            out[offset + i] = data.get(FLOAT_LE, base + 4L * i);
        }
    }
}
