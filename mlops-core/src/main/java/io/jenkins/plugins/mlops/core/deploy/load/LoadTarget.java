package io.jenkins.plugins.mlops.core.deploy.load;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * One kind of request a load sends, with what makes its answer a success. The load cycles through its targets in
 * order, so a smoke test suite becomes the mix of a load test.
 *
 * @param request what is sent; its timeout is replaced by the load's request timeout
 * @param check   null when the answer is right, otherwise why it is not ({@code "status 503"})
 */
public record LoadTarget(HttpRequest request, ResponseCheck check) {

    /** Decides whether an answer counts as a success. */
    @FunctionalInterface
    public interface ResponseCheck {
        /** @return null for a success, otherwise a short reason */
        String failure(HttpResponse<String> response);
    }

    public LoadTarget {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(check, "check");
    }

    /** A target whose answer succeeds when its status is {@code expectedStatus}. */
    public static LoadTarget expectingStatus(HttpRequest request, int expectedStatus) {
        return new LoadTarget(request, r -> r.statusCode() == expectedStatus ? null : "status " + r.statusCode());
    }
}
