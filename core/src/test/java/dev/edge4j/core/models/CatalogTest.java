package dev.edge4j.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.ModelFormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void builtInCatalogHoldsEveryModelTheProjectUses() {
        Catalog c = Catalog.builtIn();
        for (String name : new String[] {"fr_detect", "fr_landmark", "fr_feature", "fr_liveness",
                "blazeface-front", "blazeface-back", "minilm-l6-v2", "minilm-l6-v2-int8", "minilm-l6-v2-tokenizer",
                "qwen3-tokenizer", "llama3_2-tokenizer", "gemma3-tokenizer", "llama2-tokenizer"}) {
            assertThat(c.contains(name)).as(name).isTrue();
        }
        ModelEntry feature = c.get("fr_feature");
        assertThat(feature.sha256()).startsWith("87aacdfe57510db2");
        assertThat(feature.source().kind()).isEqualTo(ModelSource.Kind.NPM);
        assertThat(feature.source().fileName()).isEqualTo("fr_feature.onnx");
        assertThat(c.get("llama-cpp-chat-templates").isFolder()).isTrue();
        assertThat(c.get("minilm-l6-v2").source().kind()).isEqualTo(ModelSource.Kind.MAVEN);
    }

    @Test
    void unknownNameSuggestsCloseOnes() {
        assertThatThrownBy(() -> Catalog.builtIn().get("fr_featur"))
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("no model called \"fr_featur\"")
                .hasMessageContaining("fr_feature");
    }

    @Test
    void malformedCatalogNamesTheField() {
        String json = "{\"models\":[{\"name\":\"x\",\"task\":\"t\",\"format\":\"onnx\",\"license\":\"MIT\","
                + "\"source\":{\"npm\":\"a@1\",\"path\":\"m.onnx\"},\"sha256\":\"abc\",\"size\":3}]}";
        assertThatThrownBy(() -> Catalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("test.json models[0].sha256 of x is not 64 lower-case hex digits");
        assertThatThrownBy(() -> Catalog.parse(new ByteArrayInputStream("{".getBytes(StandardCharsets.UTF_8)), "bad.json"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("the model catalog bad.json is not valid JSON");
    }
}
