package dev.edge4j.onnx.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import dev.edge4j.onnx.OnnxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONNX backend test suite (Debian's libonnx-testdata: node, pytorch-converted,
 * pytorch-operator, simple), with and without graph optimizations. Fails on any failure not in
 * {@code conformance/expected-failures.txt}, and on any listed test that now passes.
 */
@Tag("conformance")
class ConformanceTest {
    static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");
    static final List<String> FOLDERS = List.of("node", "pytorch-converted", "pytorch-operator", "simple");

    static Map<String, String> expectedFailures() throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/expected-failures.txt")) {
            return ExpectFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    @ParameterizedTest(name = "optimize={0}")
    @ValueSource(booleans = {true, false})
    void backendTestsPassExceptTheListedOnes(boolean optimize) throws IOException {
        assertThat(DATA).as("the ONNX backend test data (Debian package libonnx-testdata; bin/test-all installs it)")
                .isDirectory();
        Map<String, String> allowed = expectedFailures();
        List<String> unexpected = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        try (Parallel pool = Parallel.of(2)) {
            BackendTests runner = new BackendTests(OnnxOptions.defaults().withParallel(pool).withOptimize(optimize),
                    Comparison.ONNX_DEFAULT, 120);
            for (String folder : FOLDERS) {
                List<TestResult> results = runner.run(BackendTests.find(List.of(DATA.resolve(folder))), r -> { });
                long passed = results.stream().filter(r -> r.status() == TestResult.Status.PASS).count();
                summary.append(String.format("%s: %d of %d passed%n", folder, passed, results.size()));
                for (TestResult r : results) {
                    if (r.status() == TestResult.Status.FAIL && !allowed.containsKey(r.name())) {
                        unexpected.add(r.line());
                    }
                    if (r.status() == TestResult.Status.PASS && allowed.containsKey(r.name())
                            && !ExpectFile.hasRandomOutput(allowed.get(r.name()))) {
                        fixed.add(r.name());
                    }
                }
            }
        }
        System.out.print(summary);
        assertThat(unexpected).as("failures not listed in expected-failures.txt").isEmpty();
        assertThat(fixed).as("listed in expected-failures.txt but passing now: remove them from the list").isEmpty();
    }
}
