package dev.edge4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.CharPattern;
import dev.edge4j.tokenizers.text.LiteralPattern;
import dev.edge4j.tokenizers.text.UnicodeForm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where each normalized character comes from: HF's alignment rules, in UTF-16 units. */
class NormalizedStringTest {
    static int[] ranges(NormalizedString n) {
        int[] r = new int[2 * n.length()];
        for (int i = 0; i < n.length(); i++) {
            r[2 * i] = n.alignStart(i);
            r[2 * i + 1] = n.alignEnd(i);
        }
        return r;
    }

    @Test
    void nfdAlignsTheSplitOffAccentWithItsLetter() {
        NormalizedString n = NormalizedString.of("\u00E9l\u00E9gant");
        n.normalize(UnicodeForm.NFD);
        assertThat(n.get()).isEqualTo("e\u0301le\u0301gant");
        assertThat(ranges(n)).containsExactly(0, 1, 0, 1, 1, 2, 2, 3, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7);
    }

    @Test
    void removingTheAccentsKeepsEachLetterOnItsOriginal() {
        NormalizedString n = NormalizedString.of("\u00E9l\u00E9gant");
        n.normalize(UnicodeForm.NFD);
        n.filter(c -> !CharClass.isMarkNonspacing(c));
        assertThat(n.get()).isEqualTo("elegant");
        assertThat(ranges(n)).containsExactly(0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7);
    }

    @Test
    void nfcComposesAndTheResultCoversBothOriginals() {
        NormalizedString n = NormalizedString.of("xe\u0301y");
        n.normalize(UnicodeForm.NFC);
        assertThat(n.get()).isEqualTo("x\u00E9y");
        assertThat(ranges(n)).containsExactly(0, 1, 1, 2, 3, 4);
        int[] r = new int[2];
        assertThat(n.originalRange(1, 2, r)).isTrue();
        // HF aligns a composed character with the first of the characters it replaced.
        assertThat(r).containsExactly(1, 2);
    }

    @Test
    void prependedTextAlignsWithTheFirstCharacter() {
        NormalizedString n = NormalizedString.of("ab");
        n.prepend("\u2581");
        assertThat(n.get()).isEqualTo("\u2581ab");
        assertThat(ranges(n)).containsExactly(0, 1, 0, 1, 1, 2);
    }

    @Test
    void replacementAlignsWithTheLastUnitOfTheMatch() {
        NormalizedString n = NormalizedString.of("a--b");
        n.replace(new LiteralPattern("--"), "+++");
        assertThat(n.get()).isEqualTo("a+++b");
        assertThat(ranges(n)).containsExactly(0, 1, 2, 3, 2, 3, 2, 3, 3, 4);
    }

    @Test
    void supplementaryCharactersKeepBothUnitsOnOneRange() {
        NormalizedString n = NormalizedString.of("x\uD83D\uDE00");
        n.lowercase();
        assertThat(ranges(n)).containsExactly(0, 1, 1, 3, 1, 3);
        NormalizedString emoji = n.slice(1, 3);
        assertThat(emoji.originalStart()).isEqualTo(1);
        assertThat(emoji.originalEnd()).isEqualTo(3);
    }

    @Test
    void slicesKnowWhereTheyAreInTheWholeInput() {
        NormalizedString n = NormalizedString.of("Hello World");
        n.lowercase();
        List<NormalizedString> words = n.split(new CharPattern(c -> c == ' '), SplitBehavior.REMOVED);
        assertThat(words).extracting(NormalizedString::get).containsExactly("hello", "world");
        assertThat(words.get(1).originalStart()).isEqualTo(6);
        assertThat(words.get(1).originalEnd()).isEqualTo(11);
    }

    @Test
    void lowercasingDottedCapitalIAddsTheDotAlignedWithIt() {
        NormalizedString n = NormalizedString.of("\u0130x");
        n.lowercase();
        assertThat(n.get()).isEqualTo("i\u0307x");
        assertThat(ranges(n)).containsExactly(0, 1, 0, 1, 1, 2);
    }

    @Test
    void stripKeepsTheInnerTextOnItsOriginalPlace() {
        NormalizedString n = NormalizedString.of("  ab \t");
        n.strip(true, true);
        assertThat(n.get()).isEqualTo("ab");
        assertThat(ranges(n)).containsExactly(2, 3, 3, 4);
    }

    @Test
    void splitBehavioursMatchHf() {
        String s = "a--b-c";
        CharPattern dash = new CharPattern(c -> c == '-');
        assertThat(NormalizedString.of(s).split(dash, SplitBehavior.REMOVED)).extracting(NormalizedString::get)
                .containsExactly("a", "b", "c");
        assertThat(NormalizedString.of(s).split(dash, SplitBehavior.ISOLATED)).extracting(NormalizedString::get)
                .containsExactly("a", "-", "-", "b", "-", "c");
        assertThat(NormalizedString.of(s).split(dash, SplitBehavior.MERGED_WITH_PREVIOUS))
                .extracting(NormalizedString::get).containsExactly("a-", "-", "b-", "c");
        assertThat(NormalizedString.of(s).split(dash, SplitBehavior.MERGED_WITH_NEXT))
                .extracting(NormalizedString::get).containsExactly("a", "-", "-b", "-c");
        assertThat(NormalizedString.of(s).split(dash, SplitBehavior.CONTIGUOUS)).extracting(NormalizedString::get)
                .containsExactly("a", "--", "b", "-", "c");
    }
}
