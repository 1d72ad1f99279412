package dev.edge4j.onnx.conformance;

import dev.edge4j.core.Edge4jException;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.OnnxOptions;
import dev.edge4j.onnx.ValueInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs ONNX backend test folders: a {@code model.onnx} with {@code test_data_set_N/input_K.pb}
 * and {@code output_K.pb}. Each folder is loaded, run on every data set and compared with the
 * expected outputs; a folder that is not a test itself is searched for tests.
 */
public final class BackendTests {
    private final OnnxOptions options;
    private final Comparison comparison;
    private final long timeoutSeconds;

    public BackendTests(OnnxOptions options, Comparison comparison, long timeoutSeconds) {
        this.options = options;
        this.comparison = comparison;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Every test folder under {@code roots}, each root walked in name order. */
    public static List<Path> find(List<Path> roots) {
        List<Path> tests = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new dev.edge4j.core.InvalidInputException("test folder " + root + " does not exist");
            }
            collect(root, tests);
        }
        return tests;
    }

    private static void collect(Path dir, List<Path> out) {
        if (Files.isRegularFile(dir.resolve("model.onnx"))) {
            out.add(dir);
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                collect(p, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the tests one after another, reporting each result as it comes. */
    public List<TestResult> run(List<Path> tests, Consumer<TestResult> onResult) {
        List<TestResult> results = new ArrayList<>();
        ExecutorService worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "edge4j-backend-test");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Path test : tests) {
                TestResult r = runWithTimeout(worker, test);
                results.add(r);
                onResult.accept(r);
            }
        } finally {
            worker.shutdownNow();
        }
        return results;
    }

    private TestResult runWithTimeout(ExecutorService worker, Path test) {
        String name = test.getFileName().toString();
        Future<TestResult> f = worker.submit(() -> runOne(test));
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new TestResult(name, TestResult.Status.FAIL, "did not finish within " + timeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestResult(name, TestResult.Status.FAIL, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new TestResult(name, TestResult.Status.FAIL, "crashed: " + c);
        }
    }

    /** Runs one test folder. */
    public TestResult runOne(Path test) {
        String name = test.getFileName().toString();
        List<Path> sets;
        try (Stream<Path> s = Files.list(test)) {
            sets = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("test_data_set"))
                    .sorted().toList();
        } catch (IOException e) {
            return new TestResult(name, TestResult.Status.FAIL, "cannot list " + test + ": " + e.getMessage());
        }
        if (sets.isEmpty()) {
            return new TestResult(name, TestResult.Status.SKIP, "no test_data_set folder");
        }
        try (OnnxModel model = OnnxModel.load(test.resolve("model.onnx"), options)) {
            for (Path set : sets) {
                String problem = runSet(model, set);
                if (problem != null) {
                    String where = sets.size() > 1 ? set.getFileName() + ": " : "";
                    return new TestResult(name, TestResult.Status.FAIL, where + problem);
                }
            }
            return new TestResult(name, TestResult.Status.PASS, "");
        } catch (Edge4jException e) {
            return new TestResult(name, TestResult.Status.FAIL, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return new TestResult(name, TestResult.Status.FAIL, "internal error: " + e);
        }
    }

    private String runSet(OnnxModel model, Path set) {
        List<Path> inputFiles = numbered(set, "input_");
        List<Path> outputFiles = numbered(set, "output_");
        List<ValueInfo> inputs = model.inputs();
        Map<String, Object> feeds = new LinkedHashMap<>();
        for (int i = 0; i < inputFiles.size(); i++) {
            ValueInfo info = i < inputs.size() ? inputs.get(i) : null;
            if (info == null) {
                String stored = TestData.storedName(inputFiles.get(i));
                feeds.put(stored, TestData.read(inputFiles.get(i), null));
            } else {
                feeds.put(info.name(), TestData.read(inputFiles.get(i), info.type()));
            }
        }
        Map<String, Object> actual = model.runValues(feeds);
        List<ValueInfo> outputs = model.outputs();
        if (outputFiles.size() != outputs.size()) {
            return "the test has " + outputFiles.size() + " expected outputs, the model " + outputs.size();
        }
        for (int i = 0; i < outputs.size(); i++) {
            Object expected = TestData.read(outputFiles.get(i), outputs.get(i).type());
            String diff = comparison.compare(actual.get(outputs.get(i).name()), expected);
            if (diff != null) {
                return "output '" + outputs.get(i).name() + "': " + diff;
            }
        }
        return null;
    }

    private static List<Path> numbered(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(".pb"))
                    .sorted(Comparator.comparingInt(p -> number(p.getFileName().toString(), prefix)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(String file, String prefix) {
        try {
            return Integer.parseInt(file.substring(prefix.length(), file.length() - 3));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
