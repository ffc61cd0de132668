package io.jenkins.plugins.mlops.core.validate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's intervals against an independent reference on the very same resamples: the test draws the engine's
 * resample indices (the same {@link BlockedDraws} streams {@link Bootstrap} uses), writes them with the data, and
 * {@code bootstrap_reference.py --same-resamples} recomputes in the base image, through the real Docker Engine, every
 * metric on every resample with NumPy, the leave-one-out values by brute force, and numpy.percentile and BCa with
 * Python's own normal distribution. Everything must agree to 1e-9: the metrics on all examples and on each resample,
 * the percentile and BCa intervals at 90, 95 and 99%, BCa's z0 and a — for candidate and baseline, the paired
 * differences and majority.accuracy, paired and unpaired, regression (over several blocks of draws) and
 * classification. Fails, never skips, when no engine answers.
 */
class BootstrapReferenceIT {

    private static final String BASE_IMAGE = "mlops-base:bookworm";
    private static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";
    private static final String SCENARIO = UUID.randomUUID().toString();
    private static final double TOLERANCE = 1e-9;
    private static final long SEED = 20261126;
    /** Over two full blocks of draws and a partial one, so that every path of BlockedDraws is compared. */
    private static final int REGRESSION_N = 2 * BlockedDraws.BLOCK + 611;
    private static final int REGRESSION_B = 300;
    private static final int CLASSIFICATION_N = 700;
    private static final int CLASSIFICATION_B = 1000;
    private static final double[] LEVELS = {0.90, 0.95, 0.99};

    @TempDir
    static Path work;

    private static DockerClient docker;
    private static PairedPredictions regression;
    private static PairedPredictions classification;
    private static JsonNode reference;

    @BeforeAll
    static void computeTheReferenceInTheBaseImage() throws Exception {
        docker = DockerClients.connect(System.getenv());
        Path ref = Files.createDirectories(work.resolve("ref"));
        regression = regressionData();
        classification = classificationData();
        writeRegression(ref);
        writeClassification(ref);
        Files.writeString(ref.resolve("meta.json"), "{\"regression\": {\"n\": " + REGRESSION_N + ", \"B\": " + REGRESSION_B
                + "}, \"classification\": {\"n\": " + CLASSIFICATION_N + ", \"B\": " + CLASSIFICATION_B
                + ", \"classes\": 3}}");
        Files.copy(Path.of(BootstrapReferenceIT.class.getResource("/validate/bootstrap_reference.py").toURI()),
                ref.resolve("bootstrap_reference.py"));
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        TrainingResult run = new DockerTrainer(docker).train(TrainingSpec.builder()
                .image(BASE_IMAGE)
                .command(List.of("python3", "/mlops/data/ref/bootstrap_reference.py", "--same-resamples",
                        "/mlops/data/ref", "/mlops/output/reference.json"))
                .data(List.of(ref.toString()))
                .workDir(work.toString())
                .outputDir(work.resolve("out").toString())
                .label(TEST_LABEL, SCENARIO)
                .build(), new LogSink() {
                    @Override
                    public void line(Stream stream, String line) {
                        logged.add(line);
                    }

                    @Override
                    public void info(String message) {
                        logged.add(message);
                    }
                });
        assertThat(run.exitCode()).as(String.join("\n", logged)).isZero();
        reference = new ObjectMapper().readTree(Path.of(run.outputDir(), "reference.json").toFile());
    }

