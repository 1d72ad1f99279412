package dev.edge4j.vision.face;

/** A point in image coordinates (continuous: pixel i covers [i, i+1)). */
public record Point(float x, float y) {
    public Point scaled(double factor) {
        return new Point((float) (x * factor), (float) (y * factor));
    }

    static Point midpoint(Point a, Point b) {
        return new Point((a.x + b.x) / 2, (a.y + b.y) / 2);
    }
}
