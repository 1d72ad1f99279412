package dev.edge4j.vision.gallery;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every enrolled embedding in one float matrix, searched exhaustively with {@link DotKernel}.
 * Exhaustive search is exact and, at 512 floats per embedding, fast: 10,000 embeddings are 20 MB
 * and one pass over them takes a few milliseconds on a Pi. A person's score is their best
 * embedding's score. Not thread-safe for writes; the gallery guards it.
 */
public final class EmbeddingIndex {
    /** Below this many rows one thread searches; above, the rows are split over the pool. */
    private static final int PARALLEL_ROWS = 8192;

    private final int dim;
    private float[] matrix;
    private int[] rowPerson = new int[16];
    private int rows;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> slots = new HashMap<>();

    public EmbeddingIndex(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be positive: " + dim);
        }
        this.dim = dim;
        this.matrix = new float[16 * dim];
    }

    public int dimension() {
        return dim;
    }

    /** Number of embeddings. */
    public int size() {
        return rows;
    }

    /** Number of people. */
    public int people() {
        return slots.size();
    }

    public void add(String person, float[] embedding) {
        if (embedding.length != dim) {
            throw new InvalidInputException("embedding has " + embedding.length + " values, the gallery holds " + dim);
        }
        Integer slot = slots.get(person);
        if (slot == null) {
            slot = names.size();
            names.add(person);
            slots.put(person, slot);
        }
        if ((rows + 1) * dim > matrix.length) {
            matrix = Arrays.copyOf(matrix, Math.max(matrix.length * 2, (rows + 1) * dim));
        }
        if (rows == rowPerson.length) {
            rowPerson = Arrays.copyOf(rowPerson, rows * 2);
        }
        System.arraycopy(embedding, 0, matrix, rows * dim, dim);
        rowPerson[rows++] = slot;
    }

    /** True if {@code person} has at least one embedding here. */
    public boolean contains(String person) {
        return slots.containsKey(person);
    }

    /** Drops every embedding of {@code person}; returns how many there were. */
    public int remove(String person) {
        Integer slot = slots.get(person);
        if (slot == null) {
            return 0;
        }
        float[] oldMatrix = matrix;
        int[] oldPerson = rowPerson;
        int oldRows = rows;
        List<String> oldNames = new ArrayList<>(names);
        matrix = new float[Math.max(16, oldRows) * dim];
        rowPerson = new int[Math.max(16, oldRows)];
        rows = 0;
        names.clear();
        slots.clear();
        int removed = 0;
        for (int r = 0; r < oldRows; r++) {
            if (oldPerson[r] == slot) {
                removed++;
                continue;
            }
            add(oldNames.get(oldPerson[r]), Arrays.copyOfRange(oldMatrix, r * dim, (r + 1) * dim));
        }
        return removed;
    }

    public void clear() {
        rows = 0;
        names.clear();
        slots.clear();
    }

    /** The {@code k} people most similar to {@code query}, best first. */
    public List<Match> search(float[] query, int k) {
        return search(query, k, null);
    }

    /** As {@link #search(float[], int)}, spreading a large index over {@code pool} (may be null). */
    public List<Match> search(float[] query, int k, Parallel pool) {
        if (query.length != dim) {
            throw new InvalidInputException("query embedding has " + query.length + " values, the gallery holds " + dim);
        }
        if (rows == 0 || k <= 0) {
            return List.of();
        }
        float[] scores = new float[rows];
        if (pool != null && pool.threads() > 1 && rows >= PARALLEL_ROWS) {
            pool.forRange(rows, PARALLEL_ROWS / 4, (from, to) -> {
                float[] part = new float[to - from];
                DotKernel.scores(matrix, dim, query, from, to, part);
                System.arraycopy(part, 0, scores, from, part.length);
            });
        } else {
            DotKernel.scores(matrix, dim, query, 0, rows, scores);
        }
        float[] best = new float[names.size()];
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            int p = rowPerson[r];
            if (scores[r] > best[p]) {
                best[p] = scores[r];
            }
        }
        return top(best, k);
    }

    private List<Match> top(float[] best, int k) {
        int n = Math.min(k, slots.size());
        int[] idx = new int[n];
        int filled = 0;
        for (int p = 0; p < best.length; p++) {
            if (best[p] == Float.NEGATIVE_INFINITY) {
                continue;
            }
            if (filled < n) {
                int j = filled++;
                while (j > 0 && best[idx[j - 1]] < best[p]) {
                    idx[j] = idx[j - 1];
                    j--;
                }
                idx[j] = p;
            } else if (best[p] > best[idx[n - 1]]) {
                int j = n - 1;
                while (j > 0 && best[idx[j - 1]] < best[p]) {
                    idx[j] = idx[j - 1];
                    j--;
                }
                idx[j] = p;
            }
        }
        List<Match> out = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            out.add(new Match(names.get(idx[i]), best[idx[i]]));
        }
        return out;
    }
}
