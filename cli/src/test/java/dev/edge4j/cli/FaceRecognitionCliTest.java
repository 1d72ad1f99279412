package dev.edge4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edge4j.core.testing.TestModels;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageDecoder;
import dev.edge4j.vision.image.ImageEncoder;
import dev.edge4j.vision.image.Resampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The face commands end to end on the sample photos, models run by ONNX Runtime (the engine is
 * chosen with the hidden --engine option).
 */
@Tag("realmodel")
class FaceRecognitionCliTest {
    @TempDir
    static Path dir;

    static Path blonde; // photo 3's middle face, cropped: the same woman as photo 1's right face
    static Path redDress; // photo 5's top face, cropped
    static Path sample1;
    static Path sample3;

    @BeforeAll
    static void photos() {
        sample1 = TestModels.get("face-sample-1");
        sample3 = TestModels.get("face-sample-3");
        blonde = crop(sample3, 1189, 356, "blonde.png");
        redDress = crop(TestModels.get("face-sample-5"), 873, 216, "red-dress.jpg");
    }

    static Path crop(Path photo, int cx, int cy, String name) {
        Image img = new ImageDecoder().read(photo).image();
        Image c = Resampler.resample(img, cx - 250, cy - 250, 500, 500, 500, 500, 0, 0, 0);
        Path out = dir.resolve(name);
        ImageEncoder.write(c, out);
        return out;
    }

    static CliRunner.Run face(String... args) {
        List<String> all = new ArrayList<>(List.of("face"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--engine", "onnxruntime", "--threads", "2"));
        return CliRunner.run(all.toArray(String[]::new));
    }

    @Test
    void enrolThenIdentifyInAnotherPhoto() throws Exception {
        String g = dir.resolve("enrol.db").toString();
        CliRunner.Run enrol = face("enroll", "--name", "Blonde", blonde.toString(), "--gallery", g);
        assertThat(enrol.status()).as(enrol.err()).isZero();
        assertThat(enrol.out()).contains("enrolled Blonde: 1 photo added, 1 in all");

        CliRunner.Run id = face("identify", sample1.toString(), "--gallery", g, "--json", "--annotate", dir.resolve("out").toString());
        assertThat(id.status()).as(id.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(id.out());
        JsonNode faces = json.path("images").get(0).path("faces");
        assertThat(faces).hasSize(3);
        List<String> names = new ArrayList<>();
        for (JsonNode f : faces) {
            names.add(f.path("name").isNull() ? null : f.path("name").asText());
            assertThat(f.path("box")).hasSize(4);
            assertThat(f.path("landmarks")).hasSize(5);
            assertThat(f.path("liveness").path("score").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(names).containsExactlyInAnyOrder("Blonde", null, null);
        JsonNode known = faces.findParents("known").stream().filter(f -> f.path("known").asBoolean()).findFirst().orElseThrow();
        assertThat(known.path("box").get(0).asDouble()).isBetween(1450.0, 1600.0); // photo 1's right face
        assertThat(Files.size(dir.resolve("out/sample1.jpg"))).isGreaterThan(10_000);

        CliRunner.Run stranger = face("identify", redDress.toString(), "--gallery", g);
        assertThat(stranger.status()).isEqualTo(3);
        assertThat(stranger.out()).contains("1 face", "unknown (closest: Blonde");
    }

    @Test
    void verifySaysSameOrDifferent() {
        // The largest face of photo 1 is the blonde woman (on the right, 223x227 pixels).
        CliRunner.Run same = face("verify", blonde.toString(), sample1.toString());
        assertThat(same.status()).as(same.out()).isZero();
        assertThat(same.out()).startsWith("same person (similarity 0.");
        Path blonde1 = crop(sample1, 1582, 319, "blonde1.png");
        CliRunner.Run really = face("verify", blonde.toString(), blonde1.toString(), "--json");
        assertThat(really.status()).as(really.err()).isZero();
        assertThat(really.out()).contains("\"same\" : true");
        CliRunner.Run other = face("verify", blonde.toString(), redDress.toString());
        assertThat(other.status()).isEqualTo(3);
        assertThat(other.out()).startsWith("different people (similarity ");
    }

    @Test
    void noFaceAndSeveralFacesAreClearAnswers() throws Exception {
        Path wall = dir.resolve("wall.png");
        ImageEncoder.write(Image.filled(640, 480, 200, 200, 190), wall);
        String g = dir.resolve("nobody.db").toString();
        CliRunner.Run none = face("identify", wall.toString(), "--gallery", g);
        assertThat(none.status()).isEqualTo(4);
        assertThat(none.out()).contains(wall + ": 0 faces");
        CliRunner.Run enrolNone = face("enroll", "--name", "X", wall.toString(), "--gallery", g);
        assertThat(enrolNone.status()).isEqualTo(4);
        assertThat(enrolNone.err().strip()).isEqualTo("edge4j: no face found in " + wall + "; nobody was enrolled");
        CliRunner.Run group = face("enroll", "--name", "X", sample1.toString(), "--gallery", g);
        assertThat(group.status()).isEqualTo(1);
        assertThat(group.err().strip()).isEqualTo("edge4j: " + sample1
                + " shows 3 faces; enrol from a photo of one person, or take the largest face (--largest)");
        assertThat(face("list", "--gallery", g).out()).contains("0 people");
        CliRunner.Run largest = face("enroll", "--name", "X", sample1.toString(), "--largest", "--gallery", g);
        assertThat(largest.status()).as(largest.err()).isZero();
    }

    @Test
    void identifyReportsAnUnreadablePhotoAndCarriesOn() throws Exception {
        Path cut = dir.resolve("cut.jpg");
        byte[] jpeg = Files.readAllBytes(sample3);
        Files.write(cut, Arrays.copyOf(jpeg, jpeg.length / 3));
        CliRunner.Run r = face("identify", cut.toString(), blonde.toString(), "--gallery", dir.resolve("cut.db").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains(cut + ": error: " + cut + " is truncated").contains(blonde + ": 1 face");
        assertThat(r.err()).contains("edge4j: 1 of 2 images could not be read");
    }

    @Test
    void theDemoFindsTheBlondeWomanAgain() throws Exception {
        Path out = dir.resolve("demo");
        CliRunner.Run r = face("demo", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("enrolled 3 people from sample1.jpg")
                .contains("sample1.jpg: 3 faces, recognised")
                .containsPattern("sample3.jpg: 3 faces, recognised person-3 \\(0\\.\\d\\d\\)");
        for (int i = 1; i <= 6; i++) {
            assertThat(out.resolve("demo-sample" + i + ".jpg")).exists();
        }
    }
}
