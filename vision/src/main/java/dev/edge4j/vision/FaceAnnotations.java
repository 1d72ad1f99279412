package dev.edge4j.vision;

import dev.edge4j.vision.face.Box;
import dev.edge4j.vision.face.Face;
import dev.edge4j.vision.face.Point;
import dev.edge4j.vision.image.Annotator;
import dev.edge4j.vision.image.Image;
import java.awt.Color;
import java.util.List;
import java.util.Locale;

/** Draws recognised faces onto a copy of their image: box, five landmarks, name and score. */
public final class FaceAnnotations {
    private static final Color KNOWN = new Color(40, 200, 80);
    private static final Color UNKNOWN = new Color(255, 150, 0);
    private static final Color SPOOF = new Color(220, 40, 40);
    private static final Color LANDMARK = new Color(0, 220, 255);

    private FaceAnnotations() {}

    public static Image draw(Image image, List<Recognition> faces) {
        Image out = image.copy();
        try (Annotator a = new Annotator(out)) {
            for (Recognition r : faces) {
                Face f = r.face();
                boolean spoof = f.liveness() != null && !f.liveness().live();
                Color c = spoof ? SPOOF : r.known() ? KNOWN : UNKNOWN;
                Box b = f.box();
                a.box(b.x1(), b.y1(), b.x2(), b.y2(), c);
                for (Point p : f.landmarks().five()) {
                    a.point(p.x(), p.y(), LANDMARK);
                }
                a.label(label(r), b.x1(), b.y1(), c);
            }
        }
        return out;
    }

    static String label(Recognition r) {
        StringBuilder s = new StringBuilder();
        if (r.known()) {
            s.append(r.name()).append(String.format(Locale.ROOT, " %.2f", r.score()));
        } else {
            s.append("unknown");
            if (!r.candidates().isEmpty()) {
                s.append(String.format(Locale.ROOT, " (%.2f)", r.score()));
            }
        }
        if (r.face().liveness() != null) {
            s.append(r.face().liveness().live() ? " live" : " SPOOF?");
        }
        return s.toString();
    }
}
