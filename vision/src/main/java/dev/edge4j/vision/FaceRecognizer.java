package dev.edge4j.vision;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.vision.face.Face;
import dev.edge4j.vision.face.FaceEmbedder;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.face.FaceQuality;
import dev.edge4j.vision.gallery.Gallery;
import dev.edge4j.vision.gallery.Match;
import dev.edge4j.vision.gallery.Person;
import dev.edge4j.vision.image.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recognition on top of the pipeline and the gallery: enrol people from photos, identify the
 * faces of an image, verify that two photos show one person.
 *
 * <p>A face is someone when its cosine similarity to their best embedding reaches the threshold.
 * The default, {@value #DEFAULT_THRESHOLD}, comes from the evaluation in the README: at it, no
 * augmented copy of a non-enrolled face was accepted as anyone.
 */
public final class FaceRecognizer {
    /** The calibrated default match threshold (cosine similarity). */
    public static final float DEFAULT_THRESHOLD = 0.45f;
    /** How many candidates an identification reports per face. */
    public static final int CANDIDATES = 3;

    private final FacePipeline pipeline;
    private final Gallery gallery;
    private final float threshold;
    private final boolean requireLive;

    /**
     * @param gallery may be null for verification only
     * @param requireLive true to treat faces the liveness check rejects as unknown (needs a
     *     pipeline that checks liveness)
     */
    public FaceRecognizer(FacePipeline pipeline, Gallery gallery, float threshold, boolean requireLive) {
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new InvalidInputException("the match threshold is a cosine similarity in [-1, 1], got " + threshold);
        }
        if (requireLive && !pipeline.checksLiveness()) {
            throw new IllegalArgumentException("requiring live faces needs a pipeline that checks liveness");
        }
        this.pipeline = pipeline;
        this.gallery = gallery;
        this.threshold = threshold;
        this.requireLive = requireLive;
    }

    public float threshold() {
        return threshold;
    }

    public FacePipeline pipeline() {
        return pipeline;
    }

    /** Every face in {@code image} and who it is. */
    public List<Recognition> identify(Image image) {
        List<Recognition> out = new ArrayList<>();
        for (Face f : pipeline.analyze(image)) {
            out.add(recognise(f));
        }
        return out;
    }

    /** Who an already analysed face is. */
    public Recognition recognise(Face f) {
        List<Match> candidates = gallery().search(f.embedding(), CANDIDATES);
        boolean live = !requireLive || (f.liveness() != null && f.liveness().live());
        boolean known = !candidates.isEmpty() && candidates.getFirst().score() >= threshold && live;
        return new Recognition(f, candidates, known);
    }

    /**
     * The one face of an enrolment photo: the image must show exactly one face (or, with
     * {@code largest}, the largest one is taken) that is big and frontal enough.
     */
    public Face enrolmentFace(Image image, String what, boolean largest) {
        List<Face> faces = pipeline.analyze(image);
        if (faces.isEmpty()) {
            throw new NoFaceException("no face found in " + what);
        }
        if (faces.size() > 1 && !largest) {
            throw new InvalidInputException(what + " shows " + faces.size()
                    + " faces; enrol from a photo of one person, or take the largest face (--largest)");
        }
        Face face = faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
        String problem = FaceQuality.of(face.landmarks()).enrolProblem();
        if (problem != null) {
            throw new InvalidInputException("cannot enrol the face in " + what + ": " + problem);
        }
        return face;
    }

    /** Stores the embeddings of {@code faces} under {@code name}, in one transaction. */
    public Person enroll(String name, List<Face> faces, String source) {
        return gallery().enroll(name, faces.stream().map(Face::embedding).toList(), source);
    }

    /** Whether two faces are one person: their similarity and the verdict at the threshold. */
    public record Verification(float score, boolean same) {}

    public Verification verify(Face a, Face b) {
        float s = FaceEmbedder.similarity(a.embedding(), b.embedding());
        return new Verification(s, s >= threshold);
    }

    private Gallery gallery() {
        if (gallery == null) {
            throw new IllegalStateException("this recognizer has no gallery");
        }
        return gallery;
    }
}
