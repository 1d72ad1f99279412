package dev.edge4j.vision.face;

import dev.edge4j.vision.image.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * Detect, locate landmarks, align, embed (and optionally check liveness) every face of an image.
 * Holds no state between calls; it is as thread-safe as the models it runs.
 */
public final class FacePipeline implements AutoCloseable {
    private final FaceDetector detector;
    private final FaceLandmarker landmarker;
    private final FaceEmbedder embedder;
    private final LivenessChecker liveness;
    private final List<AutoCloseable> resources;

    /**
     * @param landmarker null to align with the detector's own keypoints
     * @param liveness null to skip liveness
     * @param resources closed with the pipeline (the model runners)
     */
    public FacePipeline(FaceDetector detector, FaceLandmarker landmarker, FaceEmbedder embedder,
            LivenessChecker liveness, List<? extends AutoCloseable> resources) {
        this.detector = detector;
        this.landmarker = landmarker == null ? new DetectorKeypoints() : landmarker;
        this.embedder = embedder;
        this.liveness = liveness;
        this.resources = List.copyOf(resources);
    }

    public FaceDetector detector() {
        return detector;
    }

    public boolean checksLiveness() {
        return liveness != null;
    }

    /** Faces found in {@code image}, best detection first. */
    public List<Face> analyze(Image image) {
        return analyze(image, detector.detect(image));
    }

    /** Landmarks, embedding and liveness for faces already detected in {@code image}. */
    public List<Face> analyze(Image image, List<Detection> detections) {
        List<Face> faces = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            faces.add(analyzeOne(image, d));
        }
        return faces;
    }

    public Face analyzeOne(Image image, Detection d) {
        FaceLandmarks lm = landmarker.locate(image, d);
        float[] embedding = embedder.embed(FaceAligner.align(image, lm));
        Liveness live = liveness == null ? null : liveness.check(image, d);
        return new Face(d, lm, embedding, live);
    }

    /** The aligned 112x112 crop the embedding is computed from (for inspection and annotated output). */
    public Image aligned(Image image, Detection d) {
        return FaceAligner.align(image, landmarker.locate(image, d));
    }

    /** Closes every model; the first failure is rethrown after all were tried. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new IllegalStateException("closing a model failed", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
