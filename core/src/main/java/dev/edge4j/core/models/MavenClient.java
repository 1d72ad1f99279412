package dev.edge4j.core.models;

import dev.edge4j.core.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Downloads Maven artifacts with {@code mvn dependency:copy}, which checks the repository's checksums. */
final class MavenClient implements PackageClient {
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy";
    private static final String HINT = "install Apache Maven (e.g. `apt-get install maven`), or copy the models "
            + "from another machine and run `edge4j models import DIR`";

    @Override
    public Path download(ModelSource source, Path dir, Progress progress) throws IOException {
        String gav = source.coordinate();
        if (gav.split(":").length != 3) {
            throw new FetchException("Maven coordinate \"" + gav + "\" must be groupId:artifactId:version");
        }
        ExternalCommand.Result r = ExternalCommand.run(
                List.of("mvn", "-B", "-q", DEPENDENCY_PLUGIN, "-Dartifact=" + gav, "-Dtransitive=false",
                        "-DoutputDirectory=" + dir, "-Dmdep.overWriteReleases=true"),
                dir, Map.of("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow"), 1800, HINT);
        if (r.exitCode() != 0) {
            String out = r.output();
            String lower = out.toLowerCase(Locale.ROOT);
            if (lower.contains("could not find artifact") || lower.contains("was not found in")) {
                throw new FetchException("Maven Central has no artifact " + gav);
            }
            if (lower.contains("unknown host") || lower.contains("could not transfer") || lower.contains("connect")
                    || lower.contains("timed out") || lower.contains("unreachable")) {
                throw new FetchException("the Maven repository is unreachable, so " + gav + " cannot be fetched; "
                        + "check the network, or copy the models from another machine and run `edge4j models import DIR`");
            }
            throw new FetchException("mvn dependency:copy " + gav + " failed: " + errorLine(out));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new FetchException("mvn reported success for " + gav + " but wrote no .jar file"));
        }
    }

    private static String errorLine(String out) {
        for (String line : out.split("\n")) {
            if (line.contains("[ERROR]")) {
                return line.replace("[ERROR]", "").trim();
            }
        }
        return ExternalCommand.firstLine(out);
    }
}
