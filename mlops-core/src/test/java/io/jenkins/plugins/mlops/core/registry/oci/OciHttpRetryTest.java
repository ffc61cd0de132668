package io.jenkins.plugins.mlops.core.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads that meet a registry's transient failure (a 5xx, a 429) are sent again, a bounded number of times; writes
 * never are. Against a real HTTP server on loopback that fails on purpose.
 */
class OciHttpRetryTest {

    private HttpServer server;
    private final AtomicInteger heads = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private volatile int failuresBeforeSuccess;
    private volatile int failureStatus = 500;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", exchange -> {
            int n = exchange.getRequestMethod().equals("HEAD") ? heads.incrementAndGet() : puts.incrementAndGet();
            int status = n <= failuresBeforeSuccess ? failureStatus : 200;
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aReadIsSentAgainAfterATransientFailureAndSucceeds() throws Exception {
        failuresBeforeSuccess = 2;
        assertThat(status("HEAD")).isEqualTo(200);
        assertThat(heads).hasValue(3);
    }

    @Test
    void throttlingIsWaitedOutToo() throws Exception {
        failuresBeforeSuccess = 1;
        failureStatus = 429;
        assertThat(status("HEAD")).isEqualTo(200);
        assertThat(heads).hasValue(2);
    }

    @Test
    void aReadThatKeepsFailingReportsTheLastAnswerAfterABoundedNumberOfAttempts() throws Exception {
        failuresBeforeSuccess = 100;
        assertThat(status("HEAD")).isEqualTo(500);
        assertThat(heads).hasValue(OciHttp.READ_ATTEMPTS);
    }

    @Test
    void aWriteIsNeverSentTwice() throws Exception {
        failuresBeforeSuccess = 1;
        assertThat(status("PUT")).isEqualTo(500);
        assertThat(puts).hasValue(1);
    }

    @Test
    void retryAfterIsHonouredWithinABound() {
        assertThat(OciHttp.retryDelayMillis(1, "2")).isEqualTo(2000);
        assertThat(OciHttp.retryDelayMillis(1, "86400")).isEqualTo(OciHttp.MAX_RETRY_AFTER_SECONDS * 1000);
        assertThat(OciHttp.retryDelayMillis(2, "Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(1000);
    }

    private int status(String method) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        OciHttp http = new OciHttp(base, "oci+http://test", null);
        HttpResponse<InputStream> r = http.send(new OciHttp.Call(method, base.resolve("/v2/m/blobs/sha256:x"), "s"));
        OciHttp.drain(r);
        return r.statusCode();
    }
}
