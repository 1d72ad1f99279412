package dev.edge4j.core.models;

import static dev.edge4j.core.models.FakePackages.entry;
import static dev.edge4j.core.models.FakePackages.files;
import static dev.edge4j.core.models.FakePackages.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fetch killed with SIGKILL halfway through its download leaves nothing that {@code path} finds. */
class KilledFetchTest {
    static final byte[] WEIGHTS = randomBytes(200_000, 7);

    @TempDir
    Path home;

    static Catalog catalog() throws IOException {
        return FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", WEIGHTS));
    }

    /** The child process: starts a fetch whose download stalls after writing part of the package. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        PackageClient stalling = (source, dir, progress) -> {
            Path partial = dir.resolve("pkg.tgz");
            FakePackages.tgz(partial, files("model/a.onnx", WEIGHTS));
            byte[] all = Files.readAllBytes(partial);
            Files.write(partial, java.util.Arrays.copyOf(all, all.length / 2));
            System.out.println("STALLED");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return partial;
        };
        new ModelStore(home, catalog(), Map.of(ModelSource.Kind.NPM, stalling)).fetch(List.of("a"), false);
    }

    @Test
    void killMinusNineDuringFetchLeavesNothingBehind() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledFetchTest.class.getName(), home.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("STALLED");
        }
        child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(leftovers()).as("the killed fetch left its partial download in tmp").isNotEmpty();
        var registry = new FakePackages.Registry().put("pkg@1.0.0", files("model/a.onnx", WEIGHTS));
        ModelStore store = new ModelStore(home, catalog(), Map.of(ModelSource.Kind.NPM, registry));
        assertThat(store.path("a")).as("a killed fetch installs nothing").isEmpty();

        Path fetched = store.fetch("a");
        assertThat(Files.readAllBytes(fetched)).isEqualTo(WEIGHTS);
        assertThat(leftovers()).as("the next fetch clears what the killed one left").isEmpty();
    }

    private List<Path> leftovers() throws IOException {
        Path tmp = home.resolve("tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }
}
