package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a container's log back from the engine (the logs API, with timestamps) from a {@link LogCursor}, for a
 * reader that is not attached to the container: one that polls, or one that comes back after a restart. Each stream
 * is read on its own: the engine stamps a stream's messages one after the other as it receives them and keeps them
 * in that order, while the order it returns stdout and stderr in relative to each other can differ from one read to
 * the next. The cursor keeps, per stream, the second to ask from (a second before the newest message read) and how
 * many messages of that span were read, so a read neither repeats nor skips a message. The lines of both streams are
 * handed out merged by their stamps.
 */
public final class ContainerLogReader {

    /** A misbehaving engine must not hang a poll: the read of what is already stored ends long before this. */
    private static final long READ_SECONDS = 60;

    private ContainerLogReader() {
    }

    /**
     * The messages after {@code cursor}, at most {@code maxLines} of each stream.
     *
     * @throws ContainerException {@link ContainerFailure#CONTAINER_GONE} when the container does not exist, or
     *                            {@link ContainerFailure#ENGINE_ERROR} when the engine cannot give its log back (a
     *                            logging driver without read support and dual logging switched off)
     */
    public static LogChunk read(DockerClient docker, String containerId, LogCursor cursor, int maxLines)
            throws ContainerException, InterruptedException {
        Collector out = read(docker, containerId, LogSink.Stream.STDOUT, cursor, maxLines);
        Collector err = read(docker, containerId, LogSink.Stream.STDERR, cursor, maxLines);
        List<Stamped> all = new ArrayList<>(out.lines);
        all.addAll(err.lines);
        // Stable: a stream's own order is kept where stamps tie.
        all.sort(java.util.Comparator.comparing(Stamped::stamp));
        List<String> lines = new ArrayList<>(all.size());
        for (Stamped l : all) {
            lines.add(l.text());
        }
        LogCursor next = err.advanced(out.advanced(cursor));
        return new LogChunk(lines, next, out.full || err.full);
    }

