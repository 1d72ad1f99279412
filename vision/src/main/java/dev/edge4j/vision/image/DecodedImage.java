package dev.edge4j.vision.image;

/**
 * An image as read from a file: the upright pixels, plus how they relate to the file. When the
 * file was larger than the decoder's pixel budget it was read at 1/{@code subsampling} size, so a
 * point (x, y) in {@code image} lies at (x * subsampling, y * subsampling) in the full-size photo.
 *
 * @param format "jpeg", "png" or "bmp"
 * @param fileWidth width stored in the file, before orientation and subsampling
 * @param fileHeight height stored in the file, before orientation and subsampling
 */
public record DecodedImage(Image image, String format, int fileWidth, int fileHeight, int subsampling,
        Orientation orientation) {}
