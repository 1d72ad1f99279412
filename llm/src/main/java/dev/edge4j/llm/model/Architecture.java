package dev.edge4j.llm.model;

import dev.edge4j.core.ModelFormatException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What distinguishes one decoder family from another: how RoPE pairs dimensions, and which
 * optional parts each layer has. The forward pass is shared; an architecture only declares its
 * differences, so supporting the next one is a small class and one line in {@link #KNOWN}.
 */
public abstract class Architecture {
    private static final Map<String, Architecture> KNOWN = new LinkedHashMap<>();

    static {
        register(new LlamaArchitecture());
        register(new Qwen2Architecture());
        register(new Qwen3Architecture());
    }

    private static void register(Architecture a) {
        KNOWN.put(a.name(), a);
    }

    /** The architecture named by {@code general.architecture}; fails clearly for others. */
    public static Architecture forName(String name, String source) {
        Architecture a = KNOWN.get(name);
        if (a == null) {
            throw new ModelFormatException(source + ": architecture '" + name + "' is not supported (supported: "
                    + String.join(", ", KNOWN.keySet()) + ")");
        }
        return a;
    }

    /** The value of {@code general.architecture}, also the prefix of the hyper-parameter keys. */
    public abstract String name();

    public abstract RopeStyle ropeStyle();

    /** Whether each layer RMS-normalizes queries and keys per head before RoPE (Qwen3). */
    public boolean normalizesQueryKey() {
        return false;
    }

    /** Whether the file may carry RoPE frequency factors ({@code rope_freqs.weight}, Llama 3.1+). */
    public boolean usesRopeFrequencyFactors() {
        return false;
    }

    @Override
    public String toString() {
        return name();
    }
}
