package dev.edge4j.vision.testing;

import dev.edge4j.vision.image.Image;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Images and image files made up for tests. */
public final class TestImages {
    private TestImages() {}

    public static Image random(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new Image(w, h, px);
    }

    /** Smooth colour ramps: survive JPEG well, and every channel differs. */
    public static Image gradient(int w, int h) {
        Image img = Image.filled(w, h, 0, 0, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, 255 * x / Math.max(1, w - 1), 255 * y / Math.max(1, h - 1), 255 - 255 * x / Math.max(1, w - 1));
            }
        }
        return img;
    }

    /** An EXIF APP1 segment (big- or little-endian TIFF) holding only the orientation tag. */
    public static byte[] exifApp1(int orientation, boolean littleEndian) {
        byte[] tiff = tiffWithOrientation(orientation, littleEndian);
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        int length = 2 + 6 + tiff.length;
        seg.write(0xFF);
        seg.write(0xE1);
        seg.write(length >> 8);
        seg.write(length & 0xFF);
        seg.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        seg.writeBytes(tiff);
        return seg.toByteArray();
    }

    public static byte[] tiffWithOrientation(int orientation, boolean littleEndian) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M'));
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        // An unrelated tag first (ImageDescription offset), then the orientation.
        b.putShort((short) 0x010E).putShort((short) 2).putInt(1).putInt(0);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    /** {@code jpeg} with an EXIF segment inserted right after its start marker. */
    public static byte[] withExif(byte[] jpeg, int orientation) {
        byte[] app1 = exifApp1(orientation, false);
        byte[] out = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

    /** {@code png} with an eXIf chunk inserted after IHDR. */
    public static byte[] pngWithExif(byte[] png, int orientation) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        chunk(out, "eXIf", tiffWithOrientation(orientation, true));
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** A PNG whose header claims {@code w x h} pixels, with no image data at all. */
    public static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * Streams an RGB PNG of {@code w x h} pixels (horizontal colour bands) to {@code out} without
     * ever holding the image: how tests make 100-megapixel files cheaply.
     */
    public static void writeLargePng(OutputStream out, int w, int h) {
        try {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream hdr = new ByteArrayOutputStream();
            chunk(hdr, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                    .put((byte) 0).put((byte) 0).array());
            out.write(hdr.toByteArray());
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
                byte[] row = new byte[1 + w * 3];
                for (int y = 0; y < h; y++) {
                    int band = (y * 8 / h);
                    for (int x = 0; x < w; x++) {
                        row[1 + 3 * x] = (byte) (band * 32);
                        row[2 + 3 * x] = (byte) (255 - band * 32);
                        row[3 + 3 * x] = (byte) 128;
                    }
                    z.write(row);
                }
            }
            deflater.end();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            chunk(data, "IDAT", idat.toByteArray());
            chunk(data, "IEND", new byte[0]);
            out.write(data.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        try {
            DataOutputStream d = new DataOutputStream(out);
            byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
            d.writeInt(data.length);
            d.write(t);
            d.write(data);
            CRC32 crc = new CRC32();
            crc.update(t);
            crc.update(data);
            d.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
