package dev.edge4j.vision.image;

import dev.edge4j.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes images as PNG or JPEG (with a chosen quality). */
public final class ImageEncoder {
    private ImageEncoder() {}

    /** Writes PNG or JPEG by the file's extension (.png, .jpg, .jpeg); JPEG at quality 0.9. */
    public static void write(Image image, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (name.endsWith(".png")) {
                out.write(png(image));
            } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
                out.write(jpeg(image, 0.9f));
            } else {
                throw new InvalidInputException("cannot tell the image format of " + file + "; name it .png or .jpg");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(Image image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image.toBufferedImage(), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JPEG bytes at {@code quality} in (0, 1]. */
    public static byte[] jpeg(Image image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), p);
            ios.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
