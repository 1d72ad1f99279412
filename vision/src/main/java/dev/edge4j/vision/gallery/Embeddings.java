package dev.edge4j.vision.gallery;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings as bytes: float32, little-endian, as they are stored and exported. */
final class Embeddings {
    private Embeddings() {}

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    /** The floats of {@code bytes}, or null if they are not {@code dim} floats. */
    static float[] fromBytes(byte[] bytes, int dim) {
        if (bytes == null || bytes.length != dim * 4) {
            return null;
        }
        float[] v = new float[dim];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static boolean finiteUnit(float[] v) {
        double s = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
            s += (double) x * x;
        }
        return Math.abs(s - 1) < 1e-3;
    }
}
