package dev.edge4j.onnx.ops.rnn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.TensorOp;
import java.util.function.DoubleUnaryOperator;

/**
 * RNN, GRU and LSTM, forward, reverse or bidirectional, with optional biases, initial states,
 * per-batch sequence lengths, peepholes (LSTM), clipping, custom activations and both layouts.
 * Outputs Y (every step's hidden state), Y_h (the last) and, for LSTM, Y_c.
 */
public final class Recurrent implements TensorOp {
    /** Which cell. */
    public enum Kind {
        RNN(1, new String[] {"Tanh"}),
        GRU(3, new String[] {"Sigmoid", "Tanh"}),
        LSTM(4, new String[] {"Sigmoid", "Tanh", "Tanh"});

        final int gates;
        final String[] defaults;

        Kind(int gates, String[] defaults) {
            this.gates = gates;
            this.defaults = defaults;
        }
    }

    private final Kind kind;
    private final int hidden;
    private final String direction;
    private final double clip;
    private final boolean linearBeforeReset;
    private final boolean inputForget;
    private final boolean batchFirst;
    private final DoubleUnaryOperator[] acts;

    public Recurrent(OpSpec spec, Kind kind) {
        this.kind = kind;
        this.hidden = spec.attrs().getInt("hidden_size", 0);
        this.direction = spec.attrs().getString("direction", "forward");
        this.clip = spec.attrs().has("clip") ? spec.attrs().getFloat("clip", 0) : Double.POSITIVE_INFINITY;
        this.linearBeforeReset = spec.attrs().getLong("linear_before_reset", 0) != 0;
        this.inputForget = spec.attrs().getLong("input_forget", 0) != 0;
        this.batchFirst = spec.attrs().getLong("layout", 0) != 0;
        if (hidden <= 0) {
            throw Ops.badModel(spec, "hidden_size must be positive");
        }
        if (!direction.equals("forward") && !direction.equals("reverse") && !direction.equals("bidirectional")) {
            throw Ops.unsupported(spec, "direction '" + direction + "'");
        }
        this.acts = Activation.resolve(spec, kind.defaults, direction.equals("bidirectional") ? 2 : 1);
    }

