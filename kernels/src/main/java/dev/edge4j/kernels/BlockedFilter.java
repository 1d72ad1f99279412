package dev.edge4j.kernels;

/**
 * Convolution weights [M][C][kh][kw] rearranged for the blocked kernels: output channels in
 * blocks of {@link Blocked#B}, as {@code data[((ob * taps + t) * C + ic) * B + lane]}, so the
 * weights of one tap and input channel for a block of outputs are one vector. Output channels
 * past M are zeros. For a depthwise filter (C = 1) it is {@code data[(cb * taps + t) * B + lane]}.
 */
public final class BlockedFilter {
    final float[] data;
    final int outChannels;
    final int inChannels;
    final int kh;
    final int kw;

    private BlockedFilter(float[] data, int m, int c, int kh, int kw) {
        this.data = data;
        this.outChannels = m;
        this.inChannels = c;
        this.kh = kh;
        this.kw = kw;
    }

    /** Packs the filter of one group: M output channels from {@code off}, C input channels each. */
    public static BlockedFilter pack(float[] w, int off, int m, int c, int kh, int kw) {
        int b = Blocked.B;
        int taps = kh * kw;
        int mb = Blocked.blocks(m);
        float[] data = new float[mb * taps * c * b];
        for (int o = 0; o < m; o++) {
            int ob = o / b;
            int lane = o % b;
            for (int ic = 0; ic < c; ic++) {
                for (int t = 0; t < taps; t++) {
                    data[((ob * taps + t) * c + ic) * b + lane] = w[off + (o * c + ic) * taps + t];
                }
            }
        }
        return new BlockedFilter(data, m, c, kh, kw);
    }

    public int outChannels() {
        return outChannels;
    }

    public int inChannels() {
        return inChannels;
    }

    public int taps() {
        return kh * kw;
    }

    /** A per-channel vector (bias, slope) padded with zeros to whole blocks. */
    public static float[] padded(float[] perChannel, int channels) {
        if (perChannel == null) {
            return null;
        }
        float[] p = new float[Blocked.blocks(channels) * Blocked.B];
        if (perChannel.length == 1 && channels > 1) {
            java.util.Arrays.fill(p, 0, channels, perChannel[0]);
        } else {
            System.arraycopy(perChannel, 0, p, 0, channels);
        }
        return p;
    }
}
