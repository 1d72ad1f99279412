package dev.edge4j.core.models;

/**
 * One model of the catalog: what it is for, where it comes from, and the sha256 and size it must
 * have. For a folder the sha256 is that of its manifest (see {@link Checksums#folderDigest}).
 */
public record ModelEntry(
        String name,
        String task,
        String format,
        String license,
        String description,
        ModelSource source,
        String sha256,
        long size) {

    public boolean isFolder() {
        return source.isFolder();
    }
}
