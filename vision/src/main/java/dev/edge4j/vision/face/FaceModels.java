package dev.edge4j.vision.face;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.vision.runtime.ModelLoader;
import dev.edge4j.vision.runtime.ModelRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds the standard face pipeline from the catalog's models. */
public final class FaceModels {
    /** The detectors the catalog ships. */
    public enum DetectorKind {
        /** UltraFace-style, 320x240: good on group photos and at any distance. The default. */
        FR_DETECT("fr_detect"),
        /** BlazeFace front camera, 128x128: one or two faces close to the camera; fastest. */
        BLAZEFACE_FRONT("blazeface-front"),
        /** BlazeFace back camera, 256x256: faces further away. */
        BLAZEFACE_BACK("blazeface-back");

        private final String model;

        DetectorKind(String model) {
            this.model = model;
        }

        public String model() {
            return model;
        }

        /** The kind named like its catalog model ({@code fr_detect}, {@code blazeface-front}, ...). */
        public static DetectorKind named(String name) {
            for (DetectorKind k : values()) {
                if (k.model.equals(name) || k.name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            throw new InvalidInputException("no detector called \"" + name
                    + "\"; choose fr_detect, blazeface-front or blazeface-back");
        }
    }

    /** Where the five alignment points come from. */
    public enum LandmarkSource {
        /** The detector's own keypoints if it has them (BlazeFace), else BlazeFace keypoints on a crop. */
        AUTO,
        /** BlazeFace (front model) run on a crop around each face; {@code fr_landmark} when it finds none. */
        BLAZEFACE,
        /** The 68-point model {@code fr_landmark}. */
        FR_LANDMARK;

        public static LandmarkSource named(String name) {
            for (LandmarkSource s : values()) {
                if (s.name().equalsIgnoreCase(name.replace('-', '_'))) {
                    return s;
                }
            }
            throw new InvalidInputException("no landmark source called \"" + name + "\"; choose auto, blazeface or fr_landmark");
        }
    }

    /**
     * @param detector which detector finds the faces
     * @param landmarks where the alignment points come from
     * @param liveness true to check liveness with {@code fr_liveness}
     * @param minScore the detector's score threshold; NaN for its default
     * @param tiles also detect on a tiles x tiles grid, for crowds of small faces (1: off)
     */
    public record Settings(DetectorKind detector, LandmarkSource landmarks, boolean liveness, float minScore, int tiles) {
        public static final Settings DEFAULT = new Settings(DetectorKind.FR_DETECT, LandmarkSource.AUTO, false, Float.NaN, 1);

        public Settings withLiveness(boolean on) {
            return new Settings(detector, landmarks, on, minScore, tiles);
        }

        public Settings withDetector(DetectorKind kind) {
            return new Settings(kind, landmarks, liveness, minScore, tiles);
        }

        public Settings withLandmarks(LandmarkSource source) {
            return new Settings(detector, source, liveness, minScore, tiles);
        }

        public Settings withMinScore(float score) {
            return new Settings(detector, landmarks, liveness, score, tiles);
        }

        public Settings withTiles(int grid) {
            return new Settings(detector, landmarks, liveness, minScore, grid);
        }

        /** Catalog names of every model these settings need. */
        public List<String> models() {
            List<String> names = new ArrayList<>();
            names.add(detector.model());
            boolean blazeDetector = detector != DetectorKind.FR_DETECT;
            if (landmarks == LandmarkSource.BLAZEFACE || (landmarks == LandmarkSource.AUTO && !blazeDetector)) {
                if (!names.contains("blazeface-front")) {
                    names.add("blazeface-front");
                }
                names.add("fr_landmark");
            } else if (landmarks == LandmarkSource.FR_LANDMARK) {
                names.add("fr_landmark");
            }
            names.add("fr_feature");
            if (liveness) {
                names.add("fr_liveness");
            }
            return names;
        }
    }

    /** BlazeFace settings for finding keypoints on a crop known to hold a face. */
    private static final BlazeFaceDetector.Options KEYPOINT_SEARCH = new BlazeFaceDetector.Options(0.3f, 0.3f, 10);

    /** Most faces one image reports. */
    static final int MAX_FACES = 200;

    private FaceModels() {}

    /**
     * The pipeline, loading each model with {@code loader} from the file {@code files} gives for
     * its catalog name (e.g. {@code ModelStore::require}).
     */
    public static FacePipeline open(ModelLoader loader, Function<String, Path> files, Settings s) {
        List<ModelRunner> opened = new ArrayList<>();
        try {
            FaceDetector detector = switch (s.detector()) {
                case FR_DETECT -> {
                    UltraFaceDetector.Options o = UltraFaceDetector.Options.DEFAULT;
                    if (!Float.isNaN(s.minScore())) {
                        o = o.withMinScore(s.minScore());
                    }
                    yield new UltraFaceDetector(load(loader, files, "fr_detect", opened), o);
                }
                case BLAZEFACE_FRONT, BLAZEFACE_BACK -> {
                    BlazeFaceDetector.Variant v = s.detector() == DetectorKind.BLAZEFACE_FRONT
                            ? BlazeFaceDetector.Variant.FRONT : BlazeFaceDetector.Variant.BACK;
                    BlazeFaceDetector.Options o = BlazeFaceDetector.Options.DEFAULT;
                    if (!Float.isNaN(s.minScore())) {
                        o = new BlazeFaceDetector.Options(s.minScore(), o.nmsIou(), o.maxFaces());
                    }
                    yield new BlazeFaceDetector(load(loader, files, v.model(), opened), v, o);
                }
            };
            if (s.tiles() > 1) {
                detector = new TiledDetector(detector, s.tiles(), MAX_FACES);
            }
            boolean blazeDetector = s.detector() != DetectorKind.FR_DETECT;
            FaceLandmarker landmarker = switch (s.landmarks()) {
                case FR_LANDMARK -> new Landmark68(load(loader, files, "fr_landmark", opened));
                case AUTO, BLAZEFACE -> {
                    if (s.landmarks() == LandmarkSource.AUTO && blazeDetector) {
                        yield new DetectorKeypoints();
                    }
                    ModelRunner front = load(loader, files, "blazeface-front", opened);
                    FaceLandmarker fallback = new Landmark68(load(loader, files, "fr_landmark", opened));
                    yield new BlazeFaceKeypoints(
                            new BlazeFaceDetector(front, BlazeFaceDetector.Variant.FRONT, KEYPOINT_SEARCH), fallback);
                }
            };
            FaceEmbedder embedder = new FaceEmbedder(load(loader, files, "fr_feature", opened));
            LivenessChecker live = s.liveness() ? new LivenessChecker(load(loader, files, "fr_liveness", opened)) : null;
            return new FacePipeline(detector, landmarker, embedder, live, opened);
        } catch (RuntimeException e) {
            for (ModelRunner r : opened) {
                try {
                    r.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static ModelRunner load(ModelLoader loader, Function<String, Path> files, String name, List<ModelRunner> opened) {
        ModelRunner r = loader.load(files.apply(name));
        opened.add(r);
        return r;
    }
}
