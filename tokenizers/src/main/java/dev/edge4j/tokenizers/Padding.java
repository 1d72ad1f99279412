package dev.edge4j.tokenizers;

import java.util.List;

/**
 * How encodings are padded (HF's {@code PaddingParams}): to a fixed length, or to the longest of a
 * batch when {@code fixedLength} is empty; then up to a multiple of {@code padToMultipleOf} if set.
 */
public record Padding(Integer fixedLength, Direction direction, Integer padToMultipleOf, int padId,
                      int padTypeId, String padToken) {
    /** Which side receives the padding. */
    public enum Direction {
        LEFT, RIGHT
    }

    /** Pad every batch to its longest encoding, on the right, with {@code padToken}. */
    public static Padding batchLongest(int padId, String padToken) {
        return new Padding(null, Direction.RIGHT, null, padId, 0, padToken);
    }

    /** Pads the encodings in place, as HF's {@code pad_encodings}. */
    void apply(List<Encoding> encodings) {
        if (encodings.isEmpty()) {
            return;
        }
        int length;
        if (fixedLength != null) {
            length = fixedLength;
        } else {
            length = 0;
            for (Encoding e : encodings) {
                length = Math.max(length, e.length());
            }
        }
        if (padToMultipleOf != null && padToMultipleOf > 0 && length % padToMultipleOf > 0) {
            length += padToMultipleOf - length % padToMultipleOf;
        }
        for (Encoding e : encodings) {
            e.pad(length, padId, padTypeId, padToken, direction);
        }
    }
}
