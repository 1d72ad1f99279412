package dev.edge4j.llm.chat;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.jinja.ChatContext;
import dev.edge4j.jinja.ChatTemplate;
import dev.edge4j.llm.Generator;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.Session;
import dev.edge4j.llm.sample.Sampler;
import dev.edge4j.llm.sample.SamplerSettings;
import dev.edge4j.tokenizers.GgufTokenizer;
import dev.edge4j.tokenizers.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A conversation with a model: messages rendered with the model's own chat template
 * ({@code tokenizer.chat_template}), tokenized with its own tokenizer, and evaluated
 * incrementally: each turn re-reads only what differs from the tokens already in the session.
 */
public final class Chat {
    private final LanguageModel model;
    private final Session session;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final SamplerSettings settings;
    private final String systemPrompt;
    private final List<Map<String, Object>> messages = new ArrayList<>();
    private int[] history = new int[0];

    /** The result of one turn: the answer, how it was generated, and the whole prompt it answered. */
    public record Reply(String text, Generator.Result generation, int[] prompt) {}

    public Chat(LanguageModel model, Session session, SamplerSettings settings, String systemPrompt) {
        this.model = model;
        this.session = session;
        this.settings = settings;
        this.systemPrompt = systemPrompt;
        this.tokenizer = GgufTokenizer.fromMetadata(model.metadata());
        String source = model.chatTemplate().orElseThrow(() -> new ModelFormatException(model.file().path()
                + " has no chat template (metadata key 'tokenizer.chat_template'); use `llm run` for plain text"));
        this.template = ChatTemplate.parse(source);
        reset();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Forgets the conversation (keeping the system prompt). */
    public void reset() {
        messages.clear();
        if (systemPrompt != null && !systemPrompt.isEmpty()) {
            messages.add(message("system", systemPrompt));
        }
        history = new int[0];
        session.reset();
    }

    /**
     * Sends a user message and generates the answer, handing text to {@code onText} as it comes.
     * An answer stopped by {@code cancelled} is kept, as far as it got.
     */
    public Reply send(String userText, int maxTokens, Consumer<String> onText, BooleanSupplier cancelled) {
        messages.add(message("user", userText));
        int[] prompt = promptTokens();
        int same = commonPrefix(history, prompt);
        if (same == prompt.length) {
            same--; // re-read the last token to get the logits that follow it
        }
        session.truncate(Math.min(same, session.position()));
        same = session.position();
        int[] fresh = Arrays.copyOfRange(prompt, same, prompt.length);
        TextStream stream = new TextStream(tokenizer);
        Generator.Result r;
        try {
            r = Generator.generate(session, fresh, maxTokens, new Sampler(settings), model.endTokens(),
                    id -> {
                        String piece = stream.push(id);
                        if (!piece.isEmpty()) {
                            onText.accept(piece);
                        }
                    }, cancelled);
        } catch (RuntimeException e) {
            messages.removeLast();
            session.truncate(Math.min(session.position(), same));
            history = Arrays.copyOf(prompt, session.position());
            throw e;
        }
        String rest = stream.rest();
        if (!rest.isEmpty()) {
            onText.accept(rest);
        }
        int[] all = Arrays.copyOf(prompt, prompt.length + r.tokens().length);
        System.arraycopy(r.tokens(), 0, all, prompt.length, r.tokens().length);
        // The last generated token was sampled but not evaluated; the session holds the rest.
        history = Arrays.copyOf(all, Math.min(all.length, session.position()));
        String text = stream.text();
        messages.add(message("assistant", text));
        return new Reply(text, r, prompt);
    }

    /** The rendered conversation so far, ready for the assistant's next answer, as tokens. */
    int[] promptTokens() {
        ChatContext.Builder b = ChatContext.builder().messages(messages).addGenerationPrompt(true);
        String bos = tokenText(model.bosToken());
        String eos = tokenText(model.metadata().getInt("tokenizer.ggml.eos_token_id", -1));
        if (bos != null) {
            b.bosToken(bos);
        }
        if (eos != null) {
            b.eosToken(eos);
        }
        String text = template.render(b.build());
        int[] ids = tokenizer.encode(text, false).ids();
        if (model.addsBos() && (ids.length == 0 || ids[0] != model.bosToken())) {
            int[] withBos = new int[ids.length + 1];
            withBos[0] = model.bosToken();
            System.arraycopy(ids, 0, withBos, 1, ids.length);
            ids = withBos;
        }
        return ids;
    }

    private String tokenText(int id) {
        if (id < 0 || !model.metadata().contains("tokenizer.ggml.tokens")) {
            return null;
        }
        List<String> tokens = model.metadata().getStringList("tokenizer.ggml.tokens");
        return id < tokens.size() ? tokens.get(id) : null;
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
