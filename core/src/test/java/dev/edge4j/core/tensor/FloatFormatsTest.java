package dev.edge4j.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatFormatsTest {

    @Test
    void float8LargestValuesAndSpecialCodes() {
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E4M3FN, 0x7e)).isEqualTo(448f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E4M3FN, 0x7f)).isNaN();
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E4M3FNUZ, 0x7f)).isEqualTo(240f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E4M3FNUZ, 0x80)).isNaN();
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E5M2, 0x7b)).isEqualTo(57344f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E5M2, 0x7c)).isInfinite();
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E5M2FNUZ, 0x7f)).isEqualTo(57344f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT4E2M1, 0x7)).isEqualTo(6f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT4E2M1, 0x1)).isEqualTo(0.5f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E8M0, 127)).isEqualTo(1f);
    }

    @Test
    void everyFiniteCodeEncodesBackToItself() {
        for (DType t : new DType[] {DType.FLOAT8E4M3FN, DType.FLOAT8E4M3FNUZ, DType.FLOAT8E5M2,
                DType.FLOAT8E5M2FNUZ, DType.FLOAT4E2M1}) {
            int codes = t == DType.FLOAT4E2M1 ? 16 : 256;
            for (int c = 0; c < codes; c++) {
                float v = FloatFormats.decodeSmall(t, c);
                if (Float.isFinite(v)) {
                    assertThat(FloatFormats.decodeSmall(t, FloatFormats.encodeSmall(t, v)))
                            .as("%s code %d", t, c).isEqualTo(v);
                }
            }
        }
    }

    @Test
    void roundsToNearestEvenAndSaturates() {
        // 1.0625 lies halfway between 1.0 (mantissa 000) and 1.125 (001) in e4m3: ties to even.
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E4M3FN,
                FloatFormats.encodeSmall(DType.FLOAT8E4M3FN, 1.0625f))).isEqualTo(1.0f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E4M3FN,
                FloatFormats.encodeSmall(DType.FLOAT8E4M3FN, 1000f))).isEqualTo(448f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E4M3FN,
                FloatFormats.encodeSmall(DType.FLOAT8E4M3FN, -1000f))).isEqualTo(-448f);
        assertThat(FloatFormats.decodeSmall(DType.FLOAT8E5M2,
                FloatFormats.encodeSmall(DType.FLOAT8E5M2, 1e6f, false))).isInfinite();
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertThat(FloatFormats.fromBfloat16(FloatFormats.toBfloat16(1.00390625f))).isEqualTo(1.0f);
        assertThat(FloatFormats.fromBfloat16(FloatFormats.toBfloat16(1.01171875f))).isEqualTo(1.015625f);
    }
}
