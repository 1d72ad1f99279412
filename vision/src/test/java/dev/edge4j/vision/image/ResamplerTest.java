package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.testing.TestImages;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void sameSizeIsACopy() {
        Image img = TestImages.random(13, 7, 1);
        assertThat(Resampler.resize(img, 13, 7).bgr()).isEqualTo(img.bgr());
    }

    @Test
    void aFlatImageStaysFlatAtAnySize() {
        Image img = Image.filled(17, 9, 90, 150, 210);
        for (int[] size : new int[][] {{3, 2}, {17, 9}, {40, 31}, {1, 1}, {100, 3}}) {
            Image out = Resampler.resize(img, size[0], size[1]);
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    assertThat(new int[] {out.red(x, y), out.green(x, y), out.blue(x, y)})
                            .as("%dx%d at %d,%d", size[0], size[1], x, y).containsExactly(90, 150, 210);
                }
            }
        }
    }

    @Test
    void shrinkingAveragesInsteadOfAliasing() {
        // A one-pixel checkerboard shrunk 8 times: plain bilinear sampling would give black or
        // white blotches; averaging gives mid-grey everywhere.
        Image board = Image.filled(256, 256, 0, 0, 0);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                if (((x + y) & 1) == 0) {
                    board.set(x, y, 255, 255, 255);
                }
            }
        }
        Image small = Resampler.resize(board, 32, 32);
        for (int y = 1; y < 31; y++) {
            for (int x = 1; x < 31; x++) {
                assertThat(small.red(x, y)).isBetween(120, 135);
            }
        }
    }

    @Test
    void halvingAnImageOfTwoHalvesKeepsTheEdgeWhereItWas() {
        Image img = Image.filled(64, 8, 0, 0, 0);
        for (int y = 0; y < 8; y++) {
            for (int x = 32; x < 64; x++) {
                img.set(x, y, 200, 200, 200);
            }
        }
        Image half = Resampler.resize(img, 32, 4);
        assertThat(half.red(10, 2)).isZero();
        assertThat(half.red(22, 2)).isEqualTo(200);
        // The output pixels next to the edge straddle it symmetrically.
        assertThat(half.red(15, 2) + half.red(16, 2)).isBetween(195, 205);
    }

    @Test
    void enlargingInterpolatesLinearly() {
        Image img = Image.filled(2, 1, 0, 0, 0);
        img.set(1, 0, 200, 200, 200);
        Image big = Resampler.resize(img, 8, 1);
        // Output centres at source positions -0.375, -0.125, 0.125, ... 1.375.
        int[] expect = {0, 0, 25, 75, 125, 175, 200, 200};
        for (int x = 0; x < 8; x++) {
            assertThat(big.red(x, 0)).as("x=%d", x).isEqualTo(expect[x]);
        }
    }

    @Test
    void areasOutsideTheImageTakeTheBorderColour() {
        Image img = Image.filled(10, 10, 50, 60, 70);
        // A window twice as wide as the image, centred on it: a letterbox.
        Image out = Resampler.resample(img, -5, 0, 20, 10, 20, 10, 1, 2, 3);
        assertThat(new int[] {out.red(1, 5), out.green(1, 5), out.blue(1, 5)}).containsExactly(1, 2, 3);
        assertThat(new int[] {out.red(10, 5), out.green(10, 5), out.blue(10, 5)}).containsExactly(50, 60, 70);
        assertThat(new int[] {out.red(18, 5), out.green(18, 5), out.blue(18, 5)}).containsExactly(1, 2, 3);
    }

    @Test
    void aSubRectangleIsCroppedExactlyAtIntegerPositions() {
        Image img = TestImages.random(20, 20, 2);
        Image crop = Resampler.resample(img, 5, 7, 6, 4, 6, 4, 0, 0, 0);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat(crop.red(x, y)).isEqualTo(img.red(5 + x, 7 + y));
                assertThat(crop.blue(x, y)).isEqualTo(img.blue(5 + x, 7 + y));
            }
        }
    }
}
