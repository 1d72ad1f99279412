package dev.edge4j.bench.compare;

import dev.edge4j.core.Edge4jException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds ONNX Runtime's Java library, which Edge4j never needs to run models: only comparisons
 * load it. It is taken from the class path when it is there, else from a jar named
 * {@code onnxruntime-*.jar} in the folder or file given by {@code EDGE4J_ONNXRUNTIME}, else from
 * the {@code optional/} folder beside the Edge4j jars (where the build puts it).
 */
public final class OnnxRuntimeLibrary {
    static final String ENV = "EDGE4J_ONNXRUNTIME";
    private static ClassLoader loader;

    private OnnxRuntimeLibrary() {}

    /** Thrown when ONNX Runtime cannot be found or started. */
    public static final class NotAvailableException extends Edge4jException {
        NotAvailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The class loader that sees ONNX Runtime's classes; one per process (its native library loads once). */
    public static synchronized ClassLoader loader() {
        if (loader != null) {
            return loader;
        }
        ClassLoader own = OnnxRuntimeLibrary.class.getClassLoader();
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, own);
            loader = own;
            return loader;
        } catch (ClassNotFoundException e) {
            // Not on the class path: look for the jar.
        }
        List<Path> places = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            places.add(Path.of(env));
        }
        Path beside = besideOwnJar();
        if (beside != null) {
            places.add(beside);
        }
        for (Path place : places) {
            Path jar = findJar(place);
            if (jar != null) {
                try {
                    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, own);
                    return loader;
                } catch (MalformedURLException e) {
                    throw new NotAvailableException("cannot load ONNX Runtime from " + jar, e);
                }
            }
        }
        throw new NotAvailableException("ONNX Runtime's Java library (onnxruntime-*.jar) was not found in "
                + (places.isEmpty() ? "any known place" : places) + "; rebuild Edge4j (the build puts it in "
                + "cli/target/optional) or set " + ENV + " to the jar or its folder", null);
    }

    private static Path besideOwnJar() {
        try {
            var source = OnnxRuntimeLibrary.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path self = Path.of(source.getLocation().toURI());
            // edge4j-bench.jar lies in lib/ next to the CLI jar; in a build tree, in target/.
            Path dir = Files.isDirectory(self) ? self.getParent() : self.getParent();
            for (Path d = dir; d != null; d = d.getParent()) {
                Path candidate = d.resolve("optional");
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
                if (d.getFileName() != null && d.getFileName().toString().equals("target")) {
                    break;
                }
            }
            return dir == null ? null : dir.resolve("optional");
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Path findJar(Path place) {
        if (Files.isRegularFile(place)) {
            return place;
        }
        if (!Files.isDirectory(place)) {
            return null;
        }
        try (Stream<Path> files = Files.list(place)) {
            return files.filter(f -> f.getFileName().toString().matches("onnxruntime-[0-9].*\\.jar"))
                    .sorted().reduce((a, b) -> b).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
