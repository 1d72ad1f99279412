package dev.edge4j.vision.face;

/** An axis-aligned box in image coordinates: left, top, right, bottom. */
public record Box(float x1, float y1, float x2, float y2) {
    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    public float centerX() {
        return (x1 + x2) / 2;
    }

    public float centerY() {
        return (y1 + y2) / 2;
    }

    /** Intersection over union; 0 for boxes that do not overlap. */
    public float iou(Box o) {
        float iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        float ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        float inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }

    /** Intersection over the smaller box's area: 1 when one box lies inside the other. */
    public float containment(Box o) {
        float iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        float ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        return iw * ih / Math.min(area(), o.area());
    }

    /** The square of side {@code max(width, height) * factor} around the same centre. */
    public Box square(double factor) {
        double side = Math.max(width(), height()) * factor;
        double cx = centerX();
        double cy = centerY();
        return new Box((float) (cx - side / 2), (float) (cy - side / 2), (float) (cx + side / 2), (float) (cy + side / 2));
    }

    /** This box clipped to an image of the given size. */
    public Box clip(int width, int height) {
        return new Box(Math.clamp(x1, 0, width), Math.clamp(y1, 0, height), Math.clamp(x2, 0, width), Math.clamp(y2, 0, height));
    }

    public Box scaled(double factor) {
        return new Box((float) (x1 * factor), (float) (y1 * factor), (float) (x2 * factor), (float) (y2 * factor));
    }
}
