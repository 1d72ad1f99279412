package dev.edge4j.llm.tensor;

/**
 * The form a weight type multiplies its input in: llama.cpp's "vec_dot_type". Rounding the input
 * exactly as llama.cpp does keeps results comparable with it to float precision.
 */
public enum InputFormat {
    /** 32-bit floats as they are (F32 weights). */
    FLOAT,
    /** Floats rounded to half precision (F16 weights). */
    HALF,
    /** Floats rounded to bfloat16 (BF16 weights). */
    BF16,
    /** Blocks of 32 8-bit integers with a half-precision scale (Q8_0/Q4_0/Q4_1/Q5_0/Q5_1 weights). */
    Q8_0,
    /** Super-blocks of 256 8-bit integers with one float scale (K-quant weights). */
    Q8_K
}