    @AfterAll
    static void nothingLeftBehind() throws Exception {
        if (docker != null) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(TEST_LABEL + "=" + SCENARIO)).exec()).as("containers left").isEmpty();
            docker.close();
        }
    }

    @Test
    void pairedRegressionAgreesWithNumpy() throws Exception {
        Resamples engine = new Bootstrap(SEED, REGRESSION_B, 2).resample(regression);
        compare(engine, reference.get("regression"), List.of("rmse", "mae", "baseline.rmse", "baseline.mae",
                "delta.rmse", "delta.mae"));
    }

    @Test
    void unpairedRegressionIsTheCandidateSideOfTheSameResamples() throws Exception {
        Resamples engine = new Bootstrap(SEED, REGRESSION_B, 3).resample(regression.candidate());
        compare(engine, reference.get("regression"), List.of("rmse", "mae"));
    }

    @Test
    void pairedClassificationAgreesWithNumpy() throws Exception {
        Resamples engine = new Bootstrap(SEED, CLASSIFICATION_B, 2).resample(classification);
        compare(engine, reference.get("classification"), List.of("accuracy", "precision", "recall", "f1",
                "baseline.accuracy", "baseline.precision", "baseline.recall", "baseline.f1", "majority.accuracy",
                "delta.accuracy", "delta.precision", "delta.recall", "delta.f1"));
    }

    @Test
    void unpairedClassificationIsTheCandidateSideOfTheSameResamples() throws Exception {
        Resamples engine = new Bootstrap(SEED, CLASSIFICATION_B, 1).resample(classification.candidate());
        compare(engine, reference.get("classification"), List.of("accuracy", "precision", "recall", "f1",
                "majority.accuracy"));
    }

    private static void compare(Resamples engine, JsonNode numpy, List<String> names) {
        assertThat(numpy).as("reference").isNotNull();
        for (String name : names) {
            JsonNode ref = numpy.get(name);
            assertThat(ref).as("numpy computed " + name).isNotNull();
            ToDoubleFunction<double[]> f = statistic(engine, name);
            BootstrapDistribution d = engine.distribution(f);
            assertThat(d.value()).as(name + " on all examples").isCloseTo(ref.get("value").asDouble(), within(TOLERANCE));
            double[] samples = resampled(engine, f);
            JsonNode refSamples = ref.get("samples");
            assertThat(samples).hasSize(refSamples.size());
            for (int b = 0; b < samples.length; b++) {
                assertThat(samples[b]).as(name + " on resample " + b).isCloseTo(refSamples.get(b).asDouble(), within(TOLERANCE));
            }
            assertThat(d.biasCorrection()).as(name + " z0").isCloseTo(ref.get("z0").asDouble(), within(TOLERANCE));
            assertThat(d.acceleration()).as(name + " a").isCloseTo(ref.get("a").asDouble(), within(TOLERANCE));
            for (double level : LEVELS) {
                String key = Double.toString(level);
                interval(name + " percentile " + key, d.percentileInterval(level), ref.get("percentile").get(key));
                interval(name + " BCa " + key, d.interval(level), ref.get("bca").get(key));
            }
        }
    }

    private static void interval(String what, ConfidenceInterval ci, JsonNode ref) {
        assertThat(ci.low()).as(what + " low").isCloseTo(ref.get(0).asDouble(), within(TOLERANCE));
        assertThat(ci.high()).as(what + " high").isCloseTo(ref.get(1).asDouble(), within(TOLERANCE));
    }

    /** A metric, or {@code delta.<m>} as {@code <m> - baseline.<m>}, as a function of the metric vector. */
    private static ToDoubleFunction<double[]> statistic(Resamples engine, String name) {
        if (name.startsWith("delta.")) {
            int c = engine.indexOf(name.substring("delta.".length()));
            int b = engine.indexOf(Resamples.BASELINE + name.substring("delta.".length()));
            return v -> v[c] - v[b];
        }
        int m = engine.indexOf(name);
        return v -> v[m];
    }

    private static double[] resampled(Resamples engine, ToDoubleFunction<double[]> f) {
        List<double[]> columns = new ArrayList<>();
        for (String n : engine.names()) {
            columns.add(engine.resampled(n));
        }
        double[] out = new double[engine.resamples()];
        double[] row = new double[columns.size()];
        for (int b = 0; b < out.length; b++) {
            for (int m = 0; m < row.length; m++) {
                row[m] = columns.get(m)[b];
            }
            out[b] = f.applyAsDouble(row);
        }
        return out;
    }

    // ---- data and the engine's resample indices ------------------------------------------------------------

    /** Ratings 1-5; baseline errors skewed (mostly small, some large), the candidate's correlated and a little smaller. */
    private static PairedPredictions regressionData() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] labels = new double[REGRESSION_N];
        double[] candidate = new double[REGRESSION_N];
        double[] baseline = new double[REGRESSION_N];
        for (int i = 0; i < REGRESSION_N; i++) {
            labels[i] = 1 + rng.nextInt(9) * 0.5;
            double e = (rng.nextDouble() - 0.5) * (rng.nextDouble() < 0.05 ? 4 : 1);
            baseline[i] = labels[i] + e;
            candidate[i] = labels[i] + 0.9 * e + (rng.nextDouble() - 0.5) * 0.2;
        }
        return PairedPredictions.of(new RegressionPredictions(labels, candidate),
                new RegressionPredictions(labels.clone(), baseline), PairedPredictions.Matching.ROW_ORDER);
    }

    /** Three imbalanced classes; class 2 is rare and sometimes never predicted in a resample. */
    private static PairedPredictions classificationData() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] labels = new int[CLASSIFICATION_N];
        int[] candidate = new int[CLASSIFICATION_N];
        int[] baseline = new int[CLASSIFICATION_N];
        for (int i = 0; i < CLASSIFICATION_N; i++) {
            double u = rng.nextDouble();
            labels[i] = u < 0.6 ? 0 : u < 0.95 ? 1 : 2;
            candidate[i] = rng.nextDouble() < 0.8 ? labels[i] : rng.nextInt(2);
            baseline[i] = rng.nextDouble() < 0.5 ? candidate[i] : rng.nextDouble() < 0.75 ? labels[i] : rng.nextInt(3);
        }
        List<String> classes = List.of("cat", "dog", "bird");
        return PairedPredictions.of(new ClassificationPredictions(labels, candidate, classes),
                new ClassificationPredictions(labels.clone(), baseline, classes), PairedPredictions.Matching.ROW_ORDER);
    }

    private static void writeRegression(Path dir) throws IOException {
        RegressionPredictions c = (RegressionPredictions) regression.candidate();
        RegressionPredictions b = (RegressionPredictions) regression.baseline();
        ByteBuffer buf = ByteBuffer.allocate(3 * 8 * REGRESSION_N).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < REGRESSION_N; i++) {
            buf.putDouble(c.label(i));
        }
        for (int i = 0; i < REGRESSION_N; i++) {
            buf.putDouble(c.prediction(i));
        }
        for (int i = 0; i < REGRESSION_N; i++) {
            buf.putDouble(b.prediction(i));
        }
        Files.write(dir.resolve("regression.bin"), buf.array());
        writeIndices(dir.resolve("regression_indices.bin"), REGRESSION_N, REGRESSION_B);
    }

    private static void writeClassification(Path dir) throws IOException {
        ClassificationPredictions c = (ClassificationPredictions) classification.candidate();
        ClassificationPredictions b = (ClassificationPredictions) classification.baseline();
        ByteBuffer buf = ByteBuffer.allocate(3 * 4 * CLASSIFICATION_N).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < CLASSIFICATION_N; i++) {
            buf.putInt(c.label(i));
        }
        for (int i = 0; i < CLASSIFICATION_N; i++) {
            buf.putInt(c.prediction(i));
        }
        for (int i = 0; i < CLASSIFICATION_N; i++) {
            buf.putInt(b.prediction(i));
        }
        Files.write(dir.resolve("classification.bin"), buf.array());
        writeIndices(dir.resolve("classification_indices.bin"), CLASSIFICATION_N, CLASSIFICATION_B);
    }

    /**
     * The examples resample {@code b} draws, for b = 0 .. resamples-1: BlockedDraws seeded exactly as Bootstrap
     * seeds it, its streams consumed in the same order (block counts, then the blocks in order).
     */
    private static void writeIndices(Path file, int n, int resamples) throws IOException {
        BlockedDraws draws = new BlockedDraws(n);
        int[] positions = new int[n];
        ByteBuffer row = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int first = 0; first < resamples; first += BlockedDraws.BATCH) {
                int count = Math.min(BlockedDraws.BATCH, resamples - first);
                draws.start(SEED, first, count);
                for (int r = 0; r < count; r++) {
                    row.clear();
                    for (int k = 0; k < draws.blocks(); k++) {
                        int drawn = draws.positions(r, k, positions);
                        for (int t = 0; t < drawn; t++) {
                            row.putInt(positions[t]);
                        }
                    }
                    assertThat(row.position()).isEqualTo(4 * n);
                    out.write(row.array());
                }
            }
        }
    }
}
