package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Progress;
import dev.edge4j.core.models.ModelStore;
import dev.edge4j.vision.eval.EvaluationFace;
import dev.edge4j.vision.eval.EvaluationResult;
import dev.edge4j.vision.eval.RecognitionEvaluation;
import dev.edge4j.vision.eval.SampleFaces;
import dev.edge4j.vision.face.FacePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edge4j face evaluate}: the false-accept / false-reject table behind the default threshold. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measures false accepts and false rejects on the sample photos.",
            "Each of the 22 faces of the six sample photos is copied with random changes (framing,",
            "size, tilt, light, JPEG); every copy goes through the whole pipeline and is searched",
            "among the enrolled faces. Prints the rates by threshold and the threshold they suggest.",
            "See the README for the protocol."})
final class FaceEvaluate implements Callable<Integer> {
    @Mixin
    FaceSession session;

    @Option(names = "--copies", defaultValue = "30", description = "Augmented copies per face (default ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the copies (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-gate", description = "Enrol every face, even those enrolment would refuse (profiles).")
    boolean noGate;

    @Override
    public Integer call() throws IOException {
        if (copies < 1) {
            throw new InvalidInputException("--copies must be at least 1, got " + copies);
        }
        ModelStore store = ModelStore.open();
        try (FacePipeline pipeline = session.openPipeline(false)) {
            List<EvaluationFace> faces = SampleFaces.load(pipeline.detector(), name -> {
                try {
                    return store.fetch(name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            EvaluationResult r;
            try (Progress p = Progress.items("evaluating", (long) faces.size() * copies)) {
                r = RecognitionEvaluation.run(pipeline, faces, copies, seed, !noGate, p::set);
            }
            float suggested = r.calibrate(0.02f);
            if (session.json) {
                var o = FaceCommand.JSON.createObjectNode();
                o.put("faces", faces.size()).put("copies", copies).put("seed", seed)
                        .put("genuine_searches", r.genuineTrials()).put("impostor_searches", r.impostorTrials())
                        .put("missed", r.missed()).put("max_impostor_score", r.maxImpostorScore())
                        .put("suggested_threshold", suggested);
                var rows = o.putArray("rates");
                for (int i = 30; i <= 60; i += 5) {
                    float t = i / 100f;
                    rows.addObject().put("threshold", t).put("top1", r.top1Rate(t)).put("non_enrolled_accepted", r.falseAcceptRate(t))
                            .put("verify_far", r.pairFar(t)).put("verify_frr", r.pairFrr(t))
                            .put("verify_frr_two_photos", r.crossPhotoFrr(t));
                }
                FaceCommand.print(o);
            } else {
                System.out.printf(Locale.ROOT, "%d faces, %d copies each (seed %d): %d genuine and %d impostor searches,"
                        + " %d copies with no face found%n", faces.size(), copies, seed, r.genuineTrials(), r.impostorTrials(), r.missed());
                r.table(0.30f, 0.35f, 0.40f, 0.45f, 0.50f, 0.55f, 0.60f).forEach(System.out::println);
                System.out.printf(Locale.ROOT, "highest impostor score %.3f; suggested threshold %.2f (current %.2f)%n",
                        r.maxImpostorScore(), suggested, session.threshold);
            }
        }
        return 0;
    }
}
