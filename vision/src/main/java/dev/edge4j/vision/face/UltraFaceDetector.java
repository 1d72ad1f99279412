package dev.edge4j.vision.face;

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
 * The UltraFace-style detector {@code fr_detect} (RFB-320): a 320x240 input, 4420 prior boxes
 * that the model already decodes into corner coordinates (0..1 of the input), and a two-class
 * softmax score per prior. The image is letterboxed into the input, so any size and aspect works.
 */
public final class UltraFaceDetector implements FaceDetector {
    public static final int INPUT_WIDTH = 320;
    public static final int INPUT_HEIGHT = 240;
    public static final int PRIORS = 4420;
    private static final Normalization NORM = new Normalization(127f, 128f);

    /**
     * @param minScore face probability a prior needs to count
     * @param nmsIou overlap above which two boxes are the same face
     * @param maxFaces at most this many faces, best first
     * @param channels the channel order the model was trained on
     */
    public record Options(float minScore, float nmsIou, int maxFaces, ChannelOrder channels) {
        public static final Options DEFAULT = new Options(0.7f, 0.4f, 200, ChannelOrder.BGR);

        public Options withMinScore(float s) {
            return new Options(s, nmsIou, maxFaces, channels);
        }

        public Options withChannels(ChannelOrder c) {
            return new Options(minScore, nmsIou, maxFaces, c);
        }
    }

    private final ModelRunner model;
    private final Options options;

    public UltraFaceDetector(ModelRunner model) {
        this(model, Options.DEFAULT);
    }

    public UltraFaceDetector(ModelRunner model, Options options) {
        this.model = model;
        this.options = options;
    }

    @Override
    public String name() {
        return "fr_detect";
    }

    @Override
    public List<Detection> detect(Image image) {
        Letterbox lb = Letterbox.fit(image.width(), image.height(), INPUT_WIDTH, INPUT_HEIGHT);
        FloatTensor input = ImageTensors.nchw(lb.apply(image), options.channels(), NORM);
        Map<String, FloatTensor> out = model.run("input", input);
        float[] scores = ModelOutputs.require(out, name(), "scores", PRIORS * 2).data();
        float[] boxes = ModelOutputs.require(out, name(), "boxes", PRIORS * 4).data();
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < PRIORS; i++) {
            float score = scores[2 * i + 1];
            if (score < options.minScore()) {
                continue;
            }
            Box box = new Box(
                    lb.toImageX(boxes[4 * i] * INPUT_WIDTH), lb.toImageY(boxes[4 * i + 1] * INPUT_HEIGHT),
                    lb.toImageX(boxes[4 * i + 2] * INPUT_WIDTH), lb.toImageY(boxes[4 * i + 3] * INPUT_HEIGHT))
                    .clip(image.width(), image.height());
            if (box.width() > 1 && box.height() > 1) {
                candidates.add(new Detection(box, score));
            }
        }
        return Nms.hard(candidates, options.nmsIou(), options.maxFaces());
    }
}
