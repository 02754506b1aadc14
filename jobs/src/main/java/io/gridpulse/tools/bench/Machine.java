package io.gridpulse.tools.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a figure was measured on: its cores and how busy it was at that moment. */
final class Machine {

    private Machine() {}

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1-minute load average ({@code uptime}), or -1 where the system does not say. */
    static double load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Double.parseDouble(fields[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Heap in use after a full collection, in bytes. */
    static long heapUsedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Where the cores went over a span: busy cores of the whole machine, cores of this JVM, and
     * this JVM's garbage collection.
     */
    record Share(double machineBusyCores, double jvmCores, double gcMs, long gcCount) {}

    /** Counters to subtract: {@code Sample.now().since(earlier)}. */
    record Sample(
            long wallNanos, long machineBusyTicks, long jvmCpuNanos, long gcMs, long gcCount) {

        /** Kernel clock ticks per second ({@code USER_HZ}), 100 on Linux. */
        private static final double TICKS_PER_S = 100;

        static Sample now() {
            long gcMs = 0;
            long gcCount = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMs += Math.max(0, gc.getCollectionTime());
                gcCount += Math.max(0, gc.getCollectionCount());
            }
            long jvmCpu =
                    ManagementFactory.getOperatingSystemMXBean()
                                    instanceof com.sun.management.OperatingSystemMXBean os
                            ? os.getProcessCpuTime()
                            : -1;
            return new Sample(System.nanoTime(), busyTicks(), jvmCpu, gcMs, gcCount);
        }

        Share since(Sample earlier) {
            double seconds = (wallNanos - earlier.wallNanos) / 1e9;
            return new Share(
                    machineBusyTicks < 0
                            ? -1
                            : (machineBusyTicks - earlier.machineBusyTicks) / TICKS_PER_S / seconds,
                    jvmCpuNanos < 0 ? -1 : (jvmCpuNanos - earlier.jvmCpuNanos) / 1e9 / seconds,
                    gcMs - earlier.gcMs,
                    gcCount - earlier.gcCount);
        }

        /** Non-idle ticks of all cores from {@code /proc/stat}, or -1 where there is none. */
        private static long busyTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                // user nice system idle iowait irq softirq steal: idle, iowait and steal are
                // not work of this machine's processes
                for (int i : new int[] {1, 2, 3, 6, 7}) {
                    busy += Long.parseLong(f[i]);
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
