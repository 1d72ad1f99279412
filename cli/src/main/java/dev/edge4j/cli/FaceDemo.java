package dev.edge4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edge4j.core.Progress;
import dev.edge4j.core.models.ModelStore;
import dev.edge4j.vision.FaceAnnotations;
import dev.edge4j.vision.FaceRecognizer;
import dev.edge4j.vision.Recognition;
import dev.edge4j.vision.face.Face;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.face.FaceQuality;
import dev.edge4j.vision.gallery.Gallery;
import dev.edge4j.vision.image.DecodedImage;
import dev.edge4j.vision.image.ImageEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edge4j face demo}: enrols the people of the first sample photo, looks for them in the
 * other five, and writes the six photos annotated.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A tour: finds the people of one sample photo in five others.",
            "Enrols everyone in the first of six sample group photos from the catalog (person-1,",
            "person-2, ... from left to right), looks for them in the other five, and writes the",
            "photos with boxes and names into --out. Uses its own gallery in --out, never yours;",
            "--gallery is ignored."})
final class FaceDemo implements Callable<Integer> {
    static final int PHOTOS = 6;

    @Mixin
    FaceSession session;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "face-demo",
            description = "Folder for the annotated photos and the demo's gallery (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        Path galleryFile = out.resolve("demo-gallery.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(out.resolve("demo-gallery.db" + suffix));
        }
        session.gallery = galleryFile;
        ModelStore store = ModelStore.open();
        List<Path> photos = new ArrayList<>();
        for (int i = 1; i <= PHOTOS; i++) {
            photos.add(store.fetch("face-sample-" + i));
        }
        ObjectNode json = FaceCommand.JSON.createObjectNode();
        try (FacePipeline pipeline = session.openPipeline(true);
                Gallery gallery = session.openGallery();
                Progress p = Progress.items("recognising", PHOTOS)) {
            FaceRecognizer rec = new FaceRecognizer(pipeline, gallery, session.threshold, false);

            // Enrol everyone of the first photo, left to right.
            DecodedImage first = FaceSession.read(photos.getFirst());
            List<Face> faces = new ArrayList<>(pipeline.analyze(first.image()));
            faces.sort(Comparator.comparingDouble(f -> f.box().centerX()));
            ArrayNode enrolled = json.putArray("enrolled");
            int n = 0;
            for (Face f : faces) {
                String name = "person-" + (++n);
                String problem = FaceQuality.of(f.landmarks()).enrolProblem();
                if (problem != null) {
                    say("not enrolling " + name + ": " + problem);
                    continue;
                }
                rec.enroll(name, List.of(f), photos.getFirst().getFileName().toString());
                enrolled.add(name);
            }
            say("enrolled " + enrolled.size() + " people from " + photos.getFirst().getFileName() + " (left to right)");

            ArrayNode results = json.putArray("photos");
            for (Path photo : photos) {
                DecodedImage img = FaceSession.read(photo);
                List<Recognition> found = rec.identify(img.image());
                ObjectNode o = results.addObject();
                o.put("file", photo.getFileName().toString());
                ArrayNode arr = o.putArray("faces");
                found.forEach(r -> arr.add(FaceCommand.faceJson(r, img.subsampling())));
                String names = String.join(", ", found.stream().filter(Recognition::known)
                        .map(r -> String.format(Locale.ROOT, "%s (%.2f)", r.name(), r.score())).toList());
                say(String.format(Locale.ROOT, "%s: %d faces, %s", photo.getFileName(), found.size(),
                        names.isEmpty() ? "nobody recognised" : "recognised " + names));
                Path target = out.resolve("demo-" + FaceCommand.baseName(photo) + ".jpg");
                ImageEncoder.write(FaceAnnotations.draw(img.image(), found), target);
                p.add(1);
            }
        }
        json.put("out", out.toString());
        if (session.json) {
            FaceCommand.print(json);
        } else {
            System.out.println("annotated photos written to " + out);
        }
        return 0;
    }

    private void say(String line) {
        if (!session.json) {
            System.out.println(line);
        }
    }
}
