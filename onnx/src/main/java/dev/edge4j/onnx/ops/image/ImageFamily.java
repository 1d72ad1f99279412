package dev.edge4j.onnx.ops.image;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Image-space ops: Resize, Upsample, GridSample, RoiAlign, NonMaxSuppression. */
public final class ImageFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("Resize", Resize::resize);
        reg.insert("Upsample", Resize::upsample);
        reg.insert("NonMaxSuppression", NonMaxSuppression::new);
        reg.insert("RoiAlign", RoiAlign::new);
        reg.insert("GridSample", GridSample::new);
    }
}
