package dev.edge4j.onnx.ops.sequence;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Sequences of tensors and optional values. */
public final class SequenceFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("SequenceEmpty", SequenceOps::empty);
        reg.insert("SequenceConstruct", SequenceOps::construct);
        reg.insert("SequenceInsert", SequenceOps::insert);
        reg.insert("SequenceAt", SequenceOps::at);
        reg.insert("SequenceErase", SequenceOps::erase);
        reg.insert("SequenceLength", SequenceOps::length);
        reg.insert("SplitToSequence", SequenceOps::splitToSequence);
        reg.insert("ConcatFromSequence", SequenceOps::concatFromSequence);
        reg.insert("SequenceMap", SequenceMap::new);
        reg.insert("Optional", OptionalOps::optional);
        reg.insert("OptionalHasElement", OptionalOps::hasElement);
        reg.insert("OptionalGetElement", OptionalOps::getElement);
        reg.insert("Identity", OptionalOps::identity);
    }
}
