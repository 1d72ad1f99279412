package dev.edge4j.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.Edge4jException;
import dev.edge4j.core.InvalidInputException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The language, case by case. Every expected string here is what Python's Jinja2 (3.1.2 and 3.1.6,
 * set up as for chat templates) renders for the same template; {@code LanguageConformanceTest} and
 * {@code RealTemplatesTest} check many more cases against Jinja2 itself.
 */
class ChatTemplateTest {
    private static final LocalDateTime NOW = LocalDateTime.parse("2025-03-14T09:26:53");

    private static String render(String template) {
        return render(template, Map.of());
    }

    private static String render(String template, Map<String, ?> vars) {
        return ChatTemplate.parse(template).render(vars, () -> NOW);
    }

    @Test
    void blockTagsTakeTheirLineAndNewlineWithThem() {
        assertThat(render("{% if true %}\n  yes\n{% endif %}\ndone")).isEqualTo("  yes\ndone");
        assertThat(render("  {% for i in [1, 2] %}\n  {{ i }}\n  {% endfor %}\n")).isEqualTo("  1\n  2\n");
        assertThat(render("a\n{# note #}\nb")).isEqualTo("a\nb");
    }

    @Test
    void minusStripsAndPlusKeepsWhitespace() {
        assertThat(render("a  {{- 'b' -}}  c")).isEqualTo("abc");
        assertThat(render("x\n  {%+ if true %}y{% endif +%}\nz")).isEqualTo("x\n  y\nz");
        assertThat(render("{% raw %}{{ x }}{% endraw %}")).isEqualTo("{{ x }}");
    }

    @Test
    void valuesPrintAsPythonPrintsThem() {
        assertThat(render("{{ [1, 'a', None, True, 1.5, {'k': (1,)}] }}"))
                .isEqualTo("[1, 'a', None, True, 1.5, {'k': (1,)}]");
        assertThat(render("{{ 'it\\'s' }} {{ [\"it's\", 'say \"hi\"'] }}"))
                .isEqualTo("it's [\"it's\", 'say \"hi\"']");
        assertThat(render("{{ 1/3 }} {{ 1e16 }} {{ 1e-5 }} {{ 2**64 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 10 / 5 }}"))
                .isEqualTo("0.3333333333333333 1e+16 1e-05 18446744073709551616 -4 2 2.0");
        assertThat(render("{{ 'a' ~ 1 ~ none }}")).isEqualTo("a1None");
    }

    @Test
    void missingValuesAreUndefinedUntilUsed() {
        assertThat(render("{{ x.y }}|{{ x.y is defined }}", Map.of("x", Map.of()))).isEqualTo("|False");
        TemplateRenderException e = catchRender("line1\n{{ missing.attr }}");
        assertThat(e.errorType()).isEqualTo("UndefinedError");
        assertThat(e.detail()).isEqualTo("'missing' is undefined");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("chat template line 2: 'missing' is undefined");
    }

    @Test
    void assignmentsInsideLoopsStayInsideUnlessANamespaceCarriesThem() {
        assertThat(render("{% set n = 1 %}{% for i in range(3) %}{% set n = n + 1 %}{{ n }}{% endfor %}{{ n }}"))
                .isEqualTo("2221");
        assertThat(render("{% set ns = namespace(n=1) %}{% for i in range(3) %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}"))
                .isEqualTo("4");
        assertThat(render("{% for i in range(2) %}{% if i %}{% set v = 'a' %}{% else %}{{ v }}{% set v = 'b' %}{% endif %}{{ v }}{% endfor %}",
                Map.of("v", "ctx"))).isEqualTo("ctxba");
    }

    @Test
    void loopsHaveElseFiltersAndLoopControls() {
        assertThat(render("{% for x in [] %}a{% else %}empty{% endfor %}")).isEqualTo("empty");
        assertThat(render("{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}:{{ x }}/{{ loop.length }}{{ ',' if not loop.last }}{% endfor %}"))
                .isEqualTo("1:2/2,2:3/2");
        assertThat(render("{% for x in range(5) %}{% if x == 1 %}{% continue %}{% endif %}{% if x == 3 %}{% break %}{% endif %}{{ x }}{% endfor %}"))
                .isEqualTo("02");
    }

    @Test
    void macrosCallBlocksFilterBlocksAndSetBlocks() {
        assertThat(render("{% macro hi(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ hi('Ann') }} {{ hi('Bo', punct='?') }}"))
                .isEqualTo("Hi Ann! Hi Bo?");
        assertThat(render("{% macro box() %}[{{ caller() }}]{% endmacro %}{% call box() %}inside{% endcall %}"))
                .isEqualTo("[inside]");
        assertThat(render("{% filter upper %}quiet{% endfilter %}")).isEqualTo("QUIET");
        assertThat(render("{% set block %}x {{ 1 + 1 }}{% endset %}{{ block }}")).isEqualTo("x 2");
    }

