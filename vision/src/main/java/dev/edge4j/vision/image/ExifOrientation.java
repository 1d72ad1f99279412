package dev.edge4j.vision.image;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the orientation tag (0x0112) from the EXIF block of a JPEG (APP1 segment) or PNG
 * ({@code eXIf} chunk). Only the bytes up to the image data are read; a missing or damaged EXIF
 * block means "upright", never an error, since the pixels themselves may be fine.
 */
public final class ExifOrientation {
    private static final int MAX_SEGMENT = 1 << 16;
    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {}

    /** The orientation stored in the file that {@code in} reads from its first byte. */
    public static Orientation read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            int b0 = data.readUnsignedByte();
            int b1 = data.readUnsignedByte();
            if (b0 == 0xFF && b1 == 0xD8) {
                return fromJpeg(data);
            }
            if (b0 == 0x89 && b1 == 'P') {
                return fromPng(data);
            }
        } catch (EOFException e) {
            // A short file has no orientation; the decoder reports what is wrong with it.
        }
        return Orientation.NORMAL;
    }

    private static Orientation fromJpeg(DataInputStream in) throws IOException {
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                return Orientation.NORMAL;
            }
            int type = in.readUnsignedByte();
            while (type == 0xFF) { // fill bytes
                type = in.readUnsignedByte();
            }
            if (type == 0xD8 || (type >= 0xD0 && type <= 0xD7) || type == 0x01) {
                continue; // markers without a length
            }
            if (type == 0xDA || type == 0xD9) {
                return Orientation.NORMAL; // image data starts: no EXIF came before it
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                return Orientation.NORMAL;
            }
            if (type == 0xE1 && length >= 14) {
                byte[] seg = in.readNBytes(length);
                if (seg.length == length && seg[0] == 'E' && seg[1] == 'x' && seg[2] == 'i' && seg[3] == 'f'
                        && seg[4] == 0 && seg[5] == 0) {
                    return fromTiff(ByteBuffer.wrap(seg, 6, seg.length - 6).slice());
                }
            } else {
                in.skipNBytes(length);
            }
        }
    }

    private static Orientation fromPng(DataInputStream in) throws IOException {
        in.skipNBytes(6); // rest of the signature
        while (true) {
            int length = in.readInt();
            int type = in.readInt();
            if (length < 0 || type == 0x49444154 /* IDAT */ || type == 0x49454E44 /* IEND */) {
                return Orientation.NORMAL;
            }
            if (type == 0x65584966 /* eXIf */ && length <= MAX_SEGMENT) {
                byte[] chunk = in.readNBytes(length);
                return fromTiff(ByteBuffer.wrap(chunk));
            }
            in.skipNBytes(length + 4L); // data and CRC
        }
    }

    /** Parses a TIFF header and IFD0, looking for the orientation tag. */
    static Orientation fromTiff(ByteBuffer tiff) {
        try {
            if (tiff.remaining() < 8) {
                return Orientation.NORMAL;
            }
            int start = tiff.position();
            short order = tiff.getShort(start);
            if (order == 0x4949) {
                tiff.order(ByteOrder.LITTLE_ENDIAN);
            } else if (order == 0x4D4D) {
                tiff.order(ByteOrder.BIG_ENDIAN);
            } else {
                return Orientation.NORMAL;
            }
            if ((tiff.getShort(start + 2) & 0xFFFF) != 42) {
                return Orientation.NORMAL;
            }
            long ifd = tiff.getInt(start + 4) & 0xFFFFFFFFL;
            if (ifd + 2 > tiff.limit() - start) {
                return Orientation.NORMAL;
            }
            int entries = tiff.getShort(start + (int) ifd) & 0xFFFF;
            for (int i = 0; i < entries; i++) {
                int e = start + (int) ifd + 2 + i * 12;
                if (e + 12 > tiff.limit()) {
                    return Orientation.NORMAL;
                }
                int tag = tiff.getShort(e) & 0xFFFF;
                int type = tiff.getShort(e + 2) & 0xFFFF;
                if (tag == TAG_ORIENTATION && type == 3 /* SHORT */) {
                    return Orientation.ofTag(tiff.getShort(e + 8) & 0xFFFF);
                }
            }
            return Orientation.NORMAL;
        } catch (IndexOutOfBoundsException e) {
            return Orientation.NORMAL;
        }
    }
}
