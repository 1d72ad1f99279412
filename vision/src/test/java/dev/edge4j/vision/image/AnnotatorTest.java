package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class AnnotatorTest {
    @Test
    void drawsOnTheImageItself() {
        Image img = Image.filled(200, 100, 0, 0, 0);
        try (Annotator a = new Annotator(img)) {
            a.box(20, 20, 80, 80, Color.GREEN).point(150, 50, Color.RED).label("alice 0.93", 20, 20, Color.WHITE);
        }
        assertThat(img.green(20, 50)).isGreaterThan(150); // left edge of the box
        assertThat(img.red(20, 50)).isLessThan(60);
        assertThat(img.red(150, 50)).isGreaterThan(150); // the point
        assertThat(img.red(50, 50) + img.green(50, 50) + img.blue(50, 50)).isZero(); // inside the box stays
        int white = 0;
        for (int x = 20; x < 90; x++) {
            if (img.red(x, 10) > 200 && img.green(x, 10) > 200) {
                white++;
            }
        }
        assertThat(white).as("label background above the box").isGreaterThan(20);
    }
}
