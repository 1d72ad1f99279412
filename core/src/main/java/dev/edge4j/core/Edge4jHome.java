package dev.edge4j.core;

import java.nio.file.Path;

/**
 * Where Edge4j keeps its state (model cache, identity store, indexes): {@code $EDGE4J_HOME}, or
 * {@code ~/.edge4j} when that is unset. The CLI, the tests and CI share it, so a model fetched once
 * is found by all of them.
 */
public final class Edge4jHome {
    public static final String ENV = "EDGE4J_HOME";
    public static final String PROPERTY = "edge4j.home";

    private Edge4jHome() {}

    public static Path get() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".edge4j");
    }
}
