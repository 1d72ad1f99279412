package dev.edge4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.load.TensorProtos;
import dev.edge4j.onnx.proto.Onnx.TensorProto;
import dev.edge4j.onnx.testing.ModelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxCommandTest {

    static byte[] addModel() {
        return new ModelBuilder(13).input("a", DType.FLOAT32, 2).input("b", DType.FLOAT32, 2)
                .output("sum", DType.FLOAT32, 2).node("Add", List.of("a", "b"), List.of("sum")).bytes();
    }

    static void write(Path file, Tensor t, String name) throws Exception {
        Files.write(file, TensorProtos.fromTensor(t, name).toByteArray());
    }

    /** A backend test folder whose expected output is a + b, or something else when {@code wrong}. */
    static Path backendTest(Path root, String name, boolean wrong) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.write(dir.resolve("model.onnx"), addModel());
        Path set = Files.createDirectories(dir.resolve("test_data_set_0"));
        write(set.resolve("input_0.pb"), Tensor.of(new float[] {1, 2}, 2), "a");
        write(set.resolve("input_1.pb"), Tensor.of(new float[] {10, 20}, 2), "b");
        write(set.resolve("output_0.pb"), Tensor.of(new float[] {11, wrong ? 99 : 22}, 2), "sum");
        return dir;
    }

    /** A folder of two backend tests: test_add_ok and {@code second}. */
    static Path twoTests(Path root, String second, boolean secondWrong) throws Exception {
        Path tests = Files.createDirectories(root.resolve("tests"));
        backendTest(tests, "test_add_ok", false);
        backendTest(tests, second, secondWrong);
        return tests;
    }

    /** {@code onnx test [options] --expect EXPECT TESTS}. */
    static CliRunner.Run testAgainst(Path expect, Path tests, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("onnx", "test"));
        args.addAll(List.of(options));
        args.addAll(List.of("--expect", expect.toString(), tests.toString()));
        return CliRunner.run(args.toArray(String[]::new));
    }

    static Path expectFile(Path root, String text) throws Exception {
        Path expect = root.resolve("expect.txt");
        Files.writeString(expect, text);
        return expect;
    }

    @Test
    void testPrintsOneLinePerTestAndASummary(@TempDir Path root) throws Exception {
        backendTest(root, "test_add_ok", false);
        backendTest(root, "test_add_wrong", true);
        CliRunner.Run r = CliRunner.run("onnx", "test", root.toString());
        List<String> lines = r.out().lines().toList();
        assertThat(lines).contains("PASS test_add_ok");
        assertThat(lines).anyMatch(l -> l.startsWith("FAIL test_add_wrong: output 'sum'"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 passed, 1 failed, 0 skipped");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void anExpectFileAllowsListedFailures(@TempDir Path root) throws Exception {
        Path tests = twoTests(root, "test_add_wrong", true);
        Path expect = expectFile(root, "# known\ntest_add_wrong  the data is wrong on purpose\n");
        CliRunner.Run r = testAgainst(expect, tests);
        assertThat(r.status()).isZero();
        assertThat(r.out().strip()).endsWith("1 passed, 1 failed, 0 skipped");

        CliRunner.Run json = testAgainst(expect, tests, "--json");
        JsonNode root2 = new ObjectMapper().readTree(json.out());
        assertThat(root2.get("passed").asInt()).isEqualTo(1);
        assertThat(root2.get("failed").asInt()).isEqualTo(1);
        assertThat(root2.get("tests")).hasSize(2);
    }

    @Test
    void aListedTestThatPassesIsNotedUnlessItsExpectedValuesAreRandom(@TempDir Path root) throws Exception {
        Path tests = twoTests(root, "test_add_lucky", false);
        Path expect = expectFile(root, "test_add_ok  was broken once\ntest_add_lucky  random output (one draw of a generator)\n");
        CliRunner.Run r = testAgainst(expect, tests);
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("NOTE test_add_ok: listed in").doesNotContain("NOTE test_add_lucky");

        CliRunner.Run json = testAgainst(expect, tests, "--json");
        JsonNode passes = new ObjectMapper().readTree(json.out()).get("unexpected_passes");
        assertThat(passes).hasSize(1);
        assertThat(passes.get(0).asText()).isEqualTo("test_add_ok");
    }

    @Test
    void runWritesNamedOutputsAndChecksExpectations(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("add.onnx");
        Files.write(model, addModel());
        write(dir.resolve("a.pb"), Tensor.of(new float[] {1, 2}, 2), "a");
        write(dir.resolve("b.pb"), Tensor.of(new float[] {3, 4}, 2), "b");
        write(dir.resolve("good.pb"), Tensor.of(new float[] {4, 6}, 2), "sum");
        write(dir.resolve("bad.pb"), Tensor.of(new float[] {4, 7}, 2), "sum");
        Path out = dir.resolve("out");
        CliRunner.Run r = CliRunner.run("onnx", "run", model.toString(), "--input", "a=" + dir.resolve("a.pb"),
                "--input", "b=" + dir.resolve("b.pb"), "--output-dir", out.toString(),
                "--assert-output", "sum=" + dir.resolve("good.pb"));
        assertThat(r.status()).as(r.err()).isZero();
        TensorProto written = TensorProto.parseFrom(Files.readAllBytes(out.resolve("sum.pb")));
        assertThat(written.getName()).isEqualTo("sum");
        assertThat(TensorProtos.toTensor(written, "sum").floats()).containsExactly(4, 6);

        CliRunner.Run bad = CliRunner.run("onnx", "run", model.toString(), "--input", "a=" + dir.resolve("a.pb"),
                "--input", "b=" + dir.resolve("b.pb"), "--output-dir", out.toString(),
                "--assert-output", "sum=" + dir.resolve("bad.pb"));
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("edge4j: output 'sum' differs from").contains("expected 7.0, got 6.0");
    }

    @Test
    void dumpShowsInputsNodesAndOperatorCounts(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("add.onnx");
        Files.write(model, addModel());
        CliRunner.Run r = CliRunner.run("onnx", "dump", model.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("a: float32[2]").contains("Add").contains("nodes (1)");
        CliRunner.Run json = CliRunner.run("onnx", "dump", "--json", model.toString());
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.get("operators").get("Add").asInt()).isEqualTo(1);
    }

    @Test
    void aMissingModelIsOneSentence(@TempDir Path dir) {
        CliRunner.Run r = CliRunner.run("onnx", "run", dir.resolve("absent.onnx").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("edge4j: model file").contains("does not exist").doesNotContain("\tat ");
    }

    @Test
    void aWrongInputNameIsOneSentence(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("add.onnx");
        Files.write(model, addModel());
        write(dir.resolve("a.pb"), Tensor.of(new float[] {1, 2}, 2), "a");
        CliRunner.Run r = CliRunner.run("onnx", "run", model.toString(), "--input", "x=" + dir.resolve("a.pb"),
                "--output-dir", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("edge4j: the model has no input named 'x'");
    }
}
