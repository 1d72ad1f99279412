package dev.edge4j.vision.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {
    @Test
    void recoversAKnownSimilarityExactly() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            double angle = rnd.nextDouble() * 2 * Math.PI;
            double scale = 0.2 + rnd.nextDouble() * 5;
            double tx = rnd.nextGaussian() * 100;
            double ty = rnd.nextGaussian() * 100;
            double a = scale * Math.cos(angle);
            double b = scale * Math.sin(angle);
            double[] truth = {a, -b, tx, b, a, ty};
            List<Point> from = new ArrayList<>();
            List<Point> to = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Point p = new Point((float) (rnd.nextDouble() * 200), (float) (rnd.nextDouble() * 200));
                from.add(p);
                to.add(SimilarityTransform.apply(truth, p));
            }
            double[] m = SimilarityTransform.estimate(from, to);
            for (int k = 0; k < 6; k++) {
                assertThat(m[k]).as("trial %d coefficient %d", trial, k).isCloseTo(truth[k], within(1e-3 * Math.max(1, Math.abs(truth[k]))));
            }
        }
    }

    @Test
    void noisyPointsGiveTheLeastSquaresFit() {
        // Four corners of a square, one pulled outwards: the fit splits the difference and
        // keeps the map a similarity (equal scale on both axes, no shear).
        List<Point> from = List.of(new Point(0, 0), new Point(1, 0), new Point(1, 1), new Point(0, 1));
        List<Point> to = List.of(new Point(0, 0), new Point(2, 0), new Point(2.4f, 2.4f), new Point(0, 2));
        double[] m = SimilarityTransform.estimate(from, to);
        assertThat(m[0]).isCloseTo(m[4], within(1e-9));
        assertThat(m[1]).isCloseTo(-m[3], within(1e-9));
        double residual = 0;
        for (int i = 0; i < 4; i++) {
            Point p = SimilarityTransform.apply(m, from.get(i));
            residual += Math.pow(p.x() - to.get(i).x(), 2) + Math.pow(p.y() - to.get(i).y(), 2);
        }
        // Any other similarity (here: the exact fit of the three unmoved corners) does worse.
        double[] other = {2, 0, 0, 0, 2, 0};
        double otherResidual = 0;
        for (int i = 0; i < 4; i++) {
            Point p = SimilarityTransform.apply(other, from.get(i));
            otherResidual += Math.pow(p.x() - to.get(i).x(), 2) + Math.pow(p.y() - to.get(i).y(), 2);
        }
        assertThat(residual).isLessThan(otherResidual);
    }

    @Test
    void inverseUndoesTheMap() {
        double[] m = {1.3, -0.4, 12, 0.4, 1.3, -7};
        double[] inv = SimilarityTransform.invert(m);
        Point p = new Point(33, 71);
        Point back = SimilarityTransform.apply(inv, SimilarityTransform.apply(m, p));
        assertThat(back.x()).isCloseTo(33f, within(1e-4f));
        assertThat(back.y()).isCloseTo(71f, within(1e-4f));
    }

    @Test
    void alignedLandmarksLandOnTheTemplate() {
        // A face at 3x the template's size, turned 20 degrees, far from the origin.
        double ang = Math.toRadians(20);
        double[] place = {3 * Math.cos(ang), -3 * Math.sin(ang), 500, 3 * Math.sin(ang), 3 * Math.cos(ang), 300};
        List<Point> five = FaceAligner.TEMPLATE.stream().map(p -> SimilarityTransform.apply(place, p)).toList();
        double[] toCrop = FaceAligner.transform(new FaceLandmarks(five, List.of()));
        for (int i = 0; i < 5; i++) {
            Point p = SimilarityTransform.apply(toCrop, five.get(i));
            assertThat(p.x()).isCloseTo(FaceAligner.TEMPLATE.get(i).x(), within(1e-3f));
            assertThat(p.y()).isCloseTo(FaceAligner.TEMPLATE.get(i).y(), within(1e-3f));
        }
    }
}
