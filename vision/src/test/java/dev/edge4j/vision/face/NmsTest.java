package dev.edge4j.vision.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {
    static Detection d(float x1, float y1, float x2, float y2, float score) {
        return new Detection(new Box(x1, y1, x2, y2), score);
    }

    @Test
    void iouOfKnownBoxes() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(new Box(0, 0, 10, 10))).isEqualTo(1f);
        assertThat(a.iou(new Box(5, 0, 15, 10))).isCloseTo(50f / 150f, within(1e-6f));
        assertThat(a.iou(new Box(10, 10, 20, 20))).isZero();
    }

    @Test
    void hardKeepsTheBestOfEachOverlappingGroup() {
        List<Detection> kept = Nms.hard(List.of(
                d(0, 0, 10, 10, 0.8f), d(1, 1, 11, 11, 0.9f), d(50, 50, 60, 60, 0.7f), d(0, 0, 10, 10.5f, 0.85f)), 0.4f, 10);
        assertThat(kept).extracting(Detection::score).containsExactly(0.9f, 0.7f);
    }

    @Test
    void hardStopsAtMaxFaces() {
        List<Detection> many = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> d(i * 20, 0, i * 20 + 10, 10, i / 20f)).toList();
        assertThat(Nms.hard(many, 0.4f, 5)).hasSize(5).first().extracting(Detection::score).isEqualTo(19 / 20f);
    }

    @Test
    void weightedBlendsBoxesAndKeypointsByScore() {
        Detection a = new Detection(new Box(0, 0, 10, 10), 0.75f, List.of(new Point(2, 2)));
        Detection b = new Detection(new Box(2, 0, 12, 10), 0.25f, List.of(new Point(6, 2)));
        Detection far = new Detection(new Box(100, 100, 110, 110), 0.5f, List.of(new Point(105, 105)));
        List<Detection> kept = Nms.weighted(List.of(b, far, a), 0.3f, 10);
        assertThat(kept).hasSize(2);
        Detection merged = kept.getFirst();
        assertThat(merged.score()).isEqualTo(0.75f);
        assertThat(merged.box().x1()).isCloseTo(0.5f, within(1e-5f));
        assertThat(merged.box().x2()).isCloseTo(10.5f, within(1e-5f));
        assertThat(merged.keypoints().getFirst().x()).isCloseTo(3f, within(1e-5f));
        assertThat(kept.get(1).box()).isEqualTo(far.box());
    }

    @Test
    void letterboxMapsInputPointsBackToTheImage() {
        Letterbox lb = Letterbox.fit(1000, 500, 320, 240);
        // 1000/320 = 3.125 > 500/240: the width fills, the height is padded.
        assertThat(lb.scale()).isEqualTo(3.125);
        assertThat(lb.toImageX(0)).isEqualTo(0f);
        assertThat(lb.toImageX(320)).isEqualTo(1000f);
        assertThat(lb.toImageY(120)).isEqualTo(250f); // centre maps to centre
        assertThat(lb.toImageY(0)).isEqualTo(-125f);
    }
}
