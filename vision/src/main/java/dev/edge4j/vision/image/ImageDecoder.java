package dev.edge4j.vision.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads JPEG, PNG and BMP files into upright {@link Image}s with bounded memory: the size is read
 * from the header first, and a file with more pixels than the budget is decoded at an integer
 * fraction of its size (the decoder skips rows and columns as it goes, so a 100-megapixel photo
 * never exists in memory at full size). The EXIF orientation is applied. A file that is not an
 * image, is truncated or is damaged gets an {@link ImageFormatException} naming the file.
 */
public final class ImageDecoder {
    /** Default pixel budget: 16 megapixels, 48 MB of pixels; plenty for faces, fine on a Pi. */
    public static final long DEFAULT_MAX_PIXELS = 16_000_000L;
    /** Files claiming more pixels than this are refused rather than read at a tiny fraction. */
    public static final long LARGEST_FILE_PIXELS = 1_000_000_000L;

    private final long maxPixels;

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel budget must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Reads an image file. */
    public DecodedImage read(Path file) {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                if (!Files.exists(file)) {
                    throw new NoSuchFileException(name);
                }
                throw new ImageFormatException(name + " is not a file");
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(16);
            }
            String format = format(head, name);
            Orientation orientation;
            try (InputStream in = Files.newInputStream(file)) {
                orientation = ExifOrientation.read(new java.io.BufferedInputStream(in, 1 << 16));
            }
            try (ImageInputStream iis = ImageIO.createImageInputStream(file.toFile())) {
                return decode(iis, format, orientation, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an image held in memory (e.g. an upload); {@code name} names it in error messages. */
    public DecodedImage read(byte[] bytes, String name) {
        try {
            String format = format(bytes, name);
            Orientation orientation = ExifOrientation.read(new ByteArrayInputStream(bytes));
            try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
                return decode(iis, format, orientation, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(byte[] head, String name) {
        if (head.length == 0) {
            throw new ImageFormatException(name + " is empty, not an image");
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return "png";
        }
        if (head.length >= 2 && head[0] == 'B' && head[1] == 'M') {
            return "bmp";
        }
        throw new ImageFormatException(name + " is not a JPEG, PNG or BMP image");
    }

    private DecodedImage decode(ImageInputStream iis, String format, Orientation orientation, String name)
            throws IOException {
        if (iis == null) {
            throw new ImageFormatException("cannot open " + name + " as an image");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new ImageFormatException("this Java runtime has no " + format.toUpperCase(Locale.ROOT) + " decoder for " + name);
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try {
            reader.setInput(iis, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int w;
            int h;
            try {
                w = reader.getWidth(0);
                h = reader.getHeight(0);
            } catch (IIOException | RuntimeException e) {
                // Decoders throw all sorts of runtime exceptions on damaged headers.
                throw new ImageFormatException(name + " is not a readable " + label(format) + " image (" + reason(e) + ")", e);
            }
            if (w <= 0 || h <= 0) {
                throw new ImageFormatException(name + " declares an empty image (" + w + "x" + h + ")");
            }
            long pixels = (long) w * h;
            if (pixels > LARGEST_FILE_PIXELS) {
                throw new ImageFormatException(String.format(Locale.ROOT,
                        "%s is %dx%d pixels (%.0f megapixels); the largest image Edge4j reads is %d megapixels",
                        name, w, h, pixels / 1e6, LARGEST_FILE_PIXELS / 1_000_000));
            }
            int sub = subsampling(w, h, maxPixels);
            ImageReadParam param = reader.getDefaultReadParam();
            if (sub > 1) {
                param.setSourceSubsampling(sub, sub, 0, 0);
            }
            ImageTypeSpecifier bgr = bgrType(reader);
            if (bgr != null) {
                param.setDestinationType(bgr);
            }
            BufferedImage bi;
            try {
                bi = reader.read(0, param);
            } catch (IIOException | RuntimeException e) {
                throw new ImageFormatException(name + " is truncated or damaged (" + reason(e) + ")", e);
            } catch (java.io.EOFException e) {
                throw new ImageFormatException(name + " is truncated (the file ends inside the image data)", e);
            }
            if (!warnings.isEmpty()) {
                throw new ImageFormatException(name + " is truncated or damaged (" + warnings.getFirst() + ")");
            }
            Image upright = orientation.apply(Image.of(bi));
            return new DecodedImage(upright, format, w, h, sub, orientation);
        } finally {
            reader.dispose();
        }
    }

    /** The smallest integer step whose subsampled image fits the pixel budget. */
    static int subsampling(int w, int h, long maxPixels) {
        int s = 1;
        while ((long) ceilDiv(w, s) * ceilDiv(h, s) > maxPixels) {
            s++;
        }
        return s;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static ImageTypeSpecifier bgrType(ImageReader reader) throws IOException {
        try {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            while (types.hasNext()) {
                ImageTypeSpecifier t = types.next();
                if (t.getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR) {
                    return t;
                }
            }
        } catch (IIOException e) {
            // The reader cannot tell its types before reading; take its default and convert.
        }
        return null;
    }

    private static String label(String format) {
        return format.toUpperCase(Locale.ROOT);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if ((m == null || m.isBlank()) && c != null) {
            m = c.getMessage();
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
