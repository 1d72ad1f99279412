package dev.edge4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Progress;
import dev.edge4j.vision.FaceAnnotations;
import dev.edge4j.vision.FaceRecognizer;
import dev.edge4j.vision.NoFaceException;
import dev.edge4j.vision.Recognition;
import dev.edge4j.vision.face.Face;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.face.Point;
import dev.edge4j.vision.gallery.Gallery;
import dev.edge4j.vision.gallery.GalleryTransfer;
import dev.edge4j.vision.gallery.Match;
import dev.edge4j.vision.gallery.Person;
import dev.edge4j.vision.image.DecodedImage;
import dev.edge4j.vision.image.ImageEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j face}: enrol people, recognise them in photos, verify, manage the identity store. */
@Command(name = "face",
        mixinStandardHelpOptions = true,
        description = {
            "Face recognition that never leaves the device: find faces, enrol people, recognise them.",
            "People are stored as face embeddings (no photos) in an SQLite file, by default",
            "$EDGE4J_HOME/faces/gallery.db. Try `edge4j face demo` first."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success (identify: someone was recognised; verify: same person)",
            "1:error (unreadable image, bad gallery, ...)",
            "2:wrong usage",
            "3:answer is no (identify: no face recognised; verify: different people; remove: no such person)",
            "4:no face found (where one was needed)"},
        subcommands = {
            FaceCommand.Enroll.class,
            FaceCommand.Identify.class,
            FaceCommand.Verify.class,
            FaceCommand.ListPeople.class,
            FaceCommand.Remove.class,
            FaceCommand.Export.class,
            FaceCommand.Import.class,
            FaceDemo.class,
            FaceBench.class,
            FaceEvaluate.class})
