package dev.edge4j.onnx.ops.loss;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Training losses: NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss. */
public final class LossFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("NegativeLogLikelihoodLoss", Losses::nll);
        reg.insert("SoftmaxCrossEntropyLoss", Losses::softmaxCrossEntropy);
    }
}
