package org.rapaio.jupyter.kernel.channels;

/**
 * Start-up fix for rapaio-jupyter-kernel 3.0.1, put before the kernel jar on the kernel JVM's class
 * path by {@code notebooks/setup.sh} (it is not part of frontier-notebook.jar).
 *
 * <p>The kernel's own {@code LoopThread.start()} calls {@code super.start()} and only then sets its
 * {@code running} flag, so a new thread that reaches {@code while (running)} first exits at once,
 * silently. When that happens to the shell channel's thread the kernel never answers
 * {@code kernel_info_request} and the client waits until its start-up timeout (about one start in
 * five on two cores); for the control channel, shutdown and interrupt requests are ignored. This
 * class, with the same name and public API, sets the flag before starting the thread, and keeps the
 * loop alive when one iteration throws (a message that arrives before the kernel registered its
 * handlers fails with a NullPointerException in the original and kills the channel; here the client's
 * next request is served).
 */
public final class LoopThread extends Thread {

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    /** A thread running {@code loopBody} every {@code sleep} milliseconds until {@link #shutdown()}. */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println("[" + getName() + "] channel loop iteration failed, continuing: " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Ends the loop after the current iteration. */
    public void shutdown() {
        running = false;
    }
}
