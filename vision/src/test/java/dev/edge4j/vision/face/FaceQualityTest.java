package dev.edge4j.vision.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceQualityTest {
    static FaceLandmarks face(float noseShift, float scale) {
        List<Point> t = FaceAligner.TEMPLATE;
        return new FaceLandmarks(List.of(
                t.get(0).scaled(scale), t.get(1).scaled(scale),
                new Point((t.get(2).x() + noseShift) * scale, t.get(2).y() * scale),
                t.get(3).scaled(scale), t.get(4).scaled(scale)), List.of());
    }

    @Test
    void theTemplateFacesTheCamera() {
        FaceQuality q = FaceQuality.of(face(0, 1));
        assertThat(q.yawDegrees()).isCloseTo(0f, within(2f));
        assertThat(q.eyeDistance()).isCloseTo(35.2f, within(0.1f));
        assertThat(q.enrollable()).isTrue();
    }

    @Test
    void aNoseFarAsideIsAProfileAndRefused() {
        float eyes = FaceAligner.TEMPLATE.get(1).x() - FaceAligner.TEMPLATE.get(0).x();
        float centre = (FaceAligner.TEMPLATE.get(0).x() + FaceAligner.TEMPLATE.get(1).x()) / 2;
        float shift = centre - FaceAligner.TEMPLATE.get(2).x();
        FaceQuality q = FaceQuality.of(face(shift + 0.6f * eyes, 2));
        assertThat(q.yawDegrees()).isCloseTo((float) Math.toDegrees(Math.atan(1.2)), within(0.5f));
        assertThat(q.enrollable()).isFalse();
        assertThat(q.enrolProblem()).startsWith("the head is turned too far (about 50 degrees");
        assertThat(FaceQuality.of(face(shift - 0.6f * eyes, 2)).yawDegrees()).isCloseTo(-50.2f, within(0.5f));
    }

    @Test
    void tinyFacesAreRefused() {
        FaceQuality q = FaceQuality.of(face(0, 0.3f));
        assertThat(q.enrolProblem()).startsWith("the face is too small (eyes 11 pixels apart");
    }

    @Test
    void blazeFaceMouthCornersSitEitherSideOfTheMouthCentre() {
        Detection d = new Detection(new Box(0, 0, 100, 100), 0.9f, List.of(
                new Point(30, 40), new Point(70, 40), new Point(50, 60), new Point(50, 80), new Point(10, 45), new Point(90, 45)));
        FaceLandmarks lm = new DetectorKeypoints().locate(null, d);
        assertThat(lm.five().get(3).y()).isEqualTo(80f);
        assertThat(lm.five().get(4).x() - lm.five().get(3).x()).isCloseTo(40f * 29.1806f / 35.2372f, within(0.01f));
        assertThat((lm.five().get(3).x() + lm.five().get(4).x()) / 2).isCloseTo(50f, within(1e-4f));
    }
}
