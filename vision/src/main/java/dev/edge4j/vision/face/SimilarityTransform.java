package dev.edge4j.vision.face;

import java.util.List;

/**
 * The least-squares similarity transform (rotation, uniform scale, translation) taking one point
 * set onto another: with centred points p and q, a = sum(p.q) / sum(|p|^2) and
 * b = sum(p x q) / sum(|p|^2) give the map (x, y) -> (a x - b y + tx, b x + a y + ty).
 * This is Umeyama's solution without reflection, in closed form for two dimensions.
 */
public final class SimilarityTransform {
    private SimilarityTransform() {}

    /** Row-major 2x3 matrix of the map taking {@code from} onto {@code to}. */
    public static double[] estimate(List<Point> from, List<Point> to) {
        int n = from.size();
        if (n != to.size() || n < 2) {
            throw new IllegalArgumentException("need two equal point lists of size >= 2, got " + n + " and " + to.size());
        }
        double fx = 0;
        double fy = 0;
        double tx = 0;
        double ty = 0;
        for (int i = 0; i < n; i++) {
            fx += from.get(i).x();
            fy += from.get(i).y();
            tx += to.get(i).x();
            ty += to.get(i).y();
        }
        fx /= n;
        fy /= n;
        tx /= n;
        ty /= n;
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from.get(i).x() - fx;
            double py = from.get(i).y() - fy;
            double qx = to.get(i).x() - tx;
            double qy = to.get(i).y() - ty;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (!(norm > 1e-12)) {
            throw new IllegalArgumentException("the source points all coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new double[] {a, -b, tx - (a * fx - b * fy), b, a, ty - (b * fx + a * fy)};
    }

    /** The inverse of a similarity (or any invertible affine) 2x3 matrix. */
    public static double[] invert(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("the transform is not invertible");
        }
        double i0 = m[4] / det;
        double i1 = -m[1] / det;
        double i3 = -m[3] / det;
        double i4 = m[0] / det;
        return new double[] {i0, i1, -(i0 * m[2] + i1 * m[5]), i3, i4, -(i3 * m[2] + i4 * m[5])};
    }

    public static Point apply(double[] m, Point p) {
        return new Point((float) (m[0] * p.x() + m[1] * p.y() + m[2]), (float) (m[3] * p.x() + m[4] * p.y() + m[5]));
    }
}
