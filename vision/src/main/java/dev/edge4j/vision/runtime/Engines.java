package dev.edge4j.vision.runtime;

import dev.edge4j.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Picks the engine that runs the face models: the one named by the system property
 * {@value #PROPERTY}, else Edge4j's own ({@value #DEFAULT}).
 */
public final class Engines {
    public static final String PROPERTY = "edge4j.vision.engine";
    public static final String DEFAULT = "edge4j";

    private Engines() {}

    /** The engine chosen by {@value #PROPERTY} (or the default), running on {@code threads} threads. */
    public static ModelLoader loader(int threads) {
        return loader(System.getProperty(PROPERTY, DEFAULT), threads);
    }

    public static ModelLoader loader(String name, int threads) {
        List<String> names = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            if (p.name().equals(name)) {
                return p.loader(threads);
            }
            names.add(p.name());
        }
        throw new InvalidInputException("no engine called \"" + name + "\" can run the face models in this build"
                + (names.isEmpty() ? "" : " (available: " + String.join(", ", names) + ")"));
    }

    /** Names of every engine this build can use. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class).forEach(p -> names.add(p.name()));
        return names;
    }
}
