package dev.edge4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edge4j.core.Parallel;
import dev.edge4j.onnx.OnnxOptions;
import dev.edge4j.onnx.conformance.BackendTests;
import dev.edge4j.onnx.conformance.Comparison;
import dev.edge4j.onnx.conformance.ExpectFile;
import dev.edge4j.onnx.conformance.TestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j onnx}: run, inspect and test ONNX models with the pure-Java engine. */
@Command(name = "onnx",
        mixinStandardHelpOptions = true,
        description = "Run ONNX models with the pure-Java engine, look inside them, and test the engine.",
        subcommands = {
            OnnxCommand.Test.class,
            OnnxRunCommand.class,
            OnnxDumpCommand.class,
            OnnxBenchCommand.class})
final class OnnxCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A thread pool for --threads N, or the physical core count. */
    static Parallel pool(Integer threads) {
        return threads == null ? Parallel.ofPhysicalCores() : Parallel.of(threads);
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {
                "Runs ONNX backend test folders and compares every output with the expected one.",
                "A test folder holds model.onnx and test_data_set_N/input_K.pb, output_K.pb; a folder of",
                "test folders is walked. Prints one line per test (PASS name, FAIL name: reason,",
                "SKIP name: reason) and last `N passed, M failed, K skipped`. Exit status 1 when a test",
                "fails that --expect does not list."})
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Test folders, or folders of test folders.")
        List<Path> dirs;

        @Option(names = "--expect", paramLabel = "FILE",
                description = "Tests allowed to fail: one per line, the name then why.")
        Path expect;

        @Option(names = "--json", description = "Print the results as JSON instead of lines.")
        boolean json;

        @Option(names = "--no-optimize", description = "Run the graphs as loaded, without optimization passes.")
        boolean noOptimize;

        @Option(names = "--threads", paramLabel = "N", description = "Threads (default: physical cores).")
        Integer threads;

        @Option(names = "--rtol", description = "Relative tolerance for floats (default: ${DEFAULT-VALUE}).")
        double rtol = Comparison.ONNX_DEFAULT.rtol();

        @Option(names = "--atol", description = "Absolute tolerance for floats (default: ${DEFAULT-VALUE}).")
        double atol = Comparison.ONNX_DEFAULT.atol();

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per test (default: ${DEFAULT-VALUE}).")
        long timeout = 120;

        @Override
        public Integer call() throws Exception {
            Map<String, String> allowed = expect == null ? Map.of() : ExpectFile.read(expect);
            List<Path> tests = BackendTests.find(dirs);
            try (Parallel pool = pool(threads)) {
                OnnxOptions options = OnnxOptions.defaults().withParallel(pool).withOptimize(!noOptimize);
                BackendTests runner = new BackendTests(options, new Comparison(rtol, atol), timeout);
                List<TestResult> results = runner.run(tests, r -> {
                    if (!json) {
                        System.out.println(r.line());
                        System.out.flush();
                    }
                });
                int passed = 0;
                int failed = 0;
                int skipped = 0;
                List<String> unexpected = new ArrayList<>();
                List<String> fixed = new ArrayList<>();
                for (TestResult r : results) {
                    switch (r.status()) {
                        case PASS -> {
                            passed++;
                            if (allowed.containsKey(r.name()) && !ExpectFile.hasRandomOutput(allowed.get(r.name()))) {
                                fixed.add(r.name());
                            }
                        }
                        case FAIL -> {
                            failed++;
                            if (!allowed.containsKey(r.name())) {
                                unexpected.add(r.name());
                            }
                        }
                        case SKIP -> skipped++;
                    }
                }
                if (json) {
                    ObjectMapper om = new ObjectMapper();
                    ObjectNode root = om.createObjectNode();
                    ArrayNode arr = root.putArray("tests");
                    for (TestResult r : results) {
                        ObjectNode o = arr.addObject().put("name", r.name()).put("status", r.status().name());
                        if (!r.reason().isEmpty()) {
                            o.put("reason", r.reason());
                        }
                        if (allowed.containsKey(r.name())) {
                            o.put("expected_failure", allowed.get(r.name()));
                        }
                    }
                    root.put("passed", passed).put("failed", failed).put("skipped", skipped);
                    root.putPOJO("unexpected_failures", unexpected).putPOJO("unexpected_passes", fixed);
                    System.out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                } else {
                    for (String f : fixed) {
                        System.out.println("NOTE " + f + ": listed in " + expect + " but passed; remove it from the list");
                    }
                    for (String u : unexpected) {
                        if (expect != null) {
                            System.out.println("UNEXPECTED " + u);
                        }
                    }
                    System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
                }
                return unexpected.isEmpty() || (expect == null && failed == 0) ? 0 : 1;
            }
        }
    }
}