    @Test
    void filtersAndPythonMethods() {
        assertThat(render("{{ '  pad  '|trim }}|{{ 'Hello'|upper }}|{{ 'a,b'.split(',') }}|{{ 'abc'.startswith('ab') }}|{{ '{}-{}'.format(1, 2) }}"))
                .isEqualTo("pad|HELLO|['a', 'b']|True|1-2");
        assertThat(render("{{ {'b': 1, 'a': 2}|dictsort }} {{ [3, 1, 2]|sort|join(',') }} {{ [{'n': 'x'}, {'n': 'y'}]|map(attribute='n')|list }}"))
                .isEqualTo("[('a', 2), ('b', 1)] 1,2,3 ['x', 'y']");
        assertThat(render("{{ msgs|selectattr('role', 'equalto', 'user')|map(attribute='content')|join(' ') }}",
                Map.of("msgs", List.of(Map.of("role", "user", "content", "a"), Map.of("role", "assistant", "content", "b"),
                        Map.of("role", "user", "content", "c"))))).isEqualTo("a c");
        assertThat(render("{{ s|length }} {{ s[0] }} {{ s[::-1] }}", Map.of("s", "a😀b"))).isEqualTo("3 a b😀a");
    }

    @Test
    void tojsonIsPythonsJsonDumpsWithoutAsciiEscaping() {
        assertThat(render("{{ {'a': 'é', 'b': [1, 2.0, None, true]}|tojson }} {{ {'a': 1}|tojson(indent=2) }}"))
                .isEqualTo("{\"a\": \"é\", \"b\": [1, 2.0, null, true]} {\n  \"a\": 1\n}");
    }

    @Test
    void safeStringsEscapeWhatTheyAreAddedTo() {
        assertThat(render("{{ 'Say ' ~ ('<b>'|safe) }} {{ ('<b>'|safe) + '<i>' }}")).isEqualTo("Say <b> <b>&lt;i&gt;");
    }

    @Test
    void strftimeNowUsesTheGivenClock() {
        assertThat(render("{{ strftime_now('%d %b %Y') }}")).isEqualTo("14 Mar 2025");
    }

    @Test
    void intFilterFallsBackToItsDefaultAsJinja2Since315() {
        assertThat(render("{{ '1e400'|int }} {{ 'x'|int(7) }} {{ '42'|int + 1 }} {{ 3.9|int }}")).isEqualTo("0 7 43 3");
    }

    @Test
    void raiseExceptionGivesTheTemplatesOwnMessage() {
        assertThatThrownBy(() -> render("\n{{ raise_exception('Roles must alternate') }}"))
                .isInstanceOf(TemplateRaisedException.class)
                .isInstanceOf(Edge4jException.class)
                .hasMessage("chat template line 2: Roles must alternate")
                .satisfies(e -> assertThat(((TemplateRaisedException) e).detail()).isEqualTo("Roles must alternate"));
    }

    @Test
    void typeErrorsAndSandboxViolationsAreTyped() {
        assertThat(catchRender("{{ 1 + 'a' }}").errorType()).isEqualTo("TypeError");
        assertThat(catchRender("{{ 1 + 'a' }}").detail()).isEqualTo("unsupported operand type(s) for +: 'int' and 'str'");
        TemplateRenderException append = catchRender("{% set l = [] %}{{ l.append(1) }}");
        assertThat(append.errorType()).isEqualTo("SecurityError");
        assertThat(append.detail()).isEqualTo("access to attribute 'append' of 'list' object is unsafe.");
        // Jinja2 3.1.5 and later refuse pop too.
        assertThat(catchRender("{{ [1, 2].pop() }}").detail()).isEqualTo("access to attribute 'pop' of 'list' object is unsafe.");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> ChatTemplate.parse("{% if x %}\n{% for %}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("chat template line 2: Expected an expression, got 'end of statement block'");
        assertThatThrownBy(() -> ChatTemplate.parse("{% for x in y %}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'.");
        assertThatThrownBy(() -> ChatTemplate.parse("{{ x|no_such_filter }}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("chat template line 1: No filter named 'no_such_filter'.");
        assertThat(render("{% if false %}{{ x|no_such_filter }}{% endif %}fine")).isEqualTo("fine");
    }

    @Test
    void chatContextPassesWhatApplyChatTemplatePasses() {
        ChatTemplate t = ChatTemplate.parse("{{ bos_token }}{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}"
                + "{% if add_generation_prompt %}<assistant>{% endif %}|{{ tools is none }}|{{ documents is none }}|{{ enable_thinking }}");
        ChatContext ctx = ChatContext.builder()
                .messages(List.of(Map.of("role", "user", "content", "Hi")))
                .addGenerationPrompt(true)
                .bosToken("<s>")
                .variable("enable_thinking", false)
                .build();
        assertThat(t.render(ctx)).isEqualTo("<s><user>Hi<assistant>|True|True|False");
        assertThat(ctx.variables()).containsKeys("messages", "tools", "documents", "add_generation_prompt", "bos_token");
    }

    @Test
    void templatesCannotChangeTheCallersData() {
        List<Object> items = new ArrayList<>(List.of(1, 2));
        assertThat(render("{% set ns = namespace(x=items) %}{{ ns.x }}", Map.of("items", items))).isEqualTo("[1, 2]");
        assertThat(items).containsExactly(1, 2);
        assertThatThrownBy(() -> render("{{ x }}", Map.of("x", new Object())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("chat template variable x");
    }

    @Test
    void runawayTemplatesStopWithAnErrorInsteadOfHanging() {
        TemplateRenderException big = catchRender("{{ 'x' * 10**12 }}");
        assertThat(big.errorType()).isEqualTo("RenderLimitError");
        TemplateRenderException endless = catchRender(
                "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
        assertThat(endless.errorType()).isEqualTo("RenderLimitError");
        assertThat(endless.getMessage()).contains("loop iterations");
    }

    private static TemplateRenderException catchRender(String template) {
        try {
            render(template);
        } catch (TemplateRenderException e) {
            return e;
        }
        throw new AssertionError("expected " + template + " to fail");
    }
}
