package dev.edge4j.cli;

import dev.edge4j.core.models.ModelStore;
import dev.edge4j.vision.FaceBenchmark;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageDecoder;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edge4j face bench}: time per camera frame for the whole recognition path. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the recognition of one camera frame.",
            "The frame is 640x480 with one face (cut from a sample photo); the time covers",
            "detection, alignment, embedding and a search among 1,000 people with 5 photos each.",
            "Prints the median and spread, and a line median_ms=X for scripts."})
final class FaceBench implements Callable<Integer> {
    @Mixin
    FaceSession session;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed frames first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "30", description = "Timed frames (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmup < 0) {
            throw new dev.edge4j.core.InvalidInputException("--runs must be at least 1 and --warmup at least 0");
        }
        Image photo = new ImageDecoder().read(ModelStore.open().fetch("face-sample-3")).image();
        FaceBenchmark bench = new FaceBenchmark(photo, 1189, 356, 440);
        try (FacePipeline pipeline = session.openPipeline(false)) {
            double[] ms = bench.time(pipeline, warmup, runs);
            double median = FaceBenchmark.median(ms);
            if (session.json) {
                var o = FaceCommand.JSON.createObjectNode();
                o.put("median_ms", median).put("runs", runs);
                var arr = o.putArray("ms");
                for (double v : ms) {
                    arr.add(v);
                }
                FaceCommand.print(o);
            } else {
                System.out.printf(Locale.ROOT, "%d frames, %s ms%n", runs, FaceBenchmark.spread(ms));
                System.out.printf(Locale.ROOT, "median_ms=%.2f%n", median);
            }
        }
        return 0;
    }
}
