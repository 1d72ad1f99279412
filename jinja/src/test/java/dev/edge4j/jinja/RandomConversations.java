package dev.edge4j.jinja;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random chats for the chat-template comparison: random role sequences (including invalid
 * ones), string, null and list contents, tool calls with dict or string arguments and their
 * results, reasoning, tools, thinking options. They reach template branches hand-written chats miss.
 */
final class RandomConversations {
    private static final List<String> TEXTS = List.of("Hi", "", "  spaced  ", "multi\nline\n\ntext",
            "quotes ' \" `", "<think>\nhidden\n</think>\n\nvisible", "emoji 😀 and ünïcödé", "{{ braces }} {% tags %}",
            "tab\there", "trailing newline\n", "<tool_call>\n{\"name\": \"x\"}\n</tool_call>", "a".repeat(50));

    private final Random random;

    private RandomConversations(long seed) {
        random = new Random(seed);
    }

    /** {@code count} chats as template variables (the generation prompt flag is drawn too). */
    static List<Map<String, Object>> generate(long seed, int count) {
        RandomConversations g = new RandomConversations(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(g.context());
        }
        return out;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private Object content() {
        double r = random.nextDouble();
        if (r < 0.75) {
            return pick(TEXTS);
        }
        if (r < 0.85) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        parts.add(map("type", "text", "text", pick(TEXTS)));
        if (random.nextDouble() < 0.3) {
            parts.add(map("type", "image"));
        }
        return parts;
    }

    /** An ordered map, so generated chats are the same on every run (Map.of's order is not). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> message(String role, Object content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private Map<String, Object> toolCall(int i) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", java.util.Arrays.asList(1, 2.5, null, true));
        Object args = pick(List.of(map("location", "Paris"), map("location", "Oslo", "days", 3),
                "{\"expr\": \"1+1\"}", map(), map("expr", "2*3", "nested", nested)));
        String name = pick(List.of("get_weather", "calc"));
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("arguments", args);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", pick(List.of("call_" + i, String.format("abcDEF%03d", i))));
        call.put("type", "function");
        call.put("function", function);
        return call;
    }

    private static Map<String, Object> tool(String name, Map<String, Object> properties) {
        return map("type", "function", "function", map("name", name, "description", "The " + name + " tool",
                "parameters", map("type", "object", "properties", properties)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> context() {
        List<Map<String, Object>> messages = new ArrayList<>();
        if (random.nextBoolean()) {
            messages.add(message("system", content()));
        }
        int turns = random.nextInt(5);
        int calls = 0;
        for (int t = 0; t < turns; t++) {
            messages.add(message("user", content()));
            if (random.nextDouble() < 0.3) {
                List<Map<String, Object>> toolCalls = new ArrayList<>();
                for (int j = 0, n = 1 + random.nextInt(2); j < n; j++) {
                    toolCalls.add(toolCall(calls++));
                }
                Map<String, Object> m = message("assistant", pick(java.util.Arrays.asList("", null, "Let me check.")));
                m.put("tool_calls", toolCalls);
                if (random.nextDouble() < 0.3) {
                    m.put("reasoning_content", pick(TEXTS));
                }
                messages.add(m);
                for (Map<String, Object> c : toolCalls) {
                    Map<String, Object> result = message("tool", pick(TEXTS));
                    result.put("tool_call_id", c.get("id"));
                    result.put("name", ((Map<String, Object>) c.get("function")).get("name"));
                    messages.add(result);
                }
            }
            if (t < turns - 1 || random.nextBoolean()) {
                Map<String, Object> m = message("assistant", content());
                if (random.nextDouble() < 0.3) {
                    m.put("reasoning_content", pick(TEXTS));
                }
                messages.add(m);
            }
        }
        if (random.nextDouble() < 0.1) {
            Collections.shuffle(messages, random);
        }
        Map<String, Object> weather = tool("get_weather", map("location", map("type", "string"),
                "days", map("type", "integer")));
        Map<String, Object> calc = tool("calc", map("expr", map("type", "string")));
        ChatContext.Builder b = ChatContext.builder()
                .messages(messages)
                .tools(pick(java.util.Arrays.asList(null, null, List.of(weather), List.of(weather, calc))))
                .addGenerationPrompt(random.nextBoolean())
                .bosToken("<s>")
                .eosToken("</s>");
        if (random.nextDouble() < 0.3) {
            b.variable("enable_thinking", random.nextBoolean());
        }
        if (random.nextDouble() < 0.2) {
            b.variable("reasoning_effort", pick(List.of("low", "high")));
        }
        return b.build().variables();
    }
}
