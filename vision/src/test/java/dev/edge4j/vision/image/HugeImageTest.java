package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100-megapixel photo is read in a JVM with 128 MB of heap: at full size its pixels alone
 * would take 300 MB, so this only passes because the decoder subsamples while reading.
 */
class HugeImageTest {
    @TempDir
    Path dir;

    /** The child: decodes the file and prints what it got. */
    public static void main(String[] args) {
        DecodedImage d = new ImageDecoder().read(Path.of(args[0]));
        System.out.println(d.image().width() + "x" + d.image().height() + " from " + d.fileWidth() + "x"
                + d.fileHeight() + " step " + d.subsampling() + " pixel " + d.image().red(1000, 2000));
    }

    @Test
    void aHundredMegapixelJpegIsReadInBoundedMemory() throws Exception {
        // Grey ramp down the picture: row y has value 255 * y / 10000.
        BufferedImage big = new BufferedImage(10_000, 10_000, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) big.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < 10_000; y++) {
            Arrays.fill(px, y * 10_000, (y + 1) * 10_000, (byte) (255L * y / 10_000));
        }
        Path file = dir.resolve("huge.jpg");
        ImageIO.write(big, "jpeg", file.toFile());
        big = null;
        px = null;

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                HugeImageTest.class.getName(), file.toString()).redirectErrorStream(true).start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            out = String.join("\n", r.lines().toList());
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        // Step 3: 3334 x 3334 = 11 megapixels, within the 16-megapixel budget; row 2000 of the
        // small image is row 6000 of the file: 255 * 6000 / 10000 = 153.
        assertThat(out).contains("3334x3334 from 10000x10000 step 3 pixel ");
        int value = Integer.parseInt(out.substring(out.lastIndexOf(' ') + 1).strip());
        assertThat(value).isBetween(151, 155);
    }
}
