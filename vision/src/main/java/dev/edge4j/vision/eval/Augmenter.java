package dev.edge4j.vision.eval;

import dev.edge4j.vision.face.Box;
import dev.edge4j.vision.face.Point;
import dev.edge4j.vision.image.AffineWarp;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageDecoder;
import dev.edge4j.vision.image.ImageEncoder;

/** Makes the augmented copy of a face described by an {@link Augmentation}. */
public final class Augmenter {
    private static final ImageDecoder DECODER = new ImageDecoder();

    /** The new photo, and where the face's centre and size should be found in it. */
    public record Augmented(Image image, Point faceCenter, float faceSize) {}

    private Augmenter() {}

    public static Augmented apply(Image photo, Box face, Augmentation a) {
        double size = Math.max(face.width(), face.height());
        double win = size * a.window();
        // The crop centre, moved to keep the crop inside the photo where possible (no black borders).
        double cx = face.centerX() + a.shiftX() * size;
        double cy = face.centerY() + a.shiftY() * size;
        cx = clampInside(cx, win, photo.width());
        cy = clampInside(cy, win, photo.height());
        int out = Math.max(16, (int) Math.round(win * a.faceScale()));
        double s = out / win; // output pixels per source pixel
        double rad = Math.toRadians(a.rotation());
        double cos = Math.cos(rad);
        double sin = Math.sin(rad);
        // Output (x, y) -> source: centre, rotate, scale, then to the crop centre in the photo.
        double half = out / 2.0;
        double[] m = {
            cos / s, sin / s, cx - (cos * half + sin * half) / s,
            -sin / s, cos / s, cy - (-sin * half + cos * half) / s};
        Image warped = AffineWarp.warp(photo, m, out, out);
        light(warped, a.contrast(), a.brightness());
        byte[] jpeg = ImageEncoder.jpeg(warped, a.jpegQuality() / 100f);
        Image decoded = DECODER.read(jpeg, "augmented copy").image();
        // Where the face centre lands: invert the map above.
        double dx = face.centerX() - cx;
        double dy = face.centerY() - cy;
        float ox = (float) (half + s * (cos * dx - sin * dy));
        float oy = (float) (half + s * (sin * dx + cos * dy));
        return new Augmented(decoded, new Point(ox, oy), (float) (size * s));
    }

    private static double clampInside(double center, double window, int extent) {
        if (window >= extent) {
            return extent / 2.0;
        }
        return Math.clamp(center, window / 2, extent - window / 2);
    }

    private static void light(Image img, double contrast, double brightness) {
        byte[] px = img.bgr();
        for (int i = 0; i < px.length; i++) {
            double v = ((px[i] & 0xFF) - 128) * contrast + 128 + brightness;
            px[i] = (byte) Math.clamp(Math.round(v), 0, 255);
        }
    }
}
