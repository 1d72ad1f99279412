package dev.edge4j.onnx.runtime;

import dev.edge4j.onnx.ir.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of a model's runs goes: wall time and floating-point operations per node of the
 * top-level plan, summed over the profiled runs, and the most memory one run held in tensors.
 * Nodes inside subgraphs count toward the node that owns them.
 */
public final class Profile {
    private final Node[] nodes;
    private final long[] nanos;
    private final long[] flops;
    private int runs;
    private long totalNanos;
    private long peakBytes;

    Profile(Node[] nodes) {
        this.nodes = nodes;
        this.nanos = new long[nodes.length];
        this.flops = new long[nodes.length];
    }

    void record(int step, long stepNanos, long stepFlops) {
        nanos[step] += stepNanos;
        flops[step] += stepFlops;
    }

    void endRun(long runNanos, long runPeakBytes) {
        runs++;
        totalNanos += runNanos;
        peakBytes = Math.max(peakBytes, runPeakBytes);
    }

    /** One node's share: mean time per run, operations per run. */
    public record NodeTime(Node node, double millis, long flops) {
        /** Billions of floating-point operations per second (0 when the node does no arithmetic). */
        public double gflops() {
            return millis <= 0 ? 0 : flops / (millis * 1e6);
        }
    }

    /** One operator type's share: how many nodes, mean time per run, operations per run. */
    public record TypeTime(String opType, int nodes, double millis, long flops) {
        public double gflops() {
            return millis <= 0 ? 0 : flops / (millis * 1e6);
        }
    }

    public int runs() {
        return runs;
    }

    /** Mean wall time of a whole run, in milliseconds. */
    public double runMillis() {
        return runs == 0 ? 0 : totalNanos / 1e6 / runs;
    }

    /** The most bytes held at once by the tensors a run computed (its inputs and weights excluded). */
    public long peakBytes() {
        return peakBytes;
    }

    /** Every node in execution order. */
    public List<NodeTime> nodes() {
        List<NodeTime> list = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            list.add(new NodeTime(nodes[i], perRun(nanos[i]), runs == 0 ? 0 : flops[i] / runs));
        }
        return Collections.unmodifiableList(list);
    }

    /** Operator types, the most time first. */
    public List<TypeTime> byType() {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            String type = nodes[i].domain().isEmpty() ? nodes[i].opType() : nodes[i].domain() + "." + nodes[i].opType();
            long[] s = sums.computeIfAbsent(type, k -> new long[3]);
            s[0]++;
            s[1] += nanos[i];
            s[2] += flops[i];
        }
        List<TypeTime> list = new ArrayList<>();
        sums.forEach((k, s) -> list.add(new TypeTime(k, (int) s[0], perRun(s[1]), runs == 0 ? 0 : s[2] / runs)));
        list.sort(Comparator.comparingDouble(TypeTime::millis).reversed());
        return list;
    }

    private double perRun(long ns) {
        return runs == 0 ? 0 : ns / 1e6 / runs;
    }
}
