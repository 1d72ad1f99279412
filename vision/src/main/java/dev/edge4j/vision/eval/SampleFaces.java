package dev.edge4j.vision.eval;

import dev.edge4j.vision.face.Detection;
import dev.edge4j.vision.face.FaceDetector;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The evaluation set: every face of the six sample group photos of the catalog
 * ({@code face-sample-1} .. {@code face-sample-6}), 22 faces in all. The photos carry no names;
 * each face counts as its own person except two women who appear in two photos each (found by
 * looking at the photos, and listed below by where their faces are).
 */
public final class SampleFaces {
    public static final int PHOTOS = 6;

    /** A face in one photo that shows the same person as a face in another photo. */
    private record SamePerson(int photoA, int xA, int yA, int photoB, int xB, int yB) {}

    private static final List<SamePerson> SAME_PERSON = List.of(
            // Blonde woman: on the right in photo 1, in the middle of photo 3.
            new SamePerson(1, 1582, 319, 3, 1189, 356),
            // Dark-haired woman: in the middle of photo 1 (heavy make-up), on the left in photo 4.
            // Not certain, but too alike to count as two different people.
            new SamePerson(1, 930, 539, 4, 348, 312));

    private SampleFaces() {}

    /**
     * Detects the faces of the sample photos; {@code files} gives the file of a catalog name.
     * Faces are named {@code sampleN#K}, K counting from the left.
     */
    public static List<EvaluationFace> load(FaceDetector detector, Function<String, Path> files) {
        ImageDecoder decoder = new ImageDecoder();
        List<EvaluationFace> faces = new ArrayList<>();
        for (int i = 1; i <= PHOTOS; i++) {
            Image photo = decoder.read(files.apply("face-sample-" + i)).image();
            List<Detection> found = new ArrayList<>(detector.detect(photo));
            found.sort(Comparator.comparingDouble(d -> d.box().centerX()));
            for (int k = 0; k < found.size(); k++) {
                faces.add(new EvaluationFace("sample" + i + "#" + (k + 1), null, photo, found.get(k)));
            }
        }
        List<EvaluationFace> labelled = new ArrayList<>();
        for (EvaluationFace f : faces) {
            labelled.add(new EvaluationFace(f.id(), identity(f, faces), f.photo(), f.detection()));
        }
        return labelled;
    }

    /** The id of the first face of this person: its own id unless it is the second photo of someone. */
    private static String identity(EvaluationFace f, List<EvaluationFace> all) {
        for (SamePerson s : SAME_PERSON) {
            if (at(f, s.photoB(), s.xB(), s.yB())) {
                for (EvaluationFace o : all) {
                    if (at(o, s.photoA(), s.xA(), s.yA())) {
                        return o.id();
                    }
                }
            }
        }
        return f.id();
    }

    private static boolean at(EvaluationFace f, int photo, int x, int y) {
        var b = f.detection().box();
        return f.id().startsWith("sample" + photo + "#") && x >= b.x1() && x <= b.x2() && y >= b.y1() && y <= b.y2();
    }
}
