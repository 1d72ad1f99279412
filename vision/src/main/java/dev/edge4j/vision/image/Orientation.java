package dev.edge4j.vision.image;

/**
 * The eight EXIF orientations: how a camera stored the pixels relative to upright. Phones store
 * portrait photos sideways and set this tag, so a face detector fed the raw pixels sees faces
 * lying on their side.
 */
public enum Orientation {
    NORMAL(1),
    FLIP_HORIZONTAL(2),
    ROTATE_180(3),
    FLIP_VERTICAL(4),
    TRANSPOSE(5),
    ROTATE_90_CW(6),
    TRANSVERSE(7),
    ROTATE_90_CCW(8);

    private final int tag;

    Orientation(int tag) {
        this.tag = tag;
    }

    /** The value of the EXIF tag 0x0112. */
    public int tag() {
        return tag;
    }

    /** The orientation for an EXIF tag value; anything outside 1..8 counts as upright. */
    public static Orientation ofTag(int tag) {
        return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
    }

    /** True when turning upright swaps width and height. */
    public boolean swapsAxes() {
        return tag >= 5;
    }

    /** The image turned upright: the stored pixels transformed as the tag says. */
    public Image apply(Image src) {
        if (this == NORMAL) {
            return src;
        }
        int w = src.width();
        int h = src.height();
        int ow = swapsAxes() ? h : w;
        int oh = swapsAxes() ? w : h;
        byte[] in = src.bgr();
        byte[] out = new byte[in.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (this) {
                    case FLIP_HORIZONTAL -> { sx = w - 1 - x; sy = y; }
                    case ROTATE_180 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case FLIP_VERTICAL -> { sx = x; sy = h - 1 - y; }
                    case TRANSPOSE -> { sx = y; sy = x; }
                    case ROTATE_90_CW -> { sx = y; sy = h - 1 - x; }
                    case TRANSVERSE -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case ROTATE_90_CCW -> { sx = w - 1 - y; sy = x; }
                    default -> throw new AssertionError(this);
                }
                int si = (sy * w + sx) * 3;
                int di = (y * ow + x) * 3;
                out[di] = in[si];
                out[di + 1] = in[si + 1];
                out[di + 2] = in[si + 2];
            }
        }
        return new Image(ow, oh, out);
    }
}
