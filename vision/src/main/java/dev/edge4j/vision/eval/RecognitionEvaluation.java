package dev.edge4j.vision.eval;

import dev.edge4j.vision.face.Detection;
import dev.edge4j.vision.face.Face;
import dev.edge4j.vision.face.FaceEmbedder;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.face.FaceQuality;
import dev.edge4j.vision.face.Point;
import dev.edge4j.vision.gallery.EmbeddingIndex;
import dev.edge4j.vision.gallery.Match;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Measures how well the pipeline recognises people, with no labelled photo collection: every
 * face is copied {@code copies} times with random {@link Augmentation}s, each copy goes through the
 * whole pipeline (detection included), and its embedding is searched against the original faces.
 *
 * <p>The people are split into two halves. With the first half enrolled, copies of their faces
 * are genuine searches (the right answer exists) and copies of the second half are impostor
 * searches (nobody should be accepted); then the halves swap. Every copy is thus searched once as
 * genuine and once as impostor. Verification pairs compare each copy with every original face:
 * its own (genuine), another photo of the same person (cross-photo), or someone else (impostor).
 *
 * <p>Faces that enrolment would refuse ({@link FaceQuality#enrolProblem()}, e.g. a profile) are
 * not enrolled, as {@code edge4j face enroll} would not enrol them; their copies are still
 * searched, as impostors. {@code gateEnrolment = false} enrols every face regardless.
 */
public final class RecognitionEvaluation {
    private RecognitionEvaluation() {}

    public static EvaluationResult run(FacePipeline pipeline, List<EvaluationFace> faces, int copies, long seed,
            boolean gateEnrolment, IntConsumer progress) {
        // Reference embeddings of the original faces, and the two halves of the people.
        Map<String, float[]> original = new LinkedHashMap<>();
        Set<String> enrollable = new HashSet<>();
        for (EvaluationFace f : faces) {
            Face face = pipeline.analyzeOne(f.photo(), f.detection());
            original.put(f.id(), face.embedding());
            if (!gateEnrolment || FaceQuality.of(face.landmarks()).enrollable()) {
                enrollable.add(f.id());
            }
        }
        List<String> identities = new ArrayList<>(new TreeSet<>(faces.stream().map(EvaluationFace::identity).toList()));
        Collections.shuffle(identities, new Random(seed));
        List<List<String>> halves = List.of(
                identities.subList(0, identities.size() / 2), identities.subList(identities.size() / 2, identities.size()));
        List<EmbeddingIndex> galleries = new ArrayList<>();
        for (List<String> half : halves) {
            EmbeddingIndex index = new EmbeddingIndex(FaceEmbedder.DIMENSION);
            for (EvaluationFace f : faces) {
                if (half.contains(f.identity()) && enrollable.contains(f.id())) {
                    index.add(f.identity(), original.get(f.id()));
                }
            }
            galleries.add(index);
        }

        Random rnd = new Random(seed ^ 0x5DEECE66DL);
        List<Trial> trials = new ArrayList<>();
        List<Float> genuine = new ArrayList<>();
        List<Float> impostor = new ArrayList<>();
        List<Float> crossPhoto = new ArrayList<>();
        int missed = 0;
        int done = 0;
        for (EvaluationFace f : faces) {
            for (int c = 0; c < copies; c++) {
                Augmentation a = Augmentation.random(rnd);
                Augmenter.Augmented copy = Augmenter.apply(f.photo(), f.detection().box(), a);
                Face probe = find(pipeline, copy);
                if (probe == null) {
                    missed++;
                } else {
                    for (EvaluationFace o : faces) {
                        float s = FaceEmbedder.similarity(probe.embedding(), original.get(o.id()));
                        if (o.id().equals(f.id())) {
                            genuine.add(s);
                        } else if (o.identity().equals(f.identity())) {
                            crossPhoto.add(s);
                        } else {
                            impostor.add(s);
                        }
                    }
                }
                for (int h = 0; h < 2; h++) {
                    boolean enrolled = galleries.get(h).contains(f.identity());
                    if (probe == null) {
                        trials.add(new Trial(f.id(), f.identity(), enrolled, false, null, Float.NaN, a));
                    } else {
                        Match m = galleries.get(h).search(probe.embedding(), 1).getFirst();
                        trials.add(new Trial(f.id(), f.identity(), enrolled, true, m.name(), m.score(), a));
                    }
                }
                if (progress != null) {
                    progress.accept(++done);
                }
            }
        }
        return new EvaluationResult(trials, toArray(genuine), toArray(crossPhoto), toArray(impostor), missed);
    }

    /** The face the pipeline finds where the copy has it: centre within half a face size. */
    static Face find(FacePipeline pipeline, Augmenter.Augmented copy) {
        List<Detection> detections = pipeline.detector().detect(copy.image());
        Detection best = null;
        double bestDist = Double.MAX_VALUE;
        Point c = copy.faceCenter();
        for (Detection d : detections) {
            double dist = Math.hypot(d.box().centerX() - c.x(), d.box().centerY() - c.y());
            if (dist < 0.5 * copy.faceSize() && dist < bestDist) {
                best = d;
                bestDist = dist;
            }
        }
        return best == null ? null : pipeline.analyzeOne(copy.image(), best);
    }

    private static float[] toArray(List<Float> list) {
        float[] a = new float[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
