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
