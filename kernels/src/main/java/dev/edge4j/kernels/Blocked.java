package dev.edge4j.kernels;

/**
 * The channel-blocked activation layout ("NCHWc") that convolution chains run in: channels in
 * blocks of {@link #B} (one vector), a tensor [N, C, H, W] stored as [N, ceil(C/B), H, W, B], so
 * that one vector holds the same pixel of B channels. Lanes past the last channel are padding:
 * kernels never read them as inputs, and write zeros there.
 *
 * <p>Conversions to and from the plain layouts (NCHW, NHWC) live here.
 */
public final class Blocked {
    /** Channels per block: the vector length. */
    public static final int B = Vectors.S.length();

    private Blocked() {}

    public static int blocks(int channels) {
        return (channels + B - 1) / B;
    }

    /** Floats of one image in blocked layout. */
    public static int imageSize(int channels, int pixels) {
        return blocks(channels) * pixels * B;
    }

    /** NCHW [n, c, pixels] to blocked; padding lanes set to 0. */
    public static void fromNchw(float[] src, int n, int c, int pixels, float[] dst) {
        int cb = blocks(c);
        for (int img = 0; img < n; img++) {
            int s = img * c * pixels;
            int d = img * cb * pixels * B;
            for (int b = 0; b < cb; b++) {
                int lanes = Math.min(B, c - b * B);
                int base = d + b * pixels * B;
                for (int p = 0; p < pixels; p++) {
                    int o = base + p * B;
                    int from = s + b * B * pixels + p;
                    for (int l = 0; l < lanes; l++) {
                        dst[o + l] = src[from + l * pixels];
                    }
                    for (int l = lanes; l < B; l++) {
                        dst[o + l] = 0f;
                    }
                }
            }
        }
    }

    /** NHWC [n, pixels, c] to blocked; padding lanes set to 0. */
    public static void fromNhwc(float[] src, int n, int c, int pixels, float[] dst) {
        int cb = blocks(c);
        for (int img = 0; img < n; img++) {
            int s = img * pixels * c;
            int d = img * cb * pixels * B;
            for (int b = 0; b < cb; b++) {
                int lanes = Math.min(B, c - b * B);
                int base = d + b * pixels * B;
                for (int p = 0; p < pixels; p++) {
                    System.arraycopy(src, s + p * c + b * B, dst, base + p * B, lanes);
                    java.util.Arrays.fill(dst, base + p * B + lanes, base + (p + 1) * B, 0f);
                }
            }
        }
    }

    /** Blocked to NCHW [n, c, pixels]. */
    public static void toNchw(float[] src, int n, int c, int pixels, float[] dst) {
        int cb = blocks(c);
        for (int img = 0; img < n; img++) {
            int s = img * cb * pixels * B;
            int d = img * c * pixels;
            for (int ch = 0; ch < c; ch++) {
                int from = s + (ch / B) * pixels * B + ch % B;
                int to = d + ch * pixels;
                for (int p = 0; p < pixels; p++) {
                    dst[to + p] = src[from + p * B];
                }
            }
        }
    }

    /** Blocked to NHWC [n, pixels, c]. */
    public static void toNhwc(float[] src, int n, int c, int pixels, float[] dst) {
        int cb = blocks(c);
        for (int img = 0; img < n; img++) {
            int s = img * cb * pixels * B;
            int d = img * pixels * c;
            for (int b = 0; b < cb; b++) {
                int lanes = Math.min(B, c - b * B);
                for (int p = 0; p < pixels; p++) {
                    System.arraycopy(src, s + (b * pixels + p) * B, dst, d + p * c + b * B, lanes);
                }
            }
        }
    }
}
