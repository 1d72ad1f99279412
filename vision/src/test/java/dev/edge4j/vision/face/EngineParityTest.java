package dev.edge4j.vision.face;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.runtime.Engines;
import dev.edge4j.vision.testing.FaceTestModels;
import dev.edge4j.vision.testing.OrtRunner;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same pipeline on Edge4j's ONNX engine and on ONNX Runtime finds the same faces in the six
 * sample photos (count within one per photo, matched boxes with IoU of at least 0.9), and gives
 * the same landmarks, embeddings and liveness within rounding.
 */
@Tag("realmodel")
class EngineParityTest {
    static FacePipeline ours;
    static FacePipeline ort;

    @BeforeAll
    static void open() {
        FaceModels.Settings s = FaceModels.Settings.DEFAULT.withLiveness(true);
        ours = FaceModels.open(Engines.loader("edge4j", 2), FaceTestModels.files(), s);
        ort = FaceModels.open(m -> new OrtRunner(m, 2), FaceTestModels.files(), s);
    }

    @AfterAll
    static void close() {
        ours.close();
        ort.close();
    }

    @Test
    void sameFacesInTheSamplePhotos() {
        int matched = 0;
        for (int i = 1; i <= 6; i++) {
            Image photo = FaceTestModels.sample(i);
            List<Detection> a = ours.detector().detect(photo);
            List<Detection> b = ort.detector().detect(photo);
            assertThat(Math.abs(a.size() - b.size())).as("sample %d: %d vs %d faces", i, a.size(), b.size()).isLessThanOrEqualTo(1);
            for (Detection d : b) {
                Detection best = a.stream().max((x, y) -> Float.compare(x.box().iou(d.box()), y.box().iou(d.box()))).orElseThrow();
                assertThat(best.box().iou(d.box())).as("sample %d", i).isGreaterThanOrEqualTo(0.9f);
                assertThat(best.score()).isCloseTo(d.score(), org.assertj.core.api.Assertions.within(0.01f));
                matched++;
            }
        }
        assertThat(matched).isEqualTo(22);
    }

    @Test
    void sameLandmarksEmbeddingsAndLiveness() {
        for (int i : new int[] {1, 5}) {
            Image photo = FaceTestModels.sample(i);
            // The same detections for both, so the rest is compared on equal input.
            for (Detection d : ort.detector().detect(photo)) {
                Face a = ours.analyzeOne(photo, d);
                Face b = ort.analyzeOne(photo, d);
                for (int k = 0; k < 5; k++) {
                    Point p = a.landmarks().five().get(k);
                    Point q = b.landmarks().five().get(k);
                    assertThat(Math.hypot(p.x() - q.x(), p.y() - q.y())).as("sample %d landmark %d", i, k).isLessThan(0.5);
                }
                assertThat(FaceEmbedder.similarity(a.embedding(), b.embedding())).as("sample %d", i).isGreaterThan(0.999f);
                assertThat(a.liveness().score()).isCloseTo(b.liveness().score(), org.assertj.core.api.Assertions.within(0.01f));
            }
        }
    }
}
