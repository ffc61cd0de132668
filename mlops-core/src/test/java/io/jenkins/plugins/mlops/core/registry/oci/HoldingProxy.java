package io.jenkins.plugins.mlops.core.registry.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of the test registry: a slow network link. In the client-to-registry direction
 * each connection either stops after it has forwarded {@code holdAfter} bytes, until {@link #release()}, or is
 * limited to a rate. It counts what clients send and notices which connections carried a {@code PATCH} and whether
 * the client closed them, so that a test can see how much of an upload reached the registry before it was stopped,
 * and that an aborted connection did not stay open. Its receive buffer is fixed and small, so a held client soon
 * blocks instead of filling kernel buffers.
 */
final class HoldingProxy implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 64 * 1024;

    /** What one client connection did. */
    static final class Link {
        final AtomicLong forwarded = new AtomicLong();
        volatile boolean sentPatch;
        volatile boolean registryClosed;
        final CountDownLatch closedByClient = new CountDownLatch(1);
        final Socket client;
        final Socket upstream;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }
    }

    private final ServerSocket server;
    private final int targetPort;
    private final long holdAfter;
    private final long bytesPerSecond;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private final AtomicLong forwarded = new AtomicLong();

    private HoldingProxy(int targetPort, long holdAfter, long bytesPerSecond) throws IOException {
        this.targetPort = targetPort;
        this.holdAfter = holdAfter;
        this.bytesPerSecond = bytesPerSecond;
        server = new ServerSocket();
        server.setReceiveBufferSize(RECEIVE_BUFFER); // inherited by accepted sockets; disables autotuning
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("proxy-accept", this::acceptLoop).start();
    }

    /** A link that stops each connection after {@code bytes} from the client, until released. */
    static HoldingProxy holdingAfter(int targetPort, long bytes) throws IOException {
        return new HoldingProxy(targetPort, bytes, Long.MAX_VALUE);
    }

    /** A link that forwards at most {@code bytesPerSecond} per connection from the client. */
    static HoldingProxy limitedTo(int targetPort, long bytesPerSecond) throws IOException {
        HoldingProxy p = new HoldingProxy(targetPort, Long.MAX_VALUE, bytesPerSecond);
        p.release();
        return p;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes clients sent that reached the registry, over all connections. */
    long forwarded() {
        return forwarded.get();
    }

    /** Whether some connection reached {@code holdAfter} bytes and is being held, waiting at most {@code wait}. */
    boolean awaitHeld(Duration wait) throws InterruptedException {
        return held.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets every connection forward freely from now on. */
    void release() {
        released.countDown();
    }

    /** The connections that carried a {@code PATCH} request. */
    List<Link> patchLinks() {
        return links.stream().filter(l -> l.sentPatch).toList();
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
        for (Link l : links) {
            l.client.close();
            l.upstream.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, upstream);
                links.add(link);
                daemon("proxy-up", () -> pumpUp(link)).start();
                daemon("proxy-down", () -> pumpDown(link)).start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pumpUp(Link link) {
        byte[] buf = new byte[16 * 1024];
        long start = System.nanoTime();
        try {
            InputStream in = link.client.getInputStream();
            OutputStream out = link.upstream.getOutputStream();
            while (true) {
                if (bytesPerSecond != Long.MAX_VALUE) {
                    long due = start + link.forwarded.get() * 1_000_000_000L / bytesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                int room = buf.length;
                if (released.getCount() > 0) {
                    long left = holdAfter - link.forwarded.get();
                    if (left <= 0) {
                        held.countDown();
                        released.await();
                    } else {
                        room = (int) Math.min(room, left);
                    }
                }
                int n = in.read(buf, 0, room);
                if (n < 0) {
                    break;
                }
                if (startsWith(buf, n, "PATCH ")) {
                    link.sentPatch = true; // keep-alive: a new request starts a new read once the last was answered
                }
                out.write(buf, 0, n);
                link.forwarded.addAndGet(n);
                forwarded.addAndGet(n);
            }
            link.closedByClient.countDown();
            link.upstream.shutdownOutput(); // the registry answers what it got, then closes; pumpDown ends the link
        } catch (IOException e) {
            if (!link.registryClosed) {
                link.closedByClient.countDown(); // a reset is the client closing too
            }
            closeQuietly(link);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(link);
        }
    }

    private void pumpDown(Link link) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = link.upstream.getInputStream();
            OutputStream out = link.client.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // either side went away
        }
        link.registryClosed = true;
        closeQuietly(link);
    }

    private static boolean startsWith(byte[] buf, int n, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (n < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (buf[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(Link link) {
        try {
            link.client.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            link.upstream.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
