package io.github.imagehygiene.common;

/**
 * The heap the JVM was given ({@code -Xmx}, or what the JVM chose without it), for what the check sizes by the heap:
 * the memory it holds jars in, the layers it reads at once. {@link Runtime#maxMemory()} is less than that by a
 * survivor space under the serial and parallel collectors, which the JVM picks on one processor or under 1792 MB of
 * memory (under {@code -Xmx256m}: 247.5 and 245.5 MiB against G1's 256), and what is held must not depend on the
 * machine, since a damaged jar may read differently held and streamed. So the JVM's {@code MaxHeapSize} is asked
 * (once per JVM, about 25 ms), and {@code maxMemory()} taken only where a JVM has no such option.
 */
public final class Heap {
    private Heap() {
    }

    /** The heap's maximum in bytes, the same whatever the collector. */
    public static long max() {
        return Holder.MAX;
    }

    private static final class Holder {
        static final long MAX = maxHeapSize();

        private static long maxHeapSize() {
            try {
                com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                        .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
                long bytes = Long.parseLong(vm.getVMOption("MaxHeapSize").getValue());
                if (bytes > 0) {
                    return bytes;
                }
            } catch (LinkageError | RuntimeException e) {
                // a runtime without the jdk.management module, or a JVM without the option
            }
            return Runtime.getRuntime().maxMemory();
        }
    }
}
