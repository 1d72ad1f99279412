package dev.edge4j.onnx.realmodels;

import dev.edge4j.core.testing.TestModels;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Real photos from the model catalog, scaled to a model's input size. */
final class Images {
    private Images() {}

    /** The catalog photo {@code face-sample-N}, scaled (bilinear) to width x height. */
    static BufferedImage sample(int n, int width, int height) {
        Path dir = TestModels.get("face-sample-" + n);
        try {
            Path file = Files.isDirectory(dir)
                    ? Files.list(dir).filter(p -> p.toString().endsWith(".jpg")).findFirst().orElseThrow()
                    : dir;
            BufferedImage src = ImageIO.read(file.toFile());
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, width, height, null);
            g.dispose();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Planar [1, 3, h, w], channels in the given order ("RGB" or "BGR"), each value (v - mean) / scale. */
    static float[] chw(BufferedImage img, String order, float mean, float scale) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int[] c = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int k = 0; k < 3; k++) {
                    int src = order.equals("RGB") ? k : 2 - k;
                    out[(k * h + y) * w + x] = (c[src] - mean) / scale;
                }
            }
        }
        return out;
    }

    /** Interleaved [1, h, w, 3] RGB, each value (v - mean) / scale. */
    static float[] hwc(BufferedImage img, float mean, float scale) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                out[(y * w + x) * 3] = (((rgb >> 16) & 0xff) - mean) / scale;
                out[(y * w + x) * 3 + 1] = (((rgb >> 8) & 0xff) - mean) / scale;
                out[(y * w + x) * 3 + 2] = ((rgb & 0xff) - mean) / scale;
            }
        }
        return out;
    }

    /** [1, 1, h, w] grey (ITU-R 601 luma), each value divided by {@code scale}. */
    static float[] grey(BufferedImage img, float scale) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                out[y * w + x] = (float) (luma / scale);
            }
        }
        return out;
    }
}
