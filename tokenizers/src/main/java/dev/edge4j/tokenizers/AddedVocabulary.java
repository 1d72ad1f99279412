package dev.edge4j.tokenizers;

import dev.edge4j.tokenizers.models.Model;
import dev.edge4j.tokenizers.normalizers.Normalizer;
import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.CharTrie;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The added tokens of a tokenizer and the first pipeline step: cutting them out of the text before
 * normalization (or, for "normalized" tokens, right after it). Ids and matching follow HF's
 * {@code AddedVocabulary} exactly: an added token takes its id from the model's vocabulary when the
 * vocabulary has it, otherwise the next free id after the vocabulary.
 */
final class AddedVocabulary {
    private final Map<String, Integer> idsByContent = new HashMap<>();
    private final Map<Integer, AddedToken> tokensById = new LinkedHashMap<>();
    /** How many ids each added token is registered under (HF checks "any value equal"). */
    private final Map<AddedToken, Integer> registered = new HashMap<>();
    private int maxId = -1;
    private final List<AddedToken> added = new ArrayList<>();
    private final List<AddedToken> special = new ArrayList<>();
    private final Set<String> specialContents = new HashSet<>();
    private CharTrie rawTrie = new CharTrie();
    private CharTrie normalizedTrie = new CharTrie();

    /** Adds tokens as HF's {@code add_tokens} does; returns how many were new. */
    int add(List<AddedToken> tokens, Model model, Normalizer normalizer) {
        for (AddedToken t : tokens) {
            if (t.special() && !t.content().isEmpty() && specialContents.add(t.content())) {
                special.add(t);
            }
        }
        int ignored = 0;
        for (AddedToken t : tokens) {
            if (t.content().isEmpty() || registered.containsKey(t)) {
                ignored++;
                continue;
            }
            int id = tokenToId(t.content(), model);
            if (id < 0) {
                int vocab = model.vocabSize();
                if (idsByContent.isEmpty()) {
                    id = vocab;
                } else {
                    int max = maxId;
                    id = max >= vocab || vocab == 0 ? max + 1 : vocab;
                }
            }
            Integer previousId = idsByContent.put(t.content(), id);
            if (previousId != null && previousId == maxId && previousId != id) {
                maxId = Collections.max(idsByContent.values());
            }
            maxId = Math.max(maxId, id);
            AddedToken replaced = tokensById.put(id, t);
            if (replaced != null) {
                registered.computeIfPresent(replaced, (k, n) -> n == 1 ? null : n - 1);
            }
            registered.merge(t, 1, Integer::sum);
            if (!specialContents.contains(t.content())) {
                added.add(t);
            }
        }
        refresh(model, normalizer);
        return tokens.size() - ignored;
    }

    private void refresh(Model model, Normalizer normalizer) {
        CharTrie raw = new CharTrie();
        CharTrie norm = new CharTrie();
        List<AddedToken> all = new ArrayList<>(special);
        all.addAll(added);
        for (AddedToken t : all) {
            int id = tokenToId(t.content(), model);
            if (t.normalized()) {
                NormalizedString ns = NormalizedString.of(t.content());
                if (normalizer != null) {
                    normalizer.normalize(ns);
                }
                if (!ns.isEmpty()) {
                    norm.put(ns.get(), id);
                }
            } else {
                raw.put(t.content(), id);
            }
        }
        rawTrie = raw;
        normalizedTrie = norm;
    }

    int tokenToId(String content, Model model) {
        Integer id = idsByContent.get(content);
        return id != null ? id : model.tokenToId(content);
    }

    /** The added token with this id, or null. */
    AddedToken byId(int id) {
        return tokensById.get(id);
    }

    boolean isSpecial(String content) {
        return specialContents.contains(content);
    }

    int size() {
        return idsByContent.size();
    }

    Map<String, Integer> ids() {
        return idsByContent;
    }

    /** Every added token by id, in the order they were added. */
    Map<Integer, AddedToken> tokens() {
        return tokensById;
    }

    /** Cuts the added tokens out of the text and normalizes the rest (HF's {@code extract_and_normalize}). */
    PreTokenizedString extractAndNormalize(Normalizer normalizer, String text, boolean encodeSpecialTokens) {
        PreTokenizedString p = new PreTokenizedString(NormalizedString.of(text));
        if (!rawTrie.isEmpty()) {
            p.split((piece, out) -> splitOnTokens(piece, rawTrie, out, encodeSpecialTokens));
        }
        p.split((piece, out) -> {
            if (normalizer != null) {
                normalizer.normalize(piece);
            }
            splitOnTokens(piece, normalizedTrie, out, encodeSpecialTokens);
        });
        return p;
    }

    private void splitOnTokens(NormalizedString piece, CharTrie trie, PreTokenizedString.PieceSink out,
                               boolean encodeSpecialTokens) {
        String s = piece.get();
        int n = s.length();
        if (n == 0) {
            out.add(piece.slice(0, 0));
            return;
        }
        int[] value = new int[1];
        int startOffset = 0;
        int pos = trie.isEmpty() ? n : 0;
        boolean any = false;
        while (pos < n) {
            if (!trie.startsKey(s.charAt(pos))) {
                pos++;
                continue;
            }
            int len = trie.longestMatch(s, pos, value);
            if (len == 0) {
                pos++;
                continue;
            }
            int start = pos;
            int stop = pos + len;
            pos = stop;
            int id = value[0];
            AddedToken token = tokensById.get(id);
            if (encodeSpecialTokens && specialContents.contains(token.content())) {
                continue;
            }
            if (token.singleWord()) {
                boolean startSpace = start == 0 || !CharClass.isWordChar(s.codePointBefore(start));
                boolean stopSpace = stop == n || !CharClass.isWordChar(s.codePointAt(stop));
                if (!startSpace || !stopSpace) {
                    continue;
                }
            }
            if (token.lstrip()) {
                int newStart = start;
                while (newStart > 0 && CharClass.isWhitespace(s.codePointBefore(newStart))) {
                    newStart -= Character.charCount(s.codePointBefore(newStart));
                }
                start = Math.max(newStart, startOffset);
            }
            if (token.rstrip()) {
                while (stop < n && CharClass.isWhitespace(s.codePointAt(stop))) {
                    stop += Character.charCount(s.codePointAt(stop));
                }
            }
            any = true;
            if (startOffset < start) {
                out.add(piece.slice(startOffset, start));
            }
            NormalizedString tok = piece.slice(start, stop);
            out.add(tok, Tokens.single(id, tok.get(), 0, tok.length()));
            startOffset = stop;
        }
        if (!any) {
            // HF slices even when nothing matched, which re-bases the piece on its original text.
            out.add(piece.slice(0, n));
            return;
        }
        if (startOffset != n) {
            out.add(piece.slice(startOffset, n));
        }
    }
}
