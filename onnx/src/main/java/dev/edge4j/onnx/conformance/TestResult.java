package dev.edge4j.onnx.conformance;

/** The outcome of one backend test folder. */
public record TestResult(String name, Status status, String reason) {
    public enum Status { PASS, FAIL, SKIP }

    /** The line {@code edge4j onnx test} prints: {@code PASS name}, {@code FAIL name: reason}. */
    public String line() {
        return status == Status.PASS ? "PASS " + name : status + " " + name + ": " + reason;
    }
}
