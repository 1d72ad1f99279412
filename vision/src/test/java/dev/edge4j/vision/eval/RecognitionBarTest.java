package dev.edge4j.vision.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.FaceRecognizer;
import dev.edge4j.vision.face.FaceModels;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.runtime.Engines;
import dev.edge4j.vision.testing.FaceTestModels;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The recognition bar: enrolled faces are found again in augmented copies (top-1, at the default
 * threshold) at least 99% of the time, and copies of faces nobody enrolled are accepted as someone
 * at most 1% of the time, with the models on Edge4j's own engine. The default threshold was
 * calibrated with seed 1; this checks fresh copies (seed 2), as a user's photos would be.
 */
@Tag("realmodel")
class RecognitionBarTest {
    static final long FRESH_SEED = 2;
    static final int COPIES = 10;

    @Test
    void enrolledPeopleAreFoundAndStrangersAreNot() {
        try (FacePipeline pipeline = FaceModels.open(Engines.loader("edge4j", 2), FaceTestModels.files(),
                FaceModels.Settings.DEFAULT)) {
            List<EvaluationFace> faces = SampleFaces.load(pipeline.detector(), FaceTestModels.files());
            assertThat(faces).hasSize(22);
            assertThat(faces.stream().map(EvaluationFace::identity).distinct()).hasSize(20);
            EvaluationResult r = RecognitionEvaluation.run(pipeline, faces, COPIES, FRESH_SEED, true, null);
            float t = FaceRecognizer.DEFAULT_THRESHOLD;
            assertThat(r.genuineTrials()).isGreaterThanOrEqualTo(20L * COPIES);
            assertThat(r.missed()).as("copies with no face found").isLessThanOrEqualTo(faces.size() * COPIES / 100);
            assertThat(r.top1Rate(t)).as("enrolled faces found again").isGreaterThanOrEqualTo(0.99);
            assertThat(r.falseAcceptRate(t)).as("non-enrolled faces accepted").isLessThanOrEqualTo(0.01);
            assertThat(r.pairFar(t)).as("verification false accepts").isLessThanOrEqualTo(0.001);
        }
    }
}
