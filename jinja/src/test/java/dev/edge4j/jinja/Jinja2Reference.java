package dev.edge4j.jinja;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's Jinja2, set up as Hugging Face transformers sets it up for chat templates, as the
 * reference: renders many cases in one Python process, then compares each with ChatTemplate.
 */
final class Jinja2Reference {
    /** The fixed time {@code strftime_now} sees on both sides. */
    static final String NOW = "2025-03-14T09:26:53";
    static final ObjectMapper JSON = new ObjectMapper();

    record Case(String id, String template, Map<String, Object> context) {}

    /** Per case: whether ours matched, and how it differed. */
    record Report(int identical, int raisedAlike, List<String> differences, String jinja2Version) {
        String summary(int cases, String what) {
            return identical + " of " + cases + " " + what + " identical to Jinja2 " + jinja2Version + " ("
                    + raisedAlike + " of them raise the same error)";
        }
    }

    private Jinja2Reference() {}

    /** Renders every case with Python's Jinja2 and with ChatTemplate and compares the two. */
    static Report compare(Map<String, String> templates, List<Case> cases) throws IOException, InterruptedException {
        Map<String, Object> response = renderWithPython(templates, cases);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> expected = (Map<String, Map<String, Object>>) response.get("results");
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
            Object template = parsed.get(c.template());
            String got = null;
            TemplateException error = template instanceof TemplateException e ? e : null;
            if (error == null) {
                try {
                    got = ((ChatTemplate) template).render(c.context(), () -> LocalDateTime.parse(NOW));
                } catch (TemplateException e) {
                    error = e;
                }
            }
            String difference = difference(expected.get(c.id()), got, error);
            if (difference == null) {
                identical++;
                raised += error != null ? 1 : 0;
            } else {
                differences.add(c.id() + ": " + difference);
            }
        }
        return new Report(identical, raised, differences, (String) response.get("jinja2"));
    }

    private static String difference(Map<String, Object> want, String got, TemplateException error) {
        if (Boolean.TRUE.equals(want.get("ok"))) {
            String output = (String) want.get("output");
            if (error != null) {
                return "Jinja2 renders " + quote(output) + ", we raise " + error.getClass().getSimpleName() + ": "
                        + error.getMessage();
            }
            return output.equals(got) ? null : firstDifference(output, got);
        }
        String type = (String) want.get("type");
        String message = (String) want.get("message");
        if (type.equals("SyntaxError")) {
            // Python's own compiler rejected the generated code; drop its location in that code.
            message = message.replaceFirst(" \\(<template>, line \\d+\\)$", "");
        }
        if (error == null) {
            return "Jinja2 raises " + type + ": " + message + ", we render " + quote(got);
        }
        String ours = error instanceof TemplateRenderException r ? r.errorType() : "TemplateSyntaxError";
        boolean sameType = ours.equals(type) || (error instanceof TemplateSyntaxException
                && List.of("TemplateSyntaxError", "TemplateAssertionError", "SyntaxError").contains(type));
        if (!sameType || !error.detail().equals(message)) {
            return "Jinja2 raises " + type + ": " + message + " | we raise " + ours + ": " + error.detail();
        }
        return null;
    }

    private static String firstDifference(String want, String got) {
        int i = 0;
        while (i < want.length() && i < got.length() && want.charAt(i) == got.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 40);
        return "output differs at char " + i + ": Jinja2 " + quote(want.substring(from, Math.min(want.length(), i + 40)))
                + " | ours " + quote(got.substring(from, Math.min(got.length(), i + 40)));
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            return s;
        }
    }

    private static Map<String, Object> renderWithPython(Map<String, String> templates, List<Case> cases)
            throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("now", NOW);
        request.put("templates", templates);
        List<Map<String, Object>> caseList = new ArrayList<>();
        for (Case c : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("template", c.template());
            m.put("context", c.context());
            caseList.add(m);
        }
        request.put("cases", caseList);
        Path dir = Files.createTempDirectory("jinja2-reference");
        try {
            Path script = dir.resolve("render_with_jinja2.py");
            try (InputStream in = Jinja2Reference.class.getResourceAsStream("render_with_jinja2.py")) {
                Files.copy(in, script);
            }
            Path requestFile = dir.resolve("request.json");
            Path responseFile = dir.resolve("response.json");
            Path errFile = dir.resolve("stderr.txt");
            JSON.writeValue(requestFile.toFile(), request);
            // Debian's python3 with python3-jinja2 is the reference; -Dedge4j.jinja2.python=... picks another.
            String python = System.getProperty("edge4j.jinja2.python",
                    Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
            Process p = new ProcessBuilder(python, script.toString())
                    .redirectInput(requestFile.toFile())
                    .redirectOutput(responseFile.toFile())
                    .redirectError(errFile.toFile())
                    .start();
            int rc = p.waitFor();
            assertThat(rc).as("the Python Jinja2 reference failed (it needs Debian's python3-jinja2): %s",
                    Files.readString(errFile)).isZero();
            return JSON.readValue(responseFile.toFile(), new TypeReference<>() {});
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    static <T> T resource(String name, TypeReference<T> type) throws IOException {
        try (InputStream in = Jinja2Reference.class.getResourceAsStream(name)) {
            return JSON.readValue(in, type);
        }
    }
}
