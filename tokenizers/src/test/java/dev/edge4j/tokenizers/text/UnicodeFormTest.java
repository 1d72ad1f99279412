package dev.edge4j.tokenizers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The alignment-tracking normalization must produce the text the JDK's normalizer produces, for
 * every character and for random runs of letters and combining marks.
 */
class UnicodeFormTest {
    static String run(UnicodeForm form, String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        form.apply(cps, 0, cps.length, (c, change) -> sb.appendCodePoint(c));
        return sb.toString();
    }

    static Normalizer.Form java(UnicodeForm f) {
        return Normalizer.Form.valueOf(f.name());
    }

    @ParameterizedTest
    @EnumSource(UnicodeForm.class)
    void everyCharacterOfTheBmpAndSomeBeyond(UnicodeForm form) {
        List<String> wrong = new ArrayList<>();
        for (int c = 0; c < 0x30000; c++) {
            if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0x10000 && c < 0x1D000) || c >= 0x20000 && c < 0x2F800) {
                continue;
            }
            String s = Character.toString(c);
            String expected = Normalizer.normalize(s, java(form));
            if (!run(form, s).equals(expected)) {
                wrong.add(Integer.toHexString(c));
            }
            boolean inert = form.isInert(c);
            if (inert && !expected.equals(s)) {
                wrong.add("inert " + Integer.toHexString(c));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UnicodeForm.class)
    void randomRunsOfLettersAndMarks(UnicodeForm form) {
        int[] pool = {'a', 'e', 'o', 'A', 'n', 0xC5, 0xE9, 0x1EA0, 0x300, 0x301, 0x302, 0x308, 0x316, 0x323, 0x327,
            0x345, 0x35C, 0x334, 0x5B0, 0x5B4, 0x5BC, 0x64B, 0x650, 0x651, 0x670, 0x93C, 0x94D, 0xE38, 0xE48,
            0x1100, 0x1161, 0x11A8, 0xAC00, 0x0B47, 0x0B3E, 0x0B57, 0x3099, 0x304B, 0xFB01, 0x2460, 0xFF21,
            0x1D15E, 0x1D165, 0x1D16E};
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(8);
            for (int k = 0; k < len; k++) {
                sb.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            String s = sb.toString();
            assertThat(run(form, s)).as("%s of %s", form, s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(Normalizer.normalize(s, java(form)));
        }
    }

    @Test
    void changeCountsAddUpToTheInput() {
        // Every input character is consumed exactly once: 1 - change summed over the output.
        Random r = new Random(7);
        int[] pool = {'e', 0x301, 0x323, 0xE9, 0x1E09, 0x1100, 0x1161, 0x11A8, 0xFB03, 0x2460};
        for (UnicodeForm form : UnicodeForm.values()) {
            for (int i = 0; i < 2000; i++) {
                int[] cps = new int[1 + r.nextInt(6)];
                for (int k = 0; k < cps.length; k++) {
                    cps[k] = pool[r.nextInt(pool.length)];
                }
                int[] consumed = {0};
                form.apply(cps, 0, cps.length, (c, change) -> consumed[0] += change > 0 ? 0 : 1 - change);
                assertThat(consumed[0]).isEqualTo(cps.length);
            }
        }
    }
}
