package dev.edge4j.onnx.ops.signal;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * DFT and STFT. Complex values are a trailing axis of 2 (real, imaginary); a trailing axis of 1
 * is a real signal. Transforms are direct sums, exact for the short signals models use.
 */
final class Spectral {
    private Spectral() {}

    static SimpleOp dft(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 1);
        boolean inverse = spec.attrs().getLong("inverse", 0) != 0;
        boolean onesided = spec.attrs().getLong("onesided", 0) != 0;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            Ops.requireMinRank(x, 2, "DFT input");
            int r = x.rank();
            int last = x.shape().dim(r - 1);
            if (last != 1 && last != 2) {
                throw new InvalidInputException("DFT input must end in an axis of 1 (real) or 2 (complex), got " + x.shape());
            }
            int ax = Ops.axis(axis, r - 1);
            int n = x.shape().dim(ax);
            int length = Ops.optional(in, 1) == null || in[1].size() == 0 ? n : (int) Ops.scalarLong(in[1], "dft_length");
            int outLen = onesided ? length / 2 + 1 : length;
            int[] dims = x.dims();
            dims[ax] = outLen;
            dims[r - 1] = 2;
            Shape shape = Shape.of(dims);
            int outer = x.shape().sizeBetween(0, ax);
            int inner = x.shape().sizeBetween(ax + 1, r - 1);
            Tensor out = Tensor.zeros(x.dtype(), shape);
            double sign = inverse ? 1 : -1;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    for (int k = 0; k < outLen; k++) {
                        double re = 0;
                        double im = 0;
                        for (int t = 0; t < Math.min(n, length); t++) {
                            int src = ((o * n + t) * inner + i) * last;
                            double a = x.getDouble(src);
                            double b = last == 2 ? x.getDouble(src + 1) : 0;
                            double angle = sign * 2 * Math.PI * k * t / length;
                            double c = Math.cos(angle);
                            double s = Math.sin(angle);
                            re += a * c - b * s;
                            im += a * s + b * c;
                        }
                        if (inverse) {
                            re /= length;
                            im /= length;
                        }
                        int dst = ((o * outLen + k) * inner + i) * 2;
                        out.setDouble(dst, re);
                        out.setDouble(dst + 1, im);
                    }
                }
            }
            return out;
        };
    }

    static SimpleOp stft(OpSpec spec) {
        boolean onesided = spec.attrs().getLong("onesided", 1) != 0;
        return (in, ctx) -> {
            Tensor signal = Ops.input(in, 0, "signal");
            long step = Ops.scalarLong(Ops.input(in, 1, "frame_step"), "frame_step");
            Tensor window = Ops.optional(in, 2);
            Tensor lengthT = Ops.optional(in, 3);
            Ops.requireRank(signal, 3, "STFT signal");
            int batch = signal.shape().dim(0);
            int len = signal.shape().dim(1);
            int comp = signal.shape().dim(2);
            int frame = lengthT != null ? (int) Ops.scalarLong(lengthT, "frame_length")
                    : window != null ? window.size() : 0;
            if (frame <= 0 || step <= 0 || frame > len) {
                throw new InvalidInputException("STFT needs 0 < frame_length <= signal length and a positive step");
            }
            int frames = (int) ((len - frame) / step + 1);
            int bins = onesided ? frame / 2 + 1 : frame;
            Tensor out = Tensor.zeros(signal.dtype(), Shape.of(batch, frames, bins, 2));
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < frames; f++) {
                    for (int k = 0; k < bins; k++) {
                        double re = 0;
                        double im = 0;
                        for (int t = 0; t < frame; t++) {
                            int src = (b * len + f * (int) step + t) * comp;
                            double wv = window == null ? 1 : window.getDouble(t);
                            double a = signal.getDouble(src) * wv;
                            double c2 = comp == 2 ? signal.getDouble(src + 1) * wv : 0;
                            double angle = -2 * Math.PI * k * t / frame;
                            re += a * Math.cos(angle) - c2 * Math.sin(angle);
                            im += a * Math.sin(angle) + c2 * Math.cos(angle);
                        }
                        int dst = ((b * frames + f) * bins + k) * 2;
                        out.setDouble(dst, re);
                        out.setDouble(dst + 1, im);
                    }
                }
            }
            return out;
        };
    }

    /** Hann, Hamming and Blackman windows (periodic by default). */
    static SimpleOp window(OpSpec spec, String kind) {
        boolean periodic = spec.attrs().getLong("periodic", 1) != 0;
        DType t = DType.fromOnnx(spec.attrs().getInt("output_datatype", 1));
        return (in, ctx) -> {
            long size = Ops.scalarLong(Ops.input(in, 0, "size"), "size");
            if (size < 0 || size > 100_000_000) {
                throw new InvalidInputException("window size " + size + " is out of range");
            }
            Tensor out = Tensor.zeros(t, Shape.of((int) size));
            double n = periodic ? size : size - 1;
            for (int i = 0; i < size; i++) {
                double a = 2 * Math.PI * i / n;
                double v = switch (kind) {
                    case "hann" -> 0.5 - 0.5 * Math.cos(a);
                    case "hamming" -> 25.0 / 46 - 21.0 / 46 * Math.cos(a);
                    default -> 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
                };
                out.setDouble(i, v);
            }
            return out;
        };
    }

    /** MelWeightMatrix: triangular mel filters over the bins of a one-sided DFT. */
    static SimpleOp melWeightMatrix(OpSpec spec) {
        DType t = DType.fromOnnx(spec.attrs().getInt("output_datatype", 1));
        return (in, ctx) -> {
            int bins = (int) Ops.scalarLong(Ops.input(in, 0, "num_mel_bins"), "num_mel_bins");
            int dftLength = (int) Ops.scalarLong(Ops.input(in, 1, "dft_length"), "dft_length");
            int rate = (int) Ops.scalarLong(Ops.input(in, 2, "sample_rate"), "sample_rate");
            double lower = Ops.scalarDouble(Ops.input(in, 3, "lower_edge_hertz"), "lower_edge_hertz");
            double upper = Ops.scalarDouble(Ops.input(in, 4, "upper_edge_hertz"), "upper_edge_hertz");
            int spectrum = dftLength / 2 + 1;
            if (bins <= 0 || dftLength <= 0 || rate <= 0) {
                throw new InvalidInputException("MelWeightMatrix needs positive sizes");
            }
            double lowMel = 2595 * Math.log10(1 + lower / 700);
            double highMel = 2595 * Math.log10(1 + upper / 700);
            double melStep = (highMel - lowMel) / (bins + 2);
            int[] points = new int[bins + 2];
            for (int i = 0; i < bins + 2; i++) {
                double mel = lowMel + i * melStep;
                double hz = 700 * (Math.pow(10, mel / 2595) - 1);
                points[i] = (int) Math.floor((dftLength + 1) * hz / rate);
            }
            Tensor out = Tensor.zeros(t, Shape.of(spectrum, bins));
            for (int m = 0; m < bins; m++) {
                int left = points[m];
                int center = points[m + 1];
                int right = points[m + 2];
                int lowDiff = Math.max(1, center - left);
                for (int k = left; k < center && k < spectrum; k++) {
                    if (k >= 0) {
                        out.setDouble(k * bins + m, (double) (k - left) / lowDiff);
                    }
                }
                if (center >= 0 && center < spectrum) {
                    out.setDouble(center * bins + m, 1);
                }
                int highDiff = Math.max(1, right - center);
                for (int k = center + 1; k < right && k < spectrum; k++) {
                    if (k >= 0) {
                        out.setDouble(k * bins + m, (double) (right - k) / highDiff);
                    }
                }
            }
            return out;
        };
    }
}
