package dev.edge4j.onnx;

/**
 * One dimension of a declared tensor shape: a fixed size, a named symbol such as {@code "batch"}
 * (fixed per run, resolved from the inputs), or unknown.
 */
public record Dim(long value, String symbol) {
    private static final Dim UNKNOWN = new Dim(-1, null);

    public static Dim of(long value) {
        return new Dim(value, null);
    }

    public static Dim symbol(String name) {
        return new Dim(-1, name);
    }

    public static Dim unknown() {
        return UNKNOWN;
    }

    public boolean isKnown() {
        return value >= 0;
    }

    public boolean isSymbolic() {
        return value < 0 && symbol != null;
    }

    @Override
    public String toString() {
        return value >= 0 ? Long.toString(value) : symbol != null ? symbol : "?";
    }
}
