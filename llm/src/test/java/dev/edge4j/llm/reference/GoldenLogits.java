package dev.edge4j.llm.reference;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * llama.cpp's logits for one case, reduced to what the comparisons need so the files stay small:
 * at sampled vocabulary ids (every prompt position for quantized models, the last for F32), the
 * top logits and range of the last position, for F32 models the greedy continuation, and for
 * converted models the sha256 of the tensor bytes llama-quantize wrote (empty for F32).
 */
record GoldenLogits(int vocab, int[] prompt, int[] sampleIds, int[] positions, float[][] sampled,
                    int[] topIds, float[] topLogits, float lastMin, float lastMax, int[] continuation,
                    String quantizedTensorsSha256) {
    private static final int MAGIC = 0x4534474C; // "E4GL"

    void write(OutputStream raw) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
            out.writeInt(MAGIC);
            out.writeInt(2);
            out.writeInt(vocab);
            ints(out, prompt);
            ints(out, sampleIds);
            boolean full = positions.length == 1;
            out.writeBoolean(full);
            ints(out, positions);
            for (float[] row : sampled) {
                for (float v : row) {
                    if (full) {
                        out.writeFloat(v);
                    } else {
                        out.writeShort(Float.floatToFloat16(v));
                    }
                }
            }
            ints(out, topIds);
            for (float v : topLogits) {
                out.writeFloat(v);
            }
            out.writeFloat(lastMin);
            out.writeFloat(lastMax);
            ints(out, continuation);
            out.writeUTF(quantizedTensorsSha256);
        }
    }

    static GoldenLogits read(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != 2) {
                throw new IOException("not a golden logits file");
            }
            int vocab = in.readInt();
            int[] prompt = ints(in);
            int[] sampleIds = ints(in);
            boolean full = in.readBoolean();
            int[] positions = ints(in);
            float[][] sampled = new float[positions.length][sampleIds.length];
            for (float[] row : sampled) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = full ? in.readFloat() : Float.float16ToFloat(in.readShort());
                }
            }
            int[] topIds = ints(in);
            float[] topLogits = new float[topIds.length];
            for (int i = 0; i < topLogits.length; i++) {
                topLogits[i] = in.readFloat();
            }
            float lastMin = in.readFloat();
            float lastMax = in.readFloat();
            int[] continuation = ints(in);
            String hash = in.readUTF();
            return new GoldenLogits(vocab, prompt, sampleIds, positions, sampled, topIds, topLogits, lastMin, lastMax,
                    continuation, hash);
        }
    }

    /** The sha256 of every tensor's name, type and bytes, by name (writers order tensors differently). */
    static String tensorsSha256(dev.edge4j.gguf.GgufFile file) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.util.List<dev.edge4j.gguf.GgufTensorInfo> sorted = new java.util.ArrayList<>(file.tensors());
            sorted.sort(java.util.Comparator.comparing(dev.edge4j.gguf.GgufTensorInfo::name));
            for (dev.edge4j.gguf.GgufTensorInfo t : sorted) {
                md.update(t.type().name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(t.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(file.data(t).asByteBuffer());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
