package dev.edge4j.onnx;

import static dev.edge4j.onnx.testing.ModelBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.load.TensorProtos;
import dev.edge4j.onnx.proto.Onnx.FunctionProto;
import dev.edge4j.onnx.proto.Onnx.ModelProto;
import dev.edge4j.onnx.proto.Onnx.NodeProto;
import dev.edge4j.onnx.proto.Onnx.OperatorSetIdProto;
import dev.edge4j.onnx.proto.Onnx.SparseTensorProto;
import dev.edge4j.onnx.proto.Onnx.StringStringEntryProto;
import dev.edge4j.onnx.proto.Onnx.TensorProto;
import dev.edge4j.onnx.testing.ModelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

    /** y = Relu(x * W + b), x of shape [batch, 3]. */
    static byte[] dense() {
        return new ModelBuilder(13)
                .input("x", DType.FLOAT32, "batch", 3)
                .output("y", DType.FLOAT32, "batch", 2)
                .initializer("W", Tensor.of(new float[] {1, -1, 2, 0, -3, 1}, 3, 2))
                .initializer("b", Tensor.of(new float[] {0.5f, -0.5f}, 2))
                .node("MatMul", List.of("x", "W"), List.of("xw"))
                .node("Add", List.of("xw", "b"), List.of("z"))
                .node("Relu", List.of("z"), List.of("y"))
                .bytes();
    }

    private static OnnxModel load(byte[] model) {
        return OnnxModel.load(model, OnnxOptions.defaults().withParallel(Parallel.sequential()));
    }

    @Test
    void loadsDescribesAndRunsAModel() {
        try (OnnxModel m = load(dense())) {
            assertThat(m.inputs()).hasSize(1);
            ValueInfo in = m.inputs().get(0);
            assertThat(in.name()).isEqualTo("x");
            assertThat(in.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(in.dims()).containsExactly(Dim.symbol("batch"), Dim.of(3));
            assertThat(m.outputs().get(0).name()).isEqualTo("y");
            Map<String, Tensor> out = m.run(Map.of("x", Tensor.of(new float[] {1, 2, 3, -1, 0, 1}, 2, 3)));
            // Row 1: [1-0+... ] = [1*1+2*2+3*-3, 1*-1+2*0+3*1] + b = [-4+0.5, 2-0.5] -> relu [0, 1.5]
            // Row 2: [-1+0-3, 1+0+1] + b = [-3.5, 1.5] -> [0, 1.5]
            assertThat(out.get("y").dims()).containsExactly(2, 2);
            assertThat(out.get("y").floats()).containsExactly(0f, 1.5f, 0f, 1.5f);
        }
    }

    @Test
    void wrongInputsGetClearErrors() {
        try (OnnxModel m = load(dense())) {
            assertThatThrownBy(() -> m.run(Map.of("image", Tensor.of(new float[3], 1, 3))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no input named 'image'").hasMessageContaining("x");
            assertThatThrownBy(() -> m.run(Map.of("x", Tensor.of(new long[3], 1, 3))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'x' must be float32, got int64");
            assertThatThrownBy(() -> m.run(Map.of("x", Tensor.of(new float[4], 1, 4))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'x'").hasMessageContaining("dimension 1 should be 3");
            assertThatThrownBy(() -> m.run(Map.of("x", Tensor.of(new float[3], 3))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("rank 2");
            assertThatThrownBy(() -> m.run(Map.of()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("input 'x' is missing");
        }
    }

    @Test
    void symbolicDimensionsMustAgreeAcrossInputs() {
        byte[] model = new ModelBuilder(13)
                .input("a", DType.FLOAT32, "n").input("b", DType.FLOAT32, "n").output("c", DType.FLOAT32, "n")
                .node("Add", List.of("a", "b"), List.of("c")).bytes();
        try (OnnxModel m = load(model)) {
            assertThatThrownBy(() -> m.run(Map.of("a", Tensor.of(new float[2], 2), "b", Tensor.of(new float[1], 1))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("n = 1").hasMessageContaining("n = 2");
        }
    }

    @Test
    void anUnknownOperatorIsNamedWithItsNodeAndOpset() {
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 1).output("y", DType.FLOAT32, 1)
                .node("Frobnicate", List.of("x"), List.of("y")).bytes();
        assertThatThrownBy(() -> load(model))
                .isInstanceOf(UnsupportedOpException.class)
                .hasMessageContaining("Frobnicate").hasMessageContaining("frobnicate0").hasMessageContaining("opset 13");
    }

    @Test
    void corruptAndMissingFilesAreModelFormatErrors(@TempDir Path dir) throws Exception {
        byte[] model = dense();
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, java.util.Arrays.copyOf(model, model.length / 2));
        assertThatThrownBy(() -> OnnxModel.load(cut)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(cut.toString());
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "this is not a model at all, just some text");
        assertThatThrownBy(() -> OnnxModel.load(junk)).isInstanceOf(ModelFormatException.class);
        assertThatThrownBy(() -> OnnxModel.load(dir.resolve("absent.onnx"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aNodeThatCannotComputeIsNamed() {
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 6).input("s", DType.INT64, 2)
                .output("y", DType.FLOAT32).node("Reshape", List.of("x", "s"), List.of("y")).bytes();
        try (OnnxModel m = load(model)) {
            assertThatThrownBy(() -> m.run(Map.of("x", Tensor.of(new float[6], 6), "s", Tensor.of(new long[] {4, 2}, 2))))
                    .isInstanceOf(NodeFailedException.class)
                    .hasMessageContaining("reshape0").hasMessageContaining("Reshape, opset 13")
                    .hasMessageContaining("cannot reshape [6]");
        }
    }

    @Test
    void readsWeightsFromExternalDataFiles(@TempDir Path dir) throws Exception {
        ByteBuffer data = ByteBuffer.allocate(16 + 8).order(ByteOrder.LITTLE_ENDIAN);
        data.position(8);
        data.putFloat(1).putFloat(2).putFloat(3).putFloat(4);
        Files.write(dir.resolve("weights.bin"), data.array());
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(1).addDims(4)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("8"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("16")).build();
        ModelBuilder b = new ModelBuilder(13).input("x", DType.FLOAT32, 4).output("y", DType.FLOAT32, 4)
                .node("Mul", List.of("x", "w"), List.of("y"));
        ModelProto p = b.proto().toBuilder().setGraph(b.graph().toBuilder().addInitializer(w)).build();
        Path file = dir.resolve("model.onnx");
        Files.write(file, p.toByteArray());
        try (OnnxModel m = OnnxModel.load(file)) {
            assertThat(m.run(Map.of("x", Tensor.of(new float[] {1, 1, 2, 2}, 4))).get("y").floats())
                    .containsExactly(1, 2, 6, 8);
        }
        TensorProto escaping = w.toBuilder().setExternalData(0,
                StringStringEntryProto.newBuilder().setKey("location").setValue("../outside.bin")).build();
        Files.write(file, p.toBuilder().setGraph(b.graph().toBuilder().addInitializer(escaping)).build().toByteArray());
        assertThatThrownBy(() -> OnnxModel.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("outside the model's folder");
    }

    @Test
    void sparseInitializersBecomeDense() {
        SparseTensorProto sp = SparseTensorProto.newBuilder().addDims(2).addDims(3)
                .setValues(TensorProtos.fromTensor(Tensor.of(new float[] {5, 7}, 2), "s"))
                .setIndices(TensorProtos.fromTensor(Tensor.of(new long[] {1, 5}, 2), null)).build();
        ModelBuilder b = new ModelBuilder(13).input("x", DType.FLOAT32, 2, 3).output("y", DType.FLOAT32, 2, 3)
                .node("Add", List.of("x", "s"), List.of("y"));
        byte[] model = b.proto().toBuilder().setGraph(b.graph().toBuilder().addSparseInitializer(sp)).build().toByteArray();
        try (OnnxModel m = load(model)) {
            assertThat(m.run(Map.of("x", Tensor.of(new float[6], 2, 3))).get("y").floats())
                    .containsExactly(0, 5, 0, 0, 0, 7);
        }
    }

    @Test
    void modelLocalFunctionsAreInlined() {
        FunctionProto square = FunctionProto.newBuilder().setName("Square").setDomain("my.ops")
                .addInput("a").addOutput("b")
                .addNode(NodeProto.newBuilder().setOpType("Mul").addInput("a").addInput("a").addOutput("b"))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
        ModelBuilder b = new ModelBuilder(13).opset("my.ops", 1).input("x", DType.FLOAT32, 3).output("y", DType.FLOAT32, 3)
                .node("my.ops", "Square", List.of("x"), List.of("t"))
                .node("my.ops", "Square", List.of("t"), List.of("y"));
        byte[] model = b.proto().toBuilder().addFunctions(square).build().toByteArray();
        try (OnnxModel m = load(model)) {
            assertThat(m.run(Map.of("x", Tensor.of(new float[] {1, 2, 3}, 3))).get("y").floats())
                    .containsExactly(1, 16, 81);
        }
    }

    @Test
    void subgraphsReadValuesOfTheEnclosingGraph() {
        ModelBuilder thenB = new ModelBuilder(13).output("r", DType.FLOAT32, 2)
                .node("Add", List.of("x", "x"), List.of("r"));
        ModelBuilder elseB = new ModelBuilder(13).output("r", DType.FLOAT32, 2)
                .node("Neg", List.of("x"), List.of("r"));
        byte[] model = new ModelBuilder(13).input("c", DType.BOOL).input("x", DType.FLOAT32, 2).output("y", DType.FLOAT32, 2)
                .node("If", List.of("c"), List.of("y"), attr("then_branch", thenB.graph()), attr("else_branch", elseB.graph()))
                .bytes();
        try (OnnxModel m = load(model)) {
            Tensor x = Tensor.of(new float[] {1, -2}, 2);
            Tensor yes = Tensor.of(new boolean[] {true});
            Tensor no = Tensor.of(new boolean[] {false});
            assertThat(m.run(Map.of("c", yes, "x", x)).get("y").floats()).containsExactly(2, -4);
            assertThat(m.run(Map.of("c", no, "x", x)).get("y").floats()).containsExactly(-1, 2);
        }
    }

    @Test
    void outputsNeverShareTheModelsWeights() {
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 1).output("w", DType.FLOAT32, 2)
                .initializer("c", Tensor.of(new float[] {3, 4}, 2))
                .node("Identity", List.of("c"), List.of("w")).bytes();
        try (OnnxModel m = load(model)) {
            Tensor first = m.run(Map.of("x", Tensor.of(new float[1], 1))).get("w");
            first.floats()[0] = 99;
            assertThat(m.run(Map.of("x", Tensor.of(new float[1], 1))).get("w").floats()).containsExactly(3, 4);
        }
    }

    /** A small conv net with buffers reused between nodes, run from many threads at once. */
    @Test
    void concurrentRunsOfOneModelGiveTheSequentialResults() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        float[] w1 = new float[8 * 3 * 3 * 3];
        float[] w2 = new float[8 * 8 * 3 * 3];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) rnd.nextGaussian();
        }
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 1, 3, 16, 16).output("y", DType.FLOAT32, 1, 8, 16, 16)
                .initializer("w1", Tensor.of(w1, 8, 3, 3, 3)).initializer("w2", Tensor.of(w2, 8, 8, 3, 3))
                .node("Conv", List.of("x", "w1"), List.of("a"), attr("pads", 1, 1, 1, 1))
                .node("Relu", List.of("a"), List.of("b"))
                .node("Conv", List.of("b", "w2"), List.of("c"), attr("pads", 1, 1, 1, 1))
                .node("Sigmoid", List.of("c"), List.of("y")).bytes();
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] x = new float[3 * 16 * 16];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) rnd.nextGaussian();
            }
            inputs.add(Tensor.of(x, 1, 3, 16, 16));
        }
        try (Parallel pool = Parallel.of(2);
                OnnxModel m = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool))) {
            List<float[]> expected = new ArrayList<>();
            for (Tensor x : inputs) {
                expected.add(m.run(Map.of("x", x)).get("y").floats().clone());
            }
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(threads.submit(() -> {
                        for (int r = 0; r < 25; r++) {
                            int i = r % inputs.size();
                            float[] y = m.run(Map.of("x", inputs.get(i))).get("y").floats();
                            if (!java.util.Arrays.equals(y, expected.get(i))) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                threads.shutdown();
            }
        }
    }

    @Test
    void optimizationDoesNotChangeResults() {
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 2, 2).output("y", DType.FLOAT32, 2, 2)
                .initializer("s", Tensor.of(new long[] {4}, 1))
                .initializer("t", Tensor.of(new long[] {2, 2}, 2))
                .node("Shape", List.of("x"), List.of("shape"))
                .node("Reshape", List.of("x", "s"), List.of("flat"))
                .node("Exp", List.of("flat"), List.of("e"))
                .node("Reshape", List.of("e", "t"), List.of("y"))
                .node("Neg", List.of("x"), List.of("unused")).bytes();
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3}, 2, 2);
        try (OnnxModel a = OnnxModel.load(model, OnnxOptions.defaults().withParallel(Parallel.sequential()).withOptimize(true));
                OnnxModel b = OnnxModel.load(model, OnnxOptions.defaults().withParallel(Parallel.sequential()).withOptimize(false))) {
            assertThat(a.run(Map.of("x", x)).get("y").floats()).containsExactly(b.run(Map.of("x", x)).get("y").floats());
            assertThat(a.graph().nodes().size()).isLessThan(b.graph().nodes().size());
        }
    }
}
