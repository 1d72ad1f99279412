package dev.edge4j.jinja;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.edge4j.core.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders every real chat template of llama.cpp's collection with every test conversation (each
 * hand-written one with and without the generation prompt, plus seeded random ones) both here and
 * with Python's Jinja2 set up as Hugging Face transformers sets it up, and requires byte-identical
 * output, or the same error.
 */
@Tag("realmodel")
class RealTemplatesTest {
    /** Seeded random chats added to the hand-written ones (see {@link RandomConversations}). */
    private static final int RANDOM_CONVERSATIONS = 100;

    @Test
    void everyTemplateAndConversationRendersAsJinja2Does() throws Exception {
        Map<String, String> templates = templates();
        assertThat(templates).hasSizeGreaterThanOrEqualTo(60);
        List<Jinja2Reference.Case> cases = cases(templates.keySet());

        Jinja2Reference.Report report = Jinja2Reference.compare(templates, cases);

        String summary = report.summary(cases.size(), "template x conversation cases") + ", " + templates.size()
                + " templates";
        Path file = Path.of("target", "chat-template-conformance.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary + "\n" + String.join("\n", report.differences()) + "\n");
        System.out.println(summary);
        assertThat(report.differences()).as(summary).isEmpty();
        assertThat(report.identical() - report.raisedAlike()).as("cases that render").isGreaterThan(cases.size() / 2);
    }

    private static Map<String, String> templates() throws IOException {
        Path dir = TestModels.get("llama-cpp-chat-templates");
        if (Files.isDirectory(dir.resolve("templates"))) {
            dir = dir.resolve("templates");
        }
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".jinja")).sorted().toList()) {
                out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<Jinja2Reference.Case> cases(java.util.Collection<String> templates) throws IOException {
        List<Map<String, Object>> conversations = Jinja2Reference.resource("chat-conversations.json",
                new TypeReference<>() {});
        List<Jinja2Reference.Case> cases = new ArrayList<>();
        for (String template : templates) {
            for (Map<String, Object> conversation : conversations) {
                for (boolean prompt : new boolean[] {false, true}) {
                    cases.add(new Jinja2Reference.Case(template + " | " + conversation.get("name")
                            + " | add_generation_prompt=" + prompt, template, context(conversation, prompt)));
                }
            }
        }
        int n = 0;
        for (Map<String, Object> context : RandomConversations.generate(20250314, RANDOM_CONVERSATIONS)) {
            String name = "random_" + n++;
            for (String template : templates) {
                cases.add(new Jinja2Reference.Case(template + " | " + name, template, context));
            }
        }
        return cases;
    }

    /** The variables apply_chat_template passes: messages, tools, documents, the prompt flag, tokens, extras. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> conversation, boolean prompt) {
        Map<String, Object> given = (Map<String, Object>) conversation.get("context");
        ChatContext.Builder b = ChatContext.builder()
                .messages((List<Map<String, Object>>) given.get("messages"))
                .tools((List<Map<String, Object>>) given.get("tools"))
                .documents((List<Map<String, Object>>) given.get("documents"))
                .addGenerationPrompt(prompt)
                .bosToken("<s>")
                .eosToken("</s>");
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (!List.of("messages", "tools", "documents").contains(e.getKey())) {
                b.variable(e.getKey(), e.getValue());
            }
        }
        return b.build().variables();
    }
}
