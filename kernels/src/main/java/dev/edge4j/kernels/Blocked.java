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

    /**
     * One blocked image of {@code c} channels, {@code h x w}, into a zeroed frame of
     * {@code ph x pw} pixels (blocked) at row {@code top}, column {@code left}; input pixels that
     * fall outside the frame are left out.
     */
    public static void pad(float[] src, int off, int c, int h, int w, int top, int left, int ph, int pw,
            float[] dst) {
        int cb = blocks(c);
        int rows = Math.min(h, ph - top);
        int cols = Math.min(w, pw - left);
        for (int b = 0; b < cb; b++) {
            int s = off + b * h * w * B;
            int d = b * ph * pw * B;
            java.util.Arrays.fill(dst, d, d + top * pw * B, 0f);
            for (int y = 0; y < rows; y++) {
                int dr = d + (top + y) * pw * B;
                java.util.Arrays.fill(dst, dr, dr + left * B, 0f);
                System.arraycopy(src, s + y * w * B, dst, dr + left * B, cols * B);
                java.util.Arrays.fill(dst, dr + (left + cols) * B, dr + pw * B, 0f);
            }
            java.util.Arrays.fill(dst, d + (top + rows) * pw * B, d + ph * pw * B, 0f);
        }
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
