package dev.edge4j.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.ModelFormatException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a GGUF file can be broken ends in one ModelFormatException naming the file and field. */
class GgufCorruptFileTest {
    @TempDir
    Path dir;

    private Path write(String name, RawGguf raw) {
        return raw.writeTo(dir.resolve(name));
    }

    private void assertRejected(Path file, String... fragments) {
        assertThatThrownBy(() -> GgufFile.open(file).close())
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContainingAll(fragments);
    }

    @Test
    void everyTruncationOfAValidFileIsRejected() throws Exception {
        Path whole = dir.resolve("whole.gguf");
        GgufWriter w = new GgufWriter();
        GgufRoundTripTest.everyType().forEach(w::put);
        w.addTensor("blk.0.attn_q.weight", new long[] {8, 2}, new float[16]);
        w.addTensor("output.weight", GgmlType.Q8_0, new long[] {32}, target -> target.fill((byte) 1));
        w.write(whole);
        byte[] bytes = Files.readAllBytes(whole);
        try (GgufFile g = GgufFile.open(whole)) {
            assertThat(g.tensors()).hasSize(2);
        }
        for (int len = 0; len < bytes.length; len++) {
            Path cut = dir.resolve("cut.gguf");
            Files.write(cut, Arrays.copyOf(bytes, len));
            int length = len;
            assertThatThrownBy(() -> GgufFile.open(cut).close())
                    .as("file cut to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageStartingWith(cut.toString())
                    .hasMessageMatching("(?s).*(truncated|not a GGUF file|only \\d+ bytes).*");
        }
    }

    @Test
    void aTruncatedDataSectionNamesTheTensor() throws Exception {
        Path whole = dir.resolve("data.gguf");
        new GgufWriter().addTensor("a", new long[] {8}, new float[8])
                .addTensor("token_embd.weight", new long[] {64}, new float[64]).write(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gguf");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1));
        assertRejected(cut, "truncated", "tensor 'token_embd.weight'");
    }

    @Test
    void theHeaderIsChecked() {
        assertRejected(write("empty.gguf", new RawGguf()), "not a GGUF file");
        assertRejected(write("magic.gguf", new RawGguf().u32(0x4C4C5546).u32(3).u64(0).u64(0)),
                "not a GGUF file", "0x4655");
        assertRejected(write("v1.gguf", new RawGguf().header(1, 0, 0)), "version 1");
        assertRejected(write("v99.gguf", new RawGguf().header(99, 0, 0)), "version 99");
        assertRejected(write("be.gguf", new RawGguf().header(0x03000000, 0, 0)), "big-endian");
        assertRejected(write("kvcount.gguf", new RawGguf().header(3, 0, 1L << 40)), "metadata count");
        assertRejected(write("tcount.gguf", new RawGguf().header(3, -1, 0)), "tensor count");
    }

    @Test
    void metadataIsChecked() {
        assertRejected(write("type.gguf", new RawGguf().header(3, 0, 1).str("general.name").u32(13).u64(0)),
                "metadata key 'general.name'", "unknown value type 13");
        assertRejected(write("keylen.gguf", new RawGguf().header(3, 0, 1).u64(1L << 50).bytes(new byte[16])),
                "the key of metadata entry 0", "string of");
        assertRejected(write("strlen.gguf", new RawGguf().header(3, 0, 1).str("general.name").u32(8).u64(99).bytes("abc".getBytes())),
                "metadata key 'general.name'", "99 bytes");
        assertRejected(write("arrlen.gguf", new RawGguf().header(3, 0, 1).str("tokenizer.ggml.scores")
                        .u32(9).u32(GgufValueType.FLOAT32.code()).u64(1L << 40)),
                "metadata key 'tokenizer.ggml.scores'", "1099511627776 elements");
        assertRejected(write("arrtype.gguf", new RawGguf().header(3, 0, 1).str("a").u32(9).u32(77).u64(1)),
                "metadata key 'a'", "unknown value type 77");
        assertRejected(write("bool.gguf", new RawGguf().header(3, 0, 1).str("flag").u32(7).u8(2)),
                "metadata key 'flag'", "bool stored as 2");
        assertRejected(write("dup.gguf", new RawGguf().header(3, 0, 2).str("k").u32(4).u32(1).str("k").u32(4).u32(2)),
                "metadata key 'k' twice");
        assertRejected(write("cut.gguf", new RawGguf().header(3, 0, 2).str("first").u32(4).u32(1).u64(3)),
                "truncated", "after 'first'");
        assertRejected(write("align.gguf", new RawGguf().header(3, 0, 1).str("general.alignment").u32(4).u32(48)),
                "'general.alignment' is 48, not a power of two");
        assertRejected(write("aligntype.gguf", new RawGguf().header(3, 0, 1).str("general.alignment").u32(8).str("32")),
                "'general.alignment'", "string, not uint32");
    }

    @Test
    void tensorInfosAreChecked() {
        assertRejected(write("ttype.gguf", tensor("blk.3.ffn_up.weight", 1, new long[] {32}, 99, 0)),
                "tensor 'blk.3.ffn_up.weight'", "unknown tensor type 99");
        assertRejected(write("rank.gguf", tensor("w", 5, new long[] {1, 1, 1, 1, 1}, 0, 0)),
                "tensor 'w'", "5 dimensions");
        assertRejected(write("block.gguf", tensor("w", 1, new long[] {33}, GgmlType.Q8_0.id(), 0)),
                "tensor 'w'", "33 values", "block size 32");
        assertRejected(write("offset.gguf", tensor("w", 1, new long[] {4}, 0, 4)),
                "tensor 'w'", "offset 4", "alignment 32");
        assertRejected(write("past.gguf", tensor("w", 1, new long[] {4}, 0, 1L << 40)),
                "truncated", "tensor 'w'");
        assertRejected(write("huge.gguf", tensor("w", 2, new long[] {1L << 40, 1L << 40}, 0, 0)),
                "tensor 'w'", "too many elements");
        RawGguf dup = new RawGguf().header(3, 2, 0);
        for (int i = 0; i < 2; i++) {
            dup.str("same").u32(1).u64(4).u32(0).u64(0);
        }
        assertRejected(write("duptensor.gguf", dup.pad(32).bytes(new byte[16])), "two tensors named 'same'");
    }

    @Test
    void missingThingsAreNamed() {
        Path file = dir.resolve("ok.gguf");
        new GgufWriter().putString("general.architecture", "llama")
                .addTensor("t", new long[] {1}, new float[] {1}).write(file);
        try (GgufFile g = GgufFile.open(file)) {
            assertThatThrownBy(() -> g.tensor("output.weight"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessage(file + ": tensor 'output.weight' is missing");
            assertThatThrownBy(() -> g.metadata().getInt("llama.block_count"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessage(file + ": metadata key 'llama.block_count' is missing");
            assertThatThrownBy(() -> g.metadata().getInt("general.architecture"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessage(file + ": metadata key 'general.architecture' is string, not an integer");
            assertThat(g.metadata().getInt("llama.block_count", 7)).isEqualTo(7);
        }
        assertThatThrownBy(() -> GgufFile.open(dir.resolve("absent.gguf")))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    /** A file with one tensor info and enough zero data after it for small tensors. */
    private static RawGguf tensor(String name, int rank, long[] dims, int type, long offset) {
        RawGguf raw = new RawGguf().header(3, 1, 0).str(name).u32(rank);
        for (long d : dims) {
            raw.u64(d);
        }
        return raw.u32(type).u64(offset).pad(32).bytes(new byte[256]);
    }
}
