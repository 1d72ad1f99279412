package dev.edge4j.vision.image;

/**
 * Warps an image by an affine map with bilinear sampling, as face alignment needs. The map takes
 * output coordinates to source coordinates; both are continuous (pixel i covers [i, i+1)).
 *
 * <p>When the map shrinks by more than 1.5x (a large face warped to 112x112), the source region is
 * first reduced with the {@link Resampler}'s area-averaging filter, so the warp samples close to
 * one source pixel per output pixel instead of aliasing.
 */
public final class AffineWarp {
    private static final double PREFILTER_ABOVE = 1.5;

    private AffineWarp() {}

    /**
     * Output pixel (x, y) samples the source at (m[0]x + m[1]y + m[2], m[3]x + m[4]y + m[5]),
     * continuous coordinates; outside the source the colour is black.
     */
    public static Image warp(Image src, double[] m, int outW, int outH) {
        double shrink = Math.sqrt(Math.abs(m[0] * m[4] - m[1] * m[3]));
        if (shrink > PREFILTER_ABOVE) {
            return warpPrefiltered(src, m, outW, outH, shrink);
        }
        return bilinear(src, m, outW, outH);
    }

    private static Image warpPrefiltered(Image src, double[] m, int outW, int outH, double shrink) {
        // Source bounding box of the output rectangle, one pixel of margin for the bilinear taps.
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int c = 0; c < 4; c++) {
            double x = (c & 1) == 0 ? 0 : outW;
            double y = (c & 2) == 0 ? 0 : outH;
            double sx = m[0] * x + m[1] * y + m[2];
            double sy = m[3] * x + m[4] * y + m[5];
            minX = Math.min(minX, sx);
            maxX = Math.max(maxX, sx);
            minY = Math.min(minY, sy);
            maxY = Math.max(maxY, sy);
        }
        minX = Math.floor(Math.max(0, minX - shrink));
        minY = Math.floor(Math.max(0, minY - shrink));
        maxX = Math.ceil(Math.min(src.width(), maxX + shrink));
        maxY = Math.ceil(Math.min(src.height(), maxY + shrink));
        if (maxX - minX < 1 || maxY - minY < 1) {
            return bilinear(src, m, outW, outH); // the output lies outside the source: all black
        }
        double bw = maxX - minX;
        double bh = maxY - minY;
        int rw = Math.max(1, (int) Math.ceil(bw / shrink));
        int rh = Math.max(1, (int) Math.ceil(bh / shrink));
        Image reduced = Resampler.resample(src, minX, minY, bw, bh, rw, rh, 0, 0, 0);
        double fx = rw / bw;
        double fy = rh / bh;
        double[] m2 = {
            m[0] * fx, m[1] * fx, (m[2] - minX) * fx,
            m[3] * fy, m[4] * fy, (m[5] - minY) * fy};
        return bilinear(reduced, m2, outW, outH);
    }

    /** Plain bilinear sampling at the mapped centre of every output pixel. */
    static Image bilinear(Image src, double[] m, int outW, int outH) {
        int w = src.width();
        int h = src.height();
        byte[] in = src.bgr();
        byte[] out = new byte[outW * outH * 3];
        int o = 0;
        for (int y = 0; y < outH; y++) {
            double cy = y + 0.5;
            for (int x = 0; x < outW; x++, o += 3) {
                double cx = x + 0.5;
                double sx = m[0] * cx + m[1] * cy + m[2] - 0.5; // to index space
                double sy = m[3] * cx + m[4] * cy + m[5] - 0.5;
                if (sx <= -1 || sy <= -1 || sx >= w || sy >= h) {
                    continue; // black
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float ax = (float) (sx - x0);
                float ay = (float) (sy - y0);
                for (int c = 0; c < 3; c++) {
                    float p00 = sample(in, w, h, x0, y0, c);
                    float p10 = sample(in, w, h, x0 + 1, y0, c);
                    float p01 = sample(in, w, h, x0, y0 + 1, c);
                    float p11 = sample(in, w, h, x0 + 1, y0 + 1, c);
                    float top = p00 + (p10 - p00) * ax;
                    float bottom = p01 + (p11 - p01) * ax;
                    out[o + c] = Resampler.clampByte(top + (bottom - top) * ay);
                }
            }
        }
        return new Image(outW, outH, out);
    }

    private static float sample(byte[] in, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0f;
        }
        return in[(y * w + x) * 3 + c] & 0xFF;
    }
}
