package dev.edge4j.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryTest {
    static final int DIM = 16;

    @TempDir
    Path dir;

    final Random rnd = new Random(11);

    float[] e() {
        return EmbeddingIndexTest.unit(rnd, DIM);
    }

    Gallery open() {
        return Gallery.open(dir.resolve("faces/gallery.db"), "test-model", DIM);
    }

    @Test
    void enrolledPeopleAreFoundAndSurviveReopening() {
        float[] ann1 = e();
        float[] ann2 = e();
        float[] bob = e();
        try (Gallery g = open()) {
            assertThat(g.enroll("Ann", List.of(ann1), "a.jpg").embeddings()).isEqualTo(1);
            assertThat(g.enroll("  Ann ", List.of(ann2), "b.jpg").embeddings()).isEqualTo(2);
            g.enroll("Bob", List.of(bob), "c.jpg");
            assertThat(g.search(ann2, 1).getFirst()).isEqualTo(new Match("Ann", g.search(ann2, 1).getFirst().score()));
        }
        try (Gallery g = open()) {
            assertThat(g.people()).extracting(Person::name, Person::embeddings)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Ann", 2), org.assertj.core.groups.Tuple.tuple("Bob", 1));
            assertThat(g.embeddings("Ann")).containsExactly(ann1, ann2);
            Match m = g.search(bob, 2).getFirst();
            assertThat(m.name()).isEqualTo("Bob");
            assertThat(m.score()).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-6f));
            assertThat(g.size()).isEqualTo(2);
            assertThat(g.embeddingCount()).isEqualTo(3);
        }
    }

    @Test
    void removeDeletesThePersonAndTheirEmbeddings() {
        float[] ann = e();
        try (Gallery g = open()) {
            g.enroll("Ann", List.of(ann, e()), null);
            g.enroll("Bob", List.of(e()), null);
            assertThat(g.remove("Ann")).isTrue();
            assertThat(g.remove("Ann")).isFalse();
            assertThat(g.search(ann, 5)).extracting(Match::name).containsExactly("Bob");
        }
        try (Gallery g = open()) {
            assertThat(g.people()).extracting(Person::name).containsExactly("Bob");
            assertThat(g.embeddings("Ann")).isEmpty();
        }
    }

    @Test
    void anotherConnectionsChangesAreSeenBeforeSearching() {
        float[] ann = e();
        try (Gallery reader = open(); Gallery writer = open()) {
            assertThat(reader.search(ann, 1)).isEmpty();
            writer.enroll("Ann", List.of(ann), null);
            assertThat(reader.search(ann, 1)).extracting(Match::name).containsExactly("Ann");
            writer.remove("Ann");
            assertThat(reader.search(ann, 1)).isEmpty();
        }
    }

    @Test
    void aGalleryOfAnotherEmbeddingModelIsRefused() {
        open().close();
        assertThatThrownBy(() -> Gallery.open(dir.resolve("faces/gallery.db"), "other-model", 128))
                .isInstanceOf(GalleryException.class)
                .hasMessage(dir.resolve("faces/gallery.db") + " holds embeddings of test-model (16 values), not of"
                        + " other-model (128); use another gallery file");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefused() throws IOException {
        Path f = dir.resolve("photo.jpg");
        Files.write(f, "this is certainly not an SQLite database, just some text long enough".repeat(20).getBytes());
        assertThatThrownBy(() -> Gallery.open(f, "test-model", DIM)).isInstanceOf(GalleryException.class)
                .hasMessage(f + " is not a face gallery (not an SQLite database, or damaged)");
        assertThat(Files.readString(f)).startsWith("this is certainly"); // untouched
    }

    @Test
    void aFolderIsRefused() {
        assertThatThrownBy(() -> Gallery.open(dir, "test-model", DIM)).isInstanceOf(GalleryException.class)
                .hasMessage(dir + " is a folder, not a face gallery file");
    }

    @Test
    void badNamesAndEmbeddingsAreRefusedAndNothingIsStored() {
        try (Gallery g = open()) {
            assertThatThrownBy(() -> g.enroll("  ", List.of(e()), null)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("a person's name cannot be empty");
            assertThatThrownBy(() -> g.enroll("a\nb", List.of(e()), null)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("the name \"a?b\" contains control characters");
            assertThatThrownBy(() -> g.enroll("x".repeat(201), List.of(e()), null)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("at most 200 characters");
            assertThatThrownBy(() -> g.enroll("Ann", List.of(e(), new float[DIM]), null)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("embedding is not a finite unit-length vector");
            assertThatThrownBy(() -> g.enroll("Ann", List.of(new float[3]), null)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("embedding has 3 values; this gallery holds 16");
            assertThatThrownBy(() -> g.enroll("Ann", List.of(), null)).isInstanceOf(InvalidInputException.class);
            assertThat(g.people()).isEmpty();
            assertThat(g.embeddingCount()).isZero();
        }
    }

    @Test
    void aNewGalleryAndItsExportAreReadableByTheirOwnerOnly() throws IOException {
        try (Gallery g = open()) {
            g.enroll("Ann", List.of(e()), null);
            GalleryTransfer.export(g, dir.resolve("export.json"));
        }
        for (Path f : List.of(dir.resolve("faces/gallery.db"), dir.resolve("export.json"))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(f.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void unicodeNamesRoundTrip() {
        try (Gallery g = open()) {
            g.enroll("Zoë Åström 李", List.of(e()), null);
        }
        try (Gallery g = open()) {
            assertThat(g.person("Zoë Åström 李")).isPresent();
        }
    }
}
