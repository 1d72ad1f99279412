package dev.edge4j.jinja;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The variables {@code apply_chat_template} passes to a chat template: {@code messages},
 * {@code tools} and {@code documents} (None unless given), {@code add_generation_prompt}, the
 * tokenizer's special tokens ({@code bos_token}, {@code eos_token}, ...) and any extra keyword
 * arguments (e.g. {@code enable_thinking}). Messages, tools and documents are plain Maps and Lists
 * as in the OpenAI / Hugging Face chat format, e.g. {@code {"role": "user", "content": "Hi"}},
 * assistant {@code tool_calls} with {@code {"type": "function", "function": {"name": ...,
 * "arguments": {...}}}}, and {@code {"role": "tool", "content": ...}} results. Templates print
 * maps in their iteration order (as Python prints dicts in insertion order), so pass
 * {@code LinkedHashMap}s where key order shows, e.g. in tool schemas rendered with {@code tojson}.
 */
public final class ChatContext {
    private final Map<String, Object> variables;

    private ChatContext(Map<String, Object> variables) {
        this.variables = Collections.unmodifiableMap(variables);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Just the messages, no generation prompt, no tools. */
    public static ChatContext of(List<? extends Map<String, ?>> messages) {
        return builder().messages(messages).build();
    }

    /** The variables in the order Hugging Face passes them. */
    public Map<String, Object> variables() {
        return variables;
    }

    public static final class Builder {
        private List<? extends Map<String, ?>> messages = List.of();
        private List<? extends Map<String, ?>> tools;
        private List<? extends Map<String, ?>> documents;
        private boolean addGenerationPrompt;
        private final Map<String, Object> specialTokens = new LinkedHashMap<>();
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {}

        public Builder messages(List<? extends Map<String, ?>> messages) {
            this.messages = Objects.requireNonNull(messages, "messages");
            return this;
        }

        /** Tool definitions (JSON schemas); null leaves {@code tools} as None. */
        public Builder tools(List<? extends Map<String, ?>> tools) {
            this.tools = tools;
            return this;
        }

        /** Documents for retrieval-augmented templates; null leaves {@code documents} as None. */
        public Builder documents(List<? extends Map<String, ?>> documents) {
            this.documents = documents;
            return this;
        }

        /** Whether to end with the header that starts the assistant's reply. */
        public Builder addGenerationPrompt(boolean addGenerationPrompt) {
            this.addGenerationPrompt = addGenerationPrompt;
            return this;
        }

        public Builder bosToken(String token) {
            return specialToken("bos_token", token);
        }

        public Builder eosToken(String token) {
            return specialToken("eos_token", token);
        }

        /** A tokenizer special token by its Hugging Face name, e.g. {@code unk_token}, {@code pad_token}. */
        public Builder specialToken(String name, String token) {
            specialTokens.put(name, token);
            return this;
        }

        /** An extra template variable, as a keyword argument of {@code apply_chat_template}. */
        public Builder variable(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        public ChatContext build() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("messages", messages);
            v.put("tools", tools);
            v.put("documents", documents);
            v.put("add_generation_prompt", addGenerationPrompt);
            v.putAll(specialTokens);
            v.putAll(extra);
            return new ChatContext(v);
        }
    }
}
