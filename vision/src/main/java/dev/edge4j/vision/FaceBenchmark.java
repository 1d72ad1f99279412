package dev.edge4j.vision;

import dev.edge4j.vision.face.Detection;
import dev.edge4j.vision.face.Face;
import dev.edge4j.vision.face.FaceEmbedder;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.gallery.EmbeddingIndex;
import dev.edge4j.vision.gallery.Match;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.Resampler;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The recognition benchmark: one 640x480 camera frame with one face (as a face-login camera sees
 * it: the face about two thirds of the frame's height), through detection,
 * alignment, embedding and a search among {@value #PEOPLE} people with {@value #PER_PERSON}
 * embeddings each (a 5,000-row gallery), the work a door camera does per frame.
 */
public final class FaceBenchmark {
    public static final int PEOPLE = 1000;
    public static final int PER_PERSON = 5;

    private final Image frame;
    private final EmbeddingIndex gallery;

    /**
     * @param photo a photo; the frame is the 4:3 rectangle {@code height} pixels tall around
     *     {@code (cx, cy)}, scaled to 640x480
     */
    public FaceBenchmark(Image photo, float cx, float cy, float height) {
        float h = height;
        float w = h * 4 / 3;
        this.frame = Resampler.resample(photo, cx - w / 2, cy - h / 2, w, h, 640, 480, 0, 0, 0);
        this.gallery = new EmbeddingIndex(FaceEmbedder.DIMENSION);
        Random rnd = new Random(42);
        for (int p = 0; p < PEOPLE; p++) {
            for (int k = 0; k < PER_PERSON; k++) {
                float[] v = new float[FaceEmbedder.DIMENSION];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) rnd.nextGaussian();
                }
                gallery.add("person-" + p, FaceEmbedder.normalize(v));
            }
        }
    }

    public Image frame() {
        return frame;
    }

    /** One frame: detect, align, embed, search. Returns the best match (to keep the work alive). */
    public Match once(FacePipeline pipeline) {
        List<Detection> found = pipeline.detector().detect(frame);
        if (found.size() != 1) {
            throw new IllegalStateException("the benchmark frame should show one face, the detector found " + found.size());
        }
        Face face = pipeline.analyzeOne(frame, found.getFirst());
        return gallery.search(face.embedding(), 1).getFirst();
    }

    /** Milliseconds per frame for {@code runs} frames after {@code warmup} untimed ones. */
    public double[] time(FacePipeline pipeline, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            once(pipeline);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            once(pipeline);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The 10th and 90th percentiles, for the spread. */
    public static String spread(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p10 %.2f p90 %.2f", s[(int) (0.1 * (s.length - 1))], s[(int) (0.9 * (s.length - 1))]);
    }
}
