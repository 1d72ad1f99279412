package dev.edge4j.vision.gallery;

import dev.edge4j.core.Edge4jException;

/** The identity store cannot do what was asked: not a gallery, a different embedding model, a bad name. */
public class GalleryException extends Edge4jException {
    public GalleryException(String message) {
        super(message);
    }

    public GalleryException(String message, Throwable cause) {
        super(message, cause);
    }
}
