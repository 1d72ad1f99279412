package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.LE;
import static dev.edge4j.llm.tensor.Lanes.SHORT_LE;
import static dev.edge4j.llm.tensor.Lanes.S_FOR_F;

import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** bfloat16 weights, widened to float in the vector lanes and multiplied against float inputs. */
public final class Bf16Matrix extends WeightMatrix {
    Bf16Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.BF16, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.BF16;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.BF16;
    }

    private FloatVector load(long offset) {
        IntVector bits = (IntVector) ShortVector.fromMemorySegment(S_FOR_F, data, offset, LE)
                .convertShape(VectorOperators.ZERO_EXTEND_S2I, Lanes.I, 0);
        return Half.bf16ToFloat(bits);
    }

    @Override
    public float dot(int row, Activation x) {
        float[] v = x.floats(InputFormat.BF16);
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i + FL <= cols; i += FL) {
            acc = load(base + 2L * i).fma(FloatVector.fromArray(F, v, i), acc);
        }
        float sum = Lanes.sum(acc);
        for (; i < cols; i++) {
            sum += Half.bf16ToFloat(data.get(SHORT_LE, base + 2L * i)) * v[i];
        }
        return sum;
    }

    @Override
    public float dotReference(int row, Activation x) {
        float[] v = x.floats(InputFormat.BF16);
        long base = row * rowBytes;
        float sum = 0;
        for (int i = 0; i < cols; i++) {
            sum += Half.bf16ToFloat(data.get(SHORT_LE, base + 2L * i)) * v[i];
        }
        return sum;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        int i = 0;
        for (; i + FL <= cols; i += FL) {
            load(base + 2L * i).intoArray(out, offset + i);
        }
        for (; i < cols; i++) {
            out[offset + i] = Half.bf16ToFloat(data.get(SHORT_LE, base + 2L * i));
        }
    }

    @Override
    public void dequantizeRowReference(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int i = 0; i < cols; i++) {
            out[offset + i] = Half.bf16ToFloat(data.get(SHORT_LE, base + 2L * i));
        }
    }
}
