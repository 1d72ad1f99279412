package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.vision.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir
    Path dir;

    final ImageDecoder decoder = new ImageDecoder();

    @Test
    void pngDecodesToExactlyThePixelsWritten() throws IOException {
        Image img = TestImages.random(37, 23, 1);
        Path f = write("a.png", ImageEncoder.png(img));
        DecodedImage d = decoder.read(f);
        assertThat(d.format()).isEqualTo("png");
        assertThat(d.subsampling()).isEqualTo(1);
        assertThat(d.image().bgr()).isEqualTo(img.bgr());
    }

    @Test
    void bmpDecodesToExactlyThePixelsWritten() throws IOException {
        Image img = TestImages.random(19, 11, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img.toBufferedImage(), "bmp", out);
        DecodedImage d = decoder.read(write("a.bmp", out.toByteArray()));
        assertThat(d.format()).isEqualTo("bmp");
        assertThat(d.image().bgr()).isEqualTo(img.bgr());
    }

    @Test
    void jpegKeepsColoursInTheirChannels() throws IOException {
        Image img = Image.filled(64, 48, 230, 20, 40); // red
        DecodedImage d = decoder.read(write("red.jpg", ImageEncoder.jpeg(img, 0.95f)));
        assertThat(d.format()).isEqualTo("jpeg");
        assertThat(d.image().red(10, 10)).isGreaterThan(215);
        assertThat(d.image().green(10, 10)).isLessThan(35);
        assertThat(d.image().blue(10, 10)).isBetween(25, 55);
    }

    @Test
    void jpegOfAGradientComesBackClose() throws IOException {
        Image img = TestImages.gradient(120, 80);
        Image back = decoder.read(write("g.jpg", ImageEncoder.jpeg(img, 0.95f))).image();
        double diff = 0;
        for (int i = 0; i < img.bgr().length; i++) {
            diff += Math.abs((img.bgr()[i] & 0xFF) - (back.bgr()[i] & 0xFF));
        }
        assertThat(diff / img.bgr().length).isLessThan(2.5);
    }

    @Test
    void greyPngBecomesEqualChannels() throws IOException {
        BufferedImage grey = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 2, 0, 200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", out);
        Image d = decoder.read(write("grey.png", out.toByteArray())).image();
        assertThat(new int[] {d.red(3, 2), d.green(3, 2), d.blue(3, 2)}).containsExactly(200, 200, 200);
        assertThat(d.red(0, 0)).isZero();
    }

    @Test
    void transparentPixelsAreCompositedOverWhite() throws IOException {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x00FF0000); // fully transparent red
        argb.setRGB(2, 2, 0xFF0000FF); // opaque blue
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(argb, "png", out);
        Image d = decoder.read(write("alpha.png", out.toByteArray())).image();
        assertThat(new int[] {d.red(1, 1), d.green(1, 1), d.blue(1, 1)}).containsExactly(255, 255, 255);
        assertThat(new int[] {d.red(2, 2), d.green(2, 2), d.blue(2, 2)}).containsExactly(0, 0, 255);
    }

    @Test
    void exifOrientationInAJpegTurnsTheImageUpright() throws IOException {
        // Stored sideways: left half black, right half white; tag 6 = rotate 90 degrees clockwise.
        Image stored = Image.filled(80, 40, 0, 0, 0);
        for (int y = 0; y < 40; y++) {
            for (int x = 40; x < 80; x++) {
                stored.set(x, y, 255, 255, 255);
            }
        }
        byte[] jpeg = TestImages.withExif(ImageEncoder.jpeg(stored, 0.95f), 6);
        DecodedImage d = decoder.read(write("rotated.jpg", jpeg));
        assertThat(d.orientation()).isEqualTo(Orientation.ROTATE_90_CW);
        assertThat(d.image().width()).isEqualTo(40);
        assertThat(d.image().height()).isEqualTo(80);
        assertThat(d.fileWidth()).isEqualTo(80);
        // Turned clockwise, the stored left (black) half is now the top.
        assertThat(d.image().red(20, 10)).isLessThan(30);
        assertThat(d.image().red(20, 70)).isGreaterThan(225);
    }

    @Test
    void exifOrientationInAPngIsAppliedExactly() throws IOException {
        Image stored = TestImages.random(6, 4, 3);
        for (int tag = 1; tag <= 8; tag++) {
            byte[] png = TestImages.pngWithExif(ImageEncoder.png(stored), tag);
            DecodedImage d = decoder.read(png, "tag" + tag + ".png");
            assertThat(d.image().bgr()).as("tag %d", tag).isEqualTo(Orientation.ofTag(tag).apply(stored).bgr());
        }
    }

    @Test
    void anImageOverTheBudgetIsReadAtAFractionOfItsSize() throws IOException {
        Image img = TestImages.gradient(400, 300);
        DecodedImage d = new ImageDecoder(10_000).read(write("big.png", ImageEncoder.png(img)));
        assertThat(d.subsampling()).isEqualTo(4);
        assertThat(d.image().width()).isEqualTo(100);
        assertThat(d.image().height()).isEqualTo(75);
        assertThat(d.fileWidth()).isEqualTo(400);
        assertThat(d.fileHeight()).isEqualTo(300);
        // Every 4th pixel of the original.
        assertThat(d.image().red(10, 7)).isEqualTo(img.red(40, 28));
        assertThat(d.image().green(99, 74)).isEqualTo(img.green(396, 296));
    }

    @Test
    void subsamplingPicksTheSmallestStepThatFits() {
        assertThat(ImageDecoder.subsampling(100, 100, 10_000)).isEqualTo(1);
        assertThat(ImageDecoder.subsampling(101, 100, 10_000)).isEqualTo(2);
        assertThat(ImageDecoder.subsampling(10_000, 10_000, 16_000_000)).isEqualTo(3);
        assertThat(ImageDecoder.subsampling(1, 1, 1)).isEqualTo(1);
    }

    @Test
    void aOnePixelImageIsFine() throws IOException {
        Image img = Image.filled(1, 1, 10, 20, 30);
        assertThat(decoder.read(write("one.png", ImageEncoder.png(img))).image().bgr()).isEqualTo(img.bgr());
    }

    @Test
    void textIsNotAnImage() throws IOException {
        Path f = write("notes.jpg", "hello, this is not a photo".getBytes());
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(ImageFormatException.class)
                .hasMessage(f + " is not a JPEG, PNG or BMP image");
    }

    @Test
    void anEmptyFileIsNotAnImage() throws IOException {
        Path f = write("empty.png", new byte[0]);
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(ImageFormatException.class)
                .hasMessage(f + " is empty, not an image");
    }

    @Test
    void aMissingFileIsReportedAsMissing() {
        Path f = dir.resolve("nowhere.jpg");
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aTruncatedJpegIsAnErrorNotAGreyImage() throws IOException {
        byte[] jpeg = ImageEncoder.jpeg(TestImages.gradient(200, 150), 0.9f);
        Path f = write("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith(f + " is truncated");
    }

    @Test
    void aJpegCutInsideItsHeaderIsAnError() throws IOException {
        byte[] jpeg = ImageEncoder.jpeg(TestImages.gradient(50, 50), 0.9f);
        Path f = write("head.jpg", Arrays.copyOf(jpeg, 40));
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(f.toString());
    }

    @Test
    void aTruncatedPngIsAnError() throws IOException {
        byte[] png = ImageEncoder.png(TestImages.random(100, 100, 4));
        Path f = write("cut.png", Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith(f + " is truncated");
    }

    @Test
    void aTruncatedBmpIsAnError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(TestImages.random(64, 64, 5).toBufferedImage(), "bmp", out);
        Path f = write("cut.bmp", Arrays.copyOf(out.toByteArray(), out.size() / 2));
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(f.toString());
    }

    @Test
    void aHeaderClaimingTenGigapixelsIsRefusedWithoutReadingIt() throws IOException {
        Path f = write("huge.png", TestImages.pngHeaderOnly(100_000, 100_000));
        assertThatThrownBy(() -> decoder.read(f)).isInstanceOf(ImageFormatException.class)
                .hasMessage(f + " is 100000x100000 pixels (10000 megapixels); the largest image Edge4j reads is 1000 megapixels");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }
}
