package dev.edge4j.cli;

import dev.edge4j.gguf.GgmlType;
import dev.edge4j.gguf.GgufTensorInfo;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.ModelConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code edge4j llm info}: what a GGUF model is. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints a model's architecture, shape, tensor types and the memory a context needs.")
final class LlmInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The GGUF model file.")
    Path model;

    @Override
    public Integer call() {
        try (LanguageModel m = LlmCommand.open(model)) {
            ModelConfig c = m.config();
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "name: %s%n", m.metadata().getString("general.name", "(none)")));
            out.append(String.format(Locale.ROOT, "architecture: %s%n", c.architecture()));
            out.append(String.format(Locale.ROOT, "layers: %d, dim: %d, ffn: %d, heads: %d (kv %d, head dim %d)%n",
                    c.layers(), c.dim(), c.ffnDim(), c.heads(), c.kvHeads(), c.headDim()));
            out.append(String.format(Locale.ROOT, "vocabulary: %d, tied embeddings: %s, trained context: %d%n",
                    m.vocabSize(), m.weights().tiedEmbeddings(), c.trainContext()));
            out.append(String.format(Locale.ROOT, "rope: %s, base %.0f, scale %.3f%s%n", c.ropeStyle(), c.ropeBase(), c.ropeScale(),
                    m.weights().ropeFactors() != null ? ", llama3 frequency factors" : ""));
            Map<GgmlType, long[]> types = new TreeMap<>();
            for (GgufTensorInfo t : m.file().tensors()) {
                long[] v = types.computeIfAbsent(t.type(), k -> new long[2]);
                v[0]++;
                v[1] += t.byteSize();
            }
            types.forEach((t, v) -> out.append(String.format(Locale.ROOT, "tensors %s: %d (%.1f MB)%n", t, v[0], v[1] / 1048576.0)));
            out.append(String.format(Locale.ROOT, "file: %.1f MB; KV cache: %.1f MB per 1024 tokens%n",
                    m.file().fileSize() / 1048576.0, m.kvCacheBytes(1024) / 1048576.0));
            out.append(String.format(Locale.ROOT, "chat template: %s%n", m.chatTemplate().isPresent() ? "yes" : "no"));
            System.out.print(out);
        }
        return 0;
    }
}
