package dev.edge4j.vision.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class EnginesTest {
    @Test
    void ourEngineIsTheDefaultAndTheOracleIsThereInTests() {
        assertThat(Engines.available()).contains("edge4j", "onnxruntime");
        assertThat(Engines.DEFAULT).isEqualTo("edge4j");
    }

    @Test
    void anUnknownEngineIsOneSentence() {
        assertThatThrownBy(() -> Engines.loader("tract", 2)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("no engine called \"tract\" can run the face models in this build (available: ")
                .hasMessageContaining("edge4j");
    }

    @Test
    void tensorsCheckTheirShape() {
        assertThatThrownBy(() -> FloatTensor.of(new float[5], 2, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessage("tensor shape [2, 3] needs 6 values, got 5");
        assertThat(FloatTensor.of(new float[6], 2, 3).rank()).isEqualTo(2);
    }
}
