package dev.edge4j.core;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on standard error for anything that may take longer than a second (fetch,
 * quantize, index, load). Nothing is drawn during the first second, so quick operations stay
 * silent. On a terminal the bar redraws in place; in a log it prints a line every 25%.
 *
 * <p>With an unknown total (an external client downloading) it shows elapsed time instead.
 */
public final class Progress implements AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final Thread ticker;
    private volatile boolean finished;
    private int lastQuarter = -1;
    private boolean drawn;

    private Progress(String label, long total, String unit, PrintStream out, boolean enabled) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.enabled = enabled;
        Console console = System.console();
        this.terminal = console != null && console.isTerminal();
        if (enabled) {
            ticker = Thread.ofPlatform().daemon().name("edge4j-progress").start(this::tick);
        } else {
            ticker = null;
        }
    }

    /** A bar over {@code totalBytes} bytes; a negative total shows elapsed time only. */
    public static Progress bytes(String label, long totalBytes) {
        return new Progress(label, totalBytes, "bytes", System.err, !quiet());
    }

    /** A bar over {@code total} items (layers, documents, images). */
    public static Progress items(String label, long total) {
        return new Progress(label, total, "items", System.err, !quiet());
    }

    /** A progress that draws nothing, for library callers that want no output. */
    public static Progress silent(String label) {
        return new Progress(label, -1, "items", System.err, false);
    }

    private static boolean quiet() {
        return Boolean.getBoolean("edge4j.quiet") || "1".equals(System.getenv("EDGE4J_QUIET"));
    }

    public void set(long value) {
        done.set(value);
    }

    public void add(long delta) {
        done.addAndGet(delta);
    }

    public long done() {
        return done.get();
    }

    private void tick() {
        while (!finished) {
            try {
                Thread.sleep(terminal ? 200 : 1000);
            } catch (InterruptedException e) {
                return;
            }
            if (!finished && System.nanoTime() - startNanos >= SHOW_AFTER_NANOS) {
                draw(false);
            }
        }
    }

    private synchronized void draw(boolean last) {
        if (!enabled) {
            return;
        }
        long now = done.get();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line;
        if (total > 0) {
            double fraction = Math.min(1.0, (double) now / total);
            int filled = (int) Math.round(fraction * WIDTH);
            line = String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s %.0fs", label,
                    "=".repeat(filled), " ".repeat(WIDTH - filled), (int) (fraction * 100),
                    amount(now), amount(total), seconds);
            if (!terminal) {
                int quarter = (int) (fraction * 4);
                if (quarter == lastQuarter && !last) {
                    return;
                }
                lastQuarter = quarter;
            }
        } else {
            line = String.format(Locale.ROOT, "%s ... %.0fs%s", label, seconds,
                    now > 0 ? " " + amount(now) : "");
            if (!terminal && !last && ((int) seconds) % 10 != 0) {
                return;
            }
        }
        if (terminal) {
            out.print("\r" + line + "\033[K");
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
        drawn = true;
    }

    private String amount(long value) {
        if (!unit.equals("bytes")) {
            return Long.toString(value);
        }
        if (value >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GB", value / (double) (1L << 30));
        }
        if (value >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", value / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.0f KB", value / 1024.0);
    }

    /** Stops the bar; if it was shown, draws its final state on a line of its own. */
    @Override
    public void close() {
        finished = true;
        if (ticker != null) {
            ticker.interrupt();
        }
        synchronized (this) {
            if (drawn) {
                draw(true);
            }
        }
    }
}
