package dev.edge4j.core.testing;

import dev.edge4j.core.Edge4jHome;
import dev.edge4j.core.models.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Real models for tests, from the shared cache under {@code $EDGE4J_HOME}; fetched through the
 * catalog on first use, so a fresh machine needs no set-up beyond network access to the registries.
 */
public final class TestModels {
    private TestModels() {}

    public static Path get(String name) {
        try {
            return ModelStore.open(Edge4jHome.get()).fetch(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch test model " + name + ": " + e.getMessage(), e);
        }
    }
}
