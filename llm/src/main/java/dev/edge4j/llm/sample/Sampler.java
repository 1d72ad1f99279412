package dev.edge4j.llm.sample;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Picks next tokens from logits per {@link SamplerSettings}, remembering the recent tokens the
 * penalties look at. The draw uses its own seeded generator: the same settings, seed and logits
 * give the same tokens.
 */
public final class Sampler {
    private final SamplerSettings s;
    private final SplittableRandom random;
    private final int[] recent;
    private int recentCount;
    private int recentNext;

    public Sampler(SamplerSettings settings) {
        this.s = settings;
        this.random = new SplittableRandom(settings.seed());
        this.recent = new int[Math.max(1, settings.penaltyWindow())];
    }

    public SamplerSettings settings() {
        return s;
    }

    /** Records a token of the context (prompt or output) for the penalties. */
    public void accept(int token) {
        if (s.penaltyWindow() == 0) {
            return;
        }
        recent[recentNext] = token;
        recentNext = (recentNext + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
    }

    /** Forgets the recent tokens. */
    public void reset() {
        recentCount = 0;
        recentNext = 0;
    }

    /** The next token for {@code logits} (left unchanged); call {@link #accept} with it afterwards. */
    public int sample(float[] logits) {
        float[] l = penalized(logits);
        if (s.isGreedy()) {
            return argmax(l);
        }
        // Candidates, most likely first.
        int[] ids = topIds(l, s.topK() == 0 ? l.length : Math.min(s.topK(), l.length));
        int n = ids.length;
        double max = l[ids[0]];
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(l[ids[i]] - max);
            sum += p[i];
        }
        // Top-p on the distribution before temperature, as llama.cpp does.
        if (s.topP() < 1) {
            double cumulative = 0;
            int keep = n;
            for (int i = 0; i < n; i++) {
                cumulative += p[i] / sum;
                if (cumulative >= s.topP()) {
                    keep = i + 1;
                    break;
                }
            }
            n = keep;
        }
        if (s.minP() > 0) {
            double threshold = s.minP() * p[0];
            int keep = 1;
            while (keep < n && p[keep] >= threshold) {
                keep++;
            }
            n = keep;
        }
        // Temperature, then draw.
        double total = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((l[ids[i]] - max) / s.temperature());
            total += p[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            r -= p[i];
            if (r < 0) {
                return ids[i];
            }
        }
        return ids[n - 1];
    }

    private float[] penalized(float[] logits) {
        boolean any = s.repeatPenalty() != 1 || s.presencePenalty() != 0 || s.frequencyPenalty() != 0;
        if (!any || recentCount == 0) {
            return logits;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < recentCount; i++) {
            counts.merge(recent[i], 1, Integer::sum);
        }
        float[] l = logits.clone();
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            int id = e.getKey();
            if (id < 0 || id >= l.length) {
                continue;
            }
            float v = l[id];
            v = v > 0 ? v / s.repeatPenalty() : v * s.repeatPenalty();
            v -= e.getValue() * s.frequencyPenalty() + s.presencePenalty();
            l[id] = v;
        }
        return l;
    }

    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Ids of the {@code k} largest logits, largest first (ties: lower id first). */
    static int[] topIds(float[] l, int k) {
        if (k >= l.length) {
            Integer[] all = new Integer[l.length];
            Arrays.setAll(all, i -> i);
            Arrays.sort(all, (a, b) -> l[a] != l[b] ? Float.compare(l[b], l[a]) : Integer.compare(a, b));
            return Arrays.stream(all).mapToInt(Integer::intValue).toArray();
        }
        // A min-heap of the best k seen so far.
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < l.length; i++) {
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, l);
            } else if (better(i, heap[0], l)) {
                heap[0] = i;
                siftDown(heap, size, l);
            }
        }
        int[] out = new int[k];
        for (int i = k - 1; i >= 0; i--) {
            out[i] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, l);
        }
        return out;
    }

    private static boolean better(int a, int b, float[] l) {
        return l[a] > l[b] || (l[a] == l[b] && a < b);
    }

    private static void siftUp(int[] h, int i, float[] l) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (better(h[parent], h[i], l)) {
                int t = h[parent];
                h[parent] = h[i];
                h[i] = t;
                i = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] h, int size, float[] l) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int worst = i;
            if (left < size && better(h[worst], h[left], l)) {
                worst = left;
            }
            if (right < size && better(h[worst], h[right], l)) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            int t = h[worst];
            h[worst] = h[i];
            h[i] = t;
            i = worst;
        }
    }
}
