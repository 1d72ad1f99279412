package dev.edge4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.testing.TestModels;
import dev.edge4j.tokenizers.corpus.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five real tokenizers against HF tokenizers itself on the whole multilingual corpus: ids,
 * offsets, words, masks and decoded text must be identical, document for document.
 */
@Tag("realmodel")
class RealTokenizersTest {
    static List<Corpus.Document> corpus;

    @BeforeAll
    static void gather() {
        corpus = Corpus.gather(Path.of("..").toAbsolutePath().normalize());
    }

    /** The corpus is big enough and has every kind of text the bars name. */
    @Test
    void corpusIsLargeAndCoversEveryScript() {
        assertThat(Corpus.bytes(corpus)).isGreaterThanOrEqualTo(2_000_000);
        java.util.Map<Character.UnicodeScript, Integer> scripts = new java.util.EnumMap<>(Character.UnicodeScript.class);
        int marks = 0;
        int emoji = 0;
        int joiners = 0;
        int digits = 0;
        int longestWord = 0;
        int sourceChars = 0;
        for (Corpus.Document d : corpus) {
            String t = d.text();
            if (d.name().startsWith("source/")) {
                sourceChars += t.length();
            }
            int word = 0;
            for (int i = 0; i < t.length(); ) {
                int c = t.codePointAt(i);
                scripts.merge(Character.UnicodeScript.of(c), 1, Integer::sum);
                marks += Character.getType(c) == Character.NON_SPACING_MARK ? 1 : 0;
                emoji += c >= 0x1F300 && c <= 0x1FAFF ? 1 : 0;
                joiners += c == 0x200D ? 1 : 0;
                digits += Character.isDigit(c) ? 1 : 0;
                word = Character.isWhitespace(c) ? 0 : word + 1;
                longestWord = Math.max(longestWord, word);
                i += Character.charCount(c);
            }
        }
        assertThat(scripts.getOrDefault(Character.UnicodeScript.LATIN, 0)).as("Latin").isGreaterThan(500_000);
        assertThat(scripts.getOrDefault(Character.UnicodeScript.HAN, 0)).as("Han").isGreaterThan(50_000);
        assertThat(scripts.getOrDefault(Character.UnicodeScript.HIRAGANA, 0)
                + scripts.getOrDefault(Character.UnicodeScript.KATAKANA, 0)).as("kana").isGreaterThan(20_000);
        assertThat(scripts.getOrDefault(Character.UnicodeScript.HANGUL, 0)).as("Hangul").isGreaterThan(30_000);
        assertThat(scripts.getOrDefault(Character.UnicodeScript.ARABIC, 0)).as("Arabic").isGreaterThan(30_000);
        assertThat(scripts.getOrDefault(Character.UnicodeScript.DEVANAGARI, 0)).as("Devanagari").isGreaterThan(30_000);
        assertThat(marks).as("combining marks").isGreaterThan(20_000);
        assertThat(emoji).as("emoji").isGreaterThan(2_000);
        assertThat(joiners).as("zero-width joiners").isGreaterThan(500);
        assertThat(digits).as("digits").isGreaterThan(30_000);
        assertThat(longestWord).as("longest word").isGreaterThan(1_000);
        assertThat(sourceChars).as("source code").isGreaterThan(100_000);
        String all = String.join("\n", corpus.stream().map(Corpus.Document::text).toList());
        assertThat(all).as("whitespace runs").contains("        ", "\n\n\n\n", "\t\t", "\r\n");
    }

