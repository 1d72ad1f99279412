package dev.edge4j.onnx.ops.signal;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Signal processing: DFT, STFT, windows, mel filter banks. */
public final class SignalFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("DFT", Spectral::dft);
        reg.insert("STFT", Spectral::stft);
        reg.insert("HannWindow", spec -> Spectral.window(spec, "hann"));
        reg.insert("HammingWindow", spec -> Spectral.window(spec, "hamming"));
        reg.insert("BlackmanWindow", spec -> Spectral.window(spec, "blackman"));
        reg.insert("MelWeightMatrix", Spectral::melWeightMatrix);
    }
}
