package dev.edge4j.vision.face;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.testing.FaceTestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pipeline on the six sample group photos, models run by ONNX Runtime. */
@Tag("realmodel")
class SamplePhotosTest {
    /** Faces per photo, counted by looking at them: 22 in all. */
    static final int[] FACES = {3, 3, 3, 4, 5, 4};

    static FacePipeline frDetect;
    static FacePipeline blazeBack;

    @BeforeAll
    static void open() {
        frDetect = FaceTestModels.ortPipeline(FaceModels.Settings.DEFAULT.withLiveness(true));
        blazeBack = FaceTestModels.ortPipeline(FaceModels.Settings.DEFAULT.withDetector(FaceModels.DetectorKind.BLAZEFACE_BACK)
                .withMinScore(0.5f));
    }

    @AfterAll
    static void close() {
        frDetect.close();
        blazeBack.close();
    }

    @Test
    void bothDetectorsFindEveryFaceAndNothingElse() {
        for (int i = 1; i <= 6; i++) {
            Image photo = FaceTestModels.sample(i);
            List<Detection> fr = frDetect.detector().detect(photo);
            List<Detection> bf = blazeBack.detector().detect(photo);
            assertThat(fr).as("fr_detect, sample %d", i).hasSize(FACES[i - 1]);
            assertThat(bf).as("blazeface-back, sample %d", i).hasSize(FACES[i - 1]);
            // The same faces: each fr_detect box has a BlazeFace box centred within a quarter of its size.
            for (Detection d : fr) {
                assertThat(bf).as("sample %d face at %.0f,%.0f", i, d.box().centerX(), d.box().centerY())
                        .anyMatch(b -> Math.hypot(b.box().centerX() - d.box().centerX(), b.box().centerY() - d.box().centerY())
                                < 0.25 * d.box().height());
                assertThat(d.score()).isBetween(0.7f, 1f);
                assertThat(d.box().height()).isBetween(150f, 350f); // the faces are 160-310 pixels tall
            }
        }
    }

    @Test
    void landmarksSitInsideTheFaceInTheRightOrder() {
        int checked = 0;
        for (int i = 1; i <= 6; i++) {
            Image photo = FaceTestModels.sample(i);
            for (Face f : frDetect.analyze(photo)) {
                FaceLandmarks lm = f.landmarks();
                Box b = f.box().square(1.3);
                for (Point p : lm.five()) {
                    assertThat(p.x()).isBetween(b.x1(), b.x2());
                    assertThat(p.y()).isBetween(b.y1(), b.y2());
                }
                // In the face's own frame (turned upright by the alignment), the points keep their
                // places: eyes above the nose above the mouth, left before right.
                double[] m = FaceAligner.transform(lm);
                List<Point> aligned = new ArrayList<>();
                lm.five().forEach(p -> aligned.add(SimilarityTransform.apply(m, p)));
                assertThat(aligned.get(0).x()).isLessThan(aligned.get(1).x());
                assertThat(aligned.get(3).x()).isLessThan(aligned.get(4).x());
                assertThat(Math.max(aligned.get(0).y(), aligned.get(1).y())).isLessThan(aligned.get(2).y());
                assertThat(aligned.get(2).y()).isLessThan(Math.min(aligned.get(3).y(), aligned.get(4).y()));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(22);
    }

    @Test
    void embeddingsHaveUnitLengthAndDifferentPeopleScoreLow() {
        Image photo = FaceTestModels.sample(5);
        List<Face> faces = frDetect.analyze(photo);
        assertThat(faces).hasSize(5);
        for (Face f : faces) {
            assertThat(f.embedding()).hasSize(512);
            assertThat(FaceEmbedder.similarity(f.embedding(), f.embedding())).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-4f));
            assertThat(f.liveness().score()).isBetween(0f, 1f);
        }
        // Five different women in one photo: no pair comes near the match threshold.
        for (int a = 0; a < 5; a++) {
            for (int b = a + 1; b < 5; b++) {
                assertThat(FaceEmbedder.similarity(faces.get(a).embedding(), faces.get(b).embedding())).isLessThan(0.4f);
            }
        }
    }

    @Test
    void theSameWomanInTwoPhotosIsRecognised() {
        // Photo 1, right; photo 3, middle (see SampleFaces): taken on different days.
        Face a = largestNear(frDetect.analyze(FaceTestModels.sample(1)), 1582, 319);
        Face b = largestNear(frDetect.analyze(FaceTestModels.sample(3)), 1189, 356);
        assertThat(FaceEmbedder.similarity(a.embedding(), b.embedding()))
                .isGreaterThan(dev.edge4j.vision.FaceRecognizer.DEFAULT_THRESHOLD);
    }

    @Test
    void aMirroredPhotoGivesTheSameFacesMirrored() {
        Image photo = FaceTestModels.sample(4);
        Image mirrored = dev.edge4j.vision.image.Orientation.FLIP_HORIZONTAL.apply(photo);
        List<Face> faces = frDetect.analyze(photo);
        List<Face> flipped = frDetect.analyze(mirrored);
        assertThat(flipped).hasSameSizeAs(faces);
        for (Face f : faces) {
            Face g = largestNear(flipped, photo.width() - f.box().centerX(), f.box().centerY());
            assertThat(FaceEmbedder.similarity(f.embedding(), g.embedding())).isGreaterThan(0.7f);
        }
    }

    static Face largestNear(List<Face> faces, float x, float y) {
        return faces.stream().filter(f -> f.box().x1() <= x && x <= f.box().x2() && f.box().y1() <= y && y <= f.box().y2())
                .findFirst().orElseThrow(() -> new AssertionError("no face at " + x + "," + y));
    }
}
