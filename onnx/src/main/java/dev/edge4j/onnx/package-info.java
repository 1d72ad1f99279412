/**
 * A pure-Java ONNX runtime. {@link dev.edge4j.onnx.OnnxModel} is the entry point.
 *
 * <p>Loading runs a pipeline, each stage in its own package:
 * <ol>
 *   <li>{@code load}: protobuf to the graph IR ({@code ir}): opsets bound to nodes, attributes and
 *       initializers decoded (external and sparse data too), model functions inlined, nodes sorted;</li>
 *   <li>{@code analyse}: element types and shapes of every value, symbolic dimensions kept;</li>
 *   <li>{@code passes}: graph rewrites when optimization is on (folding, dead nodes);</li>
 *   <li>{@code runtime}: a plan of steps over frame slots, each with its op from the {@code ops}
 *       registry, and a buffer pool that hands released arrays to later nodes.</li>
 * </ol>
 */
package dev.edge4j.onnx;