final class FaceCommand implements Runnable {
    static final int NO = 3;
    static final int NO_FACE = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static void print(Object json) throws IOException {
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    /** JSON for one face, in the coordinates of the full-size photo. */
    static ObjectNode faceJson(Recognition r, double scale) {
        Face f = r.face().scaled(scale);
        ObjectNode o = JSON.createObjectNode();
        o.putArray("box").add(f.box().x1()).add(f.box().y1()).add(f.box().x2()).add(f.box().y2());
        o.put("detection_score", f.detection().score());
        ArrayNode lm = o.putArray("landmarks");
        for (Point p : f.landmarks().five()) {
            lm.addArray().add(p.x()).add(p.y());
        }
        o.put("known", r.known());
        if (r.known()) {
            o.put("name", r.name());
        } else {
            o.putNull("name");
        }
        if (!r.candidates().isEmpty()) {
            o.put("similarity", r.score());
        }
        ArrayNode c = o.putArray("candidates");
        for (Match m : r.candidates()) {
            c.addObject().put("name", m.name()).put("similarity", m.score());
        }
        if (f.liveness() != null) {
            o.putObject("liveness").put("score", f.liveness().score()).put("live", f.liveness().live());
        }
        return o;
    }

    static String describe(Recognition r, double scale) {
        Face f = r.face().scaled(scale);
        String where = String.format(Locale.ROOT, "at %.0f,%.0f %.0fx%.0f", f.box().x1(), f.box().y1(),
                f.box().width(), f.box().height());
        String who;
        if (r.known()) {
            who = String.format(Locale.ROOT, "%s (similarity %.2f)", r.name(), r.score());
        } else if (r.candidates().isEmpty()) {
            who = "unknown (the gallery is empty)";
        } else {
            who = String.format(Locale.ROOT, "unknown (closest: %s, %.2f)", r.candidates().getFirst().name(), r.score());
        }
        String live = f.liveness() == null ? ""
                : String.format(Locale.ROOT, ", %s (liveness %.2f)", f.liveness().live() ? "live" : "SPOOF?", f.liveness().score());
        return who + " " + where + live;
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = {"Adds a person to the gallery from photos of them.",
                "Each photo must show one face, big and frontal enough; more photos give better",
                "recognition. All photos are stored together or not at all. Enrolling an existing",
                "name adds to their photos."})
    static final class Enroll implements Callable<Integer> {
        @Mixin
        FaceSession session;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The person's name.")
        String name;

        @Option(names = "--largest", description = "In a photo with several faces, take the largest.")
        boolean largest;

        @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Photos (JPEG, PNG or BMP).")
        List<Path> images;

        @Override
        public Integer call() throws IOException {
            String person = Gallery.checkName(name);
            // Read every photo before loading models: a bad file fails fast.
            List<DecodedImage> photos = new ArrayList<>();
            for (Path file : images) {
                photos.add(FaceSession.read(file));
            }
            List<Face> faces = new ArrayList<>();
            try (FacePipeline pipeline = session.openPipeline(false);
                    Gallery gallery = session.openGallery()) {
                FaceRecognizer rec = new FaceRecognizer(pipeline, gallery, session.threshold, false);
                try (Progress p = Progress.items("finding faces", images.size())) {
                    for (int i = 0; i < photos.size(); i++) {
                        faces.add(rec.enrolmentFace(photos.get(i).image(), images.get(i).toString(), largest));
                        p.add(1);
                    }
                } catch (NoFaceException e) {
                    System.err.println("edge4j: " + e.getMessage() + "; nobody was enrolled");
                    return NO_FACE;
                }
                Person stored = rec.enroll(person, faces, String.join(", ", FaceSession.names(images)));
                if (session.json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("name", stored.name()).put("added", faces.size()).put("embeddings", stored.embeddings())
                            .put("gallery", session.galleryFile().toString());
                    print(o);
                } else {
                    System.out.printf(Locale.ROOT, "enrolled %s: %d photo%s added, %d in all (%s)%n", stored.name(),
                            faces.size(), faces.size() == 1 ? "" : "s", stored.embeddings(), session.galleryFile());
                }
                return 0;
            }
        }
    }

    @Command(name = "identify", mixinStandardHelpOptions = true,
            description = {"Finds every face in the photos and says who each one is (or that it is unknown).",
                "Exit status 0 when at least one face was recognised, 3 when faces were found but none",
                "recognised, 4 when no photo had a face, 1 when a photo could not be read (the others",
                "are still reported)."})
    static final class Identify implements Callable<Integer> {
        @Mixin
        FaceSession session;

        @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Photos (JPEG, PNG or BMP).")
        List<Path> images;

        @Option(names = "--annotate", paramLabel = "DIR",
                description = "Write a copy of each photo with boxes, names and scores into DIR.")
        Path annotate;

        @Option(names = "--liveness", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Check each face for a live person (not a photo or screen). On by default.")
        boolean liveness;

        @Option(names = "--require-live", description = "Treat faces that fail the liveness check as unknown.")
        boolean requireLive;

        @Override
        public Integer call() throws IOException {
            if (requireLive && !liveness) {
                throw new InvalidInputException("--require-live needs the liveness check; drop --no-liveness");
            }
            if (annotate != null) {
                Files.createDirectories(annotate);
            }
            int facesFound = 0;
            int known = 0;
            int failed = 0;
            ArrayNode out = JSON.createArrayNode();
            try (FacePipeline pipeline = session.openPipeline(liveness);
                    Gallery gallery = session.openGallery();
                    Progress p = Progress.items("identifying", images.size())) {
                FaceRecognizer rec = new FaceRecognizer(pipeline, gallery, session.threshold, requireLive);
                for (Path file : images) {
                    DecodedImage img;
                    try {
                        img = FaceSession.read(file);
                    } catch (InvalidInputException | java.io.UncheckedIOException e) {
                        // One unreadable photo should not hide the answers for the others.
                        String why = ErrorHandler.message(e);
                        failed++;
                        if (session.json) {
                            out.addObject().put("file", file.toString()).put("error", why);
                        } else {
                            System.out.println(file + ": error: " + why);
                        }
                        p.add(1);
                        continue;
                    }
                    List<Recognition> faces = rec.identify(img.image());
                    facesFound += faces.size();
                    known += (int) faces.stream().filter(Recognition::known).count();
                    double scale = img.subsampling();
                    if (session.json) {
                        ObjectNode o = out.addObject();
                        o.put("file", file.toString()).put("width", img.fileWidth()).put("height", img.fileHeight());
                        ArrayNode arr = o.putArray("faces");
                        faces.forEach(r -> arr.add(faceJson(r, scale)));
                    } else {
                        System.out.println(file + ": " + faces.size() + (faces.size() == 1 ? " face" : " faces"));
                        for (Recognition r : faces) {
                            System.out.println("  " + describe(r, scale));
                        }
                    }
                    if (annotate != null) {
                        Path target = annotate.resolve(baseName(file) + ".jpg");
                        ImageEncoder.write(FaceAnnotations.draw(img.image(), faces), target);
                    }
                    p.add(1);
                }
            }
            if (session.json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("threshold", session.threshold);
                o.set("images", out);
                print(o);
            }
            if (failed > 0) {
                System.err.println("edge4j: " + failed + " of " + images.size() + " images could not be read");
                return ErrorHandler.FAILURE;
            }
            return facesFound == 0 ? NO_FACE : known == 0 ? NO : 0;
        }
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Says whether two photos show the same person (the largest face of each is compared).",
                "Exit status 0 for the same person, 3 for different people, 4 when a photo has no face.",
                "Needs no gallery."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        FaceSession session;

        @Parameters(paramLabel = "IMAGE", arity = "2", description = "Two photos.")
        List<Path> images;

        @Override
        public Integer call() throws IOException {
            Face[] faces = new Face[2];
            DecodedImage[] photos = {FaceSession.read(images.get(0)), FaceSession.read(images.get(1))};
            try (FacePipeline pipeline = session.openPipeline(false)) {
                FaceRecognizer rec = new FaceRecognizer(pipeline, null, session.threshold, false);
                for (int i = 0; i < 2; i++) {
                    List<Face> found = pipeline.analyze(photos[i].image());
                    if (found.isEmpty()) {
                        System.err.println("edge4j: no face found in " + images.get(i));
                        return NO_FACE;
                    }
                    faces[i] = found.stream().max(java.util.Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
                }
                FaceRecognizer.Verification v = rec.verify(faces[0], faces[1]);
                if (session.json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("same", v.same()).put("similarity", v.score()).put("threshold", session.threshold);
                    print(o);
                } else {
                    System.out.printf(Locale.ROOT, "%s (similarity %.2f, threshold %.2f)%n",
                            v.same() ? "same person" : "different people", v.score(), session.threshold);
                }
                return v.same() ? 0 : NO;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the people in the gallery.")
    static final class ListPeople implements Callable<Integer> {
        @Mixin
        FaceSession session;

        @Override
        public Integer call() throws IOException {
            try (Gallery gallery = session.openGallery()) {
                List<Person> people = gallery.people();
                if (session.json) {
                    ArrayNode arr = JSON.createArrayNode();
                    for (Person p : people) {
                        arr.addObject().put("name", p.name()).put("embeddings", p.embeddings())
                                .put("enrolled", p.enrolled().toString());
                    }
                    print(arr);
                } else {
                    for (Person p : people) {
                        System.out.printf(Locale.ROOT, "%-30s %3d photo%s  enrolled %s%n", p.name(), p.embeddings(),
                                p.embeddings() == 1 ? " " : "s", p.enrolled());
                    }
                    System.out.println(people.size() + (people.size() == 1 ? " person in " : " people in ") + session.galleryFile());
                }
                return 0;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a person and all their embeddings. Exit status 3 if there is no such person.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        FaceSession session;

        @Parameters(paramLabel = "NAME", description = "The person to remove.")
        String name;

        @Override
        public Integer call() throws IOException {
            try (Gallery gallery = session.openGallery()) {
                boolean removed = gallery.remove(name);
                if (session.json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("name", name.strip()).put("removed", removed);
                    print(o);
                } else {
                    System.out.println(removed ? "removed " + name.strip() : "no person called " + name.strip());
                }
                return removed ? 0 : NO;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the gallery to a JSON file: names and embeddings, no photos.",
                "Carry it to another device and `edge4j face import` it there."})
    static final class Export implements Callable<Integer> {
        @Mixin
        FaceSession session;

        @Parameters(paramLabel = "FILE", description = "The file to write.")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (Gallery gallery = session.openGallery()) {
                int n = GalleryTransfer.export(gallery, file);
                if (session.json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("file", file.toString()).put("people", n);
                    print(o);
                } else {
                    System.out.println(n + (n == 1 ? " person" : " people") + " written to " + file);
                }
                return 0;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Adds the people of an exported gallery file, all or nothing.")
    static final class Import implements Callable<Integer> {
        @Mixin
        FaceSession session;

        @Parameters(paramLabel = "FILE", description = "A file written by `edge4j face export`.")
        Path file;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "merge",
                description = "For people already in the gallery: merge (add their embeddings; default),"
                        + " replace, or skip.")
        String mode;

        @Override
        public Integer call() throws IOException {
            GalleryTransfer.Mode m;
            try {
                m = GalleryTransfer.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("no import mode called \"" + mode + "\"; choose merge, replace or skip");
            }
            try (Gallery gallery = session.openGallery()) {
                GalleryTransfer.ImportResult r = GalleryTransfer.importFrom(gallery, file, m);
                if (session.json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("added", r.added()).put("updated", r.updated()).put("skipped", r.skipped())
                            .put("embeddings", r.embeddings());
                    print(o);
                } else {
                    System.out.printf(Locale.ROOT, "%d added, %d updated, %d skipped (%d embeddings written)%n",
                            r.added(), r.updated(), r.skipped(), r.embeddings());
                }
                return 0;
            }
        }
    }
}
