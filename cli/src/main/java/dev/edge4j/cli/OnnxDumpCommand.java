package dev.edge4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.OnnxOptions;
import dev.edge4j.onnx.ValueInfo;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.core.InvalidInputException;
import dev.edge4j.onnx.runtime.Profile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j onnx dump}: what is inside a model. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {
            "Shows what is inside a model: inputs, outputs, nodes, shapes, operator counts.",
            "Every node is listed with the shapes it produces (as far as they can be told before",
            "running), then the operator counts and the size of the weights. With --optimized, the",
            "graph as the engine runs it after its optimization passes. With --profile, the model",
            "runs (on --input files or random data) and each node's time, share and GFLOP/s is shown,",
            "then the time per operator type: the hot spots first."})
final class OnnxDumpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--optimized", description = "Show the graph after optimization.")
    boolean optimized;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--profile", description = "Run the (optimized) model and show the time spent per node and per operator type.")
    boolean profile;

    @Option(names = "--input", paramLabel = "NAME=FILE", description = "With --profile: an input value (.pb or .npy) instead of random data.")
    List<String> inputs = List.of();

    @Option(names = "--dim", paramLabel = "NAME=N", description = "With --profile: the size of a symbolic dimension, e.g. sequence=128.")
    Map<String, Integer> dims = new LinkedHashMap<>();

    @Option(names = "--threads", paramLabel = "N", description = "With --profile: threads (default: physical cores).")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "N", description = "With --profile: untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup = 20;

    @Option(names = "--runs", paramLabel = "N", description = "With --profile: profiled runs to average (default: ${DEFAULT-VALUE}).")
    int runs = 20;

    @Override
    public Integer call() throws Exception {
        if (profile) {
            return profile();
        }
        OnnxModel m;
        try (Parallel pool = Parallel.sequential()) {
            try (Progress _ = Progress.bytes("loading " + model.getFileName(), -1)) {
                m = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool).withOptimize(optimized));
            }
            try (m) {
                Graph g = m.graph();
                Map<String, Integer> counts = new TreeMap<>();
                for (Node n : g.nodes()) {
                    counts.merge(opName(n), 1, Integer::sum);
                }
                long weightBytes = 0;
                for (Tensor t : g.constants().values()) {
                    weightBytes += (long) t.size() * Math.max(1, t.dtype().bits() / 8);
                }
                if (json) {
                    printJson(m, g, counts, weightBytes);
                } else {
                    printText(m, g, counts, weightBytes);
                }
            }
        }
        return 0;
    }

    private void printText(OnnxModel m, Graph g, Map<String, Integer> counts, long weightBytes) {
        System.out.println("model: " + model);
        StringBuilder opsets = new StringBuilder();
        m.opsets().forEach((d, v) -> opsets.append(opsets.isEmpty() ? "" : ", ").append(d.isEmpty() ? "ai.onnx" : d)
                .append(' ').append(v));
        System.out.println("ir_version: " + m.irVersion() + ", opsets: " + opsets + ", producer: " + m.producer());
        System.out.println("inputs:");
        for (ValueInfo v : m.inputs()) {
            System.out.println("  " + v);
        }
        System.out.println("outputs:");
        for (ValueInfo v : m.outputs()) {
            System.out.println("  " + v);
        }
        System.out.println("nodes (" + g.nodes().size() + "):");
        int i = 0;
        for (Node n : g.nodes()) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "  #%-4d %-20s %s", i++, opName(n), n.name().isEmpty() ? "" : "'" + n.name() + "' "));
            sb.append(String.join(", ", n.inputs())).append(" -> ");
            for (int k = 0; k < n.outputs().size(); k++) {
                String o = n.outputs().get(k);
                ValueType t = g.types().get(o);
                sb.append(k == 0 ? "" : ", ").append(o).append(t == null ? "" : ": " + t);
            }
            System.out.println(sb);
        }
        System.out.println("operators:");
        counts.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-24s %d%n", k, v));
        System.out.printf(Locale.ROOT, "constants: %d tensors, %s%n", g.constants().size(), ModelsCommand.size(weightBytes));
    }

    private void printJson(OnnxModel m, Graph g, Map<String, Integer> counts, long weightBytes) throws Exception {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("model", model.toString()).put("ir_version", m.irVersion()).put("producer", m.producer());
        root.putPOJO("opsets", m.opsets());
        ArrayNode ins = root.putArray("inputs");
        m.inputs().forEach(v -> ins.addObject().put("name", v.name()).put("type", v.type().toString()));
        ArrayNode outs = root.putArray("outputs");
        m.outputs().forEach(v -> outs.addObject().put("name", v.name()).put("type", v.type().toString()));
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : g.nodes()) {
            ObjectNode o = nodes.addObject().put("name", n.name()).put("op", opName(n)).put("opset", n.opset());
            o.putPOJO("inputs", n.inputs());
            ArrayNode no = o.putArray("outputs");
            for (String out : n.outputs()) {
                ValueType t = g.types().get(out);
                no.addObject().put("name", out).put("type", t == null ? null : t.toString());
            }
        }
        root.putPOJO("operators", counts);
        root.put("constants", g.constants().size()).put("constant_bytes", weightBytes);
        System.out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private Integer profile() throws Exception {
        if (runs < 1 || warmup < 0) {
            throw new InvalidInputException("--runs must be at least 1 and --warmup at least 0");
        }
        try (Parallel pool = OnnxCommand.pool(threads)) {
            OnnxModel m;
            try (Progress _ = Progress.bytes("loading " + model.getFileName(), -1)) {
                m = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool).withOptimize(true));
            }
            try (m) {
                Map<String, Tensor> feeds = ModelInputs.of(m, inputs, dims);
                try (Progress p = Progress.items("warming up", warmup)) {
                    for (int i = 0; i < warmup; i++) {
                        m.run(feeds);
                        p.set(i + 1);
                    }
                }
                Profile prof;
                try (Progress _ = Progress.items("profiling", -1)) {
                    prof = m.profile(feeds, runs);
                }
                if (json) {
                    printProfileJson(prof, pool.threads());
                } else {
                    printProfileText(prof, pool.threads());
                }
            }
        }
        return 0;
    }

    private void printProfileText(Profile prof, int threadCount) {
        double total = prof.runMillis();
        System.out.println("model: " + model);
        System.out.printf(Locale.ROOT, "threads: %d, profiled runs: %d (after %d warm-up runs)%n", threadCount, prof.runs(), warmup);
        System.out.println("nodes (mean time per run):");
        int i = 0;
        for (Profile.NodeTime t : prof.nodes()) {
            Node n = t.node();
            System.out.printf(Locale.ROOT, "  #%-4d %-22s %9.3f ms %5.1f%% %8s  %s%n", i++, opName(n), t.millis(),
                    100 * t.millis() / total, t.flops() == 0 ? "" : String.format(Locale.ROOT, "%.2f GF/s", t.gflops()),
                    n.name().isEmpty() ? n.outputs().get(0) : n.name());
        }
        System.out.println("operator types (most time first):");
        for (Profile.TypeTime t : prof.byType()) {
            System.out.printf(Locale.ROOT, "  %-24s %4d nodes %9.3f ms %5.1f%% %8s%n", t.opType(), t.nodes(), t.millis(),
                    100 * t.millis() / total, t.flops() == 0 ? "" : String.format(Locale.ROOT, "%.2f GF/s", t.gflops()));
        }
        long flops = prof.nodes().stream().mapToLong(Profile.NodeTime::flops).sum();
        System.out.printf(Locale.ROOT, "total: %.3f ms per run, %.3f GFLOP, %.2f GFLOP/s; peak tensor memory %s%n",
                total, flops / 1e9, flops / (total * 1e6), ModelsCommand.size(prof.peakBytes()));
    }

    private void printProfileJson(Profile prof, int threadCount) throws Exception {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("model", model.toString()).put("threads", threadCount).put("runs", prof.runs())
                .put("run_ms", prof.runMillis()).put("peak_bytes", prof.peakBytes());
        ArrayNode nodes = root.putArray("nodes");
        for (Profile.NodeTime t : prof.nodes()) {
            nodes.addObject().put("name", t.node().name()).put("op", opName(t.node())).put("ms", t.millis())
                    .put("flops", t.flops());
        }
        ArrayNode types = root.putArray("operators");
        for (Profile.TypeTime t : prof.byType()) {
            types.addObject().put("op", t.opType()).put("nodes", t.nodes()).put("ms", t.millis()).put("flops", t.flops());
        }
        System.out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static String opName(Node n) {
        return n.domain().isEmpty() ? n.opType() : n.domain() + "." + n.opType();
    }
}
