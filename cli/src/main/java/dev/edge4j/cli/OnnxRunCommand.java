package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.OnnxOptions;
import dev.edge4j.onnx.ValueInfo;
import dev.edge4j.onnx.conformance.Comparison;
import dev.edge4j.onnx.conformance.TestData;
import dev.edge4j.onnx.load.Npy;
import dev.edge4j.onnx.load.TensorProtos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j onnx run}: one model run on inputs from files, outputs written as TensorProto files. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs a model on inputs from files and writes each output as a TensorProto file.",
            "Inputs are .pb (TensorProto) or .npy files; each output goes to NAME.pb with its name",
            "field set to the output's name. With --assert-output it compares outputs with expected",
            "files and fails if they differ."})
final class OnnxRunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--input", paramLabel = "NAME=FILE",
            description = "An input value (.pb or .npy); NAME= may be left out for a model with one input.")
    List<String> inputs = List.of();

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where to write outputs (default: current folder).")
    Path outputDir = Path.of(".");

    @Option(names = "--assert-output", paramLabel = "NAME=FILE",
            description = "Expected value of an output; the command fails when the output differs.")
    List<String> asserts = List.of();

    @Option(names = "--rtol", description = "Relative tolerance for --assert-output (default: ${DEFAULT-VALUE}).")
    double rtol = 1e-3;

    @Option(names = "--atol", description = "Absolute tolerance for --assert-output (default: ${DEFAULT-VALUE}).")
    double atol = 1e-5;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: physical cores).")
    Integer threads;

    @Option(names = "--no-optimize", description = "Run the graph as loaded, without optimization passes.")
    boolean noOptimize;

    @Override
    public Integer call() throws IOException {
        try (Parallel pool = OnnxCommand.pool(threads)) {
            OnnxModel m;
            try (Progress _ = Progress.bytes("loading " + model.getFileName(), -1)) {
                m = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool).withOptimize(!noOptimize));
            }
            try (m) {
                Map<String, Object> feeds = new LinkedHashMap<>();
                for (String spec : inputs) {
                    String[] kv = split(spec, m.inputs());
                    ValueInfo info = m.inputs().stream().filter(i -> i.name().equals(kv[0])).findFirst().orElse(null);
                    feeds.put(kv[0], readValue(Path.of(kv[1]), info));
                }
                Map<String, Object> out;
                try (Progress _ = Progress.items("running", -1)) {
                    out = m.runValues(feeds);
                }
                Files.createDirectories(outputDir);
                for (Map.Entry<String, Object> e : out.entrySet()) {
                    if (e.getValue() instanceof Tensor t) {
                        Path file = outputDir.resolve(fileName(e.getKey()) + ".pb");
                        Files.write(file, TensorProtos.fromTensor(t, e.getKey()).toByteArray());
                        System.out.println(e.getKey() + ": " + t.dtype() + t.shape() + " -> " + file);
                    } else {
                        System.out.println(e.getKey() + ": " + e.getValue() + " (not a tensor, not written)");
                    }
                }
                Comparison cmp = new Comparison(rtol, atol);
                for (String spec : asserts) {
                    String[] kv = split(spec, m.outputs());
                    if (!out.containsKey(kv[0])) {
                        throw new InvalidInputException("--assert-output names '" + kv[0]
                                + "', which is not an output of the model");
                    }
                    ValueInfo info = m.outputs().stream().filter(i -> i.name().equals(kv[0])).findFirst().orElseThrow();
                    String diff = cmp.compare(out.get(kv[0]), readValue(Path.of(kv[1]), info));
                    if (diff != null) {
                        throw new InvalidInputException("output '" + kv[0] + "' differs from " + kv[1] + ": " + diff);
                    }
                    System.out.println(kv[0] + " matches " + kv[1]);
                }
            }
        }
        return 0;
    }

    static String[] split(String spec, List<ValueInfo> values) {
        int eq = spec.indexOf('=');
        if (eq > 0) {
            return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
        }
        if (values.size() == 1) {
            return new String[] {values.get(0).name(), spec};
        }
        throw new InvalidInputException("'" + spec + "' should be NAME=FILE; the model has several values: "
                + String.join(", ", values.stream().map(ValueInfo::name).toList()));
    }

    static Object readValue(Path file, ValueInfo info) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("input file " + file + " does not exist");
        }
        if (file.toString().endsWith(".npy")) {
            return Npy.read(file);
        }
        return TestData.read(file, info == null ? null : info.type());
    }

    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
