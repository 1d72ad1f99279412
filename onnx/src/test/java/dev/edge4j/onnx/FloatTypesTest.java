package dev.edge4j.onnx;

import static dev.edge4j.onnx.testing.ModelBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.testing.ModelBuilder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Models in float16, bfloat16 and float64 give the float32 results, within their precision. */
class FloatTypesTest {

    private static Tensor as(DType t, float[] values, int... dims) {
        Tensor out = Tensor.zeros(t, Shape.of(dims));
        for (int i = 0; i < values.length; i++) {
            out.setDouble(i, values[i]);
        }
        return out;
    }

    private static byte[] convNet(DType t, float[] w) {
        return new ModelBuilder(17).input("x", t, 1, 2, 5, 5).output("y", t)
                .initializer("w", as(t, w, 3, 2, 3, 3))
                .node("Conv", List.of("x", "w"), List.of("c"), attr("pads", 1, 1, 1, 1))
                .node("Sigmoid", List.of("c"), List.of("s"))
                .node("MatMul", List.of("s", "s"), List.of("m"))
                .node("Softmax", List.of("m"), List.of("y")).bytes();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT16", "BFLOAT16", "FLOAT64"})
    void narrowAndWideFloatsFollowFloat32(DType t) {
        Random rnd = new Random(3);
        float[] w = new float[3 * 2 * 3 * 3];
        float[] x = new float[2 * 5 * 5];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian() / 3;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        try (Parallel pool = Parallel.sequential();
                OnnxModel f32 = OnnxModel.load(convNet(DType.FLOAT32, w), OnnxOptions.defaults().withParallel(pool));
                OnnxModel other = OnnxModel.load(convNet(t, w), OnnxOptions.defaults().withParallel(pool))) {
            Tensor want = f32.run(Map.of("x", as(DType.FLOAT32, x, 1, 2, 5, 5))).get("y");
            Tensor got = other.run(Map.of("x", as(t, x, 1, 2, 5, 5))).get("y");
            assertThat(got.dtype()).isEqualTo(t);
            assertThat(got.shape()).isEqualTo(want.shape());
            double tol = t == DType.FLOAT64 ? 1e-5 : t == DType.FLOAT16 ? 5e-3 : 3e-2;
            for (int i = 0; i < want.size(); i++) {
                assertThat(got.getDouble(i)).as("%s element %d", t, i).isCloseTo(want.getDouble(i), Offset.offset(tol));
            }
        }
    }
}
