package dev.edge4j.onnx.ops.image;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * GridSample (4-D): samples the input at the normalized [-1, 1] positions of a grid, with
 * bilinear, nearest or bicubic interpolation and zeros, border or reflection padding.
 */
final class GridSample implements SimpleOp {
    private final String mode;
    private final String padding;
    private final boolean alignCorners;

    GridSample(OpSpec spec) {
        String m = spec.attrs().getString("mode", "bilinear");
        mode = m.equals("linear") ? "bilinear" : m.equals("cubic") ? "bicubic" : m;
        padding = spec.attrs().getString("padding_mode", "zeros");
        alignCorners = spec.attrs().getLong("align_corners", 0) != 0;
        if (!mode.equals("bilinear") && !mode.equals("nearest") && !mode.equals("bicubic")) {
            throw Ops.unsupported(spec, "GridSample mode '" + m + "'");
        }
        if (!padding.equals("zeros") && !padding.equals("border") && !padding.equals("reflection")) {
            throw Ops.unsupported(spec, "GridSample padding_mode '" + padding + "'");
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Tensor grid = Ops.input(in, 1, "grid");
        Ops.requireRank(x, 4, "GridSample input");
        Ops.requireRank(grid, 4, "GridSample grid");
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        int oh = grid.shape().dim(1);
        int ow = grid.shape().dim(2);
        if (grid.shape().dim(0) != n || grid.shape().dim(3) != 2) {
            throw new InvalidInputException("GridSample grid " + grid.shape() + " does not fit input " + x.shape());
        }
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(n, c, oh, ow));
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int g = ((b * oh + i) * ow + j) * 2;
                    double px = unnormalize(grid.getDouble(g), w);
                    double py = unnormalize(grid.getDouble(g + 1), h);
                    for (int ch = 0; ch < c; ch++) {
                        int plane = (b * c + ch) * h * w;
                        out.setDouble(((b * c + ch) * oh + i) * ow + j, sample(x, plane, h, w, px, py));
                    }
                }
            }
        }
        return out;
    }

    private double unnormalize(double v, int size) {
        return alignCorners ? (v + 1) / 2 * (size - 1) : ((v + 1) * size - 1) / 2;
    }

    private double sample(Tensor x, int plane, int h, int w, double px, double py) {
        switch (mode) {
            case "nearest" -> {
                double cx = padCoordinate(px, w);
                double cy = padCoordinate(py, h);
                return pixel(x, plane, h, w, (int) Math.rint(cy), (int) Math.rint(cx));
            }
            case "bilinear" -> {
                double cx = padCoordinate(px, w);
                double cy = padCoordinate(py, h);
                int x0 = (int) Math.floor(cx);
                int y0 = (int) Math.floor(cy);
                double fx = cx - x0;
                double fy = cy - y0;
                return (1 - fy) * ((1 - fx) * pixel(x, plane, h, w, y0, x0) + fx * pixel(x, plane, h, w, y0, x0 + 1))
                        + fy * ((1 - fx) * pixel(x, plane, h, w, y0 + 1, x0) + fx * pixel(x, plane, h, w, y0 + 1, x0 + 1));
            }
            default -> {
                int x0 = (int) Math.floor(px) - 1;
                int y0 = (int) Math.floor(py) - 1;
                double[] wx = cubic(px - Math.floor(px));
                double[] wy = cubic(py - Math.floor(py));
                double acc = 0;
                for (int a = 0; a < 4; a++) {
                    double row = 0;
                    for (int bb = 0; bb < 4; bb++) {
                        row += wx[bb] * tap(x, plane, h, w, y0 + a, x0 + bb);
                    }
                    acc += wy[a] * row;
                }
                return acc;
            }
        }
    }

    private static double[] cubic(double t) {
        double a = -0.75;
        double x1 = t + 1;
        double x2 = t;
        double x3 = 1 - t;
        double x4 = 2 - t;
        return new double[] {
            ((a * x1 - 5 * a) * x1 + 8 * a) * x1 - 4 * a,
            ((a + 2) * x2 - (a + 3)) * x2 * x2 + 1,
            ((a + 2) * x3 - (a + 3)) * x3 * x3 + 1,
            ((a * x4 - 5 * a) * x4 + 8 * a) * x4 - 4 * a};
    }

    /** Bicubic taps apply the padding rule to each pixel position. */
    private double tap(Tensor x, int plane, int h, int w, int yi, int xi) {
        if (padding.equals("zeros")) {
            return pixel(x, plane, h, w, yi, xi);
        }
        int cy = (int) padCoordinate(yi, h);
        int cx = (int) padCoordinate(xi, w);
        return pixel(x, plane, h, w, cy, cx);
    }

    private double padCoordinate(double v, int size) {
        switch (padding) {
            case "border" -> {
                return Math.max(0, Math.min(size - 1, v));
            }
            case "reflection" -> {
                double lo = alignCorners ? 0 : -0.5;
                double hi = alignCorners ? size - 1 : size - 0.5;
                double r = reflect(v, lo, hi);
                return Math.max(0, Math.min(size - 1, r));
            }
            default -> {
                return v;
            }
        }
    }

    private static double reflect(double v, double lo, double hi) {
        double range = hi - lo;
        if (range <= 0) {
            return 0;
        }
        if (v < lo) {
            double d = lo - v;
            int k = (int) (d / range);
            double rem = d - k * range;
            return k % 2 == 0 ? lo + rem : hi - rem;
        }
        if (v > hi) {
            double d = v - hi;
            int k = (int) (d / range);
            double rem = d - k * range;
            return k % 2 == 0 ? hi - rem : lo + rem;
        }
        return v;
    }

    private static double pixel(Tensor x, int plane, int h, int w, int y, int xx) {
        if (y < 0 || y >= h || xx < 0 || xx >= w) {
            return 0;
        }
        return x.getDouble(plane + y * w + xx);
    }
}
