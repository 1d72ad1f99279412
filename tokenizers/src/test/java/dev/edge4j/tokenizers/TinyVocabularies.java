package dev.edge4j.tokenizers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edge4j.tokenizers.text.ByteLevelAlphabet;
import dev.edge4j.tokenizers.text.GptSplitPattern;
import dev.edge4j.tokenizers.text.IntList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small vocabularies learned from a training text, so every model type can be tested against HF
 * without downloading anything: a few hundred merges of byte-pair encoding, WordPiece pieces,
 * Unigram pieces with scores, whole words.
 */
final class TinyVocabularies {
    private TinyVocabularies() {}

    static final ObjectMapper JSON = new ObjectMapper();

    /** Words of the text as GPT-2's pattern splits them, with counts, in first-seen order. */
    static Map<String, Integer> words(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        IntList m = new IntList();
        GptSplitPattern.GPT2.findMatches(text, m);
        for (int i = 0; i < m.size(); i += 3) {
            counts.merge(text.substring(m.get(i), m.get(i + 1)), 1, Integer::sum);
        }
        return counts;
    }

    /** A byte-level BPE model ({@code "type": "BPE"}) with GPT-2's byte alphabet and learned merges. */
    static ObjectNode byteLevelBpe(String text, int merges) {
        Map<List<String>, Integer> corpus = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> w : words(text).entrySet()) {
            List<String> symbols = new ArrayList<>();
            for (byte b : w.getKey().getBytes(StandardCharsets.UTF_8)) {
                symbols.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
            }
            corpus.merge(symbols, w.getValue(), Integer::sum);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), vocab.size());
        }
        List<String[]> learned = learn(corpus, vocab, merges, 0);
        return bpe(vocab, learned);
    }

    /**
     * A character-level BPE model: pieces after the first in a word carry {@code prefix}, the last
     * one {@code suffix}; with {@code byteTokens} the 256 {@code <0xXX>} tokens are in the vocabulary.
     */
    static ObjectNode charBpe(String text, int merges, String prefix, String suffix, boolean byteTokens,
                              int skipRareChars) {
        Map<List<String>, Integer> corpus = new LinkedHashMap<>();
        Map<String, Integer> charCounts = new HashMap<>();
        for (Map.Entry<String, Integer> w : words(text).entrySet()) {
            String word = w.getKey();
            List<String> symbols = new ArrayList<>();
            int[] cps = word.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                String s = Character.toString(cps[i]);
                charCounts.merge(s, w.getValue(), Integer::sum);
                if (i > 0) {
                    s = prefix + s;
                }
                if (i == cps.length - 1) {
                    s = s + suffix;
                }
                symbols.add(s);
            }
            corpus.merge(symbols, w.getValue(), Integer::sum);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("<unk>", 0);
        if (byteTokens) {
            for (int b = 0; b < 256; b++) {
                vocab.put(String.format("<0x%02X>", b), vocab.size());
            }
        }
        // Rare characters stay out of the vocabulary, so unknown and byte-fallback paths run.
        for (List<String> symbols : corpus.keySet()) {
            for (String s : symbols) {
                String bare = strip(s, prefix, suffix);
                if (charCounts.getOrDefault(bare, 0) > skipRareChars) {
                    vocab.putIfAbsent(s, vocab.size());
                }
            }
        }
        corpus.keySet().removeIf(symbols -> symbols.stream().anyMatch(s -> !vocab.containsKey(s)));
        List<String[]> learned = learn(corpus, vocab, merges, prefix.length());
        return bpe(vocab, learned);
    }

    private static String strip(String s, String prefix, String suffix) {
        if (!prefix.isEmpty() && s.startsWith(prefix) && s.length() > prefix.length()) {
            s = s.substring(prefix.length());
        }
        if (!suffix.isEmpty() && s.endsWith(suffix) && s.length() > suffix.length()) {
            s = s.substring(0, s.length() - suffix.length());
        }
        return s;
    }

    /** Greedy BPE training: merge the most frequent adjacent pair (ties by string order), n times. */
    private static List<String[]> learn(Map<List<String>, Integer> corpus, Map<String, Integer> vocab, int n,
                                        int prefixLen) {
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<List<String>, Integer> e : corpus.entrySet()) {
            words.add(new ArrayList<>(e.getKey()));
            counts.add(e.getValue());
        }
        List<String[]> merges = new ArrayList<>();
        for (int it = 0; it < n; it++) {
            TreeMap<String, Integer> pairs = new TreeMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> s = words.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(s.get(i) + "\u0000" + s.get(i + 1), counts.get(w), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1;
            for (Map.Entry<String, Integer> e : pairs.entrySet()) {
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best == null) {
                break;
            }
            String a = best.substring(0, best.indexOf('\u0000'));
            String b = best.substring(best.indexOf('\u0000') + 1);
            String merged = a + b.substring(Math.min(prefixLen, b.length()));
            merges.add(new String[] {a, b});
            vocab.putIfAbsent(merged, vocab.size());
            for (List<String> s : words) {
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i).equals(a) && s.get(i + 1).equals(b)) {
                        s.set(i, merged);
                        s.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }

    private static ObjectNode bpe(Map<String, Integer> vocab, List<String[]> merges) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "BPE");
        ObjectNode v = m.putObject("vocab");
        vocab.forEach(v::put);
        ArrayNode ms = m.putArray("merges");
        for (String[] p : merges) {
            ms.addArray().add(p[0]).add(p[1]);
        }
        return m;
    }

    /** A WordPiece model: special tokens, every character with and without ##, and frequent words and their tails. */
    static ObjectNode wordPiece(String text, int maxChars) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")) {
            vocab.put(s, vocab.size());
        }
        Map<String, Integer> words = new LinkedHashMap<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[\\s\\p{P}]+")) {
            if (!w.isEmpty()) {
                words.merge(w, 1, Integer::sum);
            }
        }
        for (String w : words.keySet()) {
            w.codePoints().forEach(c -> {
                vocab.putIfAbsent(Character.toString(c), vocab.size());
                vocab.putIfAbsent("##" + Character.toString(c), vocab.size());
            });
        }
        words.forEach((w, c) -> {
            if (c >= 2) {
                vocab.putIfAbsent(w, vocab.size());
                if (w.codePointCount(0, w.length()) > 3) {
                    int cut = w.offsetByCodePoints(0, 3);
                    vocab.putIfAbsent(w.substring(0, cut), vocab.size());
                    vocab.putIfAbsent("##" + w.substring(cut), vocab.size());
                }
            }
        });
        for (String p : List.of(".", ",", "!", "?", "'", "(", ")", "-", ":", ";", "\"")) {
            vocab.putIfAbsent(p, vocab.size());
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "WordPiece");
        m.put("unk_token", "[UNK]");
        m.put("continuing_subword_prefix", "##");
        m.put("max_input_chars_per_word", maxChars);
        ObjectNode v = m.putObject("vocab");
        vocab.forEach(v::put);
        return m;
    }

    /** A Unigram model: frequent substrings scored by log frequency, single characters, optional byte tokens. */
    static ObjectNode unigram(String text, boolean byteFallback) {
        Map<String, Integer> counts = new HashMap<>();
        String t = text.replace(' ', '\u2581');
        int[] cps = t.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            for (int len = 1; len <= 6 && i + len <= cps.length; len++) {
                String s = new String(cps, i, len);
                counts.merge(s, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> pieces = new ArrayList<>(counts.entrySet());
        pieces.removeIf(e -> e.getKey().codePointCount(0, e.getKey().length()) > 1 && e.getValue() < 4);
        // Rare single characters are left out so that unknown pieces (and byte fallback) occur.
        pieces.removeIf(e -> e.getKey().codePointCount(0, e.getKey().length()) == 1 && e.getValue() < 2);
        pieces.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        double total = 0;
        for (Map.Entry<String, Integer> e : pieces) {
            total += e.getValue();
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "Unigram");
        m.put("unk_id", 0);
        m.put("byte_fallback", byteFallback);
        ArrayNode v = m.putArray("vocab");
        v.addArray().add("<unk>").add(0.0);
        if (byteFallback) {
            for (int b = 0; b < 256; b++) {
                v.addArray().add(String.format("<0x%02X>", b)).add(-20.0);
            }
        }
        for (Map.Entry<String, Integer> e : pieces) {
            v.addArray().add(e.getKey()).add(Math.log(e.getValue() / total));
        }
        return m;
    }

    /** A WordLevel model over the whitespace-separated words. */
    static ObjectNode wordLevel(String text) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("[UNK]", 0);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : text.split("\\s+")) {
            if (!w.isEmpty()) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        counts.keySet().stream().sorted().filter(w -> counts.get(w) > 1).forEach(w -> vocab.put(w, vocab.size()));
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "WordLevel");
        m.put("unk_token", "[UNK]");
        ObjectNode v = m.putObject("vocab");
        vocab.forEach(v::put);
        return m;
    }
}
