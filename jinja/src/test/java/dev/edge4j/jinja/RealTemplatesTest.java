package dev.edge4j.jinja;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edge4j.core.testing.TestModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders every real chat template of llama.cpp's collection with every test conversation (with
 * and without the generation prompt) both here and with Python's Jinja2 set up as Hugging Face
 * transformers sets it up, and requires byte-identical output, or the same error.
 */
@Tag("realmodel")
class RealTemplatesTest {
    private static final String NOW = "2025-03-14T09:26:53";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Case(String id, String template, Map<String, Object> context) {}

    @Test
    void everyTemplateAndConversationRendersAsJinja2Does() throws Exception {
        Map<String, String> templates = templates();
        assertThat(templates).hasSizeGreaterThanOrEqualTo(60);
        List<Case> cases = cases(templates.keySet());

        Map<String, Map<String, Object>> expected = renderWithPython(templates, cases);

        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : templates.entrySet()) {
            try {
                parsed.put(t.getKey(), ChatTemplate.parse(t.getValue()));
            } catch (TemplateException e) {
                parsed.put(t.getKey(), e);
            }
        }
        List<String> differences = new ArrayList<>();
        int identical = 0;
        int raised = 0;
        for (Case c : cases) {
            Map<String, Object> want = expected.get(c.id());
            Object template = parsed.get(c.template());
            String got;
            TemplateException error = null;
            if (template instanceof TemplateException e) {
                error = e;
                got = null;
            } else {
                try {
                    got = ((ChatTemplate) template).render(c.context(), () -> LocalDateTime.parse(NOW));
                } catch (TemplateException e) {
                    error = e;
                    got = null;
                }
            }
            String difference = compare(want, got, error);
            if (difference == null) {
                identical++;
                if (error != null) {
                    raised++;
                }
            } else {
                differences.add(c.id() + ": " + difference);
            }
        }
        String summary = identical + " of " + cases.size() + " template x conversation cases identical to Jinja2 "
                + expectedVersion + " (" + raised + " of them raise the same error), " + templates.size()
                + " templates";
        Path report = Path.of("target", "chat-template-conformance.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, summary + "\n" + String.join("\n", differences) + "\n");
        System.out.println(summary);
        assertThat(differences).as(summary).isEmpty();
    }

    private String expectedVersion = "?";

    private static String compare(Map<String, Object> want, String got, TemplateException error) {
        if (Boolean.TRUE.equals(want.get("ok"))) {
            String output = (String) want.get("output");
            if (error != null) {
                return "Jinja2 renders, we raise " + error.getClass().getSimpleName() + ": " + error.getMessage();
            }
            if (!output.equals(got)) {
                return firstDifference(output, got);
            }
            return null;
        }
        String type = (String) want.get("type");
        String message = (String) want.get("message");
        if (error == null) {
            return "Jinja2 raises " + type + ": " + message + ", we render";
        }
        String ourType = error instanceof TemplateRenderException r ? r.errorType()
                : "TemplateSyntaxError";
        boolean sameType = ourType.equals(type) || (error instanceof TemplateSyntaxException
                && (type.equals("TemplateSyntaxError") || type.equals("TemplateAssertionError")));
        if (!sameType || !error.detail().equals(message)) {
            return "Jinja2 raises " + type + ": " + message + " | we raise " + ourType + ": " + error.detail();
        }
        return null;
    }

    private static String firstDifference(String want, String got) {
        int i = 0;
        while (i < want.length() && i < got.length() && want.charAt(i) == got.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 40);
        return "output differs at char " + i + ": Jinja2 " + JSONQuote.quote(want.substring(from, Math.min(want.length(), i + 40)))
                + " | ours " + JSONQuote.quote(got.substring(from, Math.min(got.length(), i + 40)));
    }

    private static final class JSONQuote {
        static String quote(String s) {
            try {
                return JSON.writeValueAsString(s);
            } catch (IOException e) {
                return s;
            }
        }
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

    private static List<Case> cases(Iterable<String> templates) throws IOException {
        List<Map<String, Object>> conversations;
        try (InputStream in = RealTemplatesTest.class.getResourceAsStream("chat-conversations.json")) {
            conversations = JSON.readValue(in, new TypeReference<>() {});
        }
        List<Case> cases = new ArrayList<>();
        for (String template : templates) {
            for (Map<String, Object> conversation : conversations) {
                for (boolean prompt : new boolean[] {false, true}) {
                    cases.add(new Case(template + " | " + conversation.get("name") + " | add_generation_prompt="
                            + prompt, template, context(conversation, prompt)));
                }
            }
        }
        return cases;
    }

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

    private Map<String, Map<String, Object>> renderWithPython(Map<String, String> templates, List<Case> cases)
            throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("now", NOW);
        request.put("templates", templates);
        List<Map<String, Object>> caseList = new ArrayList<>();
        for (Case c : cases) {
            caseList.add(Map.of("id", c.id(), "template", c.template(), "context", c.context()));
        }
        request.put("cases", caseList);
        Path dir = Files.createTempDirectory("chat-templates");
        Path script = dir.resolve("render_with_jinja2.py");
        try (InputStream in = RealTemplatesTest.class.getResourceAsStream("render_with_jinja2.py")) {
            Files.copy(in, script);
        }
        Path requestFile = dir.resolve("request.json");
        Path responseFile = dir.resolve("response.json");
        Path errFile = dir.resolve("stderr.txt");
        JSON.writeValue(requestFile.toFile(), request);
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p = new ProcessBuilder(python, script.toString())
                .redirectInput(requestFile.toFile())
                .redirectOutput(responseFile.toFile())
                .redirectError(errFile.toFile())
                .start();
        int rc = p.waitFor();
        assertThat(rc).as("Python Jinja2 renderer failed (needs Debian's python3-jinja2): "
                + Files.readString(errFile)).isZero();
        Map<String, Object> response = JSON.readValue(responseFile.toFile(), new TypeReference<>() {});
        expectedVersion = (String) response.get("jinja2");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) response.get("results");
        return results;
    }
}
