package dev.edge4j.onnx.ops.image;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * RoiAlign: for each region of interest, a fixed-size map of average (or max) bilinear samples
 * taken on a regular grid inside each output bin.
 */
final class RoiAlign implements SimpleOp {
    private final boolean max;
    private final int outH;
    private final int outW;
    private final int samplingRatio;
    private final double spatialScale;
    private final boolean halfPixel;

    RoiAlign(OpSpec spec) {
        max = spec.attrs().getString("mode", "avg").equals("max");
        outH = spec.attrs().getInt("output_height", 1);
        outW = spec.attrs().getInt("output_width", 1);
        samplingRatio = spec.attrs().getInt("sampling_ratio", 0);
        spatialScale = spec.attrs().getFloat("spatial_scale", 1f);
        halfPixel = spec.attrs().getString("coordinate_transformation_mode",
                spec.opset() >= 16 ? "half_pixel" : "output_half_pixel").equals("half_pixel");
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Tensor rois = Ops.input(in, 1, "rois");
        Tensor batchIdx = Ops.input(in, 2, "batch_indices");
        Ops.requireRank(x, 4, "RoiAlign input");
        int c = x.shape().dim(1);
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        int r = rois.shape().dim(0);
        if (rois.rank() != 2 || rois.shape().dim(1) != 4 || batchIdx.size() != r) {
            throw new InvalidInputException("rois " + rois.shape() + " and batch_indices " + batchIdx.shape() + " do not fit");
        }
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(r, c, outH, outW));
        double offset = halfPixel ? 0.5 : 0;
        for (int n = 0; n < r; n++) {
            long b = batchIdx.getLong(n);
            if (b < 0 || b >= x.shape().dim(0)) {
                throw new InvalidInputException("batch index " + b + " is out of range");
            }
            double x1 = rois.getDouble(n * 4) * spatialScale - offset;
            double y1 = rois.getDouble(n * 4 + 1) * spatialScale - offset;
            double x2 = rois.getDouble(n * 4 + 2) * spatialScale - offset;
            double y2 = rois.getDouble(n * 4 + 3) * spatialScale - offset;
            double rw = x2 - x1;
            double rh = y2 - y1;
            if (!halfPixel) {
                rw = Math.max(rw, 1);
                rh = Math.max(rh, 1);
            }
            double binH = rh / outH;
            double binW = rw / outW;
            int gridH = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(rh / outH);
            int gridW = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(rw / outW);
            int count = Math.max(gridH * gridW, 1);
            for (int ch = 0; ch < c; ch++) {
                int plane = (int) ((b * c + ch) * h * w);
                for (int ph = 0; ph < outH; ph++) {
                    for (int pw = 0; pw < outW; pw++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        boolean any = false;
                        for (int iy = 0; iy < gridH; iy++) {
                            double yy = y1 + ph * binH + (iy + 0.5) * binH / gridH;
                            for (int ix = 0; ix < gridW; ix++) {
                                double xx = x1 + pw * binW + (ix + 0.5) * binW / gridW;
                                double v = sample(x, plane, h, w, yy, xx, max);
                                if (max) {
                                    acc = Math.max(acc, v);
                                    any = true;
                                } else {
                                    acc += v;
                                }
                            }
                        }
                        double result = max ? (any ? acc : 0) : acc / count;
                        out.setDouble(((n * c + ch) * outH + ph) * outW + pw, result);
                    }
                }
            }
        }
        return out;
    }

    /** Bilinear sample; in max mode the largest weighted corner, as ONNX Runtime computes it. */
    private static double sample(Tensor x, int plane, int h, int w, double y, double xx, boolean max) {
        if (y < -1 || y > h || xx < -1 || xx > w) {
            return 0;
        }
        y = Math.max(y, 0);
        xx = Math.max(xx, 0);
        int y0 = (int) y;
        int x0 = (int) xx;
        int y1;
        int x1;
        if (y0 >= h - 1) {
            y0 = y1 = h - 1;
            y = y0;
        } else {
            y1 = y0 + 1;
        }
        if (x0 >= w - 1) {
            x0 = x1 = w - 1;
            xx = x0;
        } else {
            x1 = x0 + 1;
        }
        double ly = y - y0;
        double lx = xx - x0;
        double hy = 1 - ly;
        double hx = 1 - lx;
        double v1 = hy * hx * x.getDouble(plane + y0 * w + x0);
        double v2 = hy * lx * x.getDouble(plane + y0 * w + x1);
        double v3 = ly * hx * x.getDouble(plane + y1 * w + x0);
        double v4 = ly * lx * x.getDouble(plane + y1 * w + x1);
        return max ? Math.max(Math.max(v1, v2), Math.max(v3, v4)) : v1 + v2 + v3 + v4;
    }
}
