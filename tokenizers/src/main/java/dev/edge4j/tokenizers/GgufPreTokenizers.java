package dev.edge4j.tokenizers;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.normalizers.Normalizer;
import dev.edge4j.tokenizers.normalizers.UnicodeNormalizer;
import dev.edge4j.tokenizers.pretokenizers.ByteLevel;
import dev.edge4j.tokenizers.pretokenizers.PreTokenizer;
import dev.edge4j.tokenizers.pretokenizers.PreTokenizerSequence;
import dev.edge4j.tokenizers.pretokenizers.Split;
import dev.edge4j.tokenizers.text.GptSplitPattern;
import dev.edge4j.tokenizers.text.OnigRegex;
import dev.edge4j.tokenizers.text.RegexPattern;
import dev.edge4j.tokenizers.text.TextPattern;
import dev.edge4j.tokenizers.text.UnicodeForm;
import java.util.ArrayList;
import java.util.List;

/**
 * What a byte-level BPE vocabulary's {@code tokenizer.ggml.pre} (llama.cpp's name for its
 * pre-tokenizer) stands for: the split regexes applied one after the other, whether words already
 * in the vocabulary skip merging, whether a BOS token is added, and a normalizer where the model's
 * tokenizer.json has one. {@code gpt2ByteLevel} means GPT-2's own ByteLevel pre-tokenizer.
 */
record GgufPreTokenizers(List<String> regexes, boolean ignoreMerges, boolean addBos, Normalizer normalizer,
                       boolean gpt2ByteLevel) {
    /** GPT-2's split pattern as llama.cpp writes it, without the final {@code |\s+}. */
    static final String GPT2_NO_TRAILING =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";

    PreTokenizer preTokenizer() {
        ByteLevel bytes = new ByteLevel(false, gpt2ByteLevel);
        if (gpt2ByteLevel) {
            return bytes;
        }
        List<PreTokenizer> steps = new ArrayList<>();
        for (String r : regexes) {
            GptSplitPattern known = GptSplitPattern.forRegex(r);
            TextPattern p = known != null ? known : new RegexPattern(OnigRegex.compile(r, "pre-tokenizer regex"));
            steps.add(new Split(p, SplitBehavior.ISOLATED, false));
        }
        steps.add(bytes);
        return new PreTokenizerSequence(steps);
    }

    static GgufPreTokenizers of(String name, String src) {
        List<String> gpt2Family = List.of("gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es",
                "jina-v2-de", "mpt", "olmo", "jais", "trillion", "exaone4", "roberta-bpe", "jina-v1-en",
                "jina-v2-code", "granite-docling", "modern-bert", "mellum", "a.x-4.0");
        if (gpt2Family.contains(name)) {
            return new GgufPreTokenizers(List.of(), false, false, null, true);
        }
        switch (name) {
            case "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2" -> {
                return new GgufPreTokenizers(List.of(GptSplitPattern.LLAMA3.regex()), true, true, null, false);
            }
            case "dbrx", "smaug-bpe", "chatglm-bpe", "glm4" -> {
                return new GgufPreTokenizers(List.of(GptSplitPattern.LLAMA3.regex()), false, false, null, false);
            }
            case "qwen2", "deepseek-r1-qwen", "stablelm2", "megrez", "hunyuan" -> {
                // Qwen's tokenizer.json normalizes to NFC before splitting.
                return new GgufPreTokenizers(List.of(GptSplitPattern.QWEN2.regex()), false, false,
                        new UnicodeNormalizer(UnicodeForm.NFC), false);
            }
            case "starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b" -> {
                return new GgufPreTokenizers(List.of("\\p{N}", GPT2_NO_TRAILING), false, false, null, false);
            }
            case "falcon" -> {
                return new GgufPreTokenizers(List.of("[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2_NO_TRAILING, "[0-9][0-9][0-9]"),
                        false, false, null, false);
            }
            case "deepseek-coder" -> {
                return new GgufPreTokenizers(List.of("[\r\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[一-龥ࠀ-一가-퟿]+", "\\p{N}"),
                        false, false, null, false);
            }
            case "bloom", "poro-chat", "gpt3-finnish" -> {
                return new GgufPreTokenizers(List.of(" ?[^(\\s|.,!?…。，、।۔،)]+"), false, false, null, false);
            }
            case "gpt-4o", "llama4" -> {
                return new GgufPreTokenizers(List.of("[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*"
                        + "[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\\r\\n\\p{L}\\p{N}]?"
                        + "[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*"
                        + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+"
                        + "|\\s+(?!\\S)|\\s+"), false, false, null, false);
            }
            case "default" -> {
                return new GgufPreTokenizers(List.of("[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2_NO_TRAILING, "\\p{N}+",
                        "[0-9][0-9][0-9]"), false, false, null, false);
            }
            default -> throw new ModelFormatException(src + ": pre-tokenizer type '" + name + "' (metadata key "
                    + "tokenizer.ggml.pre) is not supported");
        }
    }
}
