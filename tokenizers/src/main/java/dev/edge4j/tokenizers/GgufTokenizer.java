package dev.edge4j.tokenizers;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufMetadata;
import dev.edge4j.tokenizers.decoders.ByteFallbackDecoder;
import dev.edge4j.tokenizers.decoders.ByteLevelDecoder;
import dev.edge4j.tokenizers.decoders.Decoder;
import dev.edge4j.tokenizers.decoders.DecoderSequence;
import dev.edge4j.tokenizers.decoders.FuseDecoder;
import dev.edge4j.tokenizers.decoders.ReplaceDecoder;
import dev.edge4j.tokenizers.decoders.StripDecoder;
import dev.edge4j.tokenizers.decoders.WordPieceDecoder;
import dev.edge4j.tokenizers.models.Bpe;
import dev.edge4j.tokenizers.models.SentencePieceBpe;
import dev.edge4j.tokenizers.models.Vocabulary;
import dev.edge4j.tokenizers.models.WordPiece;
import dev.edge4j.tokenizers.normalizers.BertNormalizer;
import dev.edge4j.tokenizers.normalizers.Normalizer;
import dev.edge4j.tokenizers.normalizers.NormalizerSequence;
import dev.edge4j.tokenizers.normalizers.Prepend;
import dev.edge4j.tokenizers.normalizers.Replace;
import dev.edge4j.tokenizers.pretokenizers.BertPreTokenizer;
import dev.edge4j.tokenizers.processors.PostProcessor;
import dev.edge4j.tokenizers.processors.TemplateProcessing;
import dev.edge4j.tokenizers.text.LiteralPattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a tokenizer from the {@code tokenizer.ggml.*} metadata of a GGUF model file, so a model
 * file is all a device needs. The three vocabulary kinds llama.cpp writes become the HF pipelines
 * the models were trained with: "gpt2" is byte-level BPE behind the pre-tokenizer that
 * {@code tokenizer.ggml.pre} names, "llama" is SentencePiece BPE over scored pieces with byte
 * fallback, "bert" is WordPiece (its "▁"-marked pieces turned back into "##" continuations).
 * A file that embeds its whole {@code tokenizer.huggingface.json} is read from that instead.
 */
public final class GgufTokenizer {
    private GgufTokenizer() {}

    // token_type values written by llama.cpp's converters
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_USER_DEFINED = 4;

    private static final String K = "tokenizer.ggml.";

    public static Tokenizer load(Path file) {
        try (GgufFile gguf = GgufFile.open(file)) {
            return fromMetadata(gguf.metadata());
        }
    }

    /** The tokenizer described by GGUF metadata; errors name the file ({@link GgufMetadata#source()}) and key. */
    public static Tokenizer fromMetadata(GgufMetadata m) {
        String src = m.source();
        if (m.contains("tokenizer.huggingface.json")) {
            return Tokenizer.fromJson(m.getString("tokenizer.huggingface.json"));
        }
        String model = m.getString(K + "model");
        return switch (model) {
            case "gpt2" -> byteLevelBpe(m);
            case "llama" -> sentencePiece(m);
            case "bert" -> wordPiece(m);
            default -> throw new ModelFormatException(src + ": tokenizer model '" + model
                    + "' (metadata key " + K + "model) is not supported; supported: gpt2, llama, bert");
        };
    }

    // ---------------------------------------------------------------- gpt2: byte-level BPE

