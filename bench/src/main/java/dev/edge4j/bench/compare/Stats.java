package dev.edge4j.bench.compare;

import java.util.Arrays;
import java.util.Locale;

/**
 * The spread of a set of timings: median, the 10th and 90th percentiles, minimum and maximum.
 * Medians rather than means, because a shared machine adds rare long stalls.
 */
public record Stats(int count, double median, double p10, double p90, double min, double max) {

    public static Stats of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Stats(s.length, quantile(s, 0.5), quantile(s, 0.1), quantile(s, 0.9), s[0], s[s.length - 1]);
    }

    /** Linear interpolation between the closest ranks of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** "median 3.210 ms (p10 3.100, p90 3.500, min 3.050, max 4.200)". */
    public String describe(String unit) {
        return String.format(Locale.ROOT, "median %.3f %s (p10 %.3f, p90 %.3f, min %.3f, max %.3f, n=%d)",
                median, unit, p10, p90, min, max, count);
    }
}