    private static Collector read(DockerClient docker, String containerId, LogSink.Stream stream, LogCursor cursor,
            int maxLines) throws ContainerException, InterruptedException {
        LogContainerCmd cmd = docker.logContainerCmd(containerId).withStdOut(stream == LogSink.Stream.STDOUT)
                .withStdErr(stream == LogSink.Stream.STDERR).withTimestamps(true).withFollowStream(false);
        long since = cursor.since(stream);
        if (since > 0) {
            cmd.withSince((int) Math.min(Integer.MAX_VALUE, since));
        }
        Collector collector = new Collector(stream, since, cursor.seen(stream), maxLines);
        try {
            cmd.exec(collector);
            if (!collector.awaitCompletion(READ_SECONDS, TimeUnit.SECONDS)) {
                collector.closeQuietly();
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine did not return the log of"
                        + " container " + RunResources.shortId(containerId) + " within " + READ_SECONDS + " s");
            }
        } catch (NotFoundException e) {
            throw gone(containerId, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof NotFoundException) {
                throw gone(containerId, e);
            }
            if (!collector.full) {
                // Closing the stream at the line limit may end the read with an error; that one is no failure.
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine could not return the log of"
                        + " container " + RunResources.shortId(containerId) + " (its logging driver must support"
                        + " reading, or Docker's dual logging be on): " + e.getMessage(), e);
            }
        }
        collector.finish();
        return collector;
    }

    /**
     * The last {@code lines} lines of one stream, for the message of a failed run.
     */
    public static List<String> tail(DockerClient docker, String containerId, LogSink.Stream stream, int lines)
            throws InterruptedException {
        List<String> out = new ArrayList<>();
        LineAssembler assembler = new LineAssembler(out::add);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public synchronized void onNext(Frame frame) {
                if (frame.getPayload() != null) {
                    assembler.accept(frame.getPayload(), 0, frame.getPayload().length);
                }
            }
        };
        try {
            docker.logContainerCmd(containerId).withStdOut(stream == LogSink.Stream.STDOUT)
                    .withStdErr(stream == LogSink.Stream.STDERR).withTail(lines).exec(callback)
                    .awaitCompletion(READ_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            // Only decorates a failure message.
        }
        synchronized (callback) {
            assembler.flush();
            return new ArrayList<>(out);
        }
    }

    private static ContainerException gone(String containerId, Exception e) {
        return new ContainerException(ContainerFailure.CONTAINER_GONE, "Container " + RunResources.shortId(containerId)
                + " no longer exists on the Docker host (removed by hand, or the daemon's state was wiped)", e);
    }

    /** {@code payload} from {@code from} on as a line: UTF-8, without its line end. */
    private static String text(byte[] payload, int from) {
        int end = payload.length;
        if (end > from && payload[end - 1] == '\n') {
            end--;
        }
        if (end > from && payload[end - 1] == '\r') {
            end--;
        }
        return new String(payload, from, end - from, StandardCharsets.UTF_8);
    }

    /** One message: its stamp as the engine wrote it (RFC 3339 with nanoseconds, so it sorts as text) and its text. */
    private record Stamped(String stamp, String text) {
    }

    /**
     * Reassembles one stream's messages ({@code <stamp> <text>\n}) from the frames, which docker-java cuts wherever
     * its reads end; skips what was read before, keeps the rest up to the limit, and counts the stamps for the next
     * cursor.
     */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final LogSink.Stream stream;
        private final long since;
        private final int skip;
        private final int maxLines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final List<Stamped> lines = new ArrayList<>();
        private final List<Long> seconds = new ArrayList<>();
        private volatile boolean full;

        Collector(LogSink.Stream stream, long since, int skip, int maxLines) {
            this.stream = stream;
            this.since = since;
            this.skip = skip;
            this.maxLines = maxLines;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (full || payload == null) {
                return;
            }
            int start = 0;
            for (int i = 0; i < payload.length && !full; i++) {
                if (payload[i] == '\n') {
                    pending.write(payload, start, i + 1 - start);
                    message(pending.toByteArray());
                    pending.reset();
                    start = i + 1;
                }
            }
            if (!full) {
                pending.write(payload, start, payload.length - start);
            }
        }

        /** The last message, when the log ends without a line end (the process ended mid-line). */
        synchronized void finish() {
            if (!full && pending.size() > 0) {
                message(pending.toByteArray());
                pending.reset();
            }
        }

        private void message(byte[] message) {
            int space = 0;
            while (space < message.length && message[space] != ' ') {
                space++;
            }
            String stamp = new String(message, 0, space, StandardCharsets.US_ASCII);
            int current = seconds.size();
            seconds.add(second(stamp));
            if (current >= skip) {
                lines.add(new Stamped(stamp, text(message, Math.min(message.length, space + 1))));
                if (lines.size() >= maxLines) {
                    full = true;
                    closeQuietly();
                }
            }
        }

        /**
         * {@code cursor} with this stream moved past what was read. Everything read is a prefix of what a read from
         * the old second returns; the next read may start up to a second before the newest stamp, counting what it
         * will return again.
         */
        synchronized LogCursor advanced(LogCursor cursor) {
            long newest = since;
            for (long s : seconds) {
                newest = Math.max(newest, s);
            }
            long next = Math.max(since, newest - 1);
            int seen = 0;
            for (long s : seconds) {
                if (s >= next) {
                    seen++;
                }
            }
            return cursor.with(stream, next, next == 0 ? seconds.size() : seen);
        }

        void closeQuietly() {
            try {
                close();
            } catch (java.io.IOException | RuntimeException e) {
                // Only releases a connection.
            }
        }

        private static long second(String stamp) {
            try {
                return Instant.parse(stamp).getEpochSecond();
            } catch (DateTimeParseException e) {
                return 0;
            }
        }
    }
}
