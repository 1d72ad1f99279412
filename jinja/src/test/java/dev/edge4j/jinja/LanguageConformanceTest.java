package dev.edge4j.jinja;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Small templates covering the language corner by corner (whitespace control, scoping, loops,
 * macros, every filter and test chat templates reach, Python string/dict/list methods, number and
 * repr formatting, errors), each rendered by Python's Jinja2 and by ChatTemplate.
 */
@Tag("conformance")
class LanguageConformanceTest {

    @Test
    void snippetsRenderAsJinja2Does() throws Exception {
        List<Map<String, Object>> snippets = Jinja2Reference.resource("jinja-snippets.json", new TypeReference<>() {});
        Map<String, String> templates = new LinkedHashMap<>();
        List<Jinja2Reference.Case> cases = new ArrayList<>();
        for (Map<String, Object> s : snippets) {
            String name = (String) s.get("name");
            templates.put(name, (String) s.get("template"));
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) s.get("context");
            cases.add(new Jinja2Reference.Case(name, name, context));
        }
        assertThat(templates).hasSize(snippets.size());

        Jinja2Reference.Report report = Jinja2Reference.compare(templates, cases);

        String summary = report.summary(cases.size(), "language snippets");
        System.out.println(summary);
        assertThat(report.differences()).as(summary).isEmpty();
    }
}
