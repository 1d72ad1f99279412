package dev.edge4j.vision.face;

import dev.edge4j.vision.image.Image;

/** Locates the five alignment points of a detected face. */
public interface FaceLandmarker {
    FaceLandmarks locate(Image image, Detection face);
}
