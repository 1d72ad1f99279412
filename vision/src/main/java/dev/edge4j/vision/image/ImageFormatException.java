package dev.edge4j.vision.image;

import dev.edge4j.core.InvalidInputException;

/** A file given as an image is not one Edge4j can read: not an image, truncated, damaged or too large. */
public class ImageFormatException extends InvalidInputException {
    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
