package dev.edge4j.vision.face;

import dev.edge4j.vision.image.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a detector on the whole image and again on an overlapping grid of tiles, for crowds: a
 * detector with a small input (320x240) sees a face 40 pixels tall in a 1920-pixel group photo as
 * 7 pixels, too small to find; on a 3x3 grid of tiles it is three times larger. Faces that a tile
 * cuts off at an inner edge are left to the neighbouring tile (or the whole-image pass) that
 * holds them entirely; then overlapping boxes are merged.
 */
public final class TiledDetector implements FaceDetector {
    private static final double OVERLAP = 0.25;
    private static final float MERGE_IOU = 0.4f;
    private static final float MERGE_CONTAINMENT = 0.6f;

    private final FaceDetector inner;
    private final int grid;
    private final int maxFaces;

    /** @param grid tiles per side (2 or 3 are sensible); 1 is the plain detector */
    public TiledDetector(FaceDetector inner, int grid, int maxFaces) {
        if (grid < 1 || grid > 8) {
            throw new IllegalArgumentException("tiles per side must be 1..8, got " + grid);
        }
        this.inner = inner;
        this.grid = grid;
        this.maxFaces = maxFaces;
    }

    @Override
    public String name() {
        return inner.name() + " (" + grid + "x" + grid + " tiles)";
    }

    @Override
    public List<Detection> detect(Image image) {
        List<Detection> all = new ArrayList<>(inner.detect(image));
        if (grid > 1) {
            int w = image.width();
            int h = image.height();
            double tw = w / (grid - (grid - 1) * OVERLAP);
            double th = h / (grid - (grid - 1) * OVERLAP);
            int iw = (int) Math.ceil(tw);
            int ih = (int) Math.ceil(th);
            for (int ty = 0; ty < grid; ty++) {
                for (int tx = 0; tx < grid; tx++) {
                    int x0 = (int) Math.min(w - iw, Math.round(tx * tw * (1 - OVERLAP)));
                    int y0 = (int) Math.min(h - ih, Math.round(ty * th * (1 - OVERLAP)));
                    Image tile = crop(image, x0, y0, Math.min(iw, w), Math.min(ih, h));
                    for (Detection d : inner.detect(tile)) {
                        Box b = d.box();
                        boolean cutLeft = tx > 0 && b.x1() <= 1;
                        boolean cutTop = ty > 0 && b.y1() <= 1;
                        boolean cutRight = tx < grid - 1 && b.x2() >= tile.width() - 1;
                        boolean cutBottom = ty < grid - 1 && b.y2() >= tile.height() - 1;
                        if (cutLeft || cutTop || cutRight || cutBottom) {
                            continue;
                        }
                        all.add(shift(d, x0, y0));
                    }
                }
            }
        }
        return Nms.hard(all, MERGE_IOU, MERGE_CONTAINMENT, maxFaces);
    }

    private static Image crop(Image src, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src.bgr(), ((y0 + y) * src.width() + x0) * 3, out, y * w * 3, w * 3);
        }
        return new Image(w, h, out);
    }

    private static Detection shift(Detection d, float dx, float dy) {
        Box b = d.box();
        List<Point> kps = d.keypoints().stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList();
        return new Detection(new Box(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy), d.score(), kps);
    }
}
