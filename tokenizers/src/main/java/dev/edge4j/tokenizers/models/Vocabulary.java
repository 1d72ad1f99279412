package dev.edge4j.tokenizers.models;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.text.StringIntMap;
import java.util.HashMap;
import java.util.Map;

/** Token strings and their ids, both ways. */
public final class Vocabulary {
    private final StringIntMap ids;
    private final String[] tokens;
    private final Map<Integer, String> sparseTokens;

    private Vocabulary(StringIntMap ids, String[] tokens, Map<Integer, String> sparseTokens) {
        this.ids = ids;
        this.tokens = tokens;
        this.sparseTokens = sparseTokens;
    }

    /** Builds a vocabulary from a token-to-id map; {@code where} names it in errors. */
    public static Vocabulary of(Map<String, Integer> map, String where) {
        StringIntMap ids = new StringIntMap(map.size());
        int max = -1;
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            int id = e.getValue();
            if (id < 0) {
                throw new ModelFormatException(where + ": token " + quote(e.getKey()) + " has a negative id " + id);
            }
            ids.put(e.getKey(), id);
            max = Math.max(max, id);
        }
        return build(ids, max);
    }

    /** Builds a vocabulary from a filled map (ids must not be negative). */
    public static Vocabulary of(StringIntMap ids) {
        int[] max = {-1};
        ids.forEach((k, v) -> max[0] = Math.max(max[0], v));
        return build(ids, max[0]);
    }

    /** Builds a vocabulary whose ids are the positions in {@code list}. */
    public static Vocabulary ofList(java.util.List<String> list) {
        StringIntMap ids = new StringIntMap(list.size());
        for (int i = 0; i < list.size(); i++) {
            ids.put(list.get(i), i);
        }
        return build(ids, list.size() - 1);
    }

    private static Vocabulary build(StringIntMap ids, int max) {
        if (max < 4L * ids.size() + 1024) {
            String[] tokens = new String[max + 1];
            ids.forEach((k, v) -> {
                if (tokens[v] == null || k.compareTo(tokens[v]) < 0) {
                    tokens[v] = k;
                }
            });
            return new Vocabulary(ids, tokens, null);
        }
        Map<Integer, String> sparse = new HashMap<>();
        ids.forEach((k, v) -> sparse.merge(v, k, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        return new Vocabulary(ids, null, sparse);
    }

    static String quote(String s) {
        return "'" + s + "'";
    }

    /** The id of a token, or -1. */
    public int id(String token) {
        return ids.get(token);
    }

    /** The id of {@code s[from, to)}, or -1. */
    public int id(CharSequence s, int from, int to) {
        return ids.get(s, from, to);
    }

    /** The id of {@code prefix + s[from, to)}, or -1. */
    public int id(String prefix, CharSequence s, int from, int to) {
        return ids.get(prefix, s, from, to);
    }

    /** The id of {@code a + b.substring(bFrom)}, or -1. */
    public int idOfConcat(String a, String b, int bFrom) {
        return ids.getConcat(a, b, bFrom);
    }

    /** The token of an id, or null. */
    public String token(int id) {
        if (tokens != null) {
            return id >= 0 && id < tokens.length ? tokens[id] : null;
        }
        return sparseTokens.get(id);
    }

    public int size() {
        return ids.size();
    }

    /** Calls {@code action} for every (token, id). */
    public void forEach(java.util.function.ObjIntConsumer<String> action) {
        ids.forEach(action);
    }
}