    /** MiniLM as its file configures it (truncation and padding to 128), line by line and as a batch. */
    @Test
    void miniLmWithItsOwnTruncationAndPadding() throws IOException {
        Path file = tokenizerFile("minilm-l6-v2-tokenizer");
        Tokenizer ours = Tokenizer.fromFile(file);
        assertThat(ours.truncation()).isNotNull();
        assertThat(ours.padding()).isNotNull();
        List<String> lines = new ArrayList<>();
        for (Corpus.Document d : corpus) {
            for (String line : d.text().split("\n")) {
                if (lines.size() < 3000 && !line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        List<String> failures = new ArrayList<>();
        try (HfOracle hf = HfOracle.fromFile(file); dev.edge4j.core.Parallel pool = dev.edge4j.core.Parallel.of(2)) {
            for (int i = 0; i < lines.size(); i++) {
                String d = Compare.difference(lines.get(i), ours.encode(lines.get(i), true), hf.encode(lines.get(i), true));
                if (d != null) {
                    failures.add(lines.get(i) + ": " + d);
                }
                if (i % 10 == 0 && i + 1 < lines.size()) {
                    String a = lines.get(i);
                    String b = lines.get(i + 1);
                    String p = Compare.difference(a, b, ours.encodePair(a, b, true), hf.encodePair(a, b, true));
                    if (p != null) {
                        failures.add("pair " + a + " | " + b + ": " + p);
                    }
                }
            }
            List<String> batch = lines.subList(0, 500);
            List<Encoding> mine = ours.encodeBatch(batch, true, pool);
            List<HfOracle.Result> theirs = hf.encodeBatch(batch, true);
            for (int i = 0; i < batch.size(); i++) {
                String d = Compare.difference(batch.get(i), mine.get(i), theirs.get(i));
                if (d != null) {
                    failures.add("batch " + i + ": " + d);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Encoding the corpus as a batch on four threads gives what encoding it document by document gives. */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3-tokenizer", "llama2-tokenizer", "minilm-l6-v2-tokenizer"})
    void batchOnManyThreadsEqualsOneByOne(String name) throws IOException {
        List<String> texts = corpus.stream().map(Corpus.Document::text).toList();
        Tokenizer sequential = Tokenizer.fromFile(tokenizerFile(name)).withTruncation(null).withPadding(null);
        Tokenizer parallel = Tokenizer.fromFile(tokenizerFile(name)).withTruncation(null).withPadding(null);
        List<Encoding> batch;
        try (dev.edge4j.core.Parallel pool = dev.edge4j.core.Parallel.of(4)) {
            batch = parallel.encodeBatch(texts, true, pool);
        }
        for (int i = 0; i < texts.size(); i++) {
            Encoding one = sequential.encode(texts.get(i), true);
            assertThat(batch.get(i).ids()).as(corpus.get(i).name()).isEqualTo(one.ids());
            assertThat(batch.get(i).offsets()).as(corpus.get(i).name()).isEqualTo(one.offsets());
        }
    }

    static Path tokenizerFile(String name) throws IOException {
        Path p = TestModels.get(name);
        if (!Files.isDirectory(p)) {
            return p;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen3-tokenizer", "llama3_2-tokenizer", "gemma3-tokenizer", "llama2-tokenizer",
        "minilm-l6-v2-tokenizer"})
    void sameAsHfOnTheCorpus(String name) throws IOException {
        Path file = tokenizerFile(name);
        Tokenizer ours = Tokenizer.fromFile(file).withTruncation(null).withPadding(null);
        List<String> failures = new ArrayList<>();
        int roundTrips = 0;
        int hfRoundTrips = 0;
        try (HfOracle hf = HfOracle.fromFile(file).plain()) {
            for (Corpus.Document doc : corpus) {
                String text = doc.text();
                Encoding e = ours.encode(text, true);
                HfOracle.Result r = hf.encode(text, true);
                String diff = Compare.difference(text, e, r);
                if (diff != null) {
                    failures.add(doc.name() + ": " + diff);
                    continue;
                }
                String ourText = ours.decode(e.ids(), true);
                String hfText = hf.decode(r.ids(), true);
                if (!ourText.equals(hfText)) {
                    failures.add(doc.name() + ": decode differs");
                }
                if (!ours.decode(e.ids(), false).equals(hf.decode(r.ids(), false))) {
                    failures.add(doc.name() + ": decode with special tokens differs");
                }
                if (hfText.equals(text)) {
                    hfRoundTrips++;
                    if (ourText.equals(text)) {
                        roundTrips++;
                    }
                }
            }
        }
        assertThat(failures).as(name + " on " + corpus.size() + " documents").isEmpty();
        assertThat(roundTrips).as("documents that decode back to themselves").isEqualTo(hfRoundTrips);
    }
}
