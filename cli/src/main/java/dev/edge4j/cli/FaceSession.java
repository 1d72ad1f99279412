package dev.edge4j.cli;

import dev.edge4j.core.Edge4jHome;
import dev.edge4j.core.Progress;
import dev.edge4j.core.models.ModelStore;
import dev.edge4j.vision.FaceRecognizer;
import dev.edge4j.vision.face.FaceEmbedder;
import dev.edge4j.vision.face.FaceModels;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.gallery.Gallery;
import dev.edge4j.vision.image.DecodedImage;
import dev.edge4j.vision.image.ImageDecoder;
import dev.edge4j.vision.runtime.Engines;
import dev.edge4j.vision.runtime.ModelLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every {@code edge4j face} command shares, and what they open: models, gallery, images. */
final class FaceSession {
    /** The embedding model a gallery is tied to. */
    static final String EMBEDDING_MODEL = "fr_feature";

    @Option(names = "--gallery", paramLabel = "FILE",
            description = "Identity store (SQLite file). Default: $EDGE4J_HOME/faces/gallery.db.")
    Path gallery;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "${env:EDGE4J_FACE_THRESHOLD:-"
            + FaceRecognizer.DEFAULT_THRESHOLD + "}",
            description = "Cosine similarity a face needs to count as a person (default ${DEFAULT-VALUE};"
                    + " env EDGE4J_FACE_THRESHOLD). Higher: fewer false matches, more misses.")
    float threshold;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "fr_detect",
            description = "Face detector: fr_detect (default; any distance), blazeface-front (close-ups, fastest)"
                    + " or blazeface-back.")
    String detector;

    @Option(names = "--landmarks", paramLabel = "SOURCE", defaultValue = "auto",
            description = "Alignment points: auto (default), blazeface or fr_landmark.")
    String landmarks;

    @Option(names = "--tiles", paramLabel = "N", defaultValue = "1",
            description = "For crowds of small faces: also search an N x N grid of tiles (2 or 3; slower).")
    int tiles;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the models (default: physical cores).")
    Integer threads;

    @Option(names = "--engine", paramLabel = "NAME", hidden = true,
            description = "Engine that runs the models (default edge4j).")
    String engine;

    @Option(names = "--json", description = "Print JSON for scripts instead of text.")
    boolean json;

    Path galleryFile() {
        return gallery != null ? gallery : Edge4jHome.get().resolve("faces").resolve("gallery.db");
    }

    Gallery openGallery() {
        return Gallery.open(galleryFile(), EMBEDDING_MODEL, FaceEmbedder.DIMENSION);
    }

    FaceModels.Settings settings(boolean liveness) {
        if (tiles < 1 || tiles > 4) {
            throw new dev.edge4j.core.InvalidInputException("--tiles must be 1 to 4, got " + tiles);
        }
        return FaceModels.Settings.DEFAULT
                .withDetector(FaceModels.DetectorKind.named(detector))
                .withLandmarks(FaceModels.LandmarkSource.named(landmarks))
                .withLiveness(liveness)
                .withTiles(tiles);
    }

    /** Fetches (if needed) and loads the models; a bar shows when that takes a while. */
    FacePipeline openPipeline(boolean liveness) {
        FaceModels.Settings s = settings(liveness);
        ModelStore store = ModelStore.open();
        int n = threads != null ? threads : dev.edge4j.core.Parallel.physicalCores();
        ModelLoader loader = engine != null ? Engines.loader(engine, n) : Engines.loader(n);
        try (Progress p = Progress.items("loading face models", s.models().size())) {
            return FaceModels.open(loader, name -> fetch(store, name, p), s);
        }
    }

    private static Path fetch(ModelStore store, String name, Progress p) {
        try {
            Path path = store.fetch(name);
            p.add(1);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final ImageDecoder DECODER = new ImageDecoder();

    static DecodedImage read(Path file) {
        return DECODER.read(file);
    }

    static List<String> names(List<Path> files) {
        return files.stream().map(Path::toString).toList();
    }
}