    @Override
    public Tensor[] compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Tensor w = Ops.input(in, 1, "W");
        Tensor r = Ops.input(in, 2, "R");
        Tensor b = Ops.optional(in, 3);
        Tensor lens = Ops.optional(in, 4);
        Tensor h0 = Ops.optional(in, 5);
        Tensor c0 = kind == Kind.LSTM ? Ops.optional(in, 6) : null;
        Tensor peep = kind == Kind.LSTM ? Ops.optional(in, 7) : null;
        Ops.requireRank(x, 3, "X");
        int seq = x.shape().dim(batchFirst ? 1 : 0);
        int batch = x.shape().dim(batchFirst ? 0 : 1);
        int input = x.shape().dim(2);
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        int g = kind.gates;
        int hs = hidden;
        if (w.size() != dirs * g * hs * input || r.size() != dirs * g * hs * hs) {
            throw new InvalidInputException("W " + w.shape() + " or R " + r.shape() + " do not fit "
                    + dirs + " directions, " + g + " gates, hidden size " + hs + " and input size " + input);
        }
        double[] y = new double[seq * dirs * batch * hs];
        double[] yh = new double[dirs * batch * hs];
        double[] yc = new double[dirs * batch * hs];
        for (int d = 0; d < dirs; d++) {
            boolean reverse = direction.equals("reverse") || d == 1;
            int actBase = d * kind.defaults.length;
            for (int bt = 0; bt < batch; bt++) {
                int len = lens == null ? seq : (int) lens.getLong(bt);
                if (len < 0 || len > seq) {
                    throw new InvalidInputException("sequence length " + len + " exceeds " + seq);
                }
                double[] h = new double[hs];
                double[] c = new double[hs];
                for (int j = 0; j < hs; j++) {
                    h[j] = h0 == null ? 0 : h0.getDouble((d * batch + bt) * hs + j);
                    c[j] = c0 == null ? 0 : c0.getDouble((d * batch + bt) * hs + j);
                }
                for (int s = 0; s < len; s++) {
                    int t = reverse ? len - 1 - s : s;
                    double[] gx = new double[g * hs];
                    double[] gh = new double[g * hs];
                    for (int q = 0; q < g * hs; q++) {
                        double ax = b == null ? 0 : b.getDouble(d * 2 * g * hs + q);
                        double ah = b == null ? 0 : b.getDouble(d * 2 * g * hs + g * hs + q);
                        int xBase = batchFirst ? (bt * seq + t) * input : (t * batch + bt) * input;
                        for (int i = 0; i < input; i++) {
                            ax += x.getDouble(xBase + i) * w.getDouble((d * g * hs + q) * input + i);
                        }
                        gx[q] = ax;
                        gh[q] = ah;
                    }
                    double[] hPrev = h.clone();
                    // R * h_prev; GRU's candidate gate uses it differently, handled below.
                    double[] rh = new double[g * hs];
                    for (int q = 0; q < g * hs; q++) {
                        double a = 0;
                        for (int j = 0; j < hs; j++) {
                            a += hPrev[j] * r.getDouble((d * g * hs + q) * hs + j);
                        }
                        rh[q] = a;
                    }
                    switch (kind) {
                        case RNN -> {
                            for (int j = 0; j < hs; j++) {
                                h[j] = acts[actBase].applyAsDouble(clip(gx[j] + gh[j] + rh[j]));
                            }
                        }
                        case GRU -> gru(d, bt, hs, gx, gh, rh, hPrev, h, r, actBase);
                        case LSTM -> lstm(d, hs, gx, gh, rh, c, h, peep, actBase);
                    }
                    for (int j = 0; j < hs; j++) {
                        y[((t * dirs + d) * batch + bt) * hs + j] = h[j];
                    }
                }
                for (int j = 0; j < hs; j++) {
                    yh[(d * batch + bt) * hs + j] = h[j];
                    yc[(d * batch + bt) * hs + j] = c[j];
                }
            }
        }
        Tensor yT = Tensor.zeros(x.dtype(), batchFirst ? Shape.of(batch, seq, dirs, hs) : Shape.of(seq, dirs, batch, hs));
        if (batchFirst) {
            for (int t = 0; t < seq; t++) {
                for (int d = 0; d < dirs; d++) {
                    for (int bt = 0; bt < batch; bt++) {
                        for (int j = 0; j < hs; j++) {
                            yT.setDouble(((bt * seq + t) * dirs + d) * hs + j, y[((t * dirs + d) * batch + bt) * hs + j]);
                        }
                    }
                }
            }
        } else {
            for (int i = 0; i < y.length; i++) {
                yT.setDouble(i, y[i]);
            }
        }
        Shape stateShape = batchFirst ? Shape.of(batch, dirs, hs) : Shape.of(dirs, batch, hs);
        Tensor yhT = state(yh, x, stateShape, dirs, batch, hs);
        Tensor ycT = state(yc, x, stateShape, dirs, batch, hs);
        return kind == Kind.LSTM ? new Tensor[] {yT, yhT, ycT} : new Tensor[] {yT, yhT};
    }

    private Tensor state(double[] v, Tensor x, Shape shape, int dirs, int batch, int hs) {
        Tensor t = Tensor.zeros(x.dtype(), shape);
        for (int d = 0; d < dirs; d++) {
            for (int bt = 0; bt < batch; bt++) {
                for (int j = 0; j < hs; j++) {
                    int dst = batchFirst ? (bt * dirs + d) * hs + j : (d * batch + bt) * hs + j;
                    t.setDouble(dst, v[(d * batch + bt) * hs + j]);
                }
            }
        }
        return t;
    }

    private double clip(double v) {
        return Math.max(-clip, Math.min(clip, v));
    }

    private void gru(int d, int bt, int hs, double[] gx, double[] gh, double[] rh, double[] hPrev, double[] h,
            Tensor r, int actBase) {
        DoubleUnaryOperator f = acts[actBase];
        DoubleUnaryOperator gAct = acts[actBase + 1];
        double[] z = new double[hs];
        double[] rg = new double[hs];
        for (int j = 0; j < hs; j++) {
            z[j] = f.applyAsDouble(clip(gx[j] + gh[j] + rh[j]));
            rg[j] = f.applyAsDouble(clip(gx[hs + j] + gh[hs + j] + rh[hs + j]));
        }
        for (int j = 0; j < hs; j++) {
            double cand;
            if (linearBeforeReset) {
                cand = gx[2 * hs + j] + rg[j] * (rh[2 * hs + j] + gh[2 * hs + j]);
            } else {
                double a = 0;
                for (int k = 0; k < hs; k++) {
                    a += rg[k] * hPrev[k] * r.getDouble((d * 3 * hs + 2 * hs + j) * hs + k);
                }
                cand = gx[2 * hs + j] + a + gh[2 * hs + j];
            }
            double hh = gAct.applyAsDouble(clip(cand));
            h[j] = (1 - z[j]) * hh + z[j] * hPrev[j];
        }
    }

    private void lstm(int d, int hs, double[] gx, double[] gh, double[] rh, double[] c, double[] h, Tensor peep,
            int actBase) {
        DoubleUnaryOperator f = acts[actBase];
        DoubleUnaryOperator gAct = acts[actBase + 1];
        DoubleUnaryOperator hAct = acts[actBase + 2];
        for (int j = 0; j < hs; j++) {
            double pi = peep == null ? 0 : peep.getDouble(d * 3 * hs + j);
            double po = peep == null ? 0 : peep.getDouble(d * 3 * hs + hs + j);
            double pf = peep == null ? 0 : peep.getDouble(d * 3 * hs + 2 * hs + j);
            double cPrev = c[j];
            double i = f.applyAsDouble(clip(gx[j] + gh[j] + rh[j] + pi * cPrev));
            double fg = inputForget ? 1 - i
                    : f.applyAsDouble(clip(gx[2 * hs + j] + gh[2 * hs + j] + rh[2 * hs + j] + pf * cPrev));
            double cc = gAct.applyAsDouble(clip(gx[3 * hs + j] + gh[3 * hs + j] + rh[3 * hs + j]));
            double cNew = fg * cPrev + i * cc;
            double o = f.applyAsDouble(clip(gx[hs + j] + gh[hs + j] + rh[hs + j] + po * cNew));
            c[j] = cNew;
            h[j] = o * hAct.applyAsDouble(cNew);
        }
    }
}
