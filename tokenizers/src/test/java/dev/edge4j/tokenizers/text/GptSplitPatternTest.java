package dev.edge4j.tokenizers.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.tokenizers.corpus.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hand-written split matchers find exactly what their regular expressions find, on the whole corpus. */
class GptSplitPatternTest {
    @ParameterizedTest
    @EnumSource(GptSplitPattern.class)
    void matchesItsRegexOnTheCorpus(GptSplitPattern fast) {
        RegexPattern regex = new RegexPattern(OnigRegex.compile(fast.regex(), "test"));
        List<String> texts = new ArrayList<>();
        for (Corpus.Document d : Corpus.gather(Path.of("..").toAbsolutePath().normalize())) {
            texts.add(d.text());
        }
        texts.addAll(List.of("", " ", "  ", " \n", "\n ", "a", "'s", "'S", "'\u017F", "'LL", "'lL", "''s", "x'Re",
                "   x", "\t\tx", "1234567", "\r\n\r\n  x", " !!\n\n", "\uD835\uDC00\uD835\uDC01 \uD83D\uDE00a"));
        long chars = 0;
        for (String t : texts) {
            IntList a = new IntList();
            IntList b = new IntList();
            fast.findMatches(t, a);
            regex.findMatches(t, b);
            assertThat(a.toArray()).as("'%s'", t.length() > 80 ? t.substring(0, 80) + "..." : t)
                    .isEqualTo(b.toArray());
            chars += t.length();
        }
        assertThat(chars).isGreaterThan(100_000);
    }
}
