package io.earshot.bench;

import java.io.IOException;

/** Samples the app's heap and RSS once a second while a load runs, keeping the peaks. */
final class LoadSampler implements AutoCloseable {

    private final App app;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double peakHeap;
    private volatile double peakRss;

    LoadSampler(App app) {
        this.app = app;
        this.thread = new Thread(this::sample, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            try {
                peakHeap = Math.max(peakHeap, app.heapMiB());
                peakRss = Math.max(peakRss, app.rssMiB());
                Thread.sleep(1_000);
            } catch (IOException e) {
                // a busy app may miss a sample; the next one counts
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    double peakHeapMiB() {
        return peakHeap;
    }

    double peakRssMiB() {
        return peakRss;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
