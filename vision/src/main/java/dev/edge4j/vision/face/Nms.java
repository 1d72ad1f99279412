package dev.edge4j.vision.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Non-maximum suppression: one detection per face out of the many overlapping candidates. */
public final class Nms {
    private Nms() {}

    /** Keeps the best-scoring box of every group overlapping by IoU above {@code iou}. */
    public static List<Detection> hard(List<Detection> candidates, float iou, int maxFaces) {
        return hard(candidates, iou, 1.01f, maxFaces);
    }

    /**
     * As {@link #hard(List, float, int)}, and also drops a box lying mostly inside a better one
     * (intersection over the smaller box's area above {@code containment}): detections of one face
     * from differently framed passes (tiles) can nest with little IoU.
     */
    public static List<Detection> hard(List<Detection> candidates, float iou, float containment, int maxFaces) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.size() >= maxFaces) {
                break;
            }
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.box().iou(d.box()) > iou || k.box().containment(d.box()) > containment) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }

    /**
     * Blends every group of boxes overlapping the best one by IoU above {@code iou} into their
     * score-weighted mean (boxes and keypoints), keeping the best score. BlazeFace emits several
     * anchors per face, and averaging them steadies the box from frame to frame.
     */
    public static List<Detection> weighted(List<Detection> candidates, float iou, int maxFaces) {
        List<Detection> rest = new ArrayList<>(candidates);
        rest.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        while (!rest.isEmpty() && kept.size() < maxFaces) {
            Detection best = rest.getFirst();
            List<Detection> group = new ArrayList<>();
            List<Detection> others = new ArrayList<>();
            for (Detection d : rest) {
                (best.box().iou(d.box()) > iou || d == best ? group : others).add(d);
            }
            rest = others;
            kept.add(blend(group, best.score()));
        }
        return kept;
    }

    private static Detection blend(List<Detection> group, float score) {
        double total = 0;
        double x1 = 0;
        double y1 = 0;
        double x2 = 0;
        double y2 = 0;
        int nk = group.getFirst().keypoints().size();
        double[] kx = new double[nk];
        double[] ky = new double[nk];
        for (Detection d : group) {
            double w = d.score();
            total += w;
            x1 += w * d.box().x1();
            y1 += w * d.box().y1();
            x2 += w * d.box().x2();
            y2 += w * d.box().y2();
            for (int i = 0; i < nk && i < d.keypoints().size(); i++) {
                kx[i] += w * d.keypoints().get(i).x();
                ky[i] += w * d.keypoints().get(i).y();
            }
        }
        List<Point> kps = new ArrayList<>(nk);
        for (int i = 0; i < nk; i++) {
            kps.add(new Point((float) (kx[i] / total), (float) (ky[i] / total)));
        }
        Box box = new Box((float) (x1 / total), (float) (y1 / total), (float) (x2 / total), (float) (y2 / total));
        return new Detection(box, score, kps);
    }
}
