package dev.edge4j.vision.face;

import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageTensors;
import dev.edge4j.vision.image.Normalization;
import dev.edge4j.vision.image.Resampler;
import dev.edge4j.vision.runtime.FloatTensor;
import dev.edge4j.vision.runtime.ModelRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The 68-point landmark model {@code fr_landmark} (iBUG 300-W numbering): a 64x64 grey crop of the
 * square around the detection (side = box height), values v / 256, out come 68 (x, y) pairs as
 * fractions of the crop. The five alignment points are the centres of the eyes (the four eyelid
 * points 37, 38, 40, 41 and 43, 44, 46, 47), the nose tip (30), and the mouth corners (midpoints
 * of the outer and inner lip corners 48/60 and 54/64).
 *
 * <p>Its points follow the detector's box closely, so a box that shifts between two photos of
 * one face moves the alignment too; {@link BlazeFaceKeypoints} is steadier and is the default.
 */
public final class Landmark68 implements FaceLandmarker {
    public static final int INPUT = 64;
    private static final Normalization NORM = new Normalization(0f, 256f);

    private final ModelRunner model;

    public Landmark68(ModelRunner model) {
        this.model = model;
    }

    @Override
    public FaceLandmarks locate(Image image, Detection face) {
        Box b = face.box();
        float side = b.height();
        float x0 = b.centerX() - side / 2;
        float y0 = b.centerY() - side / 2;
        // Parts of the square outside the photo are black, keeping the face where the model expects it.
        Image crop = Resampler.resample(image, x0, y0, side, side, INPUT, INPUT, 0, 0, 0);
        FloatTensor input = ImageTensors.grey(crop, NORM);
        float[] out = ModelOutputs.single(model.run("input", input), "fr_landmark", 136).data();
        List<Point> points = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            points.add(new Point(x0 + out[2 * i] * side, y0 + out[2 * i + 1] * side));
        }
        return new FaceLandmarks(fivePoints(points), points);
    }

    /** The ArcFace five points from the 68 iBUG points. */
    static List<Point> fivePoints(List<Point> p) {
        return List.of(
                mean(p, 37, 38, 40, 41),
                mean(p, 43, 44, 46, 47),
                p.get(30),
                mean(p, 48, 60),
                mean(p, 54, 64));
    }

    private static Point mean(List<Point> p, int... idx) {
        float x = 0;
        float y = 0;
        for (int i : idx) {
            x += p.get(i).x();
            y += p.get(i).y();
        }
        return new Point(x / idx.length, y / idx.length);
    }
}
