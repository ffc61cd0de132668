package io.jenkins.plugins.mlops.core.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Model directories with deterministic pseudo-random content for tests and child processes. */
public final class TestModels {

    private TestModels() {
    }

    /** A directory with {@code files} files of {@code size} bytes each (one in a subdirectory), seeded content. */
    public static Path write(Path dir, int files, int size, long seed) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Random r = new Random(seed);
        for (int i = 0; i < files; i++) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            Path f = i == 0 ? dir.resolve("sub").resolve("weights-" + i + ".bin") : dir.resolve("part-" + i + ".bin");
            Files.write(f, b);
        }
        return dir;
    }

    /** Runs {@code main} of {@code mainClass} in a new JVM on this test classpath. */
    public static ProcessBuilder childJvm(Class<?> mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(javaBin, "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(java.util.List.of(args));
        return new ProcessBuilder(cmd);
    }
}
