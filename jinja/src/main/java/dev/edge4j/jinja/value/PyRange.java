package dev.edge4j.jinja.value;

/** Python's {@code range(start, stop, step)}. */
public record PyRange(long start, long stop, long step) {
    public long length() {
        if (step > 0) {
            return start < stop ? (stop - start + step - 1) / step : 0;
        }
        return start > stop ? (start - stop - step - 1) / -step : 0;
    }

    public long get(long i) {
        return start + i * step;
    }
}
