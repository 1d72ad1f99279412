package dev.edge4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.face.FaceEmbedder;
import dev.edge4j.vision.gallery.Gallery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edge4j face} commands that need no model. */
class FaceCommandTest {
    @TempDir
    Path dir;

    String gallery() {
        return dir.resolve("g.db").toString();
    }

    static float[] unit(long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[FaceEmbedder.DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return FaceEmbedder.normalize(v);
    }

    void seed(String... names) {
        try (Gallery g = Gallery.open(dir.resolve("g.db"), FaceSession.EMBEDDING_MODEL, FaceEmbedder.DIMENSION)) {
            for (int i = 0; i < names.length; i++) {
                g.enroll(names[i], List.of(unit(i), unit(100 + i)), "test");
            }
        }
    }

    @Test
    void helpNamesTheSubcommandsAndTheExitStatuses() {
        CliRunner.Run r = CliRunner.run("face", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("enroll", "identify", "verify", "list", "remove", "export", "import", "demo")
                .contains("3   answer is no").contains("4   no face found");
        assertThat(CliRunner.run("--help").out()).contains("face");
    }

    @Test
    void listShowsThePeople() {
        seed("Ann", "Bob");
        CliRunner.Run r = CliRunner.run("face", "list", "--gallery", gallery());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Ann", "Bob", "2 people in " + gallery());
        CliRunner.Run json = CliRunner.run("face", "list", "--gallery", gallery(), "--json");
        assertThat(json.out()).contains("\"name\" : \"Ann\"", "\"embeddings\" : 2");
    }

    @Test
    void removeSaysWhetherThePersonWasThere() {
        seed("Ann");
        CliRunner.Run r = CliRunner.run("face", "remove", "Ann", "--gallery", gallery());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("removed Ann");
        CliRunner.Run again = CliRunner.run("face", "remove", "Ann", "--gallery", gallery(), "--json");
        assertThat(again.status()).isEqualTo(3);
        assertThat(again.out()).contains("\"removed\" : false");
    }

    @Test
    void exportAndImportCarryTheGallery() {
        seed("Ann", "Bob");
        Path file = dir.resolve("faces.json");
        assertThat(CliRunner.run("face", "export", file.toString(), "--gallery", gallery()).out())
                .contains("2 people written to " + file);
        String other = dir.resolve("other.db").toString();
        CliRunner.Run r = CliRunner.run("face", "import", file.toString(), "--gallery", other);
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("2 added, 0 updated, 0 skipped (4 embeddings written)");
        assertThat(CliRunner.run("face", "list", "--gallery", other).out()).contains("Ann", "Bob");
        CliRunner.Run bad = CliRunner.run("face", "import", file.toString(), "--gallery", other, "--mode", "overwrite");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("edge4j: no import mode called \"overwrite\"; choose merge, replace or skip");
    }

    @Test
    void aFileThatIsNotAGalleryIsOneSentence() throws IOException {
        Path notDb = dir.resolve("notes.txt");
        Files.writeString(notDb, "shopping list: milk, eggs, bread, and a few more things to be long enough".repeat(10));
        CliRunner.Run r = CliRunner.run("face", "list", "--gallery", notDb.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("edge4j: " + notDb + " is not a face gallery (not an SQLite database, or damaged)");
    }

    @Test
    void badImagesFailBeforeAnyModelIsLoaded() throws IOException {
        Path text = dir.resolve("photo.jpg");
        Files.writeString(text, "not a photo");
        CliRunner.Run r = CliRunner.run("face", "enroll", "--name", "Ann", text.toString(), "--gallery", gallery());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("edge4j: " + text + " is not a JPEG, PNG or BMP image");
        CliRunner.Run missing = CliRunner.run("face", "verify", dir.resolve("a.jpg").toString(), text.toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("edge4j: no such file: " + dir.resolve("a.jpg"));
    }

    @Test
    void badNamesAndSettingsAreOneSentence() {
        CliRunner.Run r = CliRunner.run("face", "enroll", "--name", " ", "x.jpg", "--gallery", gallery());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("edge4j: a person's name cannot be empty");
        CliRunner.Run usage = CliRunner.run("face", "verify", "only-one.jpg");
        assertThat(usage.status()).isEqualTo(2);
    }
}
