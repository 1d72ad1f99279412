package dev.edge4j.vision.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an evaluation measured: identification trials (augmented copies searched against the
 * enrolled people) and verification pairs (an augmented copy against one original face).
 *
 * @param trials every search, genuine and impostor
 * @param genuinePairs similarity of a copy to its own original face
 * @param crossPhotoPairs similarity of a copy to another photo of the same person (taken on
 *     another day: the hardest genuine pairs, and the only ones not made by augmentation)
 * @param impostorPairs similarity of a copy to an original face of another person
 * @param missed copies in which the pipeline found no face at the right place
 */
public record EvaluationResult(List<Trial> trials, float[] genuinePairs, float[] crossPhotoPairs,
        float[] impostorPairs, int missed) {

    /** Identification rate: genuine searches whose best match is the right person, at or above {@code t}. */
    public double top1Rate(float t) {
        long g = trials.stream().filter(Trial::genuine).count();
        long ok = trials.stream().filter(x -> x.correctAt(t)).count();
        return g == 0 ? Double.NaN : (double) ok / g;
    }

    /** Share of searches for people not enrolled that were accepted as someone at {@code t}. */
    public double falseAcceptRate(float t) {
        long n = trials.stream().filter(x -> !x.genuine()).count();
        long acc = trials.stream().filter(x -> !x.genuine() && x.acceptedAt(t)).count();
        return n == 0 ? Double.NaN : (double) acc / n;
    }

    /** Verification: share of impostor pairs at or above {@code t}. */
    public double pairFar(float t) {
        int n = 0;
        for (float s : impostorPairs) {
            if (s >= t) {
                n++;
            }
        }
        return impostorPairs.length == 0 ? Double.NaN : (double) n / impostorPairs.length;
    }

    /** Verification: share of genuine pairs below {@code t} (a copy with no face found counts as rejected). */
    public double pairFrr(float t) {
        int n = 0;
        for (float s : genuinePairs) {
            if (s < t) {
                n++;
            }
        }
        int total = genuinePairs.length + missed;
        return total == 0 ? Double.NaN : (double) (n + missed) / total;
    }

    /** Verification across two photos of one person: share of those pairs below {@code t}. */
    public double crossPhotoFrr(float t) {
        int n = 0;
        for (float s : crossPhotoPairs) {
            if (s < t) {
                n++;
            }
        }
        return crossPhotoPairs.length == 0 ? Double.NaN : (double) n / crossPhotoPairs.length;
    }

    public long genuineTrials() {
        return trials.stream().filter(Trial::genuine).count();
    }

    public long impostorTrials() {
        return trials.stream().filter(x -> !x.genuine()).count();
    }

    public float maxImpostorPair() {
        float m = Float.NEGATIVE_INFINITY;
        for (float s : impostorPairs) {
            m = Math.max(m, s);
        }
        return m;
    }

    /** The highest similarity any impostor reached, in a search or a verification pair. */
    public float maxImpostorScore() {
        float m = maxImpostorPair();
        for (Trial t : trials) {
            if (!t.genuine() && t.found()) {
                m = Math.max(m, t.top1Score());
            }
        }
        return m;
    }

    /**
     * The threshold a gallery should use: just above every impostor score seen, plus
     * {@code margin}, rounded up to 0.01. Genuine pairs made by augmentation are easier than two
     * photos taken on different days, so the threshold is set by false accepts alone, as low as
     * they allow; the margin stands for the impostors a larger crowd than 20 people would bring.
     */
    public float calibrate(float margin) {
        return (float) (Math.ceil((maxImpostorScore() + margin) * 100) / 100);
    }

    /** A table of rates at the given thresholds, one line each, for reports and the README. */
    public List<String> table(float... thresholds) {
        List<String> lines = new ArrayList<>();
        lines.add("| threshold | enrolled found (top-1) | non-enrolled accepted | verify FAR | verify FRR"
                + " | verify FRR, two photos |");
        lines.add("|---|---|---|---|---|---|");
        for (float t : thresholds) {
            lines.add(String.format(Locale.ROOT, "| %.2f | %.2f%% | %.2f%% | %.3f%% | %.2f%% | %.1f%% |", t,
                    100 * top1Rate(t), 100 * falseAcceptRate(t), 100 * pairFar(t), 100 * pairFrr(t),
                    100 * crossPhotoFrr(t)));
        }
        return lines;
    }
}
