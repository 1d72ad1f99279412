package dev.edge4j.onnx.ops.rnn;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Recurrent layers: RNN, GRU, LSTM. */
public final class RnnFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("RNN", spec -> new Recurrent(spec, Recurrent.Kind.RNN));
        reg.insert("GRU", spec -> new Recurrent(spec, Recurrent.Kind.GRU));
        reg.insert("LSTM", spec -> new Recurrent(spec, Recurrent.Kind.LSTM));
    }
}
