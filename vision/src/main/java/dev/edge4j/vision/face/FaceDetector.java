package dev.edge4j.vision.face;

import dev.edge4j.vision.image.Image;
import java.util.List;

/**
 * Finds faces in an image of any size. Implement this to plug in another detector (SCRFD, YuNet,
 * ...): run the model through a {@link dev.edge4j.vision.runtime.ModelRunner}, and use
 * {@link Letterbox} to feed it and map its boxes back, and {@link Nms} to merge overlaps.
 */
public interface FaceDetector {
    /** Faces in {@code image}, highest score first, in the image's own pixel coordinates. */
    List<Detection> detect(Image image);

    /** A short name for reports, e.g. {@code fr_detect}. */
    String name();
}
