package dev.edge4j.onnx.ops.text;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** String processing: StringNormalizer, TfIdfVectorizer. */
public final class TextFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("StringNormalizer", StringNormalizer::new);
        reg.insert("TfIdfVectorizer", TfIdfVectorizer::new);
    }
}
