package dev.edge4j.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.vision.face.FaceEmbedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingIndexTest {
    static float[] unit(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return FaceEmbedder.normalize(v);
    }

    @Test
    void searchAgreesWithBruteForceOverPeopleWithSeveralEmbeddings() {
        Random rnd = new Random(5);
        int dim = 64;
        EmbeddingIndex index = new EmbeddingIndex(dim);
        Map<String, List<float[]>> all = new HashMap<>();
        for (int p = 0; p < 300; p++) {
            String name = "p" + p;
            for (int k = 0; k <= p % 4; k++) {
                float[] e = unit(rnd, dim);
                index.add(name, e);
                all.computeIfAbsent(name, n -> new ArrayList<>()).add(e);
            }
        }
        assertThat(index.people()).isEqualTo(300);
        for (int t = 0; t < 20; t++) {
            float[] q = unit(rnd, dim);
            List<Match> expected = all.entrySet().stream()
                    .map(en -> new Match(en.getKey(), (float) en.getValue().stream()
                            .mapToDouble(e -> FaceEmbedder.similarity(e, q)).max().orElseThrow()))
                    .sorted(Comparator.comparingDouble(Match::score).reversed()).limit(5).toList();
            List<Match> got = index.search(q, 5);
            assertThat(got).extracting(Match::name).containsExactlyElementsOf(expected.stream().map(Match::name).toList());
            for (int i = 0; i < 5; i++) {
                assertThat(got.get(i).score()).isCloseTo(expected.get(i).score(), org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
    }

    @Test
    void aLargeIndexSearchedOnAPoolGivesTheSameAnswer() {
        Random rnd = new Random(6);
        EmbeddingIndex index = new EmbeddingIndex(512);
        for (int p = 0; p < 10_000; p++) {
            index.add("p" + p, unit(rnd, 512));
        }
        float[] q = unit(rnd, 512);
        try (Parallel pool = Parallel.of(2)) {
            assertThat(index.search(q, 10, pool)).isEqualTo(index.search(q, 10));
        }
    }

    @Test
    void removingAPersonDropsAllTheirEmbeddingsOnly() {
        Random rnd = new Random(7);
        EmbeddingIndex index = new EmbeddingIndex(8);
        float[] a = unit(rnd, 8);
        float[] b = unit(rnd, 8);
        index.add("ann", a);
        index.add("bob", b);
        index.add("ann", unit(rnd, 8));
        assertThat(index.remove("ann")).isEqualTo(2);
        assertThat(index.remove("nobody")).isZero();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search(a, 5)).extracting(Match::name).containsExactly("bob");
        assertThat(index.search(b, 1).getFirst().score()).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-6f));
    }

    @Test
    void anEmptyIndexFindsNobody() {
        assertThat(new EmbeddingIndex(4).search(new float[4], 3)).isEmpty();
    }

    @Test
    void wrongSizedEmbeddingsAreRefused() {
        EmbeddingIndex index = new EmbeddingIndex(4);
        assertThatThrownBy(() -> index.add("x", new float[3])).isInstanceOf(InvalidInputException.class)
                .hasMessage("embedding has 3 values, the gallery holds 4");
        assertThatThrownBy(() -> index.search(new float[5], 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("query embedding has 5 values, the gallery holds 4");
    }
}
