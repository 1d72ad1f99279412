package dev.edge4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edge4j tokenize}: its line contract, options and errors, on a small tokenizer written here. */
class TokenizeCommandTest {
    @TempDir
    Path dir;
    Path tokenizer;

    @BeforeEach
    void writeTokenizer() throws IOException {
        tokenizer = dir.resolve("tokenizer.json");
        Files.writeString(tokenizer, """
                {"version": "1.0", "added_tokens": [
                   {"id": 0, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                   {"id": 1, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
                 "normalizer": {"type": "Lowercase"},
                 "pre_tokenizer": {"type": "WhitespaceSplit"},
                 "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 1], "cls": ["[CLS]", 0]},
                 "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": false},
                 "model": {"type": "WordLevel", "unk_token": "[UNK]",
                           "vocab": {"[CLS]": 0, "[SEP]": 1, "[UNK]": 2, "hello": 3, "world": 4, "again": 5}}}
                """);
    }

    static CliRunner.Run withInput(String input, String... args) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return CliRunner.run(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void oneLineOfIdsPerLineOfText() {
        CliRunner.Run r = withInput("Hello world\nworld AGAIN unknown\n\n", "tokenize", "--tokenizer", tokenizer.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("0 3 4 1\n0 4 5 2 1\n0 1\n");
    }

    @Test
    void withoutSpecialTokensAndAsPairs() {
        assertThat(withInput("hello world\n", "tokenize", "--no-special", "--tokenizer", tokenizer.toString()).out())
                .isEqualTo("3 4\n");
        assertThat(withInput("hello\tworld again\n", "tokenize", "--pair", "--tokenizer", tokenizer.toString()).out())
                .isEqualTo("0 3 1 4 5 1\n");
        assertThat(withInput("hello world\n", "tokenize", "--tokens", "--offsets", "--tokenizer", tokenizer.toString())
                .out()).isEqualTo("[CLS]:0-0 hello:0-5 world:6-11 [SEP]:0-0\n");
    }

    @Test
    void decodesIdsBackToText() {
        CliRunner.Run r = withInput("0 3 4 1\n3 5\n", "tokenize", "--decode", "--tokenizer", tokenizer.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("[CLS] hello world [SEP]\nhello again\n");
        assertThat(withInput("0 3 4 1\n", "tokenize", "--decode", "--no-special", "--tokenizer", tokenizer.toString())
                .out()).isEqualTo("hello world\n");
    }

    @Test
    void readsFilesGivenAsArguments() throws IOException {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "again\n");
        CliRunner.Run r = CliRunner.run("tokenize", "--tokenizer", tokenizer.toString(), in.toString());
        assertThat(r.out()).isEqualTo("0 5 1\n");
    }

    @Test
    void benchmarkPrintsThroughputLines() throws IOException {
        Path doc = dir.resolve("doc.txt");
        Files.writeString(doc, "hello world again\n".repeat(200));
        CliRunner.Run r = CliRunner.run("tokenize", "--bench", "--rounds", "3", "--warmup", "1", "--tokenizer",
                tokenizer.toString(), doc.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("docs=1 bytes=3600 tokens=602 threads=1 rounds=3").containsPattern(
                "median_mb_s=\\d+\\.\\d\\d min_mb_s=\\d+\\.\\d\\d max_mb_s=\\d+\\.\\d\\d");
    }

    @Test
    void errorsAreOneSentence() {
        CliRunner.Run missing = withInput("x\n", "tokenize", "--tokenizer", dir.resolve("nope.json").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("edge4j: no tokenizer file or catalog model called \""
                + dir.resolve("nope.json") + "\"");
        CliRunner.Run badIds = withInput("3 x\n", "tokenize", "--decode", "--tokenizer", tokenizer.toString());
        assertThat(badIds.status()).isEqualTo(1);
        assertThat(badIds.err().strip()).isEqualTo("edge4j: line 1: 'x' is not a token id");
        CliRunner.Run noTab = withInput("hello\n", "tokenize", "--pair", "--tokenizer", tokenizer.toString());
        assertThat(noTab.err().strip()).isEqualTo("edge4j: line 1 has no TAB between the two texts of the pair");
        CliRunner.Run noFiles = CliRunner.run("tokenize", "--bench", "--tokenizer", tokenizer.toString());
        assertThat(noFiles.err().strip()).isEqualTo("edge4j: --bench needs the documents to encode as FILE arguments");
    }

    @Test
    void helpExplainsTheContract() {
        CliRunner.Run r = CliRunner.run("tokenize", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("one line of text in,").contains("one line of space-separated ids out").contains("--decode")
                .contains("--pair").contains("--no-special");
    }
}
