package dev.edge4j.vision.testing;

import dev.edge4j.core.testing.TestModels;
import dev.edge4j.vision.face.FaceModels;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageDecoder;
import java.nio.file.Path;
import java.util.function.Function;

/** The face models and sample photos from the shared cache, and pipelines on ONNX Runtime. */
public final class FaceTestModels {
    private FaceTestModels() {}

    /** Catalog name to cached file. */
    public static Function<String, Path> files() {
        return TestModels::get;
    }

    public static FacePipeline ortPipeline(FaceModels.Settings settings) {
        return FaceModels.open(model -> new OrtRunner(model, 2), files(), settings);
    }

    public static Image sample(int i) {
        return new ImageDecoder().read(TestModels.get("face-sample-" + i)).image();
    }
}
