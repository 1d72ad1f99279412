package dev.edge4j.onnx.ops.array;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Ops that move, reshape, select or generate elements without arithmetic. */
public final class ArrayFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("Constant", Constant::create);
        reg.insert("Shape", ShapeOps::shape);
        reg.insert("Size", ShapeOps::size);
        reg.insert("Reshape", ShapeOps::reshape);
        reg.insert("Flatten", ShapeOps::flatten);
        reg.insert("Squeeze", ShapeOps::squeeze);
        reg.insert("Unsqueeze", ShapeOps::unsqueeze);
        reg.insert("ConstantOfShape", ShapeOps::constantOfShape);
        reg.insert("Transpose", Transpose::create);
        reg.insert("Concat", Concat::create);
        reg.insert("Split", Split::create);
        reg.insert("Slice", Slice::create);
        reg.insert("Gather", GatherOps::gather);
        reg.insert("GatherElements", GatherOps::gatherElements);
        reg.insert("GatherND", GatherOps::gatherNd);
        reg.insert("Scatter", ScatterOps::scatterElements);
        reg.insert("ScatterElements", ScatterOps::scatterElements);
        reg.insert("ScatterND", ScatterOps::scatterNd);
        reg.insert("Expand", Expand::create);
        reg.insert("Tile", Tile::create);
        reg.insert("Pad", Pad::create);
        reg.insert("Range", Generators::range);
        reg.insert("EyeLike", Generators::eyeLike);
        reg.insert("OneHot", Generators::oneHot);
        reg.insert("Trilu", Generators::trilu);
        reg.insert("NonZero", Selection::nonZero);
        reg.insert("Compress", Selection::compress);
        reg.insert("DepthToSpace", Selection::depthToSpace);
        reg.insert("SpaceToDepth", Selection::spaceToDepth);
        reg.insert("ReverseSequence", Selection::reverseSequence);
        reg.insert("TopK", Sorting::topK);
        reg.insert("Unique", Sorting::unique);
    }
}
