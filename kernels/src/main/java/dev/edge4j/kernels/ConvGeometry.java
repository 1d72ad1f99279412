package dev.edge4j.kernels;

/**
 * How a 2-D convolution reads its input, arranged so that every kernel tap reads a contiguous run.
 *
 * <p>The input is zero-padded and, for a stride s, split into s x s phase planes (plane (py, px)
 * holds the padded pixels at rows py, py+s, ... and columns px, px+s, ...). Output pixel (oy, ox)
 * under tap (i, j) then reads pixel (oy + qy, ox + qx) of one phase plane, with (qy, qx) fixed per
 * tap. Numbering outputs along rows of the plane's width {@code Wq} ("virtual" pixels, of which
 * the last {@code Wq - outW} of every row are discarded), each tap reads the plane at a fixed
 * offset from the virtual pixel index: a convolution becomes a GEMM whose rows of B are runs of
 * the prepared input at per-tap offsets, with no im2col.
 *
 * <p>A 1x1 convolution with stride 1 and no padding reads its input as it is ({@link #direct()}).
 */
public final class ConvGeometry {
    public final int channels;
    public final int inH;
    public final int inW;
    public final int kh;
    public final int kw;
    public final int strideH;
    public final int strideW;
    public final int dilH;
    public final int dilW;
    public final int padTop;
    public final int padLeft;
    public final int outH;
    public final int outW;
    /** Rows and columns of one phase plane. */
    public final int hq;
    public final int wq;
    private final int[] taps;
    private final int slack;

    /**
     * @param channels input channels of one group
     * @param outH output rows (as the caller computed them from the pads)
     */
    public ConvGeometry(int channels, int inH, int inW, int kh, int kw, int strideH, int strideW,
            int dilH, int dilW, int padTop, int padLeft, int outH, int outW) {
        this.channels = channels;
        this.inH = inH;
        this.inW = inW;
        this.kh = kh;
        this.kw = kw;
        // A stride between one output, or a dilation between one tap, changes nothing.
        this.strideH = outH == 1 ? 1 : strideH;
        this.strideW = outW == 1 ? 1 : strideW;
        this.dilH = kh == 1 ? 1 : dilH;
        this.dilW = kw == 1 ? 1 : dilW;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.outH = outH;
        this.outW = outW;
        if (direct()) {
            hq = inH;
            wq = inW;
        } else {
            long needH = (outH - 1L) * this.strideH + (kh - 1L) * this.dilH + 1;
            long needW = (outW - 1L) * this.strideW + (kw - 1L) * this.dilW + 1;
            long planes = (long) this.strideH * this.strideW * ((needH + this.strideH - 1) / this.strideH)
                    * ((needW + this.strideW - 1) / this.strideW);
            if (planes * Math.max(1, channels) > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("the convolution's padded input ("
                        + needH + " x " + needW + " per channel) is too large");
            }
            hq = ceilDiv((int) needH, this.strideH);
            wq = ceilDiv((int) needW, this.strideW);
        }
        taps = new int[kh * kw];
        int plane = hq * wq;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                int oy = i * this.dilH;
                int ox = j * this.dilW;
                int phase = (oy % this.strideH) * this.strideW + ox % this.strideW;
                taps[i * kw + j] = phase * plane + (oy / this.strideH) * wq + ox / this.strideW;
            }
        }
        // Reads of the last, partly discarded tile run past the last plane by less than this.
        slack = wq + 4 * Vectors.S.length() + (kw - 1) * this.dilW;
    }

    /** Rounds a / b up, for any sign of a (b > 0). */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * True when the input is read as it is: a 1x1 kernel with stride 1 and no padding, on planes
     * of at least one kernel tile (smaller ones are copied, which costs next to nothing).
     */
    public boolean direct() {
        return kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0
                && outH == inH && outW == inW && inH * inW >= 4 * Vectors.S.length();
    }

    public int taps() {
        return kh * kw;
    }

    /** Offset of tap {@code t} (= i * kw + j) from its channel's start, before adding the virtual pixel. */
    public int tapOffset(int t) {
        return taps[t];
    }

    /** Floats per channel in the prepared input. */
    public int channelStride() {
        return direct() ? inH * inW : strideH * strideW * hq * wq;
    }

    /** Virtual output pixels: {@code outH} rows of {@code wq}. */
    public int virtualSize() {
        return outH * wq;
    }

    public int outSize() {
        return outH * outW;
    }

    /** Length of the buffer {@link #prepare} fills for {@code c} channels. */
    public int preparedLength(int c) {
        return c * channelStride() + slack;
    }

    /**
     * Row offsets of the GEMM's B for {@code c} channels: entry {@code ch * taps + t} is where
     * channel ch, tap t starts (ordered as ONNX orders a filter's weights).
     */
    public int[] rowOffsets(int c) {
        int[] off = new int[c * taps.length];
        int stride = channelStride();
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < taps.length; t++) {
                off[ch * taps.length + t] = ch * stride + taps[t];
            }
        }
        return off;
    }

    /** Pads (with zeros) and splits {@code c} channels of the input (planes of inH x inW from {@code xOff}) into {@code dst}. */
    public void prepare(float[] x, int xOff, int c, float[] dst) {
        prepare(x, xOff, c, dst, 0f);
    }

    /** Like {@link #prepare(float[], int, int, float[])} with padding of value {@code fill} (-inf for max pooling). */
    public void prepare(float[] x, int xOff, int c, float[] dst, float fill) {
        int plane = hq * wq;
        int stride = channelStride();
        // Per column phase, the columns [lo, hi) of a phase row that read the input, from input column first + lo * s.
        int[] lo = new int[strideW];
        int[] hi = new int[strideW];
        for (int px = 0; px < strideW; px++) {
            int first = px - padLeft;
            lo[px] = Math.min(wq, Math.max(0, ceilDiv(-first, strideW)));
            hi[px] = Math.max(lo[px], Math.min(wq, ceilDiv(inW - first, strideW)));
        }
        for (int ch = 0; ch < c; ch++) {
            int src = xOff + ch * inH * inW;
            for (int py = 0; py < strideH; py++) {
                for (int px = 0; px < strideW; px++) {
                    int base = ch * stride + (py * strideW + px) * plane;
                    int l = lo[px];
                    int h = hi[px];
                    int from = px - padLeft + l * strideW;
                    for (int y = 0; y < hq; y++) {
                        int iy = y * strideH + py - padTop;
                        int row = base + y * wq;
                        if (iy < 0 || iy >= inH || h == l) {
                            fill(dst, row, row + wq, fill);
                            continue;
                        }
                        fill(dst, row, row + l, fill);
                        if (strideW == 1) {
                            System.arraycopy(x, src + iy * inW + from, dst, row + l, h - l);
                        } else {
                            Strided.gather(x, src + iy * inW + from, strideW, dst, row + l, h - l);
                        }
                        fill(dst, row + h, row + wq, fill);
                    }
                }
            }
        }
        java.util.Arrays.fill(dst, c * stride, preparedLength(c), fill);
    }

    private static void fill(float[] a, int from, int to, float v) {
        for (int i = from; i < to; i++) {
            a[i] = v;
        }
    }
}
