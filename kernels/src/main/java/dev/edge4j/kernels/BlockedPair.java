package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;

/**
 * A convolution feeding a depthwise one (a separable convolution's pointwise half and the next
 * one's depthwise half, as in MobileNet-like networks, or a network's first layer and its first
 * depthwise layer), one band of rows at a time: the first convolution's output of a band lands in
 * a buffer that stays in the cache while the depthwise convolution reads it, so the full-size
 * intermediate image is never written to memory and read back. Rows a band shares with the next
 * one are moved to the buffer's start, not computed twice. The output rows are split in a few
 * contiguous ranges, each with a buffer of its own. The result equals {@link BlockedConv#run} followed by
 * {@link BlockedDepthwise#run}.
 */
public final class BlockedPair {
    private static final int B = Blocked.B;
    /** Bytes of a band's buffer: about half an L2 cache. */
    private static final int BAND_BYTES = 1 << 18;

    private BlockedPair() {}

    /** The band of input rows each thread holds: its height and the output rows it serves. */
    private record Band(int inRows, int outRows) {
        static Band of(int w, int mid, int kh, BlockedConv.Window dw, int bandBytes) {
            int rowFloats = Blocked.blocks(mid) * w * B;
            int span = (kh - 1) * dw.dilH() + 1;
            int fit = Math.max(span, bandBytes / 4 / rowFloats);
            int out = Math.max(1, Math.min(dw.outH(), (fit - span) / dw.strideH() + 1));
            return new Band((out - 1) * dw.strideH() + span, out);
        }
    }

    /** Floats of the work array {@link #run} needs with a pool of {@code threads} threads. */
    public static int scratchLength(int w, int mid, int kh, BlockedConv.Window dw, int threads) {
        return scratchLength(w, mid, kh, dw, threads, BAND_BYTES);
    }

    static int scratchLength(int w, int mid, int kh, BlockedConv.Window dw, int threads, int bandBytes) {
        return tasks(threads, dw.outH()) * Blocked.blocks(mid) * Band.of(w, mid, kh, dw, bandBytes).inRows() * w * B;
    }

    /**
     * Row ranges to split the output into: two per thread, so that a thread that finishes early
     * can take over a range from one that is late (the thread pool gives each thread its own
     * ranges first), at the cost of one more band start per range.
     */
    private static int tasks(int threads, int outH) {
        return Math.max(1, Math.min(threads == 1 ? 1 : 2 * threads, outH));
    }

    /**
     * One image: {@code x} (laid out as {@code in} says) through the filter {@code first} with
     * window {@code firstWin} and its epilogue, then the depthwise filter {@code dw} (packed with
     * one input channel, {@code kh x kw}) with window {@code win} and its epilogue, into {@code out}
     * (blocked). Epilogues' bias and slope padded to whole blocks, no residuals; {@code scratch}
     * holds at least {@link #scratchLength} floats.
     */
    public static void run(BlockedFilter first, BlockedConv.Input in, BlockedConv.Window firstWin, Epilogue firstEp,
            BlockedFilter dw, int kh, int kw, BlockedConv.Window win, Epilogue dwEp, float[] x, int xOff, float[] out,
            int outOff, float[] scratch, Parallel pool) {
        run(first, in, firstWin, firstEp, dw, kh, kw, win, dwEp, x, xOff, out, outOff, scratch, pool, BAND_BYTES);
    }

    /** {@link #run} with bands of about {@code bandBytes}. */
    static void run(BlockedFilter first, BlockedConv.Input in, BlockedConv.Window firstWin, Epilogue firstEp,
            BlockedFilter dw, int kh, int kw, BlockedConv.Window win, Epilogue dwEp, float[] x, int xOff, float[] out,
            int outOff, float[] scratch, Parallel pool, int bandBytes) {
        int mid = first.outChannels;
        int h = firstWin.outH();
        int w = firstWin.outW();
        Band band = Band.of(w, mid, kh, win, bandBytes);
        int bandFloats = Blocked.blocks(mid) * band.inRows() * w * B;
        int tasks = tasks(pool.threads(), win.outH());
        if (scratch.length < tasks * bandFloats) {
            throw new IllegalArgumentException("work array of " + scratch.length + " floats, needs "
                    + tasks * bandFloats);
        }
        int plane = band.inRows() * w;
        pool.forEach(tasks, t -> {
            int y0 = (int) ((long) win.outH() * t / tasks);
            int y1 = (int) ((long) win.outH() * (t + 1) / tasks);
            int base = t * bandFloats;
            // The buffer holds image rows [held0, held1) from its row 0.
            int held0 = 0;
            int held1 = 0;
            for (int oy = y0; oy < y1; oy += band.outRows()) {
                int oyEnd = Math.min(y1, oy + band.outRows());
                int need0 = Math.max(0, oy * win.strideH() - win.padTop());
                int need1 = Math.min(h, (oyEnd - 1) * win.strideH() - win.padTop() + (kh - 1) * win.dilH() + 1);
                if (need1 <= need0) {
                    // Every tap of these rows lies in the padding.
                    BlockedDepthwise.convRows(scratch, base, plane, mid, h, w, kh, kw, win, dw, oy, oyEnd, out, outOff,
                            dwEp);
                    continue;
                }
                if (need0 >= held1 || need0 < held0) {
                    held0 = need0;
                    held1 = need0;
                } else if (need0 > held0) {
                    for (int b = 0; b < Blocked.blocks(mid); b++) {
                        int p = base + b * plane * B;
                        System.arraycopy(scratch, p + (need0 - held0) * w * B, scratch, p, (held1 - need0) * w * B);
                    }
                    held0 = need0;
                }
                if (need1 > held1) {
                    BlockedConv.convRows(first, x, xOff, in, firstWin, held1, need1, scratch, base - held0 * w * B,
                            plane, firstEp);
                    held1 = need1;
                }
                BlockedDepthwise.convRows(scratch, base - held0 * w * B, plane, mid, h, w, kh, kw, win, dw, oy, oyEnd,
                        out, outOff, dwEp);
            }
        });
    }
}
