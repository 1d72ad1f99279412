package dev.edge4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void versionPrintsTheProjectVersion() {
        CliRunner.Run r = CliRunner.run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("edge4j 0.1.0");
    }

    @Test
    void helpListsTheCommandGroups() {
        CliRunner.Run r = CliRunner.run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("models");
    }

    @Test
    void unknownOptionIsAUsageErrorWithAHint() {
        CliRunner.Run r = CliRunner.run("--frobnicate");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("edge4j --help");
    }

    @Test
    void unknownModelIsOneSentenceAndStatusOne() {
        CliRunner.Run r = CliRunner.run("models", "path", "no-such-model");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("edge4j: no model called \"no-such-model\"")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
