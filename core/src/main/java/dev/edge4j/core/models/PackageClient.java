package dev.edge4j.core.models;

import dev.edge4j.core.Progress;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Downloads what a {@link ModelSource} names (an npm package, a Maven artifact, a URL) into a
 * folder, with the registry's ordinary client. Errors are {@link FetchException}s that say whether
 * the client is missing, the registry unreachable, or the package unknown.
 */
public interface PackageClient {
    /** Downloads the package of {@code source} into {@code dir} and returns the downloaded file. */
    Path download(ModelSource source, Path dir, Progress progress) throws IOException;
}
