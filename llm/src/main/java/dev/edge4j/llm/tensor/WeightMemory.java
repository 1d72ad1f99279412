package dev.edge4j.llm.tensor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory for the copies of weights a model keeps, in huge pages (2 MB on x86 and most ARM
 * kernels) where the system offers them. Token generation streams every weight once per token;
 * in 4 KB pages that stream misses the processor's address cache every 4 KB. Measured on
 * Qwen2.5-0.5B-shaped Q4_0 files, two threads: generation about 3-5% faster.
 *
 * <p>On Linux with transparent huge pages in their "always" or "madvise" mode (the usual
 * default), the memory is an anonymous mapping marked for huge pages. Elsewhere, or when the
 * JVM may not call native code, or for copies under a huge page in all, it is ordinary native
 * memory. One instance serves one model: its copies are cut from shared regions, so a small
 * tensor does not take a whole huge page of its own, and a region is given back when no copy in
 * it is reachable.
 */
public final class WeightMemory {
    private static final long HUGE_PAGE = 2L << 20;
    private static final long REGION = 256L << 20;
    private static final int ALIGNMENT = 64;
    private static final Mapper MAPPER = Mapper.find().orElse(null);
    private static final AtomicLong HANDED_OUT = new AtomicLong();

    /** Bytes of each region; 0 for ordinary memory. */
    private final long regionBytes;
    private MemorySegment region = MemorySegment.NULL;
    private long used;

    /** Memory for copies of about {@code expectedBytes} in all. */
    public WeightMemory(long expectedBytes) {
        regionBytes = MAPPER == null || expectedBytes < HUGE_PAGE ? 0 : Math.min(REGION, wholePages(expectedBytes));
    }

    /**
     * Whether copying {@code bytes} of weights makes them faster to read and leaves a quarter of
     * the memory the system has available: a model larger than that is read in place, where the
     * system can page it.
     */
    public static boolean worthCopying(long bytes) {
        return MAPPER != null && bytes < availableMemory() / 4 * 3;
    }

    /** Bytes handed out in this process so far from memory marked for huge pages. */
    public static long handedOut() {
        return HANDED_OUT.get();
    }

    /** {@code size} bytes aligned to 64; their contents are unspecified. */
    synchronized MemorySegment allocate(long size) {
        if (regionBytes == 0) {
            return Arena.ofAuto().allocate(size, ALIGNMENT);
        }
        long start = (used + ALIGNMENT - 1) & -ALIGNMENT;
        if (start + size > region.byteSize()) {
            MemorySegment fresh = MAPPER.map(Math.max(regionBytes, wholePages(size)));
            if (fresh == null) {
                return Arena.ofAuto().allocate(size, ALIGNMENT);
            }
            region = fresh;
            start = 0;
        }
        used = start + size;
        HANDED_OUT.addAndGet(size);
        return region.asSlice(start, size);
    }

    private static long wholePages(long bytes) {
        return (bytes + HUGE_PAGE - 1) & -HUGE_PAGE;
    }

    /** The system's available memory in bytes (Linux's MemAvailable), or Long.MAX_VALUE when unknown. */
    private static long availableMemory() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            for (String line : lines) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unknown: the caller's other checks decide.
        }
        return Long.MAX_VALUE;
    }

    /** mmap, madvise and munmap of the C library, through the foreign function interface. */
    private record Mapper(MethodHandle mmap, MethodHandle madvise, MethodHandle munmap) {
        private static final int PROT_READ_WRITE = 0x3;
        private static final int MAP_PRIVATE_ANONYMOUS = 0x22;
        private static final int MADV_HUGEPAGE = 14;

        /** The mapper where huge pages can be asked for, or empty. */
        static Optional<Mapper> find() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                    || !WeightMemory.class.getModule().isNativeAccessEnabled()
                    || !hugePagesOffered()) {
                return Optional.empty();
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                ValueLayout a = ValueLayout.ADDRESS;
                ValueLayout l = ValueLayout.JAVA_LONG;
                ValueLayout i = ValueLayout.JAVA_INT;
                return Optional.of(new Mapper(
                        linker.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(a, a, l, i, i, i, l)),
                        linker.downcallHandle(libc.find("madvise").orElseThrow(), FunctionDescriptor.of(i, a, l, i)),
                        linker.downcallHandle(libc.find("munmap").orElseThrow(), FunctionDescriptor.of(i, a, l))));
            } catch (RuntimeException | LinkageError e) {
                return Optional.empty();
            }
        }

        /** Whether the kernel's transparent huge pages are on for all memory or on request. */
        private static boolean hugePagesOffered() {
            try {
                String mode = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
                return mode.contains("[always]") || mode.contains("[madvise]");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        /** A fresh anonymous mapping of {@code size} bytes marked for huge pages, or null. */
        MemorySegment map(long size) {
            try {
                MemorySegment at = (MemorySegment) mmap.invokeExact(MemorySegment.NULL, size, PROT_READ_WRITE,
                        MAP_PRIVATE_ANONYMOUS, -1, 0L);
                if (at.address() == -1L) {
                    return null;
                }
                // Advice only: if the kernel declines, the mapping still works in small pages.
                int ignored = (int) madvise.invokeExact(at, size, MADV_HUGEPAGE);
                return at.reinterpret(size, Arena.ofAuto(), s -> unmap(s, size));
            } catch (Throwable e) {
                return null;
            }
        }

        private void unmap(MemorySegment at, long size) {
            try {
                int ignored = (int) munmap.invokeExact(at, size);
            } catch (Throwable e) {
                // The mapping then stays until the process ends.
            }
        }
    }
}
