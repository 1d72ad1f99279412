package dev.edge4j.tokenizers;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.tokenizers.decoders.Decoder;
import dev.edge4j.tokenizers.models.Model;
import dev.edge4j.tokenizers.normalizers.Normalizer;
import dev.edge4j.tokenizers.pretokenizers.PreTokenizer;
import dev.edge4j.tokenizers.processors.PostProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A tokenizer as HF tokenizers defines it: added tokens, normalizer, pre-tokenizer, model,
 * post-processor and decoder, with optional truncation and padding. It produces the same ids and
 * offsets as HF's {@code Tokenizer} for the same {@code tokenizer.json}.
 *
 * <p>Immutable and safe to share between threads; the {@code with...} methods return changed copies.
 */
public final class Tokenizer {
    private final Normalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final Model model;
    private final PostProcessor postProcessor;
    private final Decoder decoder;
    private final AddedVocabulary added;
    private final Truncation truncation;
    private final Padding padding;
    private final boolean encodeSpecialTokens;

    Tokenizer(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor postProcessor,
              Decoder decoder, AddedVocabulary added, Truncation truncation, Padding padding,
              boolean encodeSpecialTokens) {
        if (model == null) {
            throw new IllegalArgumentException("a tokenizer needs a model");
        }
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.postProcessor = postProcessor;
        this.decoder = decoder;
        this.added = added;
        this.truncation = truncation;
        this.padding = padding;
        this.encodeSpecialTokens = encodeSpecialTokens;
    }

