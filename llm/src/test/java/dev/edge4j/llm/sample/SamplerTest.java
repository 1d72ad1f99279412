package dev.edge4j.llm.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.edge4j.core.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerTest {
    static float[] logits(long seed, int n) {
        Random r = new Random(seed);
        float[] l = new float[n];
        for (int i = 0; i < n; i++) {
            l[i] = (float) r.nextGaussian() * 3;
        }
        return l;
    }

    static SamplerSettings settings(float temp, int topK, float topP, float minP, long seed) {
        return new SamplerSettings(temp, topK, topP, minP, 1f, 0f, 0f, 64, seed);
    }

    @Test
    void greedyPicksTheLargestLogit() {
        float[] l = logits(1, 1000);
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[best]) {
                best = i;
            }
        }
        assertThat(new Sampler(SamplerSettings.greedy()).sample(l)).isEqualTo(best);
        assertThat(new Sampler(settings(1f, 1, 1f, 0f, 9)).sample(l)).as("top-k 1").isEqualTo(best);
    }

    @Test
    void theSameSeedGivesTheSameTokens() {
        float[] l = logits(2, 500);
        Sampler a = new Sampler(SamplerSettings.defaults(42));
        Sampler b = new Sampler(SamplerSettings.defaults(42));
        Sampler c = new Sampler(SamplerSettings.defaults(43));
        int[] x = new int[50];
        int[] y = new int[50];
        int[] z = new int[50];
        for (int i = 0; i < 50; i++) {
            x[i] = a.sample(l);
            y[i] = b.sample(l);
            z[i] = c.sample(l);
        }
        assertThat(x).containsExactly(y);
        assertThat(x).isNotEqualTo(z);
    }

    @Test
    void drawsFollowTheSoftmaxAtTemperatureOne() {
        float[] l = {2f, 1f, 0f, -1f};
        Sampler s = new Sampler(settings(1f, 0, 1f, 0f, 7));
        int[] counts = new int[4];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[s.sample(l)]++;
        }
        double z = Math.exp(2) + Math.exp(1) + 1 + Math.exp(-1);
        for (int i = 0; i < 4; i++) {
            assertThat(counts[i] / (double) n).as("token %d", i).isCloseTo(Math.exp(l[i]) / z, within(0.005));
        }
    }

    @Test
    void topKTopPAndMinPKeepOnlyTheirCandidates() {
        float[] l = {5f, 4.9f, 4f, 1f, 0f, -3f};
        Map<Integer, Integer> seen = new HashMap<>();
        Sampler k2 = new Sampler(settings(5f, 2, 1f, 0f, 1));
        for (int i = 0; i < 2000; i++) {
            seen.merge(k2.sample(l), 1, Integer::sum);
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(0, 1);
        // p(0) ~ 0.47, p(1) ~ 0.43 at temperature 1: top-p 0.5 keeps 0 and 1 (0.47 < 0.5).
        seen.clear();
        Sampler p = new Sampler(settings(1f, 0, 0.5f, 0f, 2));
        for (int i = 0; i < 2000; i++) {
            seen.merge(p.sample(l), 1, Integer::sum);
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(0, 1);
        // min-p 0.3: p(2)/p(0) = e^-1 = 0.37 stays, p(3)/p(0) = e^-4 goes.
        seen.clear();
        Sampler m = new Sampler(settings(1f, 0, 1f, 0.3f, 3));
        for (int i = 0; i < 5000; i++) {
            seen.merge(m.sample(l), 1, Integer::sum);
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void penaltiesLowerRecentTokens() {
        float[] l = {3f, 2.9f, -1f};
        Sampler s = new Sampler(new SamplerSettings(0f, 0, 1f, 0f, 1.5f, 0f, 0f, 8, 0));
        assertThat(s.sample(l)).isEqualTo(0);
        s.accept(0);
        assertThat(s.sample(l)).as("3 / 1.5 = 2 < 2.9").isEqualTo(1);
        Sampler presence = new Sampler(new SamplerSettings(0f, 0, 1f, 0f, 1f, 0.2f, 0f, 8, 0));
        presence.accept(0);
        assertThat(presence.sample(l)).as("3 - 0.2 = 2.8 < 2.9").isEqualTo(1);
        Sampler frequency = new Sampler(new SamplerSettings(0f, 0, 1f, 0f, 1f, 0f, 0.06f, 8, 0));
        frequency.accept(0);
        assertThat(frequency.sample(l)).as("one use: 2.94 > 2.9").isEqualTo(0);
        frequency.accept(0);
        assertThat(frequency.sample(l)).as("two uses: 2.88 < 2.9").isEqualTo(1);
        // The window forgets: after 8 other tokens, 0 is no longer penalized.
        for (int i = 0; i < 8; i++) {
            s.accept(2);
        }
        assertThat(s.sample(l)).isEqualTo(0);
        assertThat(l).containsExactly(3f, 2.9f, -1f);
    }

    @Test
    void topIdsAreSortedAndComplete() {
        float[] l = logits(4, 777);
        int[] top = Sampler.topIds(l, 50);
        for (int i = 1; i < top.length; i++) {
            assertThat(l[top[i - 1]]).isGreaterThanOrEqualTo(l[top[i]]);
        }
        int[] all = Sampler.topIds(l, l.length);
        assertThat(java.util.Arrays.copyOf(all, 50)).containsExactly(top);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> settings(-1f, 0, 1f, 0f, 0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> settings(1f, -2, 1f, 0f, 0)).hasMessageContaining("top-k");
        assertThatThrownBy(() -> settings(1f, 0, 0f, 0f, 0)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> settings(1f, 0, 1f, 1f, 0)).hasMessageContaining("min-p");
        assertThatThrownBy(() -> new SamplerSettings(1f, 0, 1f, 0f, 0f, 0f, 0f, 8, 0)).hasMessageContaining("repeat penalty");
    }
}
