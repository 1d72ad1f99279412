package dev.edge4j.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufRoundTripTest {
    @TempDir
    Path dir;

    /** One value of every scalar type, at its extremes, and an array of every element type. */
    static Map<String, GgufValue> everyType() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("u8", GgufValue.uint8(255));
        m.put("i8", GgufValue.int8(-128));
        m.put("u16", GgufValue.uint16(65535));
        m.put("i16", GgufValue.int16(-32768));
        m.put("u32", GgufValue.uint32(0xFFFF_FFFFL));
        m.put("i32", GgufValue.int32(Integer.MIN_VALUE));
        m.put("u64", GgufValue.uint64(-1L));
        m.put("i64", GgufValue.int64(Long.MIN_VALUE));
        m.put("f32", GgufValue.float32(-1.5e-7f));
        m.put("f64", GgufValue.float64(Math.PI));
        m.put("bool.true", GgufValue.bool(true));
        m.put("bool.false", GgufValue.bool(false));
        m.put("str", GgufValue.string("Grüße, 世界 🙂 \n\t\"quoted\""));
        m.put("str.empty", GgufValue.string(""));
        m.put("arr.u8", GgufValue.array(GgufValueType.UINT8, new byte[] {0, 1, (byte) 255}));
        m.put("arr.i8", GgufValue.array(GgufValueType.INT8, new byte[] {-128, 0, 127}));
        m.put("arr.u16", GgufValue.array(GgufValueType.UINT16, new short[] {0, (short) 65535}));
        m.put("arr.i16", GgufValue.array(GgufValueType.INT16, new short[] {-32768, 32767}));
        m.put("arr.u32", GgufValue.array(GgufValueType.UINT32, new int[] {0, -1}));
        m.put("arr.i32", GgufValue.int32Array(new int[] {-1, 2, Integer.MAX_VALUE}));
        m.put("arr.u64", GgufValue.array(GgufValueType.UINT64, new long[] {0, -1L}));
        m.put("arr.i64", GgufValue.array(GgufValueType.INT64, new long[] {Long.MIN_VALUE, 7}));
        m.put("arr.f32", GgufValue.float32Array(new float[] {1f, Float.NaN, -0f, Float.MIN_VALUE}));
        m.put("arr.f64", GgufValue.array(GgufValueType.FLOAT64, new double[] {1e300, -2.5}));
        m.put("arr.bool", GgufValue.array(GgufValueType.BOOL, new boolean[] {true, false, true}));
        m.put("arr.str", GgufValue.stringArray(List.of("a", "", "ĠHello", "<0x0A>")));
        m.put("arr.empty", GgufValue.array(GgufValueType.FLOAT32, new float[0]));
        m.put("arr.arr", GgufValue.array(GgufValueType.ARRAY, new GgufValue[] {
            GgufValue.int32Array(new int[] {1, 2}),
            GgufValue.stringArray(List.of("x")),
            GgufValue.array(GgufValueType.ARRAY, new GgufValue[] {GgufValue.float32Array(new float[] {3f})})}));
        return m;
    }

    @Test
    void everyMetadataTypeSurvivesAWriteAndARead() {
        GgufWriter w = new GgufWriter();
        everyType().forEach(w::put);
        Path file = dir.resolve("meta.gguf");
        w.write(file);

        try (GgufFile g = GgufFile.open(file)) {
            assertThat(g.version()).isEqualTo(3);
            assertThat(g.tensors()).isEmpty();
            assertThat(g.metadata().asMap()).containsExactlyEntriesOf(everyType());
            GgufMetadata m = g.metadata();
            assertThat(m.getLong("u32")).isEqualTo(0xFFFF_FFFFL);
            assertThat(m.getLong("u64")).isEqualTo(-1L);
            assertThat(m.get("u64").toString()).isEqualTo("18446744073709551615");
            assertThat(m.getInt("i16")).isEqualTo(-32768);
            assertThat(m.getFloat("f32")).isEqualTo(-1.5e-7f);
            assertThat(m.getDouble("f64")).isEqualTo(Math.PI);
            assertThat(m.getBoolean("bool.true")).isTrue();
            assertThat(m.getString("str")).isEqualTo("Grüße, 世界 🙂 \n\t\"quoted\"");
            assertThat(m.getStringList("arr.str")).containsExactly("a", "", "ĠHello", "<0x0A>");
            assertThat(m.getIntArray("arr.u8")).containsExactly(0, 1, 255);
            assertThat(m.getLongArray("arr.u32")).containsExactly(0L, 0xFFFF_FFFFL);
            assertThat(m.getFloatArray("arr.i16")).containsExactly(-32768f, 32767f);
            assertThat(m.get("arr.arr").element(2).element(0).asFloatArray()).containsExactly(3f);
        }
    }

    @Test
    void tensorsComeBackAlignedAndByteExact() {
        for (int alignment : new int[] {32, 64, 256}) {
            Random random = new Random(alignment);
            GgufWriter w = new GgufWriter().alignment(alignment);
            w.putString("general.architecture", "test");
            float[] f32 = new float[7 * 3];
            for (int i = 0; i < f32.length; i++) {
                f32[i] = random.nextFloat();
            }
            byte[] q8 = new byte[(int) GgmlType.Q8_0.bytesFor(64 * 2)];
            random.nextBytes(q8);
            byte[] q4k = new byte[(int) GgmlType.Q4_K.bytesFor(256)];
            random.nextBytes(q4k);
            byte[] f16 = new byte[2 * 5];
            random.nextBytes(f16);
            w.addTensor("a.f32", new long[] {7, 3}, f32);
            w.addTensor("b.q8_0", GgmlType.Q8_0, new long[] {64, 2}, MemorySegment.ofArray(q8));
            w.addTensor("c.q4_k", GgmlType.Q4_K, new long[] {256}, MemorySegment.ofArray(q4k));
            w.addTensor("d.f16", GgmlType.F16, new long[] {5, 1, 1, 1}, MemorySegment.ofArray(f16));
            Path file = dir.resolve("t" + alignment + ".gguf");
            w.write(file);

            try (GgufFile g = GgufFile.open(file)) {
                assertThat(g.alignment()).isEqualTo(alignment);
                assertThat(g.dataOffset() % alignment).isZero();
                assertThat(g.tensors()).extracting(GgufTensorInfo::name)
                        .containsExactly("a.f32", "b.q8_0", "c.q4_k", "d.f16");
                for (GgufTensorInfo t : g.tensors()) {
                    assertThat(t.offset() % alignment).as(t.name()).isZero();
                }
                GgufTensorInfo a = g.tensor("a.f32");
                assertThat(a.dims()).containsExactly(7, 3);
                assertThat(a.rowLength()).isEqualTo(7);
                assertThat(a.rowCount()).isEqualTo(3);
                assertThat(g.data(a).toArray(ValueLayout.JAVA_FLOAT)).containsExactly(f32);
                assertThat(g.data("b.q8_0").toArray(ValueLayout.JAVA_BYTE)).containsExactly(q8);
                assertThat(g.tensor("b.q8_0").rowBytes()).isEqualTo(68);
                assertThat(g.data("c.q4_k").toArray(ValueLayout.JAVA_BYTE)).containsExactly(q4k);
                assertThat(g.tensor("d.f16").dims()).containsExactly(5, 1, 1, 1);
                assertThat(g.data("d.f16").toArray(ValueLayout.JAVA_BYTE)).containsExactly(f16);
                assertThat(g.data(a).isReadOnly()).isTrue();
                if (alignment == 32) {
                    assertThat(g.metadata().contains("general.alignment")).isFalse();
                } else {
                    assertThat(g.metadata().getLong("general.alignment")).isEqualTo(alignment);
                }
            }
        }
    }

    @Test
    void aTensorsBytesReadFromTheFileAreTheMappedOnes() {
        byte[] q8 = new byte[(int) GgmlType.Q8_0.bytesFor(64 * 3)];
        new Random(3).nextBytes(q8);
        Path file = dir.resolve("read.gguf");
        new GgufWriter().addTensor("pad", new long[] {5}, new float[5])
                .addTensor("w", GgmlType.Q8_0, new long[] {64, 3}, MemorySegment.ofArray(q8)).write(file);
        try (GgufFile g = GgufFile.open(file)) {
            GgufTensorInfo t = g.tensor("w");
            MemorySegment whole = MemorySegment.ofArray(new byte[q8.length]);
            g.read(t, 0, whole);
            assertThat(whole.toArray(ValueLayout.JAVA_BYTE)).containsExactly(q8);
            MemorySegment row = MemorySegment.ofArray(new byte[68]);
            g.read(t, 136, row);
            assertThat(row.toArray(ValueLayout.JAVA_BYTE)).containsExactly(java.util.Arrays.copyOfRange(q8, 136, 204));
            assertThatThrownBy(() -> g.read(t, 137, row))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside tensor 'w'");
        }
    }

    @Test
    void versionTwoFilesAreRead() {
        Path file = dir.resolve("v2.gguf");
        new GgufWriter().version(2).putString("general.name", "old")
                .addTensor("w", new long[] {4}, new float[] {1, 2, 3, 4}).write(file);
        try (GgufFile g = GgufFile.open(file)) {
            assertThat(g.version()).isEqualTo(2);
            assertThat(g.metadata().getString("general.name")).isEqualTo("old");
            assertThat(g.data("w").toArray(ValueLayout.JAVA_FLOAT)).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void theWrittenLayoutIsTheOneTheFormatSpecifies() {
        Path file = dir.resolve("layout.gguf");
        new GgufWriter().putUInt32("k", 7).addTensor("t", new long[] {2}, new float[] {1f, 2f}).write(file);
        RawGguf expected = new RawGguf().header(3, 1, 1)
                .str("k").u32(GgufValueType.UINT32.code()).u32(7)
                .str("t").u32(1).u64(2).u32(GgmlType.F32.id()).u64(0)
                .pad(32)
                .u32(Float.floatToIntBits(1f)).u32(Float.floatToIntBits(2f));
        assertThat(file).hasBinaryContent(expected.toByteArray());
    }

    @Test
    void tensorContentIsWrittenStraightIntoTheFile() {
        Path file = dir.resolve("fill.gguf");
        new GgufWriter().addTensor("ramp", GgmlType.I32, new long[] {1000}, target -> {
            for (int i = 0; i < 1000; i++) {
                target.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, i * 3);
            }
        }).write(file);
        try (GgufFile g = GgufFile.open(file)) {
            MemorySegment data = g.data("ramp");
            assertThat(data.byteSize()).isEqualTo(4000);
            assertThat(data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 999)).isEqualTo(2997);
        }
    }

    @Test
    void aFailedWriteLeavesNoFile() {
        Path file = dir.resolve("broken.gguf");
        GgufWriter w = new GgufWriter().addTensor("t", GgmlType.F32, new long[] {4}, target -> {
            throw new IllegalStateException("source gone");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.write(file)).hasMessage("source gone");
        assertThat(file).doesNotExist();
    }

    /** Offsets past 2^31 and 2^32 bytes: written sparse, so the test needs little disk or time. */
    @Test
    void filesOverFourGigabytesAreMappedWhole() throws Exception {
        Path file = dir.resolve("big.gguf");
        long rows = 1_100_000; // 1.1M rows of 1024 F32 values: 4.5 GB
        new GgufWriter()
                .addTensor("big", GgmlType.F32, new long[] {1024, rows},
                        target -> target.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 1024 * rows - 1, 42f))
                .addTensor("after", new long[] {3}, new float[] {5f, 6f, 7f})
                .write(file);
        try (GgufFile g = GgufFile.open(file)) {
            GgufTensorInfo big = g.tensor("big");
            assertThat(big.byteSize()).isEqualTo(4096L * rows);
            assertThat(g.data(big).getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 1024 * rows - 1)).isEqualTo(42f);
            GgufTensorInfo after = g.tensor("after");
            assertThat(after.offset()).isGreaterThan(1L << 32);
            assertThat(g.data(after).toArray(ValueLayout.JAVA_FLOAT)).containsExactly(5f, 6f, 7f);
            assertThat(g.fileSize()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void copyingAnotherFilesMetadataKeepsOrderAndValues() {
        Path first = dir.resolve("first.gguf");
        GgufWriter w = new GgufWriter();
        everyType().forEach(w::put);
        w.write(first);
        Path second = dir.resolve("second.gguf");
        try (GgufFile g = GgufFile.open(first)) {
            new GgufWriter().putAll(g.metadata()).write(second);
        }
        assertThat(second).hasSameBinaryContentAs(first);
    }

    @Test
    void arenaIsReleasedOnClose() {
        Path file = dir.resolve("c.gguf");
        new GgufWriter().addTensor("t", new long[] {1}, new float[] {1f}).write(file);
        MemorySegment data;
        try (GgufFile g = GgufFile.open(file)) {
            data = g.data("t");
            assertThat(data.scope().isAlive()).isTrue();
        }
        assertThat(data.scope().isAlive()).isFalse();
    }
}
