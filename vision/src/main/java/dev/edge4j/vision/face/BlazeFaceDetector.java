package dev.edge4j.vision.face;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.vision.image.ChannelOrder;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageTensors;
import dev.edge4j.vision.image.Normalization;
import dev.edge4j.vision.runtime.FloatTensor;
import dev.edge4j.vision.runtime.ModelRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe's BlazeFace detectors: the front-camera model (128x128, faces filling much of the
 * frame) and the back-camera model (256x256, smaller faces further away). Both predict, for 896
 * anchors on a 16x16 grid (2 per cell) and an 8x8 grid (6 per cell), a score logit and 16 numbers:
 * box centre offset, box size, and six keypoints (both eyes, nose tip, mouth centre, both ear
 * tragions), all in input pixels relative to the anchor centre. Overlapping anchors are blended
 * by weighted NMS, as MediaPipe does.
 */
public final class BlazeFaceDetector implements FaceDetector {
    private static final Normalization NORM = new Normalization(127.5f, 127.5f);
    private static final int FINE_GRID = 16;
    private static final int FINE_PER_CELL = 2;
    private static final int COARSE_GRID = 8;
    private static final int COARSE_PER_CELL = 6;
    private static final int FINE = FINE_GRID * FINE_GRID * FINE_PER_CELL; // 512
    private static final int COARSE = COARSE_GRID * COARSE_GRID * COARSE_PER_CELL; // 384
    private static final int VALUES = 16;

    /** The two published models. */
    public enum Variant {
        FRONT("blazeface-front", 128),
        BACK("blazeface-back", 256);

        final String model;
        final int size;

        Variant(String model, int size) {
            this.model = model;
            this.size = size;
        }

        /** The catalog name of the model. */
        public String model() {
            return model;
        }

        public int inputSize() {
            return size;
        }
    }

    public record Options(float minScore, float nmsIou, int maxFaces) {
        public static final Options DEFAULT = new Options(0.6f, 0.3f, 100);
    }

    private final ModelRunner model;
    private final Variant variant;
    private final Options options;
    private final String inputName;

    public BlazeFaceDetector(ModelRunner model, Variant variant) {
        this(model, variant, Options.DEFAULT);
    }

    public BlazeFaceDetector(ModelRunner model, Variant variant, Options options) {
        this.model = model;
        this.variant = variant;
        this.options = options;
        this.inputName = "input:0";
    }

    @Override
    public String name() {
        return variant.model;
    }

    /** Side of the square model input in pixels (128 or 256). */
    public int inputSize() {
        return variant.size;
    }

    @Override
    public List<Detection> detect(Image image) {
        int size = variant.size;
        Letterbox lb = Letterbox.fit(image.width(), image.height(), size, size);
        FloatTensor input = ImageTensors.nhwc(lb.apply(image), ChannelOrder.RGB, NORM);
        Map<String, FloatTensor> out = model.run(inputName, input);
        float[] fineScores = output(out, FINE, 1);
        float[] coarseScores = output(out, COARSE, 1);
        float[] fineBoxes = output(out, FINE, VALUES);
        float[] coarseBoxes = output(out, COARSE, VALUES);
        List<Detection> candidates = new ArrayList<>();
        decode(fineScores, fineBoxes, FINE_GRID, FINE_PER_CELL, lb, image, candidates);
        decode(coarseScores, coarseBoxes, COARSE_GRID, COARSE_PER_CELL, lb, image, candidates);
        return Nms.weighted(candidates, options.nmsIou(), options.maxFaces());
    }

    private void decode(float[] scores, float[] boxes, int grid, int perCell, Letterbox lb, Image image,
            List<Detection> into) {
        int size = variant.size;
        float minLogit = (float) Math.log(options.minScore() / (1 - options.minScore()));
        for (int cy = 0; cy < grid; cy++) {
            for (int cx = 0; cx < grid; cx++) {
                float ax = (cx + 0.5f) / grid * size; // anchor centre in input pixels
                float ay = (cy + 0.5f) / grid * size;
                for (int a = 0; a < perCell; a++) {
                    int i = (cy * grid + cx) * perCell + a;
                    float logit = scores[i];
                    if (logit < minLogit) {
                        continue;
                    }
                    float score = (float) (1 / (1 + Math.exp(-Math.clamp(logit, -100f, 100f))));
                    int o = i * VALUES;
                    float bx = ax + boxes[o];
                    float by = ay + boxes[o + 1];
                    float bw = boxes[o + 2];
                    float bh = boxes[o + 3];
                    if (!(bw > 0) || !(bh > 0)) {
                        continue;
                    }
                    Box box = new Box(lb.toImageX(bx - bw / 2), lb.toImageY(by - bh / 2),
                            lb.toImageX(bx + bw / 2), lb.toImageY(by + bh / 2)).clip(image.width(), image.height());
                    if (box.width() <= 1 || box.height() <= 1) {
                        continue;
                    }
                    List<Point> kps = new ArrayList<>(6);
                    for (int k = 0; k < 6; k++) {
                        kps.add(new Point(lb.toImageX(ax + boxes[o + 4 + 2 * k]), lb.toImageY(ay + boxes[o + 5 + 2 * k])));
                    }
                    into.add(new Detection(box, score, kps));
                }
            }
        }
    }

    /** Finds an output by its shape ([1, anchors, values]); the published models name them Identity*:0. */
    private float[] output(Map<String, FloatTensor> out, int anchors, int values) {
        for (FloatTensor t : out.values()) {
            int[] s = t.shape();
            if (s.length >= 2 && s[s.length - 1] == values && s[s.length - 2] == anchors) {
                return t.data();
            }
        }
        throw new ModelFormatException(name() + " gave no output of shape [1, " + anchors + ", " + values
                + "]; is it a BlazeFace model? (outputs: " + out.keySet() + ")");
    }
}
