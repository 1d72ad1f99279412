package dev.edge4j.onnx.conformance;

import dev.edge4j.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests allowed to fail, one per line: the test name, then why ({@code # comments} and blank
 * lines ignored). A reason that starts with "random" marks a test whose expected values are random.
 */
public final class ExpectFile {
    private ExpectFile() {}

    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read expect file " + file + ": " + e.getMessage());
        }
    }

    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int sp = indexOfSpace(l);
            String name = sp < 0 ? l : l.substring(0, sp);
            String why = sp < 0 ? "" : l.substring(sp).strip();
            out.put(name, why);
        }
        return out;
    }

    /**
     * Whether a test listed for {@code reason} has random expected values (one draw of NumPy's
     * generator). An unseeded run can draw the same values by chance (test_bernoulli's 10 values
     * did once): its passing fixes nothing, so it is not reported as a listed test that passes.
     */
    public static boolean hasRandomOutput(String reason) {
        return reason.startsWith("random ");
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