    /** A tokenizer assembled from components; the added tokens get their ids as HF assigns them. */
    public static Tokenizer of(Model model, Normalizer normalizer, PreTokenizer preTokenizer,
                               PostProcessor postProcessor, Decoder decoder, List<AddedToken> addedTokens) {
        AddedVocabulary av = new AddedVocabulary();
        av.add(addedTokens, model, normalizer);
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, av, null, null, false);
    }

    /** Loads a {@code tokenizer.json}. */
    public static Tokenizer fromFile(Path file) throws IOException {
        return TokenizerJson.read(file);
    }

    /** Loads a {@code tokenizer.json} from a stream; {@code name} names it in error messages. */
    public static Tokenizer fromJson(InputStream in, String name) throws IOException {
        return TokenizerJson.read(in, name);
    }

    /** Loads a {@code tokenizer.json} given as a string. */
    public static Tokenizer fromJson(String json) {
        return TokenizerJson.read(json);
    }

    // ---------------------------------------------------------------- configuration

    public Truncation truncation() {
        return truncation;
    }

    public Padding padding() {
        return padding;
    }

    /** This tokenizer with different truncation (null: none). */
    public Tokenizer withTruncation(Truncation t) {
        if (t != null && t.stride() >= t.maxLength() && t.maxLength() > 0) {
            throw new InvalidInputException("truncation stride (" + t.stride()
                    + ") must be smaller than max_length (" + t.maxLength() + ")");
        }
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, added, t, padding,
                encodeSpecialTokens);
    }

    /** This tokenizer with different padding (null: none). */
    public Tokenizer withPadding(Padding p) {
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, added, truncation, p,
                encodeSpecialTokens);
    }

    /** This tokenizer treating special tokens in the input as plain text (true) or as special tokens (false). */
    public Tokenizer withEncodeSpecialTokens(boolean value) {
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, added, truncation, padding,
                value);
    }

    public Model model() {
        return model;
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    public PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    public PostProcessor postProcessor() {
        return postProcessor;
    }

    public Decoder decoder() {
        return decoder;
    }

    // ---------------------------------------------------------------- vocabulary

    /** The id of a token (added tokens first), or -1. */
    public int tokenToId(String token) {
        return added.tokenToId(token, model);
    }

    /** The token of an id (added tokens first), or null. */
    public String idToToken(int id) {
        AddedToken t = added.byId(id);
        return t != null ? t.content() : model.idToToken(id);
    }

    /** Size of the model's vocabulary, with or without the added tokens not in it. */
    public int vocabSize(boolean withAddedTokens) {
        if (!withAddedTokens) {
            return model.vocabSize();
        }
        int extra = 0;
        for (Map.Entry<String, Integer> e : added.ids().entrySet()) {
            if (model.tokenToId(e.getKey()) != e.getValue()) {
                extra++;
            }
        }
        return model.vocabSize() + extra;
    }

    /** The added tokens by id. */
    public Map<Integer, AddedToken> addedTokens() {
        return java.util.Collections.unmodifiableMap(added.tokens());
    }

    /** True if the id belongs to a special added token. */
    public boolean isSpecial(int id) {
        AddedToken t = added.byId(id);
        return t != null && added.isSpecial(t.content());
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes a text, adding special tokens as the post-processor says. */
    public Encoding encode(String text) {
        return encode(text, true);
    }

    public Encoding encode(String text, boolean addSpecialTokens) {
        return postProcess(encodeSequence(text, 0), null, addSpecialTokens);
    }

    /** Encodes a pair of texts (question and context, two sentences) into one encoding. */
    public Encoding encodePair(String first, String second, boolean addSpecialTokens) {
        return postProcess(encodeSequence(first, 0), encodeSequence(second, 1), addSpecialTokens);
    }

    /** Encodes many texts on the pool's threads; with batch padding, all come out as long as the longest. */
    public List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens, Parallel pool) {
        Encoding[] out = new Encoding[texts.size()];
        pool.forEach(texts.size(), i -> out[i] = encode(texts.get(i), addSpecialTokens));
        List<Encoding> list = Arrays.asList(out);
        if (padding != null) {
            padding.apply(list);
        }
        return list;
    }

    /** Encodes many pairs (each an array of two texts) on the pool's threads. */
    public List<Encoding> encodePairBatch(List<String[]> pairs, boolean addSpecialTokens, Parallel pool) {
        Encoding[] out = new Encoding[pairs.size()];
        pool.forEach(pairs.size(), i -> {
            String[] p = pairs.get(i);
            if (p.length != 2) {
                throw new InvalidInputException("pair " + i + " has " + p.length + " texts instead of 2");
            }
            out[i] = encodePair(p[0], p[1], addSpecialTokens);
        });
        List<Encoding> list = Arrays.asList(out);
        if (padding != null) {
            padding.apply(list);
        }
        return list;
    }

    private Encoding encodeSequence(String text, int typeId) {
        if (text == null) {
            throw new InvalidInputException("cannot encode a null text");
        }
        PreTokenizedString p = added.extractAndNormalize(normalizer, text, encodeSpecialTokens);
        if (preTokenizer != null) {
            preTokenizer.preTokenize(p);
        }
        List<PreTokenizedString.Piece> pieces = p.pieces();
        Encoding.Builder b = new Encoding.Builder(Math.max(16, text.length() / 3));
        Tokens scratch = new Tokens(32);
        int[] range = new int[2];
        for (int idx = 0; idx < pieces.size(); idx++) {
            PreTokenizedString.Piece piece = pieces.get(idx);
            NormalizedString ns = piece.normalized;
            Tokens tokens = piece.tokens;
            if (tokens == null) {
                scratch.clear();
                model.tokenize(ns.get(), scratch);
                tokens = scratch;
            }
            int shift = ns.originalStart();
            for (int k = 0; k < tokens.size(); k++) {
                int s = tokens.start(k);
                int e = tokens.end(k);
                int start;
                int end;
                if (ns.originalRange(s, e, range)) {
                    start = shift + range[0];
                    end = shift + range[1];
                } else {
                    start = s;
                    end = e;
                }
                b.add(tokens.id(k), tokens.value(k), start, end, idx, typeId);
            }
        }
        return b.build(text);
    }

    private Encoding postProcess(Encoding first, Encoding second, boolean addSpecialTokens) {
        if (truncation != null) {
            int addedCount = postProcessor == null ? 0 : postProcessor.addedTokens(second != null);
            int max = truncation.maxLength();
            if (addSpecialTokens && addedCount > 0) {
                if (addedCount > max) {
                    throw new InvalidInputException("max_length " + max + " leaves no room for the " + addedCount
                            + " special tokens the post-processor adds");
                }
                max -= addedCount;
            }
            truncation.apply(first, second, max);
        }
        Encoding result;
        if (postProcessor != null) {
            result = postProcessor.process(first, second, addSpecialTokens);
        } else if (second == null) {
            result = first;
        } else {
            result = Encoding.empty();
            first.setSequenceId(0);
            result.mergeWith(first, false);
            second.setSequenceId(1);
            result.mergeWith(second, false);
        }
        if (padding != null) {
            padding.apply(List.of(result));
        }
        return result;
    }

    // ---------------------------------------------------------------- decoding

    /** Turns ids back into text; {@code skipSpecialTokens} leaves out special added tokens. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            String t = idToToken(id);
            if (t == null) {
                continue;
            }
            if (skipSpecialTokens && added.isSpecial(t)) {
                continue;
            }
            tokens.add(t);
        }
        if (decoder != null) {
            return decoder.decode(tokens);
        }
        return String.join(" ", tokens);
    }

    /** Decodes many id sequences on the pool's threads. */
    public List<String> decodeBatch(List<int[]> sequences, boolean skipSpecialTokens, Parallel pool) {
        String[] out = new String[sequences.size()];
        pool.forEach(sequences.size(), i -> out[i] = decode(sequences.get(i), skipSpecialTokens));
        return Arrays.asList(out);
    }
}
