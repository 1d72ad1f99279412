package dev.edge4j.vision.image;

/**
 * Resizes a rectangle of an image to a new size with a triangle (bilinear) filter whose width
 * grows with the shrink factor, so shrinking averages every source pixel instead of skipping most
 * of them (plain bilinear sampling aliases badly when a 1920-pixel photo becomes a 320-pixel
 * detector input). Enlarging is ordinary bilinear interpolation.
 *
 * <p>Coordinates are continuous: pixel i covers [i, i+1). The source rectangle may reach outside
 * the image; those parts take the border colour (letterboxing is a rectangle larger than the image).
 */
public final class Resampler {
    private Resampler() {}

    /** The whole image at a new size. */
    public static Image resize(Image src, int outW, int outH) {
        return resample(src, 0, 0, src.width(), src.height(), outW, outH, 0, 0, 0);
    }

    /**
     * The source rectangle at (x, y), w x h (fractional, may exceed the image), scaled to
     * outW x outH; outside the image the colour is (r, g, b).
     */
    public static Image resample(Image src, double x, double y, double w, double h, int outW, int outH,
            int r, int g, int b) {
        if (outW <= 0 || outH <= 0 || !(w > 0) || !(h > 0)) {
            throw new IllegalArgumentException("bad resample: " + w + "x" + h + " -> " + outW + "x" + outH);
        }
        Taps cols = Taps.of(x, w, outW, src.width());
        Taps rows = Taps.of(y, h, outH, src.height());
        int sw = src.width();
        byte[] in = src.bgr();
        float[] border = {b, g, r};

        // Horizontal pass over the source rows the vertical pass needs.
        int rowLo = rows.minIndex();
        int rowHi = rows.maxIndex();
        int nRows = Math.max(0, rowHi - rowLo + 1);
        float[] tmp = new float[nRows * outW * 3];
        for (int sy = rowLo; sy <= rowHi; sy++) {
            int t = (sy - rowLo) * outW * 3;
            int rowBase = sy * sw * 3;
            for (int ox = 0; ox < outW; ox++, t += 3) {
                if (cols.count[ox] == 0) {
                    tmp[t] = border[0];
                    tmp[t + 1] = border[1];
                    tmp[t + 2] = border[2];
                    continue;
                }
                float c0 = 0;
                float c1 = 0;
                float c2 = 0;
                int i = rowBase + cols.first[ox] * 3;
                int base = ox * cols.span;
                for (int k = 0; k < cols.count[ox]; k++, i += 3) {
                    float wt = cols.weight[base + k];
                    c0 += wt * (in[i] & 0xFF);
                    c1 += wt * (in[i + 1] & 0xFF);
                    c2 += wt * (in[i + 2] & 0xFF);
                }
                tmp[t] = c0;
                tmp[t + 1] = c1;
                tmp[t + 2] = c2;
            }
        }

        // Vertical pass.
        byte[] out = new byte[outW * outH * 3];
        int rowLen = outW * 3;
        float[] acc = new float[rowLen];
        for (int oy = 0; oy < outH; oy++) {
            int o = oy * rowLen;
            if (rows.count[oy] == 0) {
                for (int i = 0; i < rowLen; i += 3) {
                    out[o + i] = (byte) b;
                    out[o + i + 1] = (byte) g;
                    out[o + i + 2] = (byte) r;
                }
                continue;
            }
            java.util.Arrays.fill(acc, 0f);
            int base = oy * rows.span;
            for (int k = 0; k < rows.count[oy]; k++) {
                float wt = rows.weight[base + k];
                int t = (rows.first[oy] + k - rowLo) * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += wt * tmp[t + i];
                }
            }
            for (int i = 0; i < rowLen; i++) {
                out[o + i] = clampByte(acc[i]);
            }
        }
        return new Image(outW, outH, out);
    }

    static byte clampByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }

    /** Filter taps along one axis: for each output index, a run of source indices and weights. */
    static final class Taps {
        final int[] first;
        final int[] count;
        final float[] weight;
        final int span;

        private Taps(int[] first, int[] count, float[] weight, int span) {
            this.first = first;
            this.count = count;
            this.weight = weight;
            this.span = span;
        }

        /**
         * Taps for {@code out} samples of the source span [start, start + length) over an axis of
         * {@code size} pixels. Samples whose centre falls outside the image get no taps (count 0:
         * the border colour); the others use only taps inside the image, renormalised, so edges
         * are neither darkened nor smeared.
         */
        static Taps of(double start, double length, int out, int size) {
            double scale = length / out; // source pixels per output pixel
            double support = Math.max(1.0, scale); // triangle half-width in source pixels
            int span = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[out];
            int[] count = new int[out];
            float[] weight = new float[out * span];
            for (int o = 0; o < out; o++) {
                double center = start + (o + 0.5) * scale - 0.5; // in source index space
                if (center < -0.5 || center >= size - 0.5) {
                    continue; // outside the image: border
                }
                int lo = Math.max(0, (int) Math.floor(center - support) + 1);
                int hi = Math.min(size - 1, (int) Math.ceil(center + support) - 1);
                hi = Math.min(hi, lo + span - 1);
                double sum = 0;
                for (int s = lo; s <= hi; s++) {
                    sum += Math.max(0, 1 - Math.abs(s - center) / support);
                }
                if (!(sum > 0)) { // centre half a pixel outside the edge taps: take the nearest pixel
                    lo = hi = Math.clamp(Math.round(center), 0, size - 1);
                    sum = 0;
                }
                first[o] = lo;
                count[o] = hi - lo + 1;
                for (int s = lo; s <= hi; s++) {
                    double wgt = sum > 0 ? Math.max(0, 1 - Math.abs(s - center) / support) / sum : 1.0;
                    weight[o * span + (s - lo)] = (float) wgt;
                }
            }
            return new Taps(first, count, weight, span);
        }

        int minIndex() {
            int m = Integer.MAX_VALUE;
            for (int o = 0; o < first.length; o++) {
                if (count[o] > 0) {
                    m = Math.min(m, first[o]);
                }
            }
            return m == Integer.MAX_VALUE ? 0 : m;
        }

        int maxIndex() {
            int m = -1;
            for (int o = 0; o < first.length; o++) {
                if (count[o] > 0) {
                    m = Math.max(m, first[o] + count[o] - 1);
                }
            }
            return m;
        }
    }
}
