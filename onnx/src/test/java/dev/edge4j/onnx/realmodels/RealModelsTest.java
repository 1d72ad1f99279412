package dev.edge4j.onnx.realmodels;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.core.testing.TestModels;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.OnnxOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real models of the catalog give the outputs ONNX Runtime gives, on real inputs: the six
 * catalog photos scaled to each vision model's input, and tokenized sentences for MiniLM.
 * Tolerances: max abs difference 1e-3 on raw outputs, 1e-4 on L2-normalized embeddings.
 */
@Tag("realmodel")
class RealModelsTest {
    private static final int SAMPLES = 6;
    private static Parallel pool;

    @BeforeAll
    static void startPool() {
        pool = Parallel.of(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    private static OnnxModel load(Path model, boolean optimize) {
        return OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool).withOptimize(optimize));
    }

    /** Runs both engines on each input set and checks every output within {@code tol}. */
    private static void compare(String name, List<Map<String, Tensor>> inputs, double tol) throws Exception {
        Path path = TestModels.get(name);
        try (OnnxModel ours = load(path, true); OnnxModel plain = load(path, false); OrtOracle ort = new OrtOracle(path)) {
            for (int i = 0; i < inputs.size(); i++) {
                Map<String, Tensor> want = ort.run(inputs.get(i));
                Map<String, Tensor> got = ours.run(inputs.get(i));
                Map<String, Tensor> gotPlain = i == 0 ? plain.run(inputs.get(i)) : null;
                assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
                for (String out : want.keySet()) {
                    Tensor w = want.get(out);
                    assertThat(got.get(out).shape()).as("%s %s", name, out).isEqualTo(w.shape());
                    double diff = maxAbsDiff(got.get(out).floats(), w.floats());
                    System.out.printf("%s %s input %d: max abs diff %.3g%n", name, out, i, diff);
                    assertThat(diff).as("%s output %s, input %d", name, out, i).isLessThanOrEqualTo(tol);
                    if (gotPlain != null) {
                        assertThat(maxAbsDiff(gotPlain.get(out).floats(), w.floats()))
                                .as("%s output %s unoptimized", name, out).isLessThanOrEqualTo(tol);
                    }
                    assertThat(spread(w.floats())).as("%s output %s is not constant", name, out).isGreaterThan(0);
                }
            }
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    private static double spread(float[] a) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    private static List<Map<String, Tensor>> photos(String input, int w, int h, java.util.function.Function<BufferedImage, Tensor> f) {
        List<Map<String, Tensor>> list = new ArrayList<>();
        for (int s = 1; s <= SAMPLES; s++) {
            list.add(Map.of(input, f.apply(Images.sample(s, w, h))));
        }
        return list;
    }

    @Test
    void frDetectMatchesOnnxRuntime() throws Exception {
        compare("fr_detect", photos("input", 320, 240,
                img -> Tensor.of(Images.chw(img, "BGR", 127f, 128f), 1, 3, 240, 320)), 1e-3);
    }

    @Test
    void frLandmarkMatchesOnnxRuntime() throws Exception {
        try (OnnxModel m = load(TestModels.get("fr_landmark"), false)) {
            String input = m.inputs().get(0).name();
            compare("fr_landmark", photos(input, 64, 64, img -> Tensor.of(Images.grey(img, 256f), 1, 1, 64, 64)), 1e-3);
        }
    }

    @Test
    void frFeatureEmbeddingsMatchOnnxRuntime() throws Exception {
        Path path = TestModels.get("fr_feature");
        try (OnnxModel ours = load(path, true); OrtOracle ort = new OrtOracle(path)) {
            for (int s = 1; s <= SAMPLES; s++) {
                Tensor x = Tensor.of(Images.chw(Images.sample(s, 112, 112), "RGB", 127f, 128f), 1, 3, 112, 112);
                float[] want = normalize(ort.run(Map.of("input", x)).get("output").floats());
                float[] got = normalize(ours.run(Map.of("input", x)).get("output").floats());
                assertThat(got).hasSize(512);
                double diff = maxAbsDiff(got, want);
                System.out.printf("fr_feature sample %d: max abs diff after L2 normalization %.3g%n", s, diff);
                assertThat(diff).as("fr_feature sample %d", s).isLessThanOrEqualTo(1e-4);
            }
        }
    }

    @Test
    void blazeFaceFrontMatchesOnnxRuntime() throws Exception {
        compare("blazeface-front", photos("input:0", 128, 128,
                img -> Tensor.of(Images.hwc(img, 127.5f, 127.5f), 1, 128, 128, 3)), 1e-3);
    }

    @Test
    void blazeFaceBackMatchesOnnxRuntime() throws Exception {
        try (OnnxModel m = load(TestModels.get("blazeface-back"), false)) {
            String input = m.inputs().get(0).name();
            compare("blazeface-back", photos(input, 256, 256,
                    img -> Tensor.of(Images.hwc(img, 127.5f, 127.5f), 1, 256, 256, 3)), 1e-3);
        }
    }

    private static final String[] SENTENCES = {
        "a man is eating food",
        "a man is eating a meal",
        "the girl is playing the guitar",
        "Edge devices run language models fully offline, without a network connection.",
    };

    /** Token ids, attention mask and type ids of the sentences, padded into one batch. */
    private static Map<String, Tensor> tokens() throws Exception {
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(TestModels.get("minilm-l6-v2-tokenizer"))) {
            List<Encoding> enc = new ArrayList<>();
            int len = 0;
            for (String s : SENTENCES) {
                Encoding e = tok.encode(s);
                enc.add(e);
                len = Math.max(len, e.getIds().length);
            }
            assertThat(enc.get(0).getIds()).containsExactly(101, 1037, 2158, 2003, 5983, 2833, 102);
            int b = enc.size();
            long[] ids = new long[b * len];
            long[] mask = new long[b * len];
            long[] types = new long[b * len];
            for (int i = 0; i < b; i++) {
                long[] e = enc.get(i).getIds();
                for (int j = 0; j < e.length; j++) {
                    ids[i * len + j] = e[j];
                    mask[i * len + j] = 1;
                    types[i * len + j] = enc.get(i).getTypeIds()[j];
                }
            }
            Map<String, Tensor> in = new LinkedHashMap<>();
            in.put("input_ids", Tensor.of(ids, b, len));
            in.put("attention_mask", Tensor.of(mask, b, len));
            in.put("token_type_ids", Tensor.of(types, b, len));
            return in;
        }
    }

    /** Mean over the tokens the mask keeps, then L2 normalization: one embedding per sentence. */
    static float[][] sentenceEmbeddings(Tensor hidden, Tensor mask) {
        int b = hidden.shape().dim(0);
        int s = hidden.shape().dim(1);
        int d = hidden.shape().dim(2);
        float[][] out = new float[b][d];
        for (int i = 0; i < b; i++) {
            int count = 0;
            for (int t = 0; t < s; t++) {
                if (mask.longs()[i * s + t] != 0) {
                    count++;
                    for (int k = 0; k < d; k++) {
                        out[i][k] += hidden.floats()[(i * s + t) * d + k];
                    }
                }
            }
            for (int k = 0; k < d; k++) {
                out[i][k] /= count;
            }
            out[i] = normalize(out[i]);
        }
        return out;
    }

    static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (float) (v[i] / Math.sqrt(n));
        }
        return o;
    }

    private static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void compareMiniLm(String name) throws Exception {
        Path path = TestModels.get(name);
        Map<String, Tensor> in = tokens();
        try (OnnxModel ours = load(path, true); OrtOracle ort = new OrtOracle(path)) {
            Tensor want = ort.run(in).get("last_hidden_state");
            Tensor got = ours.run(in).get("last_hidden_state");
            assertThat(got.shape()).isEqualTo(want.shape());
            float[][] we = sentenceEmbeddings(want, in.get("attention_mask"));
            float[][] ge = sentenceEmbeddings(got, in.get("attention_mask"));
            long[] mask = in.get("attention_mask").longs();
            int len = got.shape().dim(1);
            int width = got.shape().dim(2);
            for (int i = 0; i < we.length; i++) {
                double diff = maxAbsDiff(ge[i], we[i]);
                double real = 0;
                double padding = 0;
                for (int t = 0; t < len; t++) {
                    int from = (i * len + t) * width;
                    double d = maxAbsDiff(java.util.Arrays.copyOfRange(got.floats(), from, from + width),
                            java.util.Arrays.copyOfRange(want.floats(), from, from + width));
                    if (mask[i * len + t] != 0) {
                        real = Math.max(real, d);
                    } else {
                        padding = Math.max(padding, d);
                    }
                }
                System.out.printf("%s sentence %d: max abs diff of the embedding %.3g, of hidden states %.3g"
                        + " (%.3g at padding)%n", name, i, diff, real, padding);
                assertThat(diff).as("%s sentence %d", name, i).isLessThanOrEqualTo(1e-4);
                assertThat(real).as("%s sentence %d hidden states", name, i).isLessThanOrEqualTo(1e-3);
            }
            // The sentences that mean the same are close, the unrelated one is not.
            assertThat(cosine(ge[0], ge[1])).isGreaterThan(0.8);
            assertThat(cosine(ge[0], ge[2])).isLessThan(0.2);
        }
    }

    @Test
    void miniLmFp32MatchesOnnxRuntime() throws Exception {
        compareMiniLm("minilm-l6-v2");
    }

    @Test
    void miniLmInt8MatchesOnnxRuntime() throws Exception {
        compareMiniLm("minilm-l6-v2-int8");
    }
}