    private static Tokenizer byteLevelBpe(GgufMetadata m) {
        String src = m.source();
        List<String> tokens = m.getStringList(K + "tokens");
        List<String> mergeLines = m.getStringList(K + "merges");
        List<String[]> merges = new ArrayList<>(mergeLines.size());
        for (int i = 0; i < mergeLines.size(); i++) {
            String line = mergeLines.get(i);
            int space = line.indexOf(' ', 1);
            if (space < 0) {
                throw new ModelFormatException(src + ": " + K + "merges[" + i + "] '" + line
                        + "' is not two tokens separated by a space");
            }
            merges.add(new String[] {line.substring(0, space), line.substring(space + 1)});
        }
        String pre = m.getString(K + "pre", "default");
        GgufPreTokenizers type = GgufPreTokenizers.of(pre, src);
        Bpe.Options options = new Bpe.Options(null, null, null, false, false, type.ignoreMerges(), null);
        Bpe bpe = new Bpe(Vocabulary.ofList(tokens), merges, options, src + ": " + K + "merges");
        boolean addBos = m.getBoolean(K + "add_bos_token", type.addBos());
        boolean addEos = m.getBoolean(K + "add_eos_token", false);
        return Tokenizer.of(bpe, type.normalizer(), type.preTokenizer(), template(m, tokens, addBos, addEos, -1, -1),
                new ByteLevelDecoder(), addedTokens(m, tokens));
    }

    // ---------------------------------------------------------------- llama: SentencePiece BPE

    private static Tokenizer sentencePiece(GgufMetadata m) {
        List<String> tokens = m.getStringList(K + "tokens");
        float[] scores = m.contains(K + "scores") ? m.getFloatArray(K + "scores") : new float[tokens.size()];
        if (scores.length < tokens.size()) {
            throw new ModelFormatException(m.source() + ": " + K + "scores has " + scores.length
                    + " entries for " + tokens.size() + " tokens");
        }
        int unk = m.getInt(K + "unknown_token_id", 0);
        SentencePieceBpe model = new SentencePieceBpe(tokens, scores, unk);
        boolean prefix = m.getBoolean(K + "add_space_prefix", true);
        List<Normalizer> norm = new ArrayList<>();
        if (prefix) {
            norm.add(new Prepend("\u2581"));
        }
        norm.add(new Replace(new LiteralPattern(" "), "\u2581"));
        List<Decoder> dec = new ArrayList<>(List.of(new ReplaceDecoder(new LiteralPattern("\u2581"), " "),
                new ByteFallbackDecoder(), new FuseDecoder()));
        if (prefix) {
            dec.add(new StripDecoder(' ', 1, 0));
        }
        boolean addBos = m.getBoolean(K + "add_bos_token", true);
        boolean addEos = m.getBoolean(K + "add_eos_token", false);
        return Tokenizer.of(model, new NormalizerSequence(norm), null, template(m, tokens, addBos, addEos, -1, -1),
                new DecoderSequence(dec), addedTokens(m, tokens));
    }

    // ---------------------------------------------------------------- bert: WordPiece

