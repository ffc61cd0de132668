package io.jenkins.plugins.mlops.testing.context;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.testing.jenkins.RemotingStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent in the same JVM, reached the way Jenkins reaches a real one: what the controller sends
 * ({@link FilePath#act}'s callables) is serialized and deserialized, runs on a thread of the "agent", and what comes
 * back (value or exception) is serialized again and read through Jenkins' class filter, so a result class Jenkins
 * would refuse fails here with the same {@code SecurityException: Rejected: ...}. An interrupted caller interrupts
 * the agent's thread, as remoting's request cancellation does. Build listeners are exported, not copied: the agent
 * writes into the controller's log, as remoting's remote streams do.
 */
public final class LoopbackAgent implements VirtualChannel, Closeable {

    private static final Map<Long, TaskListener> EXPORTED = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private final ExecutorService agentThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-agent");
        t.setDaemon(true);
        return t;
    });
    private final java.util.List<byte[]> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Everything the controller has sent this agent so far, serialized: what crossed the wire. */
    public java.util.List<byte[]> requests() {
        return java.util.List.copyOf(requests);
    }

    /** A workspace directory of this agent, as the build's context would hand it to a step. */
    public FilePath workspace(Path directory) {
        return new FilePath(this, directory.toString());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
        if (closed) {
            throw new IOException("the channel to the loopback agent is closed");
        }
        byte[] request = serialize(callable);
        requests.add(request);
        Future<byte[]> reply;
        try {
            reply = agentThreads.submit(() -> {
            Object result;
            boolean failed = false;
            try {
                result = ((Callable<?, ?>) deserialize(request)).call();
            } catch (Throwable t) {
                result = t;
                failed = true;
            }
            return serializeReply(failed, result);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IOException("the channel to the loopback agent is closed", e);
        }
        pending.add(reply);
        if (closed) {
            reply.cancel(true);
        }
        byte[] bytes;
        try {
            bytes = reply.get();
        } catch (InterruptedException e) {
            reply.cancel(true);
            throw e;
        } catch (java.util.concurrent.CancellationException e) {
            throw new IOException("the channel to the loopback agent was closed during the call", e);
        } catch (ExecutionException e) {
            throw new IOException("the loopback agent could not send its reply", e.getCause());
        } finally {
            pending.remove(reply);
        }
        // The first byte says whether the rest is the value or the exception; the envelope is remoting's own in
        // Jenkins, so only the payload meets the class filter.
        Object value;
        try {
            value = RemotingStreams.read(java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
        if (bytes[0] == 1) {
            throw (T) value;
        }
        return (V) value;
    }

    /** Drops the connection: calls in flight and later ones fail, as they do on a real channel that has gone. */
    @Override
    public void close() {
        closed = true;
        for (Future<?> f : pending) {
            f.cancel(true);
        }
        agentThreads.shutdownNow();
    }

    private static byte[] serializeReply(boolean failed, Object value) throws IOException {
        byte[] payload = serialize(value);
        byte[] reply = new byte[payload.length + 1];
        reply[0] = (byte) (failed ? 1 : 0);
        System.arraycopy(payload, 0, reply, 1, payload.length);
        return reply;
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new Exporting(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /** Replaces each build listener by a handle to it, as remoting exports a listener's stream. */
    private static final class Exporting extends ObjectOutputStream {
        Exporting(ByteArrayOutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof TaskListener listener && !(obj instanceof ExportedListener)) {
                long id = IDS.incrementAndGet();
                EXPORTED.put(id, listener);
                return new ExportedListener(id);
            }
            return obj;
        }
    }

    /** The agent's side of an exported listener: writes go to the controller's listener. */
    private record ExportedListener(long id) implements TaskListener {
        @Override
        public PrintStream getLogger() {
            return EXPORTED.get(id).getLogger();
        }
    }
}
