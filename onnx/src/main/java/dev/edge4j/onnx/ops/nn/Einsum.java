package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Einsum: the Einstein summation given by an equation such as {@code "bij,bjk->bik"}, with
 * ellipses, repeated labels (diagonals) and the implicit output form. Evaluated by walking every
 * combination of label values: simple and exact, meant for the small contractions models use.
 */
public final class Einsum implements SimpleOp {
    private final String equation;

    public Einsum(OpSpec spec) {
        equation = spec.attrs().getString("equation", "").replace(" ", "");
        if (equation.isEmpty()) {
            throw Ops.badModel(spec, "Einsum needs an equation");
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        String lhs = equation.contains("->") ? equation.substring(0, equation.indexOf("->")) : equation;
        String[] terms = lhs.split(",", -1);
        if (terms.length != in.length) {
            throw new InvalidInputException("Einsum equation '" + equation + "' names " + terms.length
                    + " operands, got " + in.length);
        }
        int ellipsisRank = 0;
        List<char[]> labels = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            Tensor t = Ops.input(in, i, "Inputs");
            int letters = terms[i].replace("...", "").length();
            int extra = terms[i].contains("...") ? t.rank() - letters : 0;
            if (extra < 0 || (!terms[i].contains("...") && letters != t.rank())) {
                throw new InvalidInputException("Einsum term '" + terms[i] + "' does not fit operand " + t.shape());
            }
            ellipsisRank = Math.max(ellipsisRank, extra);
            labels.add(expand(terms[i], extra));
        }
        Map<Character, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < terms.length; i++) {
            char[] ls = labels.get(i);
            for (int d = 0; d < ls.length; d++) {
                int size = in[i].shape().dim(d);
                Integer old = sizes.get(ls[d]);
                if (old == null || old == 1) {
                    sizes.put(ls[d], size);
                } else if (size != old && size != 1) {
                    throw new InvalidInputException("Einsum label '" + ls[d] + "' has sizes " + old + " and " + size);
                }
            }
        }
        char[] outLabels;
        if (equation.contains("->")) {
            outLabels = expand(equation.substring(equation.indexOf("->") + 2), ellipsisRank);
        } else {
            Map<Character, Integer> counts = new TreeMap<>();
            for (char[] ls : labels) {
                for (char c : ls) {
                    counts.merge(c, 1, Integer::sum);
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int e = 0; e < ellipsisRank; e++) {
                sb.append(ellipsisLabel(e, ellipsisRank));
            }
            counts.forEach((c, n) -> {
                if (n == 1 && c < 0x100) {
                    sb.append(c);
                }
            });
            outLabels = sb.toString().toCharArray();
        }
        List<Character> all = new ArrayList<>();
        for (char c : outLabels) {
            if (!sizes.containsKey(c)) {
                throw new InvalidInputException("Einsum output label '" + c + "' is not in any operand");
            }
            all.add(c);
        }
        for (Character c : sizes.keySet()) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        int nl = all.size();
        int[] dims = new int[nl];
        for (int i = 0; i < nl; i++) {
            dims[i] = sizes.get(all.get(i));
        }
        int[] outDims = java.util.Arrays.copyOf(dims, outLabels.length);
        Tensor out = Tensor.zeros(in[0].dtype(), Shape.of(outDims));
        // Per operand and axis: which label position it reads, and the stride (0 when broadcast).
        int[][] pos = new int[in.length][];
        int[][] strides = new int[in.length][];
        for (int i = 0; i < in.length; i++) {
            char[] ls = labels.get(i);
            int[] st = in[i].shape().strides();
            pos[i] = new int[ls.length];
            strides[i] = new int[ls.length];
            for (int d = 0; d < ls.length; d++) {
                pos[i][d] = all.indexOf(ls[d]);
                strides[i][d] = in[i].shape().dim(d) == 1 ? 0 : st[d];
            }
        }
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (total > 50_000_000L) {
            throw new InvalidInputException("Einsum '" + equation + "' is too large for this evaluator");
        }
        int outSize = out.size();
        int inner = outSize == 0 ? 0 : (int) (total / Math.max(1, outSize));
        int[] idx = new int[nl];
        boolean integer = in[0].dtype().isInteger();
        for (int o = 0; o < outSize; o++) {
            double acc = 0;
            long lacc = 0;
            for (int r = 0; r < inner; r++) {
                double prod = 1;
                long lprod = 1;
                for (int i = 0; i < in.length; i++) {
                    int flat = 0;
                    for (int d = 0; d < pos[i].length; d++) {
                        flat += idx[pos[i][d]] * strides[i][d];
                    }
                    if (integer) {
                        lprod *= in[i].getLong(flat);
                    } else {
                        prod *= in[i].getDouble(flat);
                    }
                }
                acc += prod;
                lacc += lprod;
                advance(idx, dims, outLabels.length);
            }
            if (integer) {
                out.setLong(o, lacc);
            } else {
                out.setDouble(o, acc);
            }
        }
        return out;
    }

    private static void advance(int[] idx, int[] dims, int from) {
        for (int d = dims.length - 1; d >= 0; d--) {
            if (++idx[d] < dims[d]) {
                return;
            }
            idx[d] = 0;
        }
    }

    private static char ellipsisLabel(int e, int rank) {
        return (char) (0x100 + (rank - 1 - e));
    }

    /** The term's labels with "..." replaced by {@code extra} labels shared across operands (right-aligned). */
    private static char[] expand(String term, int extra) {
        int at = term.indexOf("...");
        if (at < 0) {
            return term.toCharArray();
        }
        StringBuilder sb = new StringBuilder(term.substring(0, at));
        for (int e = 0; e < extra; e++) {
            sb.append(ellipsisLabel(e, extra));
        }
        sb.append(term.substring(at + 3));
        return sb.toString().toCharArray();
    }
}