    private static Tokenizer wordPiece(GgufMetadata m) {
        List<String> tokens = m.getStringList(K + "tokens");
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            vocab.putIfAbsent(wordPieceForm(tokens.get(i)), i);
        }
        int unk = m.getInt(K + "unknown_token_id", 100);
        if (unk < 0 || unk >= tokens.size()) {
            throw new ModelFormatException(m.source() + ": " + K + "unknown_token_id " + unk
                    + " is outside the vocabulary of " + tokens.size());
        }
        WordPiece model = new WordPiece(vocab, tokens.get(unk), "##", 100, m.source());
        boolean lowercase = m.getBoolean(K + "normalizer.lowercase", true);
        boolean stripAccents = m.getBoolean(K + "normalizer.strip_accents", lowercase);
        Normalizer normalizer = new BertNormalizer(true, true, stripAccents, lowercase);
        int cls = m.getInt(K + "cls_token_id", m.getInt(K + "bos_token_id", 101));
        int sep = m.getInt(K + "seperator_token_id", m.getInt(K + "sep_token_id", 102));
        boolean addSep = m.getBoolean(K + "add_sep_token", true);
        PostProcessor post = template(m, tokens, m.getBoolean(K + "add_bos_token", true), false,
                cls, addSep ? sep : -1);
        return Tokenizer.of(model, normalizer, new BertPreTokenizer(), post, new WordPieceDecoder("##", true),
                addedTokens(m, tokens).stream().map(t -> new AddedToken(wordPieceForm(t.content()), t.singleWord(),
                        t.lstrip(), t.rstrip(), t.normalized(), t.special())).toList());
    }

    /** llama.cpp marks word starts with "▁" and leaves continuations bare; WordPiece marks continuations with "##". */
    private static String wordPieceForm(String token) {
        if (token.length() > 1 && token.startsWith("[") && token.endsWith("]")) {
            return token;
        }
        if (token.startsWith("\u2581")) {
            return token.substring(1);
        }
        return "##" + token;
    }

    // ---------------------------------------------------------------- shared

    /** Control and user-defined tokens are matched in the text before anything else, as llama.cpp does. */
    private static List<AddedToken> addedTokens(GgufMetadata m, List<String> tokens) {
        List<AddedToken> out = new ArrayList<>();
        if (!m.contains(K + "token_type")) {
            return out;
        }
        int[] types = m.getIntArray(K + "token_type");
        for (int i = 0; i < Math.min(types.length, tokens.size()); i++) {
            if (types[i] == TYPE_CONTROL || types[i] == TYPE_USER_DEFINED) {
                String t = tokens.get(i);
                if (!t.isEmpty()) {
                    out.add(new AddedToken(t, false, false, false, false, types[i] == TYPE_CONTROL));
                }
            }
        }
        return out;
    }

    /**
     * The special tokens added around a sequence: BOS (or CLS) in front, EOS (or SEP) behind, as the
     * metadata's add_* flags say; null when nothing is added.
     */
    private static PostProcessor template(GgufMetadata m, List<String> tokens, boolean addBos, boolean addEos,
                                          int front, int back) {
        int bos = front >= 0 ? front : addBos ? id(m, "bos_token_id", tokens) : -1;
        int eos = back >= 0 ? back : addEos ? id(m, "eos_token_id", tokens) : -1;
        if (bos < 0 && eos < 0) {
            return null;
        }
        Map<String, TemplateProcessing.SpecialToken> specials = new HashMap<>();
        List<TemplateProcessing.Piece> single = new ArrayList<>();
        List<TemplateProcessing.Piece> pair = new ArrayList<>();
        boolean wordPiece = front >= 0;
        if (bos >= 0) {
            String name = tokens.get(bos);
            specials.put(name, new TemplateProcessing.SpecialToken(name, new int[] {bos}, new String[] {name}));
            single.add(TemplateProcessing.Piece.special(name, 0));
            pair.add(TemplateProcessing.Piece.special(name, 0));
        }
        single.add(TemplateProcessing.Piece.sequence(false, 0));
        pair.add(TemplateProcessing.Piece.sequence(false, 0));
        if (eos >= 0) {
            String name = tokens.get(eos);
            specials.put(name, new TemplateProcessing.SpecialToken(name, new int[] {eos}, new String[] {name}));
            single.add(TemplateProcessing.Piece.special(name, 0));
            pair.add(TemplateProcessing.Piece.special(name, 0));
        }
        if (bos >= 0 && !wordPiece) {
            pair.add(TemplateProcessing.Piece.special(tokens.get(bos), 1));
        }
        pair.add(TemplateProcessing.Piece.sequence(true, 1));
        if (eos >= 0) {
            pair.add(TemplateProcessing.Piece.special(tokens.get(eos), 1));
        }
        return new TemplateProcessing(single, pair, specials);
    }

    private static int id(GgufMetadata m, String key, List<String> tokens) {
        int id = m.getInt(K + key, -1);
        if (id >= tokens.size()) {
            throw new ModelFormatException(m.source() + ": " + K + key + " " + id + " is outside the vocabulary of "
                    + tokens.size());
        }
        return id;
    }
}
