package dev.edge4j.vision.face;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.Resampler;
import dev.edge4j.vision.testing.FaceTestModels;
import dev.edge4j.vision.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Images with no face, tiny images and crowds give clear answers, not crashes. */
@Tag("realmodel")
class BadInputTest {
    static FacePipeline pipeline;

    @BeforeAll
    static void open() {
        pipeline = FaceTestModels.ortPipeline(FaceModels.Settings.DEFAULT.withLiveness(true));
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void noFaceInFlatOrNoisyImages() {
        assertThat(pipeline.analyze(Image.filled(640, 480, 128, 128, 128))).isEmpty();
        assertThat(pipeline.analyze(TestImages.random(640, 480, 1))).isEmpty();
        assertThat(pipeline.analyze(TestImages.gradient(1280, 720))).isEmpty();
    }

    @Test
    void tinyImagesHaveNoFaceAndDoNotFail() {
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {16, 16}, {1, 500}, {500, 1}}) {
            assertThat(pipeline.analyze(Image.filled(size[0], size[1], 200, 180, 160))).as("%dx%d", size[0], size[1]).isEmpty();
        }
    }

    @Test
    void aFaceShrunkToAThumbnailIsStillProcessed() {
        // Sample 3's faces at 1/8 size: about 30 pixels tall.
        Image photo = FaceTestModels.sample(3);
        Image thumb = Resampler.resize(photo, photo.width() / 8, photo.height() / 8);
        List<Face> faces = pipeline.analyze(thumb);
        assertThat(faces).hasSize(3);
        for (Face f : faces) {
            assertThat(f.embedding()).hasSize(512);
        }
    }

    @Test
    void aCrowdOfFortyFourFacesIsFoundWithTiles() {
        // Every face of the samples tiled into one big picture, twice: 44 faces, 8 rows of 6 cells.
        List<Image> crops = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Image photo = FaceTestModels.sample(i);
            for (Detection d : pipeline.detector().detect(photo)) {
                Box b = d.box().square(1.6);
                crops.add(Resampler.resample(photo, b.x1(), b.y1(), b.width(), b.height(), 200, 200, 0, 0, 0));
            }
        }
        crops.addAll(new ArrayList<>(crops));
        Image crowd = Image.filled(6 * 200, 8 * 200, 40, 40, 40);
        for (int k = 0; k < crops.size(); k++) {
            Image c = crops.get(k);
            int ox = (k % 6) * 200;
            int oy = (k / 6) * 200;
            for (int y = 0; y < 200; y++) {
                System.arraycopy(c.bgr(), y * 600, crowd.bgr(), ((oy + y) * crowd.width() + ox) * 3, 600);
            }
        }
        assertThat(crops).hasSize(44);
        // Faces 20 pixels tall in the detector's input: one pass misses some, tiles find more.
        int single = cellsWithAFace(pipeline.detector().detect(crowd)).size();
        List<Detection> tiled = new TiledDetector(pipeline.detector(), 2, 200).detect(crowd);
        java.util.Set<Integer> cells = cellsWithAFace(tiled);
        assertThat(single).isBetween(30, 43);
        assertThat(cells.size()).isGreaterThan(single).isGreaterThanOrEqualTo(42);
        // Hardly any face counted twice across tile borders (the profile face in the crowd gets a
        // second, partial box).
        assertThat(tiled.size() - cells.size()).isLessThanOrEqualTo(1);
    }

    private static java.util.Set<Integer> cellsWithAFace(List<Detection> detections) {
        java.util.Set<Integer> cells = new java.util.HashSet<>();
        for (Detection d : detections) {
            cells.add((int) (d.box().centerY() / 200) * 6 + (int) (d.box().centerX() / 200));
        }
        return cells;
    }
}
