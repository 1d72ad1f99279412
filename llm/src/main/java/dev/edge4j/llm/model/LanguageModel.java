package dev.edge4j.llm.model;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufMetadata;
import dev.edge4j.llm.tensor.WeightMemory;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * A GGUF language model opened for inference: the file stays memory-mapped, and the weights are
 * read from it or from the model's own copies. Create one {@link Session} per conversation; close
 * the model when done.
 */
public final class LanguageModel implements AutoCloseable {
    /** Tokens evaluated together while reading a prompt. */
    public static final int DEFAULT_BATCH = 256;

    private final GgufFile file;
    private final Architecture architecture;
    private final ModelConfig config;
    private final ModelWeights weights;

    private LanguageModel(GgufFile file, boolean copyWeights) {
        this.file = file;
        GgufMetadata m = file.metadata();
        this.architecture = Architecture.forName(m.getString("general.architecture"), file.path().toString());
        this.config = ModelConfig.read(m, architecture.name(), architecture.ropeStyle());
        this.weights = ModelWeights.load(file, config, architecture, copyWeights);
    }

    /**
     * Opens {@code path}; fails with one sentence naming the file and what is wrong with it. The
     * weights a token reads get their own copy where that makes them faster to read
     * ({@link WeightMemory#worthCopying}).
     */
    public static LanguageModel open(Path path) {
        return open(path, WeightMemory::worthCopying);
    }

    /** {@link #open(Path)}, copying the weights where {@code copyWeights} holds for the file's size. */
    static LanguageModel open(Path path, LongPredicate copyWeights) {
        GgufFile file = GgufFile.open(path);
        try {
            return new LanguageModel(file, copyWeights.test(file.fileSize()));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public GgufFile file() {
        return file;
    }

    public GgufMetadata metadata() {
        return file.metadata();
    }

    public Architecture architecture() {
        return architecture;
    }

    public ModelConfig config() {
        return config;
    }

    public ModelWeights weights() {
        return weights;
    }

    public int vocabSize() {
        return weights.tokenEmbedding().rows();
    }

    /** The chat template the file carries ({@code tokenizer.chat_template}), if any. */
    public Optional<String> chatTemplate() {
        return Optional.ofNullable(metadata().getString("tokenizer.chat_template", null));
    }

    public int bosToken() {
        return metadata().getInt("tokenizer.ggml.bos_token_id", -1);
    }

    /** Whether prompts start with the BOS token ({@code tokenizer.ggml.add_bos_token}, llama.cpp's default true when a BOS exists). */
    public boolean addsBos() {
        return bosToken() >= 0 && metadata().getBoolean("tokenizer.ggml.add_bos_token", true);
    }

    /** Tokens that end a reply: EOS, end-of-turn, and tokens typed as control that are known to end turns. */
    public Set<Integer> endTokens() {
        Set<Integer> ends = new LinkedHashSet<>();
        for (String key : new String[] {"tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"}) {
            int id = metadata().getInt(key, -1);
            if (id >= 0) {
                ends.add(id);
            }
        }
        if (metadata().contains("tokenizer.ggml.tokens")) {
            var tokens = metadata().getStringList("tokenizer.ggml.tokens");
            for (String end : new String[] {"<|eot_id|>", "<|im_end|>", "<|end_of_text|>", "<|endoftext|>", "<end_of_turn>", "<|eom_id|>", "</s>"}) {
                int id = tokens.indexOf(end);
                if (id >= 0) {
                    ends.add(id);
                }
            }
        }
        return ends;
    }

    /** The context length the model was trained with. */
    public int trainContext() {
        return config.trainContext();
    }

    /**
     * A new session holding up to {@code contextLength} tokens (0: the trained length, at most
     * 4096), reading prompts {@code batch} tokens at a time, computing on {@code pool}.
     */
    public Session newSession(int contextLength, int batch, Parallel pool) {
        int ctx = contextLength > 0 ? contextLength : Math.min(config.trainContext(), 4096);
        if (ctx < 1) {
            throw new InvalidInputException("context length must be at least 1, got " + ctx);
        }
        if (batch < 1) {
            throw new InvalidInputException("batch size must be at least 1, got " + batch);
        }
        return new Session(this, ctx, Math.min(batch, ctx), pool);
    }

    /** Bytes of KV cache a session of {@code contextLength} tokens holds. */
    public long kvCacheBytes(int contextLength) {
        return KvCache.bytes(config.layers(), contextLength, config.kvDim(), config.vDim());
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return architecture + " model, " + config.layers() + " layers, dim " + config.dim() + ", vocab " + vocabSize();
    }
}
