package dev.edge4j.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryTransferTest {
    @TempDir
    Path dir;

    final Random rnd = new Random(12);

    float[] e() {
        return EmbeddingIndexTest.unit(rnd, GalleryTest.DIM);
    }

    Gallery open(String name) {
        return Gallery.open(dir.resolve(name), "test-model", GalleryTest.DIM);
    }

    @Test
    void exportThenImportGivesTheSameGallery() {
        float[] a1 = e();
        float[] a2 = e();
        float[] b1 = e();
        Path file = dir.resolve("export.json");
        try (Gallery g = open("a.db")) {
            g.enroll("Ann", List.of(a1, a2), "a.jpg");
            g.enroll("Bob", List.of(b1), null);
            assertThat(GalleryTransfer.export(g, file)).isEqualTo(2);
        }
        assertThat(dir.resolve("export.json.tmp")).doesNotExist();
        try (Gallery g = open("b.db")) {
            GalleryTransfer.ImportResult r = GalleryTransfer.importFrom(g, file, GalleryTransfer.Mode.MERGE);
            assertThat(r).isEqualTo(new GalleryTransfer.ImportResult(2, 0, 0, 3));
            assertThat(g.embeddings("Ann")).containsExactly(a1, a2);
            assertThat(g.embeddings("Bob")).containsExactly(b1);
            assertThat(g.search(b1, 1).getFirst().name()).isEqualTo("Bob");
        }
    }

    @Test
    void modesDecideWhatHappensToPeopleAlreadyThere() {
        float[] old = e();
        float[] fresh = e();
        Path file = dir.resolve("export.json");
        try (Gallery src = open("src.db")) {
            src.enroll("Ann", List.of(old, fresh), null);
            GalleryTransfer.export(src, file);
        }
        try (Gallery g = open("merge.db")) {
            g.enroll("Ann", List.of(old), null);
            assertThat(GalleryTransfer.importFrom(g, file, GalleryTransfer.Mode.MERGE))
                    .isEqualTo(new GalleryTransfer.ImportResult(0, 1, 0, 1)); // the stored one is not duplicated
            assertThat(g.embeddings("Ann")).containsExactly(old, fresh);
        }
        try (Gallery g = open("replace.db")) {
            float[] other = e();
            g.enroll("Ann", List.of(other), null);
            GalleryTransfer.importFrom(g, file, GalleryTransfer.Mode.REPLACE);
            assertThat(g.embeddings("Ann")).containsExactly(old, fresh);
            assertThat(g.search(other, 1).getFirst().score()).isLessThan(0.99f);
        }
        try (Gallery g = open("skip.db")) {
            float[] other = e();
            g.enroll("Ann", List.of(other), null);
            assertThat(GalleryTransfer.importFrom(g, file, GalleryTransfer.Mode.SKIP))
                    .isEqualTo(new GalleryTransfer.ImportResult(0, 0, 1, 0));
            assertThat(g.embeddings("Ann")).containsExactly(other);
        }
    }

    @Test
    void aBadPersonLateInTheFileLeavesTheGalleryUntouched() throws IOException {
        Path file = dir.resolve("export.json");
        try (Gallery src = open("src.db")) {
            src.enroll("Ann", List.of(e()), null);
            src.enroll("Bob", List.of(e()), null);
            GalleryTransfer.export(src, file);
        }
        // Damage Bob's embedding (the second person): Ann must not be imported either.
        String json = Files.readString(file);
        int bob = json.indexOf("\"Bob\"");
        int vec = json.indexOf("\"vector\" : \"", bob) + 12;
        Files.writeString(file, json.substring(0, vec) + "AAAA" + json.substring(vec + 4));
        try (Gallery g = open("dst.db")) {
            assertThatThrownBy(() -> GalleryTransfer.importFrom(g, file, GalleryTransfer.Mode.MERGE))
                    .isInstanceOf(GalleryException.class)
                    .hasMessage("cannot import " + file + ": an embedding of Bob is not 16 finite values of unit length");
            assertThat(g.people()).isEmpty();
        }
    }

    @Test
    void filesOfAnotherModelOrFormatAreRefused() throws IOException {
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\":\"edge4j-face-gallery\",\"version\":1,\"embedding_model\":\"x\",\"dimension\":128,\"people\":[]}");
        Path notJson = dir.resolve("notes.json");
        Files.writeString(notJson, "hello");
        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, "{\"format\":\"something-else\",\"people\":[]}");
        try (Gallery g = open("g.db")) {
            assertThatThrownBy(() -> GalleryTransfer.importFrom(g, other, GalleryTransfer.Mode.MERGE))
                    .hasMessage("cannot import " + other + ": it holds embeddings of x (128 values), the gallery holds test-model (16)");
            assertThatThrownBy(() -> GalleryTransfer.importFrom(g, notJson, GalleryTransfer.Mode.MERGE))
                    .isInstanceOf(GalleryException.class).hasMessageStartingWith("cannot import " + notJson + ": it is not valid JSON");
            assertThatThrownBy(() -> GalleryTransfer.importFrom(g, wrong, GalleryTransfer.Mode.MERGE))
                    .hasMessage("cannot import " + wrong + ": it is not an Edge4j face gallery export (format \"something-else\")");
            assertThatThrownBy(() -> GalleryTransfer.importFrom(g, dir.resolve("none.json"), GalleryTransfer.Mode.MERGE))
                    .hasMessage("no gallery export at " + dir.resolve("none.json"));
        }
    }
}
