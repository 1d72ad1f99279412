package dev.edge4j.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of enrolling people loses none of the people whose
 * enrolment had returned: the child prints each name once {@code enroll} returns, the parent
 * kills it mid-stream and then finds every printed person, with the exact embeddings.
 */
class KilledEnrolmentTest {
    static final int DIM = 512;

    @TempDir
    Path dir;

    /** Deterministic embeddings, so the parent knows what each person must hold. */
    static List<float[]> embeddingsOf(int person) {
        Random rnd = new Random(person);
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            out.add(EmbeddingIndexTest.unit(rnd, DIM));
        }
        return out;
    }

    /** The child: enrols person-N, person-N+1, ... forever, announcing each one after it is committed. */
    public static void main(String[] args) {
        try (Gallery g = Gallery.open(Path.of(args[0]), "test-model", DIM)) {
            for (int i = g.size(); ; i++) {
                g.enroll("person-" + i, embeddingsOf(i), "loop");
                System.out.println("committed person-" + i);
                System.out.flush();
            }
        }
    }

    @Test
    void killMinusNineLosesNoCommittedEnrolment() throws Exception {
        Path db = dir.resolve("gallery.db");
        List<String> committed = new ArrayList<>();
        // Three crashes in a row, each child carrying on from what the last one left.
        for (int round = 0; round < 3; round++) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    KilledEnrolmentTest.class.getName(), db.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int seen = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (seen < 25 + 7 * round && (line = out.readLine()) != null) {
                    committed.add(line.substring("committed ".length()));
                    seen++;
                }
                // The child is busy with its next enrolment: SIGKILL, no finally block, no close().
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(seen).as("round %d", round).isEqualTo(25 + 7 * round);
        }

        try (Gallery g = Gallery.open(db, "test-model", DIM)) {
            List<String> stored = g.people().stream().map(Person::name).toList();
            assertThat(stored).containsAll(committed);
            // Every stored person is complete: an enrolment is all or nothing.
            for (Person p : g.people()) {
                int i = Integer.parseInt(p.name().substring("person-".length()));
                assertThat(g.embeddings(p.name())).as(p.name()).containsExactlyElementsOf(embeddingsOf(i));
            }
            // And still writable after the crash.
            g.enroll("after", embeddingsOf(-1), null);
            assertThat(g.search(embeddingsOf(-1).getFirst(), 1).getFirst().name()).isEqualTo("after");
        }
    }
}
