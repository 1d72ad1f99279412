package dev.edge4j.vision.face;

import java.util.List;

/**
 * The five points alignment uses, in image coordinates and in the ArcFace order: the eye on the
 * image's left, the eye on the image's right, the nose tip, the mouth corner on the left, the
 * mouth corner on the right. {@code detail} holds every point the landmark model gave (68 for
 * {@code fr_landmark}), or is empty.
 */
public record FaceLandmarks(List<Point> five, List<Point> detail) {
    public FaceLandmarks {
        if (five.size() != 5) {
            throw new IllegalArgumentException("five landmarks expected, got " + five.size());
        }
        five = List.copyOf(five);
        detail = List.copyOf(detail);
    }

    public Point leftEye() {
        return five.get(0);
    }

    public Point rightEye() {
        return five.get(1);
    }

    public Point nose() {
        return five.get(2);
    }

    public FaceLandmarks scaled(double factor) {
        return new FaceLandmarks(five.stream().map(p -> p.scaled(factor)).toList(),
                detail.stream().map(p -> p.scaled(factor)).toList());
    }
}
