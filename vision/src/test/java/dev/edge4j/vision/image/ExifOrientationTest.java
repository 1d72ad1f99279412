package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {
    @Test
    void readsBothByteOrders() {
        for (int tag = 1; tag <= 8; tag++) {
            assertThat(ExifOrientation.fromTiff(ByteBuffer.wrap(TestImages.tiffWithOrientation(tag, true))).tag()).isEqualTo(tag);
            assertThat(ExifOrientation.fromTiff(ByteBuffer.wrap(TestImages.tiffWithOrientation(tag, false))).tag()).isEqualTo(tag);
        }
    }

    @Test
    void findsTheSegmentInAJpegAfterOtherSegments() throws IOException {
        byte[] jpeg = ImageEncoder.jpeg(Image.filled(8, 8, 1, 2, 3), 0.9f); // starts with a JFIF APP0 segment
        byte[] withExif = TestImages.withExif(jpeg, 8);
        // Move the EXIF segment behind APP0 to check that segments are walked.
        assertThat(ExifOrientation.read(new ByteArrayInputStream(withExif))).isEqualTo(Orientation.ROTATE_90_CCW);
        assertThat(ExifOrientation.read(new ByteArrayInputStream(jpeg))).isEqualTo(Orientation.NORMAL);
    }

    @Test
    void damagedExifMeansUpright() throws IOException {
        byte[] tiff = TestImages.tiffWithOrientation(6, false);
        assertThat(ExifOrientation.fromTiff(ByteBuffer.wrap(Arrays.copyOf(tiff, 12)))).isEqualTo(Orientation.NORMAL);
        byte[] badOrder = tiff.clone();
        badOrder[0] = 'X';
        assertThat(ExifOrientation.fromTiff(ByteBuffer.wrap(badOrder))).isEqualTo(Orientation.NORMAL);
        byte[] farOffset = tiff.clone();
        farOffset[4] = 0x7F; // IFD offset far beyond the block
        assertThat(ExifOrientation.fromTiff(ByteBuffer.wrap(farOffset))).isEqualTo(Orientation.NORMAL);
        byte[] app1 = TestImages.exifApp1(6, false);
        byte[] cut = new byte[2 + 10];
        cut[0] = (byte) 0xFF;
        cut[1] = (byte) 0xD8;
        System.arraycopy(app1, 0, cut, 2, 10);
        assertThat(ExifOrientation.read(new ByteArrayInputStream(cut))).isEqualTo(Orientation.NORMAL);
        assertThat(ExifOrientation.read(new ByteArrayInputStream(new byte[0]))).isEqualTo(Orientation.NORMAL);
    }
}
