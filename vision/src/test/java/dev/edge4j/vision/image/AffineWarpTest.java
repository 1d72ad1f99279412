package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.testing.TestImages;
import org.junit.jupiter.api.Test;

class AffineWarpTest {
    @Test
    void theIdentityMapCopies() {
        Image img = TestImages.random(15, 11, 1);
        Image out = AffineWarp.warp(img, new double[] {1, 0, 0, 0, 1, 0}, 15, 11);
        assertThat(out.bgr()).isEqualTo(img.bgr());
    }

    @Test
    void anIntegerShiftMovesPixelsAndFillsBlack() {
        Image img = TestImages.random(10, 10, 2);
        Image out = AffineWarp.warp(img, new double[] {1, 0, 3, 0, 1, -2}, 10, 10);
        assertThat(out.red(0, 5)).isEqualTo(img.red(3, 3));
        assertThat(out.green(6, 9)).isEqualTo(img.green(9, 7));
        assertThat(out.red(4, 0) + out.green(4, 0) + out.blue(4, 0)).isZero(); // source row -2: outside
    }

    @Test
    void aQuarterTurnRotatesExactly() {
        Image img = TestImages.random(6, 4, 3);
        // Output (x, y) samples source (y, 3 - x) in pixel-centre terms: continuous map x_s = y, y_s = 4 - x.
        Image out = AffineWarp.warp(img, new double[] {0, 1, 0, -1, 0, 4}, 4, 6);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(out.red(x, y)).isEqualTo(img.red(y, 3 - x));
            }
        }
    }

    @Test
    void aStrongShrinkAveragesTheSource() {
        Image board = Image.filled(448, 448, 0, 0, 0);
        for (int y = 0; y < 448; y++) {
            for (int x = 0; x < 448; x++) {
                if (((x + y) & 1) == 0) {
                    board.set(x, y, 255, 255, 255);
                }
            }
        }
        // 448 -> 112 with a slight rotation: the aligned-face case for a large face.
        double a = Math.toRadians(5);
        double s = 4;
        double[] m = {s * Math.cos(a), -s * Math.sin(a), 224 - s * (56 * Math.cos(a) - 56 * Math.sin(a)),
            s * Math.sin(a), s * Math.cos(a), 224 - s * (56 * Math.sin(a) + 56 * Math.cos(a))};
        Image out = AffineWarp.warp(board, m, 112, 112);
        for (int y = 20; y < 92; y++) {
            for (int x = 20; x < 92; x++) {
                assertThat(out.red(x, y)).as("%d,%d", x, y).isBetween(110, 145);
            }
        }
    }
}
