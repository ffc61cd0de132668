package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.registry.oci.OciLocation;
import io.jenkins.plugins.mlops.core.registry.oci.OciModelRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Registers and pulls one large model with both backends and measures the same bytes moved by plain tools in the
 * same run: {@code cp} (and {@code cp} + fsync) for the embedded store, a monolithic {@code curl -T} upload and a
 * {@code curl} download against the same docker-registry for OCI. Prints MB/s and ratios. Not a test: run it with
 * {@code scripts/bench-registry.sh [size-MiB] [work-dir]}.
 */
public final class RegistryBenchmark {

    private static final double MB = 1_000_000.0;
    private static final int TRIALS = 3;
    private final long bytes;
    private final Path work;
    private final List<String> lines = new ArrayList<>();

    private RegistryBenchmark(long bytes, Path work) {
        this.bytes = bytes;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path base = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path work = Files.createTempDirectory(Files.createDirectories(base), "mlops-registry-bench-");
        try {
            new RegistryBenchmark(mib * 1024 * 1024, work).run();
        } finally {
            delete(work);
        }
    }

    private void run() throws Exception {
        Path model = work.resolve("model");
        Files.createDirectories(model);
        Path file = model.resolve("weights.bin");
        writeRandom(file, bytes);
        Digests.sha256(file); // warms the JIT's SHA-256 intrinsic
        Digests.Hashed h = Digests.sha256(file); // and the page cache, for every contender alike
        System.out.printf(Locale.ROOT, "registry benchmark: %d MiB model, work dir %s, %d cores, load average %s,"
                + " best of %d runs each%n", bytes >> 20, work, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim(), TRIALS);

        double cp = best(() -> timed(() -> exec("cp", file.toString(), work.resolve("cp.bin").toString()),
                () -> Files.deleteIfExists(work.resolve("cp.bin"))));
        double cpSync = best(() -> timed(() -> {
            exec("cp", file.toString(), work.resolve("cp.bin").toString());
            exec("sync", work.resolve("cp.bin").toString());
        }, () -> Files.deleteIfExists(work.resolve("cp.bin"))));
        double cpHash = best(() -> timed(() -> {
            exec("cp", file.toString(), work.resolve("cp.bin").toString());
            exec("sha256sum", work.resolve("cp.bin").toString());
        }, () -> Files.deleteIfExists(work.resolve("cp.bin"))));
        double hashOnly = best(() -> timed(() -> Digests.sha256(file), () -> { }));
        report("baseline cp", cp, null, 0);
        report("baseline cp + fsync (sync FILE)", cpSync, null, 0);
        report("baseline cp, then sha256sum", cpHash, null, 0);
        report("SHA-256 alone (JDK, same bytes)", hashOnly, null, 0);

        int[] run = {0};
        double embeddedDurable = best(() -> {
            Path root = work.resolve("embedded-" + run[0]++);
            EmbeddedModelRegistry r = new EmbeddedModelRegistry(root, true, Clock.systemUTC());
            double t = timed(() -> r.register(request(model)), () -> { });
            delete(root);
            return t;
        });
        double embeddedFast = best(() -> {
            Path root = work.resolve("embedded-" + run[0]++);
            EmbeddedModelRegistry r = new EmbeddedModelRegistry(root, false, Clock.systemUTC());
            double t = timed(() -> r.register(request(model)), () -> { });
            delete(root);
            return t;
        });
        report("embedded register (durable, default)", embeddedDurable, "cp + fsync", cpSync);
        report("embedded register (durable, default)", embeddedDurable, "cp", cp);
        report("embedded register (fsync off)", embeddedFast, "cp", cp);
        report("embedded register (fsync off)", embeddedFast, "cp+sha256", cpHash);
        Path root = work.resolve("embedded-pull");
        EmbeddedModelRegistry pullFrom = new EmbeddedModelRegistry(root, false, Clock.systemUTC());
        pullFrom.register(request(model));
        double embeddedPull = best(() -> timed(() -> pullFrom.pull("bench", "1", work.resolve("pulled")),
                () -> delete(work.resolve("pulled"))));
        report("embedded pull (verifies digest)", embeddedPull, "cp", cp);
        // A pull that checks what it got must read every byte through SHA-256, as a register must.
        report("embedded pull (verifies digest)", embeddedPull, "cp+sha256", cpHash);
        delete(root);

        try (DistributionRegistry registry = new DistributionRegistry().start()) {
            String user = DistributionRegistry.USER + ":" + registry.password();
            String baseUrl = "http://127.0.0.1:" + registry.port() + "/v2/";
            int[] curlRun = {0};
            Callable<String> curlUpload = () -> {
                String location = exec("curl", "-sS", "-o", "/dev/null", "-D", "-", "-u", user, "-X", "POST",
                        baseUrl + "bench/curl" + curlRun[0]++ + "/blobs/uploads/").lines()
                        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("location:"))
                        .map(l -> l.substring("location:".length()).trim()).findFirst().orElseThrow();
                return exec("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-u", user,
                        "-H", "Content-Type: application/octet-stream", "-T", file.toString(),
                        location + "&digest=" + h.digest());
            };
            // Untimed: the registry commits a blob it already stores (in any repository) by deleting the upload
            // (~0.5 s per GiB here) instead of renaming it, so without this the very first upload of the run alone
            // would be spared that, whichever contender it belongs to. Every timed upload goes to a new repository.
            curlUpload.call();
            int[] ociRun = {0};
            OciModelRegistry oci = new OciModelRegistry(OciLocation.parse(registry.location("bench")),
                    registry.credentials());
            double[] upload = interleaved(
                    () -> timed(() -> {
                        String code = curlUpload.call();
                        if (!code.equals("201")) {
                            throw new IOException("curl upload answered " + code);
                        }
                    }, () -> { }),
                    () -> {
                        OciModelRegistry fresh = new OciModelRegistry(
                                OciLocation.parse(registry.location("bench" + ociRun[0]++)), registry.credentials());
                        return timed(() -> fresh.register(request(model)), () -> { });
                    });
            double curlPut = upload[0];
            double ociRegister = upload[1];
            oci.register(request(model));
            double ociReregister = best(() -> timed(() -> oci.register(request(model)), () -> { }));
            report("baseline curl -T (monolithic PUT)", curlPut, null, 0);
            report("oci register (PATCH hashing as it sends)", ociRegister, "curl -T", curlPut);
            report("oci register again (blob present: skip)", ociReregister, null, 0);

            double curlGet = best(() -> timed(() -> exec("curl", "-sS", "-L", "-u", user, "-o",
                    work.resolve("curl-get.bin").toString(), baseUrl + "bench/curl0/blobs/" + h.digest()),
                    () -> Files.deleteIfExists(work.resolve("curl-get.bin"))));
            double ociPull = best(() -> timed(() -> oci.pull("bench", "1", work.resolve("oci-pulled")),
                    () -> delete(work.resolve("oci-pulled"))));
            double curlGetHash = best(() -> timed(() -> {
                exec("curl", "-sS", "-L", "-u", user, "-o", work.resolve("curl-get.bin").toString(),
                        baseUrl + "bench/curl0/blobs/" + h.digest());
                exec("sha256sum", work.resolve("curl-get.bin").toString());
            }, () -> Files.deleteIfExists(work.resolve("curl-get.bin"))));
            report("baseline curl GET", curlGet, null, 0);
            report("baseline curl GET, then sha256sum", curlGetHash, null, 0);
            report("oci pull (verifies digest)", ociPull, "curl GET", curlGet);
            report("oci pull (verifies digest)", ociPull, "GET+sha256", curlGetHash);
        }
        System.out.println();
        System.out.println("summary (load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim() + ")");
        lines.forEach(System.out::println);
    }

    private RegistrationRequest request(Path model) {
        return RegistrationRequest.builder().name("bench").modelPath(model.toString())
                .gate(GateRecord.of(true, null)).build();
    }

    private void report(String what, double seconds, String against, double baseline) {
        double rate = bytes / MB / seconds;
        String line = String.format(Locale.ROOT, "%-40s %7.2f s %8.1f MB/s", what, seconds, rate);
        if (against != null) {
            line += String.format(Locale.ROOT, "   ratio vs %-10s %.2f (target >= 0.80)", against, baseline / seconds);
        }
        lines.add(line);
        System.out.println(line);
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static double timed(Action action, Action cleanup) throws Exception {
        long start = System.nanoTime();
        action.run();
        double s = (System.nanoTime() - start) / 1e9;
        cleanup.run();
        return s;
    }

    /**
     * Best of {@link #TRIALS}. Each trial starts after a global {@code sync}, so that no contender pays for the
     * write-back of the one before it (on a shared machine that write-back dominated single runs).
     */
    private static double best(Callable<Double> trial) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < TRIALS; i++) {
            exec("sync");
            best = Math.min(best, trial.call());
        }
        return best;
    }

    /**
     * Best of {@link #TRIALS} for each contender, taking turns (A, B, A, B...) after a {@code sync} each, so that a
     * baseline and what is compared with it meet the same conditions on a shared machine.
     */
    @SafeVarargs
    private static double[] interleaved(Callable<Double>... contenders) throws Exception {
        double[] best = new double[contenders.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int i = 0; i < TRIALS; i++) {
            for (int c = 0; c < contenders.length; c++) {
                exec("sync");
                best[c] = Math.min(best[c], contenders[c].call());
            }
        }
        return best;
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private static void writeRandom(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] buf = new byte[4 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buf.length) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        buf[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(buf, 0, (int) Math.min(buf.length, size - written));
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
