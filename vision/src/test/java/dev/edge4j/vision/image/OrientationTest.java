package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.testing.TestImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrientationTest {
    /**
     * The EXIF specification says where the stored image's first row and first column end up when
     * shown upright; from that, where stored pixels (0,0), (1,0) and (0,1) must land (W, H are the
     * upright size).
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        // tag, x00, y00, x10, y10, x01, y01 (negative: counted from the right/bottom, -1 = last)
        "1,  0,  0,  1,  0,  0,  1",
        "2, -1,  0, -2,  0, -1,  1",
        "3, -1, -1, -2, -1, -1, -2",
        "4,  0, -1,  1, -1,  0, -2",
        "5,  0,  0,  0,  1,  1,  0",
        "6, -1,  0, -1,  1, -2,  0",
        "7, -1, -1, -1, -2, -2, -1",
        "8,  0, -1,  0, -2,  1, -1"})
    void storedCornerPixelsLandWhereTheSpecificationSays(int tag, int x00, int y00, int x10, int y10, int x01, int y01) {
        Image stored = TestImages.random(5, 3, tag);
        Orientation o = Orientation.ofTag(tag);
        Image upright = o.apply(stored);
        int w = upright.width();
        int h = upright.height();
        assertThat(w).isEqualTo(o.swapsAxes() ? 3 : 5);
        assertThat(h).isEqualTo(o.swapsAxes() ? 5 : 3);
        assertSamePixel(stored, 0, 0, upright, at(x00, w), at(y00, h));
        assertSamePixel(stored, 1, 0, upright, at(x10, w), at(y10, h));
        assertSamePixel(stored, 0, 1, upright, at(x01, w), at(y01, h));
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
    void keepsEveryPixelExactlyOnce(int tag) {
        Image stored = TestImages.random(7, 4, 100 + tag);
        Image upright = Orientation.ofTag(tag).apply(stored);
        long sumIn = 0;
        long sumOut = 0;
        for (byte b : stored.bgr()) {
            sumIn += (b & 0xFF) * 31L + 7;
        }
        for (byte b : upright.bgr()) {
            sumOut += (b & 0xFF) * 31L + 7;
        }
        assertThat(sumOut).isEqualTo(sumIn);
    }

    @org.junit.jupiter.api.Test
    void tagsOutsideTheRangeMeanUpright() {
        assertThat(Orientation.ofTag(0)).isEqualTo(Orientation.NORMAL);
        assertThat(Orientation.ofTag(9)).isEqualTo(Orientation.NORMAL);
        assertThat(Orientation.ofTag(6)).isEqualTo(Orientation.ROTATE_90_CW);
    }

    private static int at(int v, int size) {
        return v < 0 ? size + v : v;
    }

    private static void assertSamePixel(Image a, int ax, int ay, Image b, int bx, int by) {
        assertThat(new int[] {b.red(bx, by), b.green(bx, by), b.blue(bx, by)})
                .as("stored (%d,%d) -> upright (%d,%d)", ax, ay, bx, by)
                .containsExactly(a.red(ax, ay), a.green(ax, ay), a.blue(ax, ay));
    }
}
