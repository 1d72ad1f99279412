package dev.edge4j.onnx.ops.quant;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Quantized (int8 / uint8) operators. */
public final class QuantFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("QuantizeLinear", Quantize::quantize);
        reg.insert("DequantizeLinear", Quantize::dequantize);
        reg.insert("DynamicQuantizeLinear", Quantize::dynamic);
        reg.insert("MatMulInteger", IntegerOps::matMulInteger);
        reg.insert("QLinearMatMul", IntegerOps::qLinearMatMul);
        reg.insert("ConvInteger", ConvInteger::convInteger);
        reg.insert("QLinearConv", ConvInteger::qLinearConv);
        reg.insert(dev.edge4j.onnx.ops.Fused.DOMAIN, "QuantMatMul", QuantMatMul::new);
    }
}
