package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-in for Jenkins core's {@code jenkins.util.Timer} (jenkins-2.479.3): the scheduled thread pool every timed
 * task of Jenkins shares, created on first use, and thrown away by {@link #shutdown()} (which Jenkins calls while it
 * stops, after its terminators; a later {@link #get()} makes a new one). As in Jenkins: 10 daemon threads named
 * {@code jenkins.util.Timer [#n]}. Jenkins also runs every task as the SYSTEM user and logs what a task throws; the
 * stand-in has no users and leaves a task's exception in its future.
 */
public class Timer {

    static ScheduledExecutorService executorService;

    public static synchronized ScheduledExecutorService get() {
        if (executorService == null) {
            AtomicInteger count = new AtomicInteger();
            executorService = new ScheduledThreadPoolExecutor(10, r -> {
                Thread t = new Thread(r, "jenkins.util.Timer [#" + count.incrementAndGet() + "]");
                t.setDaemon(true);
                return t;
            });
        }
        return executorService;
    }

    public static synchronized void shutdown() {
        if (executorService != null) {
            executorService.shutdownNow();
            executorService = null;
        }
    }

    private Timer() {
    }
}
