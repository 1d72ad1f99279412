package dev.edge4j.onnx.ops.image;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NonMaxSuppression: per batch and class, takes boxes by falling score (above the score
 * threshold) and drops each whose overlap (IoU) with a box already taken exceeds the IoU
 * threshold, up to the per-class limit. Returns rows of [batch, class, box].
 */
final class NonMaxSuppression implements SimpleOp {
    private final boolean centerPoint;

    NonMaxSuppression(OpSpec spec) {
        centerPoint = spec.attrs().getLong("center_point_box", 0) != 0;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor boxes = Ops.input(in, 0, "boxes");
        Tensor scores = Ops.input(in, 1, "scores");
        long maxOut = Ops.optional(in, 2) == null || in[2].size() == 0 ? 0 : Ops.scalarLong(in[2], "max_output_boxes_per_class");
        double iouThreshold = Ops.optional(in, 3) == null || in[3].size() == 0 ? 0 : Ops.scalarDouble(in[3], "iou_threshold");
        Double scoreThreshold = Ops.optional(in, 4) == null || in[4].size() == 0 ? null : Ops.scalarDouble(in[4], "score_threshold");
        Ops.requireRank(boxes, 3, "boxes");
        Ops.requireRank(scores, 3, "scores");
        int batches = boxes.shape().dim(0);
        int n = boxes.shape().dim(1);
        int classes = scores.shape().dim(1);
        if (boxes.shape().dim(2) != 4 || scores.shape().dim(0) != batches || scores.shape().dim(2) != n) {
            throw new InvalidInputException("boxes " + boxes.shape() + " and scores " + scores.shape() + " do not fit");
        }
        List<long[]> selected = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            double[][] box = new double[n][];
            for (int i = 0; i < n; i++) {
                box[i] = corners(boxes, (b * n + i) * 4);
            }
            for (int c = 0; c < classes; c++) {
                int base = (b * classes + c) * n;
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double s = scores.getDouble(base + i);
                    if (scoreThreshold == null || s > scoreThreshold) {
                        order.add(i);
                    }
                }
                order.sort(Comparator.comparingDouble((Integer i) -> -scores.getDouble(base + i))
                        .thenComparing(Comparator.naturalOrder()));
                List<Integer> kept = new ArrayList<>();
                for (int i : order) {
                    if (kept.size() >= maxOut) {
                        break;
                    }
                    boolean suppressed = false;
                    for (int k : kept) {
                        if (iou(box[i], box[k]) > iouThreshold) {
                            suppressed = true;
                            break;
                        }
                    }
                    if (!suppressed) {
                        kept.add(i);
                        selected.add(new long[] {b, c, i});
                    }
                }
            }
        }
        long[] out = new long[selected.size() * 3];
        for (int i = 0; i < selected.size(); i++) {
            System.arraycopy(selected.get(i), 0, out, i * 3, 3);
        }
        return Tensor.of(out, selected.size(), 3);
    }

    /** [y1, x1, y2, x2] with y1 <= y2 and x1 <= x2. */
    private double[] corners(Tensor boxes, int o) {
        double a = boxes.getDouble(o);
        double b = boxes.getDouble(o + 1);
        double c = boxes.getDouble(o + 2);
        double d = boxes.getDouble(o + 3);
        if (centerPoint) {
            // [x_center, y_center, width, height]
            return new double[] {b - d / 2, a - c / 2, b + d / 2, a + c / 2};
        }
        return new double[] {Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)};
    }

    private static double iou(double[] p, double[] q) {
        double h = Math.min(p[2], q[2]) - Math.max(p[0], q[0]);
        double w = Math.min(p[3], q[3]) - Math.max(p[1], q[1]);
        if (h <= 0 || w <= 0) {
            return 0;
        }
        double inter = h * w;
        double union = (p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
