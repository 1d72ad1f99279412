package dev.edge4j.onnx.ops.nn;

import dev.edge4j.onnx.ops.Fused;
import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Neural-network layers: convolutions, pools, normalizations, matrix products, softmax. */
public final class NnFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("Conv", Conv::new);
        reg.insert(Fused.DOMAIN, "FusedConv", Conv::new);
        reg.insert("ConvTranspose", ConvTranspose::new);
        reg.insert("MaxPool", spec -> new Pool(spec, Pool.Kind.MAX));
        reg.insert("AveragePool", spec -> new Pool(spec, Pool.Kind.AVERAGE));
        reg.insert("LpPool", spec -> new Pool(spec, Pool.Kind.LP));
        reg.insert("GlobalMaxPool", spec -> new GlobalPool(Pool.Kind.MAX, 2));
        reg.insert("GlobalAveragePool", spec -> new GlobalPool(Pool.Kind.AVERAGE, 2));
        reg.insert("GlobalLpPool", spec -> new GlobalPool(Pool.Kind.LP, spec.attrs().getInt("p", 2)));
        reg.insert("BatchNormalization", Normalization::batchNorm);
        reg.insert("InstanceNormalization", Normalization::instanceNorm);
        reg.insert("LayerNormalization", Normalization::layerNorm);
        reg.insert("LRN", Normalization::lrn);
        reg.insert("MeanVarianceNormalization", Normalization::meanVarianceNorm);
        reg.insert("MatMul", MatMul::new);
        reg.insert(Fused.DOMAIN, "FusedMatMul", MatMul::new);
        reg.insert(Fused.DOMAIN, "LayerNorm", LayerNorm::new);
        reg.insert(Fused.DOMAIN, "ScaledSoftmax", ScaledSoftmax::new);
        reg.insert(Fused.DOMAIN, "ToBlocked", LayoutConversion::toBlocked);
        reg.insert(Fused.DOMAIN, "FromBlocked", LayoutConversion::fromBlocked);
        reg.insert(Fused.DOMAIN, "BlockedConv", BlockedConvOp::new);
        reg.insert(Fused.DOMAIN, "BlockedConvPair", BlockedPairOp::new);
        reg.insert(Fused.DOMAIN, "BlockedPool", BlockedPoolOp::new);
        reg.insert(Fused.DOMAIN, "BlockedConcat", BlockedConcat::new);
        reg.insert("Gemm", GemmOp::new);
        reg.insert("Einsum", Einsum::new);
        reg.insert("Softmax", spec -> new Softmax(spec, Softmax.Kind.SOFTMAX));
        reg.insert("LogSoftmax", spec -> new Softmax(spec, Softmax.Kind.LOG_SOFTMAX));
        reg.insert("Hardmax", spec -> new Softmax(spec, Softmax.Kind.HARDMAX));
        reg.insert("Det", Misc::det);
        reg.insert("MaxUnpool", Misc::maxUnpool);
        reg.insert("Dropout", Misc::dropout);
    }
}
